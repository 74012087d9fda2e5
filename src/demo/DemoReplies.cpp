#include "DemoReplies.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace gb::demo::replies {

namespace {

struct ModelInfo
{
    QString id;
    QString displayName;
    int inputLimit;
    int outputLimit;
};

const QList<ModelInfo> &models()
{
    static const QList<ModelInfo> list{
        {u"gemini-2.5-pro"_s, u"Gemini 2.5 Pro"_s, 1048576, 65536},
        {u"gemini-2.5-flash"_s, u"Gemini 2.5 Flash"_s, 1048576, 65536},
        {u"gemini-2.5-flash-lite"_s, u"Gemini 2.5 Flash-Lite"_s, 1048576, 65536},
        {u"gemini-2.0-flash"_s, u"Gemini 2.0 Flash"_s, 1048576, 8192},
        {u"text-embedding-004"_s, u"Text Embedding 004"_s, 2048, 1},
    };
    return list;
}

QString responseId()
{
    return QUuid::createUuid().toString(QUuid::Id128).left(22);
}

QJsonObject usage(int prompt, int candidates)
{
    return {{u"promptTokenCount"_s, prompt},
            {u"candidatesTokenCount"_s, candidates},
            {u"totalTokenCount"_s, prompt + candidates},
            {u"promptTokensDetails"_s, QJsonArray{QJsonObject{{u"modality"_s, u"TEXT"_s}, {u"tokenCount"_s, prompt}}}}};
}

QJsonObject candidate(const QString &text, bool last)
{
    QJsonObject c{{u"content"_s, QJsonObject{{u"role"_s, u"model"_s},
                                             {u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, text}}}}}},
                  {u"index"_s, 0}};
    if (last)
        c.insert(u"finishReason"_s, u"STOP"_s);
    return c;
}

QJsonArray embedding(const QString &text)
{
    // Deterministic: the same text always gives the same 8 values in [-1, 1].
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
    QJsonArray values;
    for (int i = 0; i < 8; ++i)
        values.append(double(qint8(digest.at(i))) / 128.0);
    return values;
}

} // namespace

QStringList modelIds()
{
    QStringList ids;
    for (const ModelInfo &m : models())
        ids << m.id;
    return ids;
}

bool isEmbeddingModel(const QString &model)
{
    return model.contains(u"embedding"_s);
}

QJsonObject model(const QString &id)
{
    for (const ModelInfo &m : models()) {
        if (m.id != id)
            continue;
        const QJsonArray methods = isEmbeddingModel(id)
                                       ? QJsonArray{u"embedContent"_s, u"batchEmbedContents"_s}
                                       : QJsonArray{u"generateContent"_s, u"countTokens"_s, u"streamGenerateContent"_s};
        QJsonObject o{{u"name"_s, u"models/"_s + m.id},
                      {u"version"_s, u"001"_s},
                      {u"displayName"_s, m.displayName},
                      {u"description"_s, u"GemBalance demo model (built-in fake upstream)."_s},
                      {u"inputTokenLimit"_s, m.inputLimit},
                      {u"outputTokenLimit"_s, m.outputLimit},
                      {u"supportedGenerationMethods"_s, methods}};
        if (!isEmbeddingModel(id)) {
            o.insert(u"temperature"_s, 1);
            o.insert(u"topP"_s, 0.95);
            o.insert(u"topK"_s, 64);
            o.insert(u"maxTemperature"_s, 2);
        }
        return o;
    }
    return {};
}

QJsonObject modelList()
{
    QJsonArray list;
    for (const ModelInfo &m : models())
        list.append(model(m.id));
    return {{u"models"_s, list}};
}

QString promptText(const QJsonObject &request)
{
    QStringList texts;
    const QJsonArray contents = request.value(u"contents"_s).toArray();
    for (const QJsonValue &content : contents)
        for (const QJsonValue &part : content.toObject().value(u"parts"_s).toArray())
            if (const QString t = part.toObject().value(u"text"_s).toString(); !t.isEmpty())
                texts << t;
    // embedContent: {"content":{"parts":[...]}}
    for (const QJsonValue &part : request.value(u"content"_s).toObject().value(u"parts"_s).toArray())
        if (const QString t = part.toObject().value(u"text"_s).toString(); !t.isEmpty())
            texts << t;
    return texts.join(u'\n');
}

int tokenCount(const QString &text)
{
    return qMax(1, int((text.size() + 3) / 4));
}

QStringList answerPieces(const QString &prompt)
{
    const QString topic = prompt.simplified().left(60);
    return {u"This is the GemBalance demo upstream. "_s,
            u"You asked: \u201c%1\u201d. "_s.arg(topic.isEmpty() ? u"(nothing)"_s : topic),
            u"No real model was called; "_s,
            u"the keys, tokens and answers here are all samples."_s};
}

