#include "api/RelayRoutes.h"

#include "api/AdminWebApi.h"
#include "api/ConfigApi.h"
#include "api/GeminiApi.h"
#include "api/KeyAdminApi.h"
#include "api/OpenAiApi.h"
#include "api/OverloadGate.h"
#include "api/Responses.h"
#include "api/StatsApi.h"
#include "common/ResponseSink.h"
#include "settings/Settings.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace gb {

RelayRoutes::RelayRoutes(Settings *settings, Relay *relay, ModelCatalog *catalog, OverloadGate *gate, QObject *parent)
    : QObject(parent), m_settings(settings), m_gemini(new GeminiApi(settings, relay, catalog, this)),
      m_openAi(new OpenAiApi(settings, relay, catalog, this)), m_overload(gate)
{
    rebuildTokens();
    connect(settings, &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"ALLOWED_TOKENS"_s) || names.contains(u"AUTH_TOKEN"_s))
            rebuildTokens();
    });
}

void RelayRoutes::rebuildTokens()
{
    const auto s = m_settings->snapshot();
    m_tokens = TokenVerifier(s->allowedTokens, s->authToken);
}

bool RelayRoutes::isRelayRoute(const QByteArray &path)
{
    if (AdminWebApi::matches(path) || ConfigApi::matches(path) || KeyAdminApi::matches(path)
        || StatsApi::matches(path))
        return false;
    if (OpenAiApi::matches(path))
        return true;
    return GeminiApi::matches(path.startsWith("/gemini/") ? path.mid(7) : path);
}

QString RelayRoutes::overloadMessage() const
{
    return u"The server is busy: %1 requests are in flight (MAX_CONCURRENT_REQUESTS). Retry shortly."_s.arg(
        m_overload->limit());
}

int RelayRoutes::screenHead(const HttpRequest &head, QString *message) const
{
    if (head.method == "OPTIONS" || !m_overload->wouldRefuse() || !isRelayRoute(head.path))
        return 0;
    *message = overloadMessage();
    return 503;
}

void RelayRoutes::sendOverloaded(ResponseSink *sink, const QByteArray &path) const
{
    HttpHeaders headers = corsHeaders();
    headers.add("Content-Type", "application/json; charset=utf-8");
    headers.add("Retry-After", "1");
    sink->send(503, headers, apiErrorBody(errorFormatFor(path), 503, overloadMessage()));
}

void RelayRoutes::handle(HttpRequest &&request, ResponseSink *sink)
{
    if (request.refusalStatus == 503) {  // turned away by screenHead()
        m_overload->countRefusal();
        sendOverloaded(sink, request.path);
        return;
    }
    if (request.refusalStatus != 0) {
        sendError(sink, errorFormatFor(request.path), request.refusalStatus, request.refusalMessage);
        return;
    }
    // The request waits in the gate (bounded) only when OVERLOAD_QUEUE_TIMEOUT_MS allows.
    auto held = std::make_shared<HttpRequest>(std::move(request));
    m_overload->admit(
        sink, [this, held, sink] { route(std::move(*held), sink); },
        [this, sink, path = held->path] { sendOverloaded(sink, path); });
}

void RelayRoutes::route(HttpRequest &&request, ResponseSink *sink)
{
    // isRelayRoute() held: an OpenAI or a Gemini path, and no admin one.
    if (OpenAiApi::matches(request.path)) {
        m_openAi->handle(std::move(request), m_tokens, sink);
        return;
    }
    const QByteArray geminiPath = request.path.startsWith("/gemini/") ? request.path.mid(7) : request.path;
    m_gemini->handle(std::move(request), geminiPath, m_tokens, sink);
}

} // namespace gb
