#include "api/ApiRouter.h"

#include "api/AdminSessions.h"
#include "api/AdminPagesApi.h"
#include "api/AdminWebApi.h"
#include "api/ConfigApi.h"
#include "api/GeminiApi.h"
#include "api/SessionAdminAuth.h"
#include "keys/KeyPool.h"
#include "api/KeyAdminApi.h"
#include "api/MetricsRegistry.h"
#include "api/OpenAiApi.h"
#include "api/OverloadGate.h"
#include "api/Responses.h"
#include "api/StatsApi.h"
#include "common/LogCategories.h"
#include "common/ResponseSink.h"
#include "relay/Relay.h"
#include "settings/Settings.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
ErrorFormat errorFormatFor(const QByteArray &path)
{
    if (path.startsWith("/v1/") || path.startsWith("/hf/v1/") || path.startsWith("/openai/"))
        return ErrorFormat::OpenAI;
    return ErrorFormat::Gemini;
}

void sendPreflight(const HttpRequest &request, ResponseSink *sink)
{
    HttpHeaders headers = corsHeaders();
    headers.add("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    const QByteArray asked = request.header("access-control-request-headers");
    headers.add("Access-Control-Allow-Headers",
                asked.isEmpty() ? QByteArrayLiteral("authorization, content-type, x-goog-api-key") : asked);
    headers.add("Access-Control-Max-Age", "86400");
    sink->send(204, headers, {});
}
} // namespace

ApiRouter::ApiRouter(Settings *settings, Relay *relay, ModelCatalog *catalog, KeyChecker *checker, QueryRunner *queries,
                     QObject *parent)
    : QObject(parent), m_settings(settings), m_gemini(new GeminiApi(settings, relay, catalog, this)),
      m_keyAdmin(new KeyAdminApi(relay->keys(), checker, this)),
      m_openAi(new OpenAiApi(settings, relay, catalog, this)), m_queries(queries),
      m_adminSessions(new AdminSessions(settings, relay->keys()->clock(), this)),
      m_adminWeb(new AdminWebApi(settings, m_adminSessions, m_tokens, this)),
      m_configApi(new ConfigApi(settings, relay->keys(), queries, this)),
      m_stats(new StatsApi(settings, relay->keys(), queries, this)), m_overload(new OverloadGate(this)),
      m_adminAuth(std::make_unique<SessionAdminAuth>(*m_adminSessions, m_tokens))
{
    rebuildTokens();
    applyOverloadLimits();
    connect(settings, &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"ALLOWED_TOKENS"_s) || names.contains(u"AUTH_TOKEN"_s))
            rebuildTokens();
        if (names.contains(u"MAX_CONCURRENT_REQUESTS"_s) || names.contains(u"OVERLOAD_QUEUE_TIMEOUT_MS"_s))
            applyOverloadLimits();
    });
    using Kind = MetricsRegistry::Kind;
    OverloadGate *gate = m_overload;
    MetricsRegistry &registry = m_stats->metrics();
    registry.add(u"gembalance_relay_in_flight"_s, u"Relayed requests in flight (MAX_CONCURRENT_REQUESTS caps them)."_s,
                 Kind::Gauge, [gate] { return double(gate->inFlight()); });
    registry.add(u"gembalance_relay_queued"_s, u"Relayed requests waiting for a slot (OVERLOAD_QUEUE_TIMEOUT_MS)."_s,
                 Kind::Gauge, [gate] { return double(gate->queued()); });
    registry.add(u"gembalance_overload_rejected_total"_s,
                 u"Relayed requests answered 503 because MAX_CONCURRENT_REQUESTS were in flight."_s, Kind::Counter,
                 [gate] { return double(gate->refused()); });
}

ApiRouter::~ApiRouter() = default;

MetricsRegistry &ApiRouter::metrics()
{
    return m_stats->metrics();
}

void ApiRouter::setAdminAuth(std::unique_ptr<AdminAuth> auth)
{
    m_adminAuth = std::move(auth);
}

void ApiRouter::rebuildTokens()
{
    const auto s = m_settings->snapshot();
    m_tokens = TokenVerifier(s->allowedTokens, s->authToken);
}

void ApiRouter::applyOverloadLimits()
{
    const auto s = m_settings->snapshot();
    m_overload->setLimits(s->maxConcurrentRequests, s->overloadQueueTimeoutMs);
}

