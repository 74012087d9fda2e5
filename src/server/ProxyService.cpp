#include "ProxyService.h"

#include "ProxyLoop.h"

#include "api/AdminWebApi.h"

#include "api/ApiRouter.h"
#include "api/MetricsRegistry.h"
#include "api/RelayRoutes.h"
#include "api/ConfigApi.h"
#include "common/Clock.h"
#include "common/LogCategories.h"
#include "http/HttpServer.h"
#include "http/TlsFiles.h"
#include "keys/KeyChecker.h"
#include "keys/KeyHealthCheck.h"
#include "keys/KeyPool.h"
#include "models/ModelCatalog.h"
#include "relay/AttemptLog.h"
#include "relay/Relay.h"
#include "settings/Settings.h"
#include "store/KeyStateRecorder.h"
#include "store/KeyStateStore.h"
#include "upstream/UpstreamPool.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace gb {

ProxyService::ProxyService(Settings *settings, const Clock *clock, QObject *parent)
    : QObject(parent), m_settings(settings), m_ownClock(clock ? nullptr : new SystemClock), m_clock(clock ? clock : m_ownClock.get())
{
}

ProxyService::~ProxyService()
{
    stop();
}

bool ProxyService::start(const QHostAddress &address, quint16 port)
{
    Q_ASSERT(thread() == QThread::currentThread());
    stop();
    m_requestedAddress = address;
    m_requestedPort = port;
    // https when TLS_CERT_FILE and TLS_KEY_FILE are set: read at every start, and a file
    // that does not load stops the start (never a silent fallback to plain http).
    const auto tls = [this] {
        const auto s = m_settings->snapshot();
        return loadServerTls(s->tlsCertFile, s->tlsKeyFile);
    }();
    if (!tls) {
        m_error = tls.error();
        return false;
    }
    m_keys = new KeyPool(m_clock, this);
    m_upstream = new UpstreamPool(this);
    m_upstream->setWriteBatch(&m_writeBatch);
    m_relay = new Relay(m_settings, m_keys, m_upstream, this);
    m_relay->setAttemptLog(m_attemptLog);
    m_catalog = new ModelCatalog(m_relay, this);
    m_checker = new KeyChecker(m_relay, m_settings, this);
    m_healthCheck = new KeyHealthCheck(m_keys, m_checker, m_settings, this);
    m_router = new ApiRouter(m_settings, m_relay, m_catalog, m_checker, m_queries, this);
    m_router->adminWeb()->setDemo(m_demo);
    ApiRouter *router = m_router;
    // POST /api/scheduler/stop|start pause and resume these.
    KeyHealthCheck *healthCheck = m_healthCheck;
    QList<PausableJob> jobs{{u"check_failed_keys"_s, [healthCheck](bool paused) { healthCheck->setPaused(paused); }}};
    m_router->configApi()->setPausableJobs(jobs + m_extraJobs);
    m_router->metrics().add(u"gembalance_proxy_event_loops"_s,
                            u"Event loops serving clients, each on its own thread (PROXY_THREADS)."_s,
                            MetricsRegistry::Kind::Gauge, [this] { return double(m_loops.size() + 1); });
    if (m_metricsSetup)
        m_metricsSetup(m_router->metrics());
    if (m_settingsReload)
        m_router->configApi()->setReload(m_settingsReload);
    m_http = new HttpServer([router](HttpRequest &&request, ResponseSink *sink) {
        router->handle(std::move(request), sink);
    }, this);
    screenOverloadedHeads(m_http, m_router->relayRoutes());
    m_http->setWriteBatch(&m_writeBatch);
    m_http->setTlsConfiguration(tls.value());
    if (m_tlsHandshakeTimeoutMs > 0) {
        HttpServerLimits limits = m_http->limits();
        limits.tlsHandshakeTimeoutMs = m_tlsHandshakeTimeoutMs;
        m_http->setLimits(limits);
    }
    applySettings({});
    connect(m_settings, &Settings::changed, this, &ProxyService::applySettings);
    if (!tls.value().has_value())
        startLoops();
    if (!m_initialStates.isEmpty())
        m_keys->restoreStates(std::exchange(m_initialStates, {}));
    if (m_keyStore) {
        // Changed states reach the store in batches, queued to the database thread.
        KeyPool *keys = m_keys;
        m_recorder = new KeyStateRecorder([keys](const QString &key) { return keys->state(key); }, this);
        m_recorder->setSweep([keys] { return keys->states(); });
        // Directly, from whichever event loop records an outcome: no post to this thread
        // per request (markDirty is thread-safe and posts once per batch).
        connect(m_keys, &KeyPool::stateChanged, m_recorder, &KeyStateRecorder::markDirty, Qt::DirectConnection);
        connect(m_recorder, &KeyStateRecorder::batchReady, m_keyStore, &KeyStateStore::save);
    }

    if (!m_http->listen(address, port)) {
        m_error = u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(m_http->errorString());
        stop();
        return false;
    }
    m_error.clear();
    m_requestedPort = m_http->serverPort();  // a later start (after a stop) comes back here
    qCDebug(lcApp).noquote() << (m_http->isTls() ? "HTTPS server on" : "HTTP server on")
                              << address.toString() + u':' + QString::number(m_http->serverPort());
    emit listening(m_http->serverAddress(), m_http->serverPort());
    return true;
}

