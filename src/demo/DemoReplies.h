#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gb::demo {

// The bodies the built-in upstream sends, shaped as Google's Generative Language API v1beta
// sends them (see docs: models, generateContent, streamGenerateContent, countTokens,
// embedContent, and the google.rpc error envelope).
namespace replies {

QStringList modelIds();                    // e.g. "gemini-2.5-flash"
bool isEmbeddingModel(const QString &model);
QJsonObject model(const QString &id);      // one Model resource
QJsonObject modelList();                   // {"models":[...]}

// The prompt's text parts joined, from a GenerateContentRequest body.
QString promptText(const QJsonObject &request);
int tokenCount(const QString &text);       // about one token per four characters, at least 1

// A reply made of `chunks` pieces: for generateContent all joined in one response, for the
// stream one response per piece, the last with finishReason and the full usageMetadata.
QStringList answerPieces(const QString &prompt);
QJsonObject generateResponse(const QString &model, const QString &prompt);
QList<QJsonObject> streamResponses(const QString &model, const QString &prompt);
QJsonObject countTokensResponse(const QJsonObject &request);
QJsonObject embedResponse(const QJsonObject &request);
QJsonObject batchEmbedResponse(const QJsonObject &request);

// {"error":{"code","message","status","details"}}
QJsonObject error(int code, const QString &status, const QString &message, const QJsonArray &details = {});
QJsonObject invalidKeyError();
QJsonObject rateLimitError(const QString &model, int retryAfterSeconds);
QJsonObject modelNotFoundError(const QString &model, const QString &method);

} // namespace replies
} // namespace gb::demo