bool ApiRouter::isRelayRoute(const QByteArray &path)
{
    if (AdminWebApi::matches(path) || ConfigApi::matches(path) || KeyAdminApi::matches(path)
        || StatsApi::matches(path))
        return false;
    if (OpenAiApi::matches(path))
        return true;
    return GeminiApi::matches(path.startsWith("/gemini/") ? path.mid(7) : path);
}

QString ApiRouter::overloadMessage() const
{
    return u"The server is busy: %1 requests are in flight (MAX_CONCURRENT_REQUESTS). Retry shortly."_s.arg(
        m_overload->limit());
}

int ApiRouter::screenHead(const HttpRequest &head, QString *message)
{
    if (head.method == "OPTIONS" || !m_overload->wouldRefuse() || !isRelayRoute(head.path))
        return 0;
    *message = overloadMessage();
    return 503;
}

void ApiRouter::sendOverloaded(ResponseSink *sink, const QByteArray &path)
{
    HttpHeaders headers = corsHeaders();
    headers.add("Content-Type", "application/json; charset=utf-8");
    headers.add("Retry-After", "1");
    sink->send(503, headers, apiErrorBody(errorFormatFor(path), 503, overloadMessage()));
}

void ApiRouter::handle(HttpRequest &&request, ResponseSink *sink)
{
    const QByteArray &path = request.path;
    const ErrorFormat format = errorFormatFor(path);
    if (request.refusalStatus == 503 && isRelayRoute(path)) {  // turned away by screenHead()
        m_overload->countRefusal();
        sendOverloaded(sink, path);
        return;
    }
    if (request.refusalStatus != 0) {
        sendError(sink, format, request.refusalStatus, request.refusalMessage);
        return;
    }
    if (request.method != "OPTIONS" && isRelayRoute(path)) {
        // The request waits in the gate (bounded) only when OVERLOAD_QUEUE_TIMEOUT_MS allows.
        auto held = std::make_shared<HttpRequest>(std::move(request));
        m_overload->admit(
            sink, [this, held, sink] { routeRelay(std::move(*held), sink); },
            [this, sink, path = held->path] { sendOverloaded(sink, path); });
        return;
    }
    route(std::move(request), sink);
}

void ApiRouter::routeRelay(HttpRequest &&request, ResponseSink *sink)
{
    // isRelayRoute() held: an OpenAI or a Gemini path, and no admin one.
    if (OpenAiApi::matches(request.path)) {
        m_openAi->handle(std::move(request), m_tokens, sink);
        return;
    }
    const QByteArray geminiPath = request.path.startsWith("/gemini/") ? request.path.mid(7) : request.path;
    m_gemini->handle(std::move(request), geminiPath, m_tokens, sink);
}

void ApiRouter::route(HttpRequest &&request, ResponseSink *sink)
{
    const QByteArray &path = request.path;
    const ErrorFormat format = errorFormatFor(path);
    if (request.method == "OPTIONS") {
        sendPreflight(request, sink);
        return;
    }
    if (path == "/health") {
        if (request.method != "GET" && request.method != "HEAD") {
            sendError(sink, format, 405, u"Method not allowed here; use GET."_s);
            return;
        }
        sendJson(sink, 200, QByteArrayLiteral(R"({"status":"healthy"})"));
        return;
    }
    if (AdminWebApi::matches(path)) {
        m_adminWeb->handle(std::move(request), *m_adminAuth, sink);
        return;
    }
    if (AdminPagesApi::matches(path)) {
        AdminPagesApi::handle(request, *m_adminAuth, sink);
        return;
    }
    if (ConfigApi::matches(path)) {
        m_configApi->handle(std::move(request), *m_adminAuth, sink);
        return;
    }
    if (KeyAdminApi::matches(path)) {
        m_keyAdmin->handle(std::move(request), *m_adminAuth, sink);
        return;
    }
    if (StatsApi::matches(path)) {  // statistics, error logs, /metrics
        m_stats->handle(std::move(request), *m_adminAuth, sink);
        return;
    }
    if (OpenAiApi::matches(path)) {
        m_openAi->handle(std::move(request), m_tokens, sink);
        return;
    }
    const QByteArray geminiPath = path.startsWith("/gemini/") ? path.mid(7) : path;
    if (GeminiApi::matches(geminiPath)) {
        m_gemini->handle(std::move(request), geminiPath, m_tokens, sink);
        return;
    }
    qCDebug(lcApi) << "no route for" << request.method << path;
    sendError(sink, format, 404,
              u"No route for %1 %2."_s.arg(QString::fromLatin1(request.method), QString::fromUtf8(path)));
}

} // namespace gb
