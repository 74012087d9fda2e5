#pragma once

#include "auth/TokenVerifier.h"
#include "http/HttpRequest.h"

#include <QObject>

namespace gb {

class GeminiApi;
class ModelCatalog;
class OpenAiApi;
class OverloadGate;
class Relay;
class ResponseSink;
class Settings;

// The relayed routes (the Gemini and OpenAI APIs) of one event loop: client tokens, the
// overload gate, then GeminiApi or OpenAiApi on this loop's relay. The first loop's
// ApiRouter sends them here; the other loops (ProxyLoop) serve them with their own.
class RelayRoutes : public QObject
{
    Q_OBJECT
public:
    // `gate` (not owned) caps the requests in flight; the loops' gates share one budget.
    RelayRoutes(Settings *settings, Relay *relay, ModelCatalog *catalog, OverloadGate *gate, QObject *parent = nullptr);

    // Relayed routes (Gemini and OpenAI APIs), as opposed to admin routes, /metrics, /health.
    static bool isRelayRoute(const QByteArray &path);
    // Whether handle() serves this request: a relayed route other than a CORS preflight.
    static bool takes(const HttpRequest &request) { return request.method != "OPTIONS" && isRelayRoute(request.path); }

    // A request takes() accepted, refused ones (the head screen's 503, 413...) included.
    void handle(HttpRequest &&request, ResponseSink *sink);
    // For the HTTP server's head screen: the 503 status (and message) that turns a relayed
    // request away before its body is read while the overload gate is full; 0 otherwise.
    int screenHead(const HttpRequest &head, QString *message) const;

    // The client and admin tokens (ALLOWED_TOKENS, AUTH_TOKEN), rebuilt when they change.
    const TokenVerifier &tokens() const { return m_tokens; }
    OverloadGate *overloadGate() const { return m_overload; }

private:
    void rebuildTokens();
    void route(HttpRequest &&request, ResponseSink *sink);
    void sendOverloaded(ResponseSink *sink, const QByteArray &path) const;
    QString overloadMessage() const;

    Settings *m_settings;
    GeminiApi *m_gemini;
    OpenAiApi *m_openAi;
    OverloadGate *m_overload;
    TokenVerifier m_tokens;
};

} // namespace gb
