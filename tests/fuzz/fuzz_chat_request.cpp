// OpenAI chat.completions request -> Gemini generateContent request translation; plain text
// messages written straight as JSON must give the bytes the general conversion gives, and a
// request read from its bytes (readPlainChatRequest) the translation of its QJsonDocument.
#include "FuzzInput.h"
#include "settings/SettingsValues.h"
#include "translate/ChatRequestTranslator.h"
#include "translate/MessageConverter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// A request read from its bytes (plain text messages) translates as its QJsonDocument does.
void checkPlainReading(const QByteArray &body, const QJsonDocument &document, const gb::SettingsValues &settings)
{
    gb::PlainChatRequest plain;
    if (!gb::readPlainChatRequest(body, &plain))
        return;
    gb::fuzz::check(document.isObject(), "the plain reader took what Qt does not read as an object");
    const auto fromBytes = gb::translateChatRequest(plain, settings);
    const auto fromQt = gb::translateChatRequest(document.object(), settings);
    gb::fuzz::check(fromBytes.ok() == fromQt.ok(), "the plain reader answers as the general path");
    if (!fromQt.ok()) {
        gb::fuzz::check(fromBytes.error() == fromQt.error(), "the same error");
        return;
    }
    const gb::ChatTranslation &a = fromBytes.value(), &b = fromQt.value();
    gb::fuzz::check(a.geminiBody == b.geminiBody, "the same Gemini body");
    gb::fuzz::check(a.requestedModel == b.requestedModel && a.route.real == b.route.real && a.route.alias == b.route.alias
                        && a.stream == b.stream && a.includeUsage == b.includeUsage
                        && a.candidateCount == b.candidateCount,
                    "the same translation");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const gb::SettingsValues settings;
    const QByteArray body = gb::fuzz::bytes(data, size);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    checkPlainReading(body, document, settings);
    if (!document.isObject())
        return 0;
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
