#pragma once

#include "api/ConfigApi.h"
#include "common/WriteBatch.h"
#include "keys/KeyState.h"
#include "settings/SettingsLoader.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

class QThread;

#include <functional>
#include <memory>
#include <vector>

namespace gb {

class ApiRouter;
class AttemptLog;
class Clock;
class HttpServer;
class KeyChecker;
class KeyHealthCheck;
class KeyPool;
class KeyStateRecorder;
class KeyStateStore;
class MetricsRegistry;

class ModelCatalog;
class ProxyLoop;
class QueryRunner;
class Relay;
class Settings;
class UpstreamPool;

// Everything that serves clients, built on (and living in) the proxy thread: the HTTP
// server, the API router, the relay, the key pool and the upstream connection pool; and,
// over plain http, the other event loops (ProxyLoop, PROXY_THREADS), each on a thread of
// its own, to which this one hands accepted connections in turn.
// It follows live setting changes (keys, proxies, limits) without a restart.
class ProxyService : public QObject
{
    Q_OBJECT
public:
    // `clock` (not owned) drives cooldowns; nullptr = the system clock.
    explicit ProxyService(Settings *settings, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~ProxyService() override;

    // Builds the services (on the calling thread, which must be this object's thread) and
    // starts listening, over https when TLS_CERT_FILE and TLS_KEY_FILE are set (read here,
    // at every start). Returns false with errorString() set when the port is not free or
    // the TLS files do not load.
    Q_INVOKABLE bool start(const QHostAddress &address, quint16 port);
    // Stops serving; the key pool's last state changes are queued to the key state store
    // before the pool goes.
    Q_INVOKABLE void stop();

    // Before start(): where the key pool's states are saved (a KeyStateStore on the
    // database thread; null: nowhere) and the states loaded from it at start-up, which
    // start() restores once the keys are set; after a stop(), the next start() restores
    // the states the pool had when it stopped instead.
    void setKeyStateStore(KeyStateStore *store, QList<KeyState> initial);
    // Before start(): the query thread of the admin API (statistics, logs, saved settings).
    // Null: no database, and the admin routes that need one answer 503.
    void setQueryRunner(QueryRunner *queries) { m_queries = queries; }
    // Any time: how POST /api/config/reset reads .env and the environment again (default:
    // the process environment and ./.env).
    void setSettingsReload(std::function<LoadedSettings()> reload);
    // Before start(): where the relay logs every upstream attempt (a LogQueue that the
    // database thread drains). Null: no request/error log.
    void setAttemptLog(std::shared_ptr<AttemptLog> log) { m_attemptLog = std::move(log); }
    // Before start(): jobs outside the proxy that POST /api/scheduler/stop|start pause too
    // (the log retention on the database thread); `setPaused` is called on the proxy thread.
    void addPausableJob(PausableJob job) { m_extraJobs.append(std::move(job)); }
    // Before start(): adds values from outside the proxy to GET /metrics (called on the
    // proxy thread each start(); the values are read there at every scrape).
    void setMetricsSetup(std::function<void(MetricsRegistry &)> setup) { m_metricsSetup = std::move(setup); }

    // Before start(): how long an https client may take over its TLS handshake (default
    // HttpServerLimits::tlsHandshakeTimeoutMs); a stalled one is dropped after it.
    void setTlsHandshakeTimeout(int ms) { m_tlsHandshakeTimeoutMs = ms; }

    // Before start(): --demo, shown on the admin login page and in GET /api/session.
    void setDemo(bool demo) { m_demo = demo; }

    bool isListening() const;
    bool isTls() const;  // listening over https
    // Where the server listens; while it does not (a failed or no start yet): where the last
    // start() asked it to, so a Start from the window tries that place again.
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const { return m_error; }

    KeyPool *keys() const { return m_keys; }
    Relay *relay() const { return m_relay; }
    UpstreamPool *upstream() const { return m_upstream; }
    KeyChecker *checker() const { return m_checker; }
    ModelCatalog *catalog() const { return m_catalog; }  // the upstream model list (cached)
    KeyHealthCheck *healthCheck() const { return m_healthCheck; }
    ApiRouter *router() const { return m_router; }  // e.g. router()->metrics() to add /metrics values
    // Event loops serving clients (PROXY_THREADS; this thread's included); 0 when stopped.
    int loopCount() const;

signals:
    void listening(const QHostAddress &address, quint16 port);

private:
    struct Loop
    {
        QThread *thread;
        ProxyLoop *loop;
    };
    void applySettings(const QStringList &names);
    void startLoops();  // the other event loops (PROXY_THREADS), plain http only
    void stopLoops();

    Settings *m_settings;
    std::unique_ptr<Clock> m_ownClock;
    const Clock *m_clock;
    KeyPool *m_keys = nullptr;
    KeyStateStore *m_keyStore = nullptr;  // lives on the database thread: connect and queue only
    QList<KeyState> m_initialStates;
    KeyStateRecorder *m_recorder = nullptr;
    QueryRunner *m_queries = nullptr;     // thread-safe post(); owned by the composition root
    std::shared_ptr<AttemptLog> m_attemptLog;  // thread-safe, never blocks
    UpstreamPool *m_upstream = nullptr;
    Relay *m_relay = nullptr;
    ModelCatalog *m_catalog = nullptr;
    KeyChecker *m_checker = nullptr;
    KeyHealthCheck *m_healthCheck = nullptr;
    ApiRouter *m_router = nullptr;
    HttpServer *m_http = nullptr;
    std::vector<Loop> m_loops;
    QHostAddress m_requestedAddress;
    quint16 m_requestedPort = 0;
    QString m_error;
    std::function<LoadedSettings()> m_settingsReload;
    QList<PausableJob> m_extraJobs;
    std::function<void(MetricsRegistry &)> m_metricsSetup;
    bool m_demo = false;
    int m_tlsHandshakeTimeoutMs = 0;  // 0: the server's default
    WriteBatch m_writeBatch;  // the server's and the upstream client's; outlives both
};

} // namespace gb
