#include "FakeGeminiResponses.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>

#include <cmath>

using namespace Qt::StringLiterals;

namespace gb::test {

namespace fake {

Json errorBody(int code, const QString &message, const QString &status, const Json &details)
{
    Json error = Json::object({{"code", code}, {"message", message}, {"status", status}});
    if (!details.isNull())
        error.add("details", details);
    return Json::object({{"error", error}});
}

static Json errorInfo(const QString &reason, Json metadata)
{
    return Json::object({{"@type", "type.googleapis.com/google.rpc.ErrorInfo"},
                         {"reason", reason},
                         {"domain", "googleapis.com"},
                         {"metadata", metadata}});
}

static Json localizedMessage(const QString &message)
{
    return Json::object({{"@type", "type.googleapis.com/google.rpc.LocalizedMessage"},
                         {"locale", "en-US"},
                         {"message", message}});
}

Json apiKeyInvalidError()
{
    const QString msg = u"API key not valid. Please pass a valid API key."_s;
    return errorBody(400, msg, u"INVALID_ARGUMENT"_s,
                     Json::array({errorInfo(u"API_KEY_INVALID"_s,
                                            Json::object({{"service", "generativelanguage.googleapis.com"}})),
                                  localizedMessage(msg)}));
}

Json missingKeyError()
{
    return errorBody(403,
                     u"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."_s,
                     u"PERMISSION_DENIED"_s);
}

Json suspendedKeyError(const QString &key)
{
    const QString msg = u"Permission denied: Consumer 'api_key:%1' has been suspended."_s.arg(key);
    return errorBody(403, msg, u"PERMISSION_DENIED"_s,
                     Json::array({errorInfo(u"CONSUMER_SUSPENDED"_s,
                                            Json::object({{"consumer", u"projects/1234567890"_s},
                                                          {"service", "generativelanguage.googleapis.com"}})),
                                  localizedMessage(msg)}));
}

Json rateLimitError(const QString &model, bool perDay, int retryDelaySec)
{
    const QString quotaId = perDay ? u"GenerateRequestsPerDayPerProjectPerModel-FreeTier"_s
                                   : u"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"_s;
    const QString quotaValue = perDay ? u"200"_s : u"15"_s;
    const QString msg =
        u"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: %1, model: %2\nPlease retry in %3s."_s
            .arg(quotaValue, model)
            .arg(retryDelaySec);
    Json violation = Json::object({
        {"quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests"},
        {"quotaId", quotaId},
        {"quotaDimensions", Json::object({{"location", "global"}, {"model", model}})},
        {"quotaValue", quotaValue},
    });
    Json details = Json::array({
        Json::object({{"@type", "type.googleapis.com/google.rpc.QuotaFailure"},
                      {"violations", Json::array({violation})}}),
        Json::object({{"@type", "type.googleapis.com/google.rpc.Help"},
                      {"links", Json::array({Json::object({
                                    {"description", "Learn more about Gemini API quotas"},
                                    {"url", "https://ai.google.dev/gemini-api/docs/rate-limits"}})})}}),
        Json::object({{"@type", "type.googleapis.com/google.rpc.RetryInfo"},
                      {"retryDelay", u"%1s"_s.arg(retryDelaySec)}}),
    });
    return errorBody(429, msg, u"RESOURCE_EXHAUSTED"_s, details);
}

Json badJsonError(const QByteArray &body, int errorOffset)
{
    // The real message quotes the offending line and marks the column with '^'.
    int lineStart = body.lastIndexOf('\n', qMax(0, errorOffset - 1)) + 1;
    int lineEnd = body.indexOf('\n', errorOffset);
    if (lineEnd < 0)
        lineEnd = body.size();
    const QByteArray line = body.mid(lineStart, qMin(lineEnd - lineStart, 200));
    const int column = qBound(0, errorOffset - lineStart, int(line.size()));
    const QString msg = u"Invalid JSON payload received. Unexpected token.\n"_s + QString::fromUtf8(line)
        + u'\n' + QString(column, u' ') + u'^';
    return errorBody(400, msg, u"INVALID_ARGUMENT"_s,
                     Json::array({Json::object({{"@type", "type.googleapis.com/google.rpc.BadRequest"},
                                                {"fieldViolations",
                                                 Json::array({Json::object({{"description", msg}})})}})}));
}

Json invalidArgumentError(const QString &message)
{
    return errorBody(400, message, u"INVALID_ARGUMENT"_s);
}

Json modelNotFoundError(const QString &model, const QString &method)
{
    return errorBody(404,
                     u"models/%1 is not found for API version v1beta, or is not supported for %2. Call ListModels to see the list of available models and their supported methods."_s
                         .arg(model, method),
                     u"NOT_FOUND"_s);
}

Json errorForStatus(int status, const QString &model, const QString &key)
{
    switch (status) {
    case 400: return apiKeyInvalidError();
    case 401:
        return errorBody(401,
                         u"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."_s,
                         u"UNAUTHENTICATED"_s);
    case 403: return suspendedKeyError(key.isEmpty() ? u"AIzaUnknown"_s : key);
    case 404: return modelNotFoundError(model.isEmpty() ? u"unknown"_s : model, u"generateContent"_s);
    case 429: return rateLimitError(model.isEmpty() ? u"gemini-2.5-flash"_s : model, false, 37);
    case 500:
        return errorBody(500,
                         u"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"_s,
                         u"INTERNAL"_s);
    case 503: return errorBody(503, u"The model is overloaded. Please try again later."_s, u"UNAVAILABLE"_s);
    case 504: return errorBody(504, u"Deadline expired before operation could complete."_s, u"DEADLINE_EXCEEDED"_s);
    default:
        return errorBody(status, u"Error %1"_s.arg(status), status >= 500 ? u"INTERNAL"_s : u"FAILED_PRECONDITION"_s);
    }
}

QByteArray notFoundHtml(const QByteArray &path)
{
    QByteArray escaped = path;
    escaped.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    return QByteArrayLiteral("<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
                             "  <meta name=viewport content=\"initial-scale=1, minimum-scale=1, width=device-width\">\n"
                             "  <title>Error 404 (Not Found)!!1</title>\n"
                             "  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>\n"
                             "  <p><b>404.</b> <ins>That\xe2\x80\x99s an error.</ins>\n  <p>The requested URL <code>")
        + escaped
        + QByteArrayLiteral("</code> was not found on this server.  <ins>That\xe2\x80\x99s all we know.</ins>\n");
}

int estimateTokens(const QString &text)
{
    const int bytes = int(text.toUtf8().size());
    return qMax(1, (bytes + 3) / 4);
}

QString randomId(int length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QString id;
    id.reserve(length);
    for (int i = 0; i < length; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(64)]));
    return id;
}

