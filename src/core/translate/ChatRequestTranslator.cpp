#include "translate/ChatRequestTranslator.h"

#include "common/JsonScan.h"
#include "common/JsonSyntax.h"
#include "common/JsonWriter.h"
#include "common/WholeNumber.h"

#include "translate/ContentParts.h"
#include "translate/MessageConverter.h"
#include "translate/RequestFeatures.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

using chatreq::ThinkingFamily;

bool absent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

// generationConfig from the request's sampling parameters: only what the client sent.
class ConfigBuilder
{
public:
    explicit ConfigBuilder(const QJsonObject &request) : m_request(request) {}

    QJsonObject config;
    QString error;

    void number(const char *from, const char *to)
    {
        const QJsonValue v = m_request.value(QLatin1StringView(from));
        if (absent(v) || !error.isEmpty())
            return;
        if (!v.isDouble()) {
            error = QLatin1StringView(from) + u" must be a number"_s;
            return;
        }
        config.insert(QLatin1StringView(to), v.toDouble());
    }

    void integer(const char *from, const char *to, bool positiveOnly = false)
    {
        const QJsonValue v = m_request.value(QLatin1StringView(from));
        if (absent(v) || !error.isEmpty())
            return;
        if (!v.isDouble() || v.toDouble() != std::trunc(v.toDouble())) {
            error = QLatin1StringView(from) + u" must be an integer"_s;
            return;
        }
        if (!wholeNumber(v.toDouble())) {
            error = QLatin1StringView(from) + u" is too large"_s;
            return;
        }
        if (positiveOnly && v.toInteger() <= 0)
            return;  // 0 is "no limit" to some clients
        config.insert(QLatin1StringView(to), v.toInteger());
    }

    // Penalties of 0 are OpenAI's defaults and no-ops; some clients always send them, and
    // Gemini 2.5 rejects any penalty ("Penalty is not enabled for models/...").
    void penalty(const char *from, const char *to)
    {
        const QJsonValue v = m_request.value(QLatin1StringView(from));
        if (v.isDouble() && v.toDouble() == 0.0)
            return;
        number(from, to);
    }

    void fail(const QString &message)
    {
        if (error.isEmpty())
            error = message;
    }

private:
    const QJsonObject &m_request;
};

Result<QJsonObject> generationConfig(const QJsonObject &request, bool *jsonOutput)
{
    ConfigBuilder b(request);
    b.number("temperature", "temperature");
    b.number("top_p", "topP");
    b.integer("top_k", "topK");
    b.integer("seed", "seed");
    b.penalty("presence_penalty", "presencePenalty");
    b.penalty("frequency_penalty", "frequencyPenalty");
    b.integer("top_logprobs", "logprobs");
    if (!absent(request.value(u"max_completion_tokens"_s)))
        b.integer("max_completion_tokens", "maxOutputTokens", true);
    else
        b.integer("max_tokens", "maxOutputTokens", true);
    b.integer("n", "candidateCount");

    const QJsonValue logprobs = request.value(u"logprobs"_s);
    if (logprobs.isBool()) {
        if (logprobs.toBool())
            b.config.insert(u"responseLogprobs"_s, true);
    } else if (!absent(logprobs)) {
        b.fail(u"logprobs must be a boolean"_s);
    }

    const QJsonValue stop = request.value(u"stop"_s);
    if (stop.isString()) {
        if (!stop.toString().isEmpty())
            b.config.insert(u"stopSequences"_s, QJsonArray{stop});
    } else if (stop.isArray()) {
        QJsonArray sequences;
        for (const QJsonValue &s : stop.toArray()) {
            if (!s.isString())
                b.fail(u"stop must be a string or an array of strings"_s);
            else if (!s.toString().isEmpty())
                sequences.append(s);
        }
        if (!sequences.isEmpty())
            b.config.insert(u"stopSequences"_s, sequences);
    } else if (!absent(stop)) {
        b.fail(u"stop must be a string or an array of strings"_s);
    }

    const QJsonValue format = request.value(u"response_format"_s);
    if (format.isObject()) {
        const QString type = format.toObject().value(u"type"_s).toString();
        if (type == "json_object"_L1) {
            b.config.insert(u"responseMimeType"_s, u"application/json"_s);
            *jsonOutput = true;
        } else if (type == "json_schema"_L1) {
            b.config.insert(u"responseMimeType"_s, u"application/json"_s);
            *jsonOutput = true;
            // responseJsonSchema takes JSON Schema itself: the schema goes as the client wrote it.
            const QJsonValue schema = format.toObject().value(u"json_schema"_s).toObject().value(u"schema"_s);
            if (schema.isObject())
                b.config.insert(u"responseJsonSchema"_s, schema);
            else if (!absent(schema))
                b.fail(u"response_format.json_schema.schema must be an object"_s);
        } else if (type != "text"_L1) {
            b.fail(u"response_format.type \""_s + type + u"\" is not supported: use text, json_object or json_schema"_s);
        }
    } else if (!absent(format)) {
        b.fail(u"response_format must be an object"_s);
    }

    const QJsonValue modalities = request.value(u"modalities"_s);
    if (modalities.isArray() && !modalities.toArray().isEmpty()) {
        QJsonArray out;
        for (const QJsonValue &m : modalities.toArray())
            out.append(m.toString().toUpper());
        b.config.insert(u"responseModalities"_s, out);
    }

    if (!b.error.isEmpty())
        return Result<QJsonObject>::failure(b.error);
    return b.config;
}

