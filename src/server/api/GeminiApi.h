#pragma once

#include "api/RequestQuery.h"
#include "http/HttpRequest.h"

#include <QObject>

namespace gb {

class ModelCatalog;
class Relay;
class ResponseSink;
class Settings;
class TokenVerifier;

// The Gemini-native API under /v1beta and /gemini/v1beta: model list and model get,
// generateContent, streamGenerateContent (SSE with alt=sse, else the JSON-array stream),
// countTokens, embedContent, batchEmbedContents and any other models/{m}:{method}, relayed
// exactly with pooled keys.
class GeminiApi : public QObject
{
    Q_OBJECT
public:
    GeminiApi(Settings *settings, Relay *relay, ModelCatalog *catalog, QObject *parent = nullptr);

    static bool matches(const QByteArray &path);
    // `path` is the request path with any "/gemini" prefix removed ("/v1beta/...").
    void handle(HttpRequest &&request, const QByteArray &path, const TokenVerifier &verifier, ResponseSink *sink);

private:
    void listModels(const RequestQuery &query, ResponseSink *sink);
    void getModel(HttpRequest &&request, const QByteArray &rawModel, RequestQuery query, const QString &tokenId,
                  ResponseSink *sink);
    void callMethod(HttpRequest &&request, const QByteArray &rawModel, const QByteArray &method, RequestQuery query,
                    const QString &tokenId, ResponseSink *sink);

    Settings *m_settings;
    Relay *m_relay;
    ModelCatalog *m_catalog;
};

} // namespace gb