QString randomSignature()
{
    QByteArray raw(48, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(raw.toBase64());
}

static QString partsText(const QJsonArray &parts)
{
    QStringList texts;
    for (const QJsonValue &p : parts) {
        const QJsonObject o = p.toObject();
        if (o.contains("text"_L1) && !o.value("thought"_L1).toBool())
            texts << o.value("text"_L1).toString();
    }
    return texts.join(u' ');
}

static Json sampleValue(const QString &name, const QJsonObject &schema)
{
    const QString type = schema.value("type"_L1).toString().toUpper();
    const QJsonArray enumValues = schema.value("enum"_L1).toArray();
    if (!enumValues.isEmpty())
        return Json::fromQt(enumValues.first());
    if (type == "NUMBER"_L1)
        return Json(1.5);
    if (type == "INTEGER"_L1)
        return Json(1);
    if (type == "BOOLEAN"_L1)
        return Json(true);
    if (type == "ARRAY"_L1)
        return Json::array();
    if (type == "OBJECT"_L1) {
        Json obj = Json::object();
        const QJsonObject props = schema.value("properties"_L1).toObject();
        for (auto it = props.constBegin(); it != props.constEnd(); ++it)
            obj.add(it.key().toUtf8(), sampleValue(it.key(), it.value().toObject()));
        return obj;
    }
    return Json(u"fake-"_s + name);
}

GenerateRequestInfo parseGenerateRequest(const QJsonObject &body)
{
    GenerateRequestInfo info;
    QString allText;
    const QJsonArray contents = body.value("contents"_L1).toArray();
    info.hasContents = !contents.isEmpty();
    for (const QJsonValue &c : contents) {
        const QJsonObject content = c.toObject();
        const QString text = partsText(content.value("parts"_L1).toArray());
        allText += text;
        const QString role = content.value("role"_L1).toString();
        if (role.isEmpty() || role == "user"_L1)
            info.lastUserText = text;
    }
    allText += partsText(body.value("systemInstruction"_L1).toObject().value("parts"_L1).toArray());
    info.promptTokens = estimateTokens(allText);

    const QString mode = body.value("toolConfig"_L1).toObject().value("functionCallingConfig"_L1)
                             .toObject().value("mode"_L1).toString();
    if (mode == "NONE"_L1)
        return info;
    const QJsonArray tools = body.value("tools"_L1).toArray();
    for (const QJsonValue &t : tools) {
        const QJsonArray decls = t.toObject().value("functionDeclarations"_L1).toArray();
        if (decls.isEmpty())
            continue;
        const QJsonObject decl = decls.first().toObject();
        info.functionName = decl.value("name"_L1).toString();
        QJsonObject params = decl.value("parameters"_L1).toObject();
        if (params.isEmpty())
            params = decl.value("parametersJsonSchema"_L1).toObject();
        info.functionArgs = Json::object();
        const QJsonObject props = params.value("properties"_L1).toObject();
        for (auto it = props.constBegin(); it != props.constEnd(); ++it)
            info.functionArgs.add(it.key().toUtf8(), sampleValue(it.key(), it.value().toObject()));
        break;
    }
    return info;
}

ReplyPlan planReply(const QString &model, const GenerateRequestInfo &info, bool withThoughts,
                    const QString &fixedText)
{
    ReplyPlan plan;
    plan.model = model;
    plan.responseId = randomId(23);
    const QString said = info.lastUserText.isEmpty() ? u"(no text)"_s : info.lastUserText;
    if (withThoughts) {
        plan.thought = u"**Considering the request**\n\nThe user wrote \"%1\". I will answer briefly."_s.arg(said.left(200));
    }
    plan.text = fixedText.isEmpty()
        ? u"Fake reply from %1 to: %2\nThis is a canned answer from the fake Gemini upstream."_s.arg(model, said)
        : fixedText;
    if (!info.functionName.isEmpty()) {
        plan.functionName = info.functionName;
        plan.functionArgs = info.functionArgs;
        plan.thoughtSignature = randomSignature();
    }
    plan.promptTokens = info.promptTokens;
    plan.candidatesTokens = estimateTokens(plan.text) + (plan.functionName.isEmpty() ? 0 : 8);
    plan.thoughtsTokens = plan.thought.isEmpty() ? 0 : estimateTokens(plan.thought);
    return plan;
}

static Json usage(const ReplyPlan &plan, bool final)
{
    Json u = Json::object({{"promptTokenCount", plan.promptTokens}});
    if (final) {
        u.add("candidatesTokenCount", plan.candidatesTokens);
        u.add("totalTokenCount", plan.promptTokens + plan.candidatesTokens + plan.thoughtsTokens);
        u.add("promptTokensDetails",
              Json::array({Json::object({{"modality", "TEXT"}, {"tokenCount", plan.promptTokens}})}));
    } else {
        u.add("totalTokenCount", plan.promptTokens + plan.thoughtsTokens);
    }
    if (plan.thoughtsTokens > 0)
        u.add("thoughtsTokenCount", plan.thoughtsTokens);
    return u;
}

static Json functionCallPart(const ReplyPlan &plan)
{
    return Json::object({{"functionCall", Json::object({{"name", plan.functionName}, {"args", plan.functionArgs}})},
                         {"thoughtSignature", plan.thoughtSignature}});
}

static Json response(const ReplyPlan &plan, const Json &parts, bool final)
{
    Json candidate = Json::object({{"content", Json::object({{"parts", parts}, {"role", "model"}})}});
    if (final)
        candidate.add("finishReason", "STOP");
    candidate.add("index", 0);
    return Json::object({{"candidates", Json::array({candidate})},
                         {"usageMetadata", usage(plan, final)},
                         {"modelVersion", plan.model},
                         {"responseId", plan.responseId}});
}

Json generateResponse(const ReplyPlan &plan)
{
    Json parts = Json::array();
    if (!plan.thought.isEmpty())
        parts.append(Json::object({{"text", plan.thought}, {"thought", true}}));
    parts.append(Json::object({{"text", plan.text}}));
    if (!plan.functionName.isEmpty())
        parts.append(functionCallPart(plan));
    return response(plan, parts, true);
}

QStringList splitText(const QString &text, int n)
{
    if (text.isEmpty())
        return {QString()};
    // Work on code points so a surrogate pair is never split.
    QStringList units;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            units << text.mid(i, 2);
            ++i;
        } else {
            units << QString(text.at(i));
        }
    }
    const int count = int(units.size());
    n = qBound(1, n, count);
    QStringList pieces;
    int pos = 0;
    for (int i = 0; i < n; ++i) {
        const int remaining = n - 1 - i;  // pieces still to cut after this one
        const int maxEnd = count - remaining;  // leave a code point for each
        int end = remaining == 0 ? count : int((qint64(count) * (i + 1)) / n);
        // Prefer ending a piece after a space close by, like real token boundaries.
        for (int k = end; remaining > 0 && k < maxEnd && k < end + 8; ++k) {
            if (units.at(k).front().isSpace()) {
                end = k + 1;
                break;
            }
        }
        end = qBound(pos + 1, end, maxEnd);
        QString piece;
        for (int k = pos; k < end; ++k)
            piece += units.at(k);
        pieces << piece;
        pos = end;
    }
    return pieces;
}

