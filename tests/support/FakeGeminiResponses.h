#pragma once

#include "FakeGeminiJson.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The canned JSON of the fake Gemini upstream: the model catalogue, the real API's error
// bodies and the GenerateContentResponse / embedding / countTokens / OpenAI shapes.
namespace gb::test {

// One entry of the model catalogue, as `GET /v1beta/models` shows it.
struct FakeModel
{
    QString name;  // without the "models/" prefix, e.g. "gemini-2.5-flash"
    QString version = QStringLiteral("001");
    QString displayName;
    QString description;
    int inputTokenLimit = 1048576;
    int outputTokenLimit = 65536;
    QStringList supportedGenerationMethods;
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> topK;
    std::optional<double> maxTemperature;
    bool thinking = false;
    int embeddingDimensions = 768;  // for embedContent

    Json toJson() const;
    // streamGenerateContent is allowed wherever generateContent is; batchEmbedContents
    // wherever embedContent is (as on the real API).
    bool supports(const QString &method) const;
};

// ~13 models shaped like the real catalogue (Gemini 2.x/3 text models, an image model,
// embedding models, and legacy PaLM / vision entries).
QList<FakeModel> defaultModelCatalogue();

namespace fake {

// {"error":{"code","message","status"[,"details"]}}. details omitted when null, as the
// real API does for 5xx and for the no-key 403.
Json errorBody(int code, const QString &message, const QString &status, const Json &details = Json());
Json apiKeyInvalidError();
Json missingKeyError();
Json suspendedKeyError(const QString &key);
Json rateLimitError(const QString &model, bool perDay, int retryDelaySec);
Json badJsonError(const QByteArray &body, int errorOffset);
Json invalidArgumentError(const QString &message);
Json modelNotFoundError(const QString &model, const QString &method);
// The canned body for a status code (400, 403, 404, 429, 500, 503, 504, others: status
// text from the code). model is used by 404/429.
Json errorForStatus(int status, const QString &model, const QString &key = QString());
// Google front end's HTML 404 page for paths the API doesn't know.
QByteArray notFoundHtml(const QByteArray &path);

int estimateTokens(const QString &text);
QString randomId(int length = 22);         // base64url-ish, like responseId
QString randomSignature();                 // base64 thoughtSignature

// What the fake reads from a generateContent request.
struct GenerateRequestInfo
{
    QString lastUserText;     // text parts of the last "user" content, joined
    int promptTokens = 1;     // estimate over every text in contents + systemInstruction
    QString functionName;     // first declared function, when tools declare one
    Json functionArgs;        // sample args built from its parameter schema
    bool hasContents = false;
};
GenerateRequestInfo parseGenerateRequest(const QJsonObject &body);

// One planned reply, reused for unary, SSE and JSON-array streams so all agree.
struct ReplyPlan
{
    QString model;
    QString responseId;
    QString thought;          // empty: no thought part
    QString text;
    QString functionName;     // empty: no functionCall part
    Json functionArgs;
    QString thoughtSignature;
    int promptTokens = 0;
    int candidatesTokens = 0;
    int thoughtsTokens = 0;
};
ReplyPlan planReply(const QString &model, const GenerateRequestInfo &info, bool withThoughts,
                    const QString &fixedText);

Json generateResponse(const ReplyPlan &plan);
// chunks >= 1 events with candidates; the last carries finishReason and full usage; when
// usageOnlyEvent, one more event with usageMetadata and no candidates follows.
QList<Json> streamResponses(const ReplyPlan &plan, int chunks, bool usageOnlyEvent);
// Splits text into n non-empty pieces (fewer if the text is shorter), never inside a
// surrogate pair.
QStringList splitText(const QString &text, int n);

Json countTokensResponse(int tokens);
QList<double> embeddingValues(const QString &text, int dimensions);
Json embeddingJson(const QList<double> &values);

// OpenAI-compatible endpoint.
Json openAiModels(const QList<FakeModel> &models);
Json openAiCompletion(const ReplyPlan &plan, qint64 created);
QList<Json> openAiStreamChunks(const ReplyPlan &plan, qint64 created, int chunks);
QString openAiLastUserText(const QJsonObject &body, int *promptTokens);

} // namespace fake
} // namespace gb::test
