#pragma once

#include "auth/TokenVerifier.h"
#include "http/HttpRequest.h"

#include <QObject>

namespace gb {

class GeminiApi;
class KeyAdminApi;
class KeyChecker;
class KeyPool;
class OpenAiApi;
class ModelCatalog;
class Relay;
class ResponseSink;
class Settings;

// The front door: every request from the HTTP server arrives here and goes to the API that
// owns its path. Answers CORS preflights, /health, refused requests (413...) and unknown
// routes, each in the error format of the API the path belongs to.
class ApiRouter : public QObject
{
    Q_OBJECT
public:
    ApiRouter(Settings *settings, Relay *relay, ModelCatalog *catalog, KeyChecker *checker, QObject *parent = nullptr);

    void handle(HttpRequest &&request, ResponseSink *sink);

private:
    void rebuildTokens();

    Settings *m_settings;
    GeminiApi *m_gemini;
    KeyAdminApi *m_keyAdmin;
    OpenAiApi *m_openAi;
    TokenVerifier m_tokens;
};

} // namespace gb
