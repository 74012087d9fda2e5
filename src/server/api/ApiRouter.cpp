#include "api/ApiRouter.h"

#include "api/AdminSessions.h"
#include "api/AdminPagesApi.h"
#include "api/AdminWebApi.h"
#include "api/ConfigApi.h"
#include "api/SessionAdminAuth.h"
#include "keys/KeyPool.h"
#include "api/KeyAdminApi.h"
#include "api/MetricsRegistry.h"
#include "api/OverloadGate.h"
#include "api/RelayRoutes.h"
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
    : QObject(parent), m_settings(settings), m_overload(new OverloadGate(this)),
      m_relayRoutes(new RelayRoutes(settings, relay, catalog, m_overload, this)),
      m_keyAdmin(new KeyAdminApi(relay->keys(), checker, this)), m_queries(queries),
      m_adminSessions(new AdminSessions(settings, relay->keys()->clock(), this)),
      m_adminWeb(new AdminWebApi(settings, m_adminSessions, m_relayRoutes->tokens(), this)),
      m_configApi(new ConfigApi(settings, relay->keys(), queries, this)),
      m_stats(new StatsApi(settings, relay->keys(), queries, this)),
      m_adminAuth(std::make_unique<SessionAdminAuth>(*m_adminSessions, m_relayRoutes->tokens()))
{
    applyOverloadLimits();
    connect(settings, &Settings::changed, this, [this](const QStringList &names) {
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

void ApiRouter::applyOverloadLimits()
{
    const auto s = m_settings->snapshot();
    m_overload->setLimits(s->maxConcurrentRequests, s->overloadQueueTimeoutMs);
}

const TokenVerifier &ApiRouter::tokens() const
{
    return m_relayRoutes->tokens();
}

void ApiRouter::handle(HttpRequest &&request, ResponseSink *sink)
{
    if (RelayRoutes::takes(request)) {
        m_relayRoutes->handle(std::move(request), sink);
        return;
    }
    if (request.refusalStatus != 0) {
        sendError(sink, errorFormatFor(request.path), request.refusalStatus, request.refusalMessage);
        return;
    }
    route(std::move(request), sink);
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
    qCDebug(lcApi) << "no route for" << request.method << path;
    sendError(sink, format, 404,
              u"No route for %1 %2."_s.arg(QString::fromLatin1(request.method), QString::fromUtf8(path)));
}

} // namespace gb