QList<Json> streamResponses(const ReplyPlan &plan, int chunks, bool usageOnlyEvent)
{
    chunks = qMax(1, chunks);
    QString text = plan.text;
    // Pad so every event gets some text.
    while (text.toUcs4().size() < chunks)
        text += u" ..."_s;
    const QStringList pieces = splitText(text, chunks);
    QList<Json> events;
    for (int i = 0; i < chunks; ++i) {
        const bool last = i == chunks - 1;
        Json parts = Json::array();
        if (i == 0 && !plan.thought.isEmpty())
            parts.append(Json::object({{"text", plan.thought}, {"thought", true}}));
        if (i < pieces.size())
            parts.append(Json::object({{"text", pieces.at(i)}}));
        if (last && !plan.functionName.isEmpty())
            parts.append(functionCallPart(plan));
        events << response(plan, parts, last);
    }
    if (usageOnlyEvent) {
        events << Json::object({{"usageMetadata", usage(plan, true)},
                                {"modelVersion", plan.model},
                                {"responseId", plan.responseId}});
    }
    return events;
}

Json countTokensResponse(int tokens)
{
    return Json::object({{"totalTokens", tokens},
                         {"promptTokensDetails",
                          Json::array({Json::object({{"modality", "TEXT"}, {"tokenCount", tokens}})})}});
}