void ProxyService::startLoops()
{
    const int wanted = m_settings->snapshot()->proxyThreads;
    const int count = wanted > 0 ? wanted : qBound(1, QThread::idealThreadCount(), 8);
    ProxyLoop::Shared shared;
    shared.settings = m_settings;
    shared.keys = m_keys;
    shared.attemptLog = m_attemptLog;
    shared.firstGate = m_router->overloadGate();
    shared.firstRouter = m_router;
    for (int i = 1; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(u"proxy-%1"_s.arg(i + 1));
        auto *loop = new ProxyLoop(shared);
        loop->moveToThread(thread);
        thread->start();
        const HttpServerLimits limits = m_http->limits();
        QMetaObject::invokeMethod(loop, [loop, limits] { loop->start(limits); }, Qt::BlockingQueuedConnection);
        m_loops.push_back({thread, loop});
    }
    if (m_loops.empty())
        return;
    // Connections go to the loops in turn, this one included.
    m_http->setDispatch([this, next = 0](qintptr descriptor) mutable {
        next = (next + 1) % int(m_loops.size() + 1);
        if (next == 0)
            return false;
        m_loops[size_t(next - 1)].loop->server()->adoptLater(descriptor);
        return true;
    });
    qCDebug(lcApp) << "serving with" << m_loops.size() + 1 << "event loops";
}

void ProxyService::stopLoops()
{
    if (m_http)
        m_http->setDispatch({});
    for (const Loop &l : m_loops) {
        QMetaObject::invokeMethod(l.loop, [loop = l.loop] { loop->stop(); }, Qt::BlockingQueuedConnection);
        l.thread->quit();
        l.thread->wait();
        delete l.loop;
        delete l.thread;
    }
    m_loops.clear();
}

int ProxyService::loopCount() const
{
    return isListening() ? int(m_loops.size()) + 1 : 0;
}

void ProxyService::stop()
{
    disconnect(m_settings, nullptr, this, nullptr);
    if (m_http)
        m_http->close();
    stopLoops();
    // The server first (no new requests), then what it calls.
    delete std::exchange(m_http, nullptr);
    delete std::exchange(m_router, nullptr);
    delete std::exchange(m_healthCheck, nullptr);
    delete std::exchange(m_checker, nullptr);
    delete std::exchange(m_catalog, nullptr);
    delete std::exchange(m_relay, nullptr);
    delete std::exchange(m_upstream, nullptr);
    if (m_recorder)
        m_recorder->flushNow();  // the pool's last changes, before the pool goes
    delete std::exchange(m_recorder, nullptr);
    // A stop and start (the desktop's "stop server") must not forget failures, disables
    // and cooldowns: the next start() restores what the pool knew when it stopped.
    if (m_keys)
        m_initialStates = m_keys->states();
    delete std::exchange(m_keys, nullptr);
}

void ProxyService::setSettingsReload(std::function<LoadedSettings()> reload)
{
    m_settingsReload = std::move(reload);
    if (m_router)
        m_router->configApi()->setReload(m_settingsReload);
}

void ProxyService::setKeyStateStore(KeyStateStore *store, QList<KeyState> initial)
{
    m_keyStore = store;
    m_initialStates = std::move(initial);
}

void ProxyService::applySettings(const QStringList &names)
{
    const auto s = m_settings->snapshot();
    const auto changed = [&](std::initializer_list<const char16_t *> keys) { return settingsChanged(names, keys); };
    if (changed({u"MAX_FAILURES"}))
        m_keys->setMaxFailures(s->maxFailures);
    if (changed({u"KEY_SELECTION_STRATEGY"}))
        m_keys->setStrategy(selectionStrategyFromName(s->keySelectionStrategy));
    if (changed({u"API_KEYS"}))
        m_keys->setKeys(s->apiKeys);
    if (changed({u"API_KEYS", u"API_KEY_WEIGHTS"})) {
        for (auto it = s->apiKeyWeights.cbegin(); it != s->apiKeyWeights.cend(); ++it)
            m_keys->setWeight(it.key(), int(it.value()));
    }
    applyLoopSettings(*s, names, m_upstream, m_catalog, m_http);
}

bool ProxyService::isTls() const
{
    return m_http && m_http->isTls();
}

bool ProxyService::isListening() const
{
    return m_http && m_http->isListening();
}

quint16 ProxyService::port() const
{
    return isListening() ? m_http->serverPort() : m_requestedPort;
}

QHostAddress ProxyService::address() const
{
    return isListening() ? m_http->serverAddress() : m_requestedAddress;
}

} // namespace gb
