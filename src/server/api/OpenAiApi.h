#pragma once

#include "api/RequestQuery.h"
#include "common/Result.h"
#include "http/HttpRequest.h"
#include "translate/ChatRequestTranslator.h"

#include <QJsonObject>
#include <QObject>

namespace gb {

class MediaFetcher;
class ModelCatalog;
class Relay;
class ResponseSink;
class Settings;
class TokenVerifier;

// The OpenAI-compatible APIs (Bearer auth, OpenAI's error shape):
//  - /v1/... and /hf/v1/... translated to the native Gemini API: GET models, GET models/{id},
//    POST chat/completions (stream, fake stream), POST embeddings (via batchEmbedContents);
//  - /openai/v1/... relayed as they are to Gemini's own OpenAI-compatible endpoint
//    ({BASE_URL}/openai/...), with key rotation, retries and error passthrough.
class OpenAiApi : public QObject
{
    Q_OBJECT
public:
    OpenAiApi(Settings *settings, Relay *relay, ModelCatalog *catalog, QObject *parent = nullptr);

    static bool matches(const QByteArray &path);
    void handle(HttpRequest &&request, const TokenVerifier &verifier, ResponseSink *sink);

private:
    void listModels(ResponseSink *sink);
    void getModel(const QString &id, ResponseSink *sink);
    void chatCompletions(HttpRequest &&request, const QString &tokenId, ResponseSink *sink);
    // The checks before a chat request is translated; false: answered with the error.
    bool admitChat(const QString &model, bool messagesIsArray, ResponseSink *sink);
    void relayChat(const Result<ChatTranslation> &translation, const SettingsValues &settings, const QString &tokenId,
                   ResponseSink *sink);
    void embeddings(HttpRequest &&request, const QString &tokenId, ResponseSink *sink);
    void embedInBatches(const QJsonObject &body, const QString &model, int promptTokens, const QString &tokenId,
                        ResponseSink *sink);
    void passthrough(HttpRequest &&request, const QByteArray &rest, const QString &tokenId, ResponseSink *sink);

    Settings *m_settings;
    Relay *m_relay;
    ModelCatalog *m_catalog;
    MediaFetcher *m_media;
};

} // namespace gb