// Models that reject systemInstruction ("Developer instruction is not enabled for
// models/..."): Gemma, and Gemini 2.0's image-generating variants.
bool rejectsSystemInstruction(const QString &model, ModelAlias alias)
{
    if (model.startsWith("gemma"_L1))
        return true;
    return model.startsWith("gemini-2.0"_L1) && (alias == ModelAlias::Image || model.contains("image"_L1));
}

} // namespace

QStringList remoteMediaUrls(const QJsonObject &openAiRequest)
{
    QStringList urls;
    for (const QJsonValue &m : openAiRequest.value(u"messages"_s).toArray())
        chatreq::collectRemoteUrls(m.toObject().value(u"content"_s), urls);
    return urls;
}

namespace {

// The request's messages: a parsed array, or plain text messages already written as Gemini's
// JSON from the body's bytes (with those bytes, for when they cannot be used as written).
struct Messages
{
    QJsonArray array;
    const chatreq::TextMessagesJson *text = nullptr;
    QByteArrayView json;

    QJsonArray parsed() const { return text ? QJsonDocument::fromJson(json.toByteArray()).array() : array; }
};

Result<ChatTranslation> translate(const QJsonObject &request, const Messages &messagesIn, const SettingsValues &settings,
                                  const QHash<QString, FetchedMedia> &fetched)
{
    using R = Result<ChatTranslation>;

    const QJsonValue modelValue = request.value(u"model"_s);
    if (!modelValue.isString() || modelValue.toString().isEmpty())
        return R::failure(u"model is required"_s);
    if (!messagesIn.text && messagesIn.array.isEmpty())
        return R::failure(u"messages must be a non-empty array"_s);

    ChatTranslation out;
    out.requestedModel = modelValue.toString();
    out.route = resolveModel(out.requestedModel, settings);
    const QString realModel = stripModelsPrefix(out.route.real);

    const QJsonValue stream = request.value(u"stream"_s);
    if (!absent(stream) && !stream.isBool())
        return R::failure(u"stream must be a boolean"_s);
    out.stream = stream.toBool();
    out.includeUsage = request.value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool();
    const QJsonValue n = request.value(u"n"_s);
    if (!absent(n)) {
        if (!n.isDouble() || n.toInteger() < 1 || n.toDouble() != double(n.toInteger()))
            return R::failure(u"n must be a positive integer"_s);
        out.candidateCount = int(n.toInteger());
    }

    // Plain text messages (most chats) are written straight as JSON; the rest are converted
    // into QJsonArrays first.
    chatreq::TextMessagesJson ownText;
    const chatreq::TextMessagesJson &text = messagesIn.text ? *messagesIn.text : ownText;
    const bool textOnly = (messagesIn.text || chatreq::writeTextMessages(messagesIn.array, &ownText))
                          && text.hasContents && !(text.hasSystem && rejectsSystemInstruction(realModel, out.route.alias));
    chatreq::ConvertedMessages messages;
    if (!textOnly) {
        chatreq::MessageOptions messageOptions;
        messageOptions.addMissingSignatures = chatreq::thinkingFamily(realModel) == ThinkingFamily::Level;
        Result<chatreq::ConvertedMessages> converted =
            chatreq::convertMessages(messagesIn.parsed(), fetched, messageOptions);
        if (!converted)
            return R::failure(converted.error());
        messages = std::move(converted.value());
    }

    QJsonArray &contents = messages.contents;
    QJsonArray &systemParts = messages.systemParts;
    if (!systemParts.isEmpty() && (rejectsSystemInstruction(realModel, out.route.alias) || contents.isEmpty())) {
        // Keep the instructions: they open the first user turn instead.
        QJsonObject first = contents.isEmpty() ? QJsonObject{} : contents.first().toObject();
        if (first.value(u"role"_s).toString() == "user"_L1) {
            QJsonArray parts = systemParts;
            for (const QJsonValue &p : first.value(u"parts"_s).toArray())
                parts.append(p);
            first.insert(u"parts"_s, parts);
            contents.replace(0, first);
        } else {
            contents.prepend(QJsonObject{{u"role"_s, u"user"_s}, {u"parts"_s, systemParts}});
        }
        systemParts = {};
    }
    if (contents.isEmpty() && !textOnly)
        return R::failure(u"messages: no message has any content"_s);

    bool jsonOutput = false;
    Result<QJsonObject> config = generationConfig(request, &jsonOutput);
    if (!config)
        return R::failure(config.error());
    QJsonObject generation = config.value();

    // Gemini fields clients pass the way Google's own OpenAI endpoint takes them:
    // "extra_body": {"google": {...}} (or "google" at the top, as an SDK's extra_body sends it).
    QJsonObject google = request.value(u"extra_body"_s).toObject().value(u"google"_s).toObject();
    if (google.isEmpty())
        google = request.value(u"google"_s).toObject();

    const chatreq::FeatureInput features{request, settings, out.route, realModel, messages.hasImages, jsonOutput};
    Result<QJsonObject> thinking = chatreq::buildThinkingConfig(features, google);
    if (!thinking)
        return R::failure(thinking.error());
    if (!thinking.value().isEmpty())
        generation.insert(u"thinkingConfig"_s, thinking.value());
    if (out.route.alias == ModelAlias::Image && !generation.contains(u"responseModalities"_s))
        generation.insert(u"responseModalities"_s, QJsonArray{u"TEXT"_s, u"IMAGE"_s});

    Result<chatreq::ToolsResult> tools = chatreq::buildTools(features);
    if (!tools)
        return R::failure(tools.error());
    const QByteArray safety = chatreq::safetySettingsJson(features, google);
    const QJsonValue cached = google.contains(u"cached_content"_s) ? google.value(u"cached_content"_s)
                                                                    : google.value(u"cachedContent"_s);

    // Written with the keys in the order QJsonDocument sorts them (the same bytes as before),
    // the safety settings as the JSON remembered for them: one QJsonDocument::toJson of the
    // whole body cost more than the rest of the translation.
    JsonWriter body;
    body.beginObject();
    if (cached.isString() && !cached.toString().isEmpty())
        body.key("cachedContent"_L1).value(cached.toString());
    if (textOnly)
        body.key("contents"_L1).rawValue(text.contents);
    else
        body.key("contents"_L1).value(contents);
    if (!generation.isEmpty())
        body.key("generationConfig"_L1).value(generation);
    if (!safety.isEmpty())
        body.key("safetySettings"_L1).rawValue(safety);
    if (textOnly && text.hasSystem)
        body.key("systemInstruction"_L1).beginObject().key("parts"_L1).rawValue(text.systemParts).endObject();
    else if (!systemParts.isEmpty())
        body.key("systemInstruction"_L1).value(QJsonObject{{u"parts"_s, systemParts}});
    if (!tools.value().toolConfig.isEmpty())
        body.key("toolConfig"_L1).value(tools.value().toolConfig);
    if (!tools.value().tools.isEmpty())
        body.key("tools"_L1).value(tools.value().tools);
    body.endObject();
    out.geminiBody = body.take();
    return out;
}

} // namespace