QJsonObject generateResponse(const QString &model, const QString &prompt)
{
    const QString text = answerPieces(prompt).join(QString());
    return {{u"candidates"_s, QJsonArray{candidate(text, true)}},
            {u"usageMetadata"_s, usage(tokenCount(prompt), tokenCount(text))},
            {u"modelVersion"_s, model},
            {u"responseId"_s, responseId()}};
}

QList<QJsonObject> streamResponses(const QString &model, const QString &prompt)
{
    const QStringList pieces = answerPieces(prompt);
    const QString id = responseId();
    const int promptTokens = tokenCount(prompt);
    QList<QJsonObject> out;
    int sent = 0;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const bool last = i + 1 == pieces.size();
        sent += tokenCount(pieces.at(i));
        // Every chunk carries the usage so far (as Google's does); the last one the total.
        out << QJsonObject{{u"candidates"_s, QJsonArray{candidate(pieces.at(i), last)}},
                           {u"usageMetadata"_s, last ? usage(promptTokens, sent)
                                                     : QJsonObject{{u"promptTokenCount"_s, promptTokens},
                                                                   {u"totalTokenCount"_s, promptTokens}}},
                           {u"modelVersion"_s, model},
                           {u"responseId"_s, id}};
    }
    return out;
}

QJsonObject countTokensResponse(const QJsonObject &request)
{
    QJsonObject inner = request;
    if (request.contains(u"generateContentRequest"_s))
        inner = request.value(u"generateContentRequest"_s).toObject();
    const int total = tokenCount(promptText(inner));
    return {{u"totalTokens"_s, total},
            {u"promptTokensDetails"_s, QJsonArray{QJsonObject{{u"modality"_s, u"TEXT"_s}, {u"tokenCount"_s, total}}}}};
}

QJsonObject embedResponse(const QJsonObject &request)
{
    return {{u"embedding"_s, QJsonObject{{u"values"_s, embedding(promptText(request))}}}};
}

QJsonObject batchEmbedResponse(const QJsonObject &request)
{
    QJsonArray embeddings;
    for (const QJsonValue &r : request.value(u"requests"_s).toArray())
        embeddings.append(QJsonObject{{u"values"_s, embedding(promptText(r.toObject()))}});
    return {{u"embeddings"_s, embeddings}};
}

QJsonObject error(int code, const QString &status, const QString &message, const QJsonArray &details)
{
    QJsonObject e{{u"code"_s, code}, {u"message"_s, message}, {u"status"_s, status}};
    if (!details.isEmpty())
        e.insert(u"details"_s, details);
    return {{u"error"_s, e}};
}

QJsonObject invalidKeyError()
{
    return error(400, u"INVALID_ARGUMENT"_s, u"API key not valid. Please pass a valid API key."_s,
                 {QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.ErrorInfo"_s},
                              {u"reason"_s, u"API_KEY_INVALID"_s},
                              {u"domain"_s, u"googleapis.com"_s},
                              {u"metadata"_s, QJsonObject{{u"service"_s, u"generativelanguage.googleapis.com"_s}}}},
                  QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.LocalizedMessage"_s},
                              {u"locale"_s, u"en-US"_s},
                              {u"message"_s, u"API key not valid. Please pass a valid API key."_s}}});
}

QJsonObject rateLimitError(const QString &model, int retryAfterSeconds)
{
    const QJsonObject violation{
        {u"quotaMetric"_s, u"generativelanguage.googleapis.com/generate_content_free_tier_requests"_s},
        {u"quotaId"_s, u"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"_s},
        {u"quotaDimensions"_s, QJsonObject{{u"location"_s, u"global"_s}, {u"model"_s, model}}},
        {u"quotaValue"_s, u"10"_s}};
    return error(429, u"RESOURCE_EXHAUSTED"_s,
                 u"You exceeded your current quota, please check your plan and billing details."_s,
                 {QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.QuotaFailure"_s},
                              {u"violations"_s, QJsonArray{violation}}},
                  QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.RetryInfo"_s},
                              {u"retryDelay"_s, u"%1s"_s.arg(retryAfterSeconds)}}});
}

QJsonObject modelNotFoundError(const QString &model, const QString &method)
{
    return error(404, u"NOT_FOUND"_s,
                 u"models/%1 is not found for API version v1beta, or is not supported for %2. Call ListModels to "
                 "see the list of available models and their supported methods."_s.arg(model, method));
}

} // namespace gb::demo::replies
