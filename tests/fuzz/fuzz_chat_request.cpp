// OpenAI chat.completions request -> Gemini generateContent request translation; plain text
// messages written straight as JSON must give the bytes the general conversion gives.
#include "FuzzInput.h"
#include "settings/SettingsValues.h"
#include "translate/ChatRequestTranslator.h"
#include "translate/MessageConverter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document = QJsonDocument::fromJson(gb::fuzz::bytes(data, size));
    if (!document.isObject())
        return 0;
    static const gb::SettingsValues settings;
    const QJsonObject request = document.object();
    gb::remoteMediaUrls(request);
    const QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
    gb::chatreq::TextMessagesJson text;
    if (gb::chatreq::writeTextMessages(messages, &text)) {
        const auto converted = gb::chatreq::convertMessages(messages, {}, {});
        gb::fuzz::check(converted.ok(), "plain text messages convert");
        const auto compact = [](const QJsonArray &a) { return QJsonDocument(a).toJson(QJsonDocument::Compact); };
        gb::fuzz::check(text.contents == compact(converted.value().contents), "the same contents");
        gb::fuzz::check(!text.hasSystem || text.systemParts == compact(converted.value().systemParts),
                        "the same system parts");
    }
    const auto translated = gb::translateChatRequest(request, settings);
    if (translated.ok()) {
        // What goes upstream is always a JSON object.
        gb::fuzz::check(QJsonDocument::fromJson(translated.value().geminiBody).isObject(), "a JSON object upstream");
    } else {
        gb::fuzz::check(!translated.error().isEmpty(), "an error message");
    }
    return 0;
}
