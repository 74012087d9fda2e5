// OpenAI chat.completions request -> Gemini generateContent request translation.
#include "FuzzInput.h"
#include "settings/SettingsValues.h"
#include "translate/ChatRequestTranslator.h"

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
    const auto translated = gb::translateChatRequest(request, settings);
    if (translated.ok()) {
        // What goes upstream is always a JSON object.
        gb::fuzz::check(QJsonDocument::fromJson(translated.value().geminiBody).isObject(), "a JSON object upstream");
    } else {
        gb::fuzz::check(!translated.error().isEmpty(), "an error message");
    }
    return 0;
}
