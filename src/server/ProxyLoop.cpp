#include "ProxyLoop.h"

#include "api/ApiRouter.h"
#include "api/OverloadGate.h"
#include "api/RelayRoutes.h"
#include "http/HttpServer.h"
#include "http/RequestForwarding.h"
#include "models/ModelCatalog.h"
#include "relay/AttemptLog.h"
#include "relay/Relay.h"
#include "settings/Settings.h"
#include "upstream/UpstreamPool.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace gb {

bool settingsChanged(const QStringList &names, std::initializer_list<const char16_t *> keys)
{
    if (names.isEmpty())
        return true;  // first application: everything
    for (const char16_t *k : keys)
        if (names.contains(QString::fromUtf16(k)))
            return true;
    return false;
}

void screenOverloadedHeads(HttpServer *http, const RelayRoutes *routes)
{
    http->setHeadScreen([routes](const HttpRequest &head) {
        HttpServer::Refusal refusal;
        refusal.status = routes->screenHead(head, &refusal.message);
        return refusal;
    });
}

void applyLoopSettings(const SettingsValues &s, const QStringList &names, UpstreamPool *upstream,
                       ModelCatalog *catalog, HttpServer *http)
{
    const auto changed = [&](std::initializer_list<const char16_t *> keys) { return settingsChanged(names, keys); };
    if (changed({u"PROXIES", u"PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY"}))
        upstream->setProxies(s.proxies, s.proxiesUseConsistencyHashByApiKey);
    if (changed({u"UPSTREAM_HTTP2"}))
        upstream->setHttp2Mode(UpstreamPool::http2ModeFromName(s.upstreamHttp2));
    if (changed({u"BASE_URL", u"API_KEYS", u"PROXIES"}) && !names.isEmpty())
        catalog->invalidate();
    if (changed({u"MAX_REQUEST_BODY_MB"})) {
        HttpServerLimits limits = http->limits();
        limits.maxBodyBytes = qint64(s.maxRequestBodyMb) * 1024 * 1024;
        http->setLimits(limits);
    }
}

ProxyLoop::ProxyLoop(Shared shared, QObject *parent) : QObject(parent), m_shared(std::move(shared)) {}

ProxyLoop::~ProxyLoop()
{
    Q_ASSERT(!m_http);  // stop() ran on the loop's thread
}

void ProxyLoop::start(const HttpServerLimits &limits)
{
    Q_ASSERT(thread() == QThread::currentThread());
    m_upstream = new UpstreamPool(this);
    m_upstream->setWriteBatch(&m_writeBatch);
    m_relay = new Relay(m_shared.settings, m_shared.keys, m_upstream, this);
    m_relay->setAttemptLog(m_shared.attemptLog);
    m_catalog = new ModelCatalog(m_relay, this);
    m_gate = new OverloadGate(m_shared.firstGate, this);
    m_routes = new RelayRoutes(m_shared.settings, m_relay, m_catalog, m_gate, this);
    RelayRoutes *routes = m_routes;
    ApiRouter *first = m_shared.firstRouter;
    m_http = new HttpServer([routes, first](HttpRequest &&request, ResponseSink *sink) {
        if (RelayRoutes::takes(request)) {
            routes->handle(std::move(request), sink);
            return;
        }
        forwardRequest(std::move(request), sink, first, [first](HttpRequest &&forwarded, ResponseSink *answer) {
            first->handle(std::move(forwarded), answer);
        });
    }, this);
    screenOverloadedHeads(m_http, routes);
    m_http->setWriteBatch(&m_writeBatch);
    m_http->setLimits(limits);
    applySettings({});
    connect(m_shared.settings, &Settings::changed, this, &ProxyLoop::applySettings);
}

void ProxyLoop::stop()
{
    Q_ASSERT(thread() == QThread::currentThread());
    disconnect(m_shared.settings, nullptr, this, nullptr);
    if (m_http)
        m_http->close();
    // The server first (no new requests), then what it calls.
    delete std::exchange(m_http, nullptr);
    delete std::exchange(m_routes, nullptr);
    delete std::exchange(m_gate, nullptr);
    delete std::exchange(m_catalog, nullptr);
    delete std::exchange(m_relay, nullptr);
    delete std::exchange(m_upstream, nullptr);
}

void ProxyLoop::applySettings(const QStringList &names)
{
    applyLoopSettings(*m_shared.settings->snapshot(), names, m_upstream, m_catalog, m_http);
}

} // namespace gb