Result<ChatTranslation> translateChatRequest(const QJsonObject &openAiRequest, const SettingsValues &settings,
                                             const QHash<QString, FetchedMedia> &fetched)
{
    Messages messages;
    messages.array = openAiRequest.value(u"messages"_s).toArray();  // not an array: empty, refused
    return translate(openAiRequest, messages, settings, fetched);
}

bool readPlainChatRequest(QByteArrayView body, PlainChatRequest *out)
{
    if (!jsonsyntax::isObject(body))
        return false;
    QByteArray members;
    bool sawMessages = false;
    const bool ok = jsonscan::forEachMember(body.trimmed(), [&](QByteArrayView key, QByteArrayView value) {
        if (key.contains('\\'))
            return false;  // a key spelled with escapes may be "messages"
        if (key == "messages") {
            if (std::exchange(sawMessages, true))
                return false;
            out->messagesJson = value;
            return true;
        }
        members += members.isEmpty() ? '{' : ',';
        members += '"';
        members += key;
        members += "\":";
        members += value;
        return true;
    });
    // An empty list gets its error from the general path.
    const QByteArrayView messages = out->messagesJson;
    if (!ok || !sawMessages || messages.size() < 2 || messages.front() != '['
        || messages.sliced(1, messages.size() - 2).trimmed().isEmpty() || !chatreq::writeTextMessages(messages, &out->text))
        return false;
    out->params = members.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(members + '}').object();
    return true;
}

Result<ChatTranslation> translateChatRequest(const PlainChatRequest &request, const SettingsValues &settings)
{
    Messages messages;
    messages.text = &request.text;
    messages.json = request.messagesJson;
    return translate(request.params, messages, settings, {});
}

} // namespace gb