QList<double> embeddingValues(const QString &text, int dimensions)
{
    // Deterministic per text: a hash-seeded generator, rounded like float32 output.
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
    quint32 seed = 0;
    for (int i = 0; i < 4; ++i)
        seed = (seed << 8) | quint8(digest.at(i));
    QRandomGenerator gen(seed);
    QList<double> values;
    values.reserve(dimensions);
    for (int i = 0; i < dimensions; ++i) {
        const double v = gen.generateDouble() * 0.2 - 0.1;
        values << std::round(v * 1e9) / 1e9;
    }
    return values;
}

Json embeddingJson(const QList<double> &values)
{
    Json arr = Json::array();
    for (double v : values)
        arr.append(v);
    return Json::object({{"values", arr}});
}

Json openAiModels(const QList<FakeModel> &models)
{
    Json data = Json::array();
    for (const FakeModel &m : models) {
        data.append(Json::object({{"id", u"models/"_s + m.name},
                                  {"object", "model"},
                                  {"created", 0},
                                  {"owned_by", "google"}}));
    }
    return Json::object({{"object", "list"}, {"data", data}});
}

static Json openAiUsage(const ReplyPlan &plan)
{
    return Json::object({{"completion_tokens", plan.candidatesTokens},
                         {"prompt_tokens", plan.promptTokens},
                         {"total_tokens", plan.promptTokens + plan.candidatesTokens + plan.thoughtsTokens}});
}

Json openAiCompletion(const ReplyPlan &plan, qint64 created)
{
    Json message = Json::object({{"content", plan.text}, {"role", "assistant"}});
    return Json::object({
        {"choices", Json::array({Json::object({{"finish_reason", "stop"}, {"index", 0}, {"message", message}})})},
        {"created", created},
        {"id", plan.responseId},
        {"model", plan.model},
        {"object", "chat.completion"},
        {"usage", openAiUsage(plan)},
    });
}

QList<Json> openAiStreamChunks(const ReplyPlan &plan, qint64 created, int chunks)
{
    const QStringList pieces = splitText(plan.text, qMax(1, chunks));
    QList<Json> out;
    for (int i = 0; i < pieces.size(); ++i) {
        const bool last = i == pieces.size() - 1;
        Json choice = Json::object({{"delta", Json::object({{"content", pieces.at(i)}, {"role", "assistant"}})}});
        if (last)
            choice.add("finish_reason", "stop");
        choice.add("index", 0);
        Json chunk = Json::object({{"choices", Json::array({choice})},
                                   {"created", created},
                                   {"id", plan.responseId},
                                   {"model", plan.model},
                                   {"object", "chat.completion.chunk"}});
        if (last)
            chunk.add("usage", openAiUsage(plan));
        out << chunk;
    }
    return out;
}

QString openAiLastUserText(const QJsonObject &body, int *promptTokens)
{
    QString last;
    QString all;
    const QJsonArray messages = body.value("messages"_L1).toArray();
    for (const QJsonValue &m : messages) {
        const QJsonObject msg = m.toObject();
        QString text;
        const QJsonValue content = msg.value("content"_L1);
        if (content.isString()) {
            text = content.toString();
        } else {
            QStringList texts;
            const QJsonArray parts = content.toArray();
            for (const QJsonValue &p : parts) {
                if (p.toObject().value("type"_L1).toString() == "text"_L1)
                    texts << p.toObject().value("text"_L1).toString();
            }
            text = texts.join(u' ');
        }
        all += text;
        if (msg.value("role"_L1).toString() == "user"_L1)
            last = text;
    }
    if (promptTokens)
        *promptTokens = estimateTokens(all);
    return last;
}

} // namespace fake
} // namespace gb::test
