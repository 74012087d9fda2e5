#pragma once

#include "CommandLine.h"
#include "common/Result.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <memory>

class QThread;

namespace gb {

namespace demo {
class DemoTraffic;
class DemoUpstream;
} // namespace demo

class Database;
class LogQueue;
class ProxyService;
class QueryRunner;
class SecretStore;
class SettingsPersister;
class Settings;
class StoreThread;

// The composition root: builds every service once, in order, and tears them down in
// reverse. The proxy (HTTP server, relay, key and connection pools) runs on its own
// thread, the database writes (StoreThread: key states) on another, the admin API's
// queries (QueryRunner) on a third; settings live on the main thread, which opens the
// database only to migrate it.
class Runtime : public QObject
{
    Q_OBJECT
public:
    explicit Runtime(CommandLineOptions options, QObject *parent = nullptr);
    ~Runtime() override;

    // Before start(): where secret settings are kept (the desktop's OS keychain; not owned,
    // on this thread). None: in the database, as the headless server always does.
    void setSecretStore(SecretStore *store) { m_secretStore = store; }
    // After start(): whether secret settings live in the keychain (false: in the database).
    bool secretsInKeychain() const { return m_secretsInKeychain; }
    // --demo: the built-in upstream, sample keys and traffic are running.
    bool isDemo() const { return m_options.demo; }

    // Before start(): a server that cannot listen (port taken, TLS file unreadable) does not
    // fail the start; the desktop then opens with the server stopped and says why, so the
    // address or the TLS settings can be fixed in the window. The headless server fails.
    void setListenFailureTolerated(bool tolerated) { m_listenFailureTolerated = tolerated; }
    // After a tolerated listen failure: why the server is not listening (empty when it is).
    QString listenError() const { return m_listenError; }

    // Loads settings, opens the database, starts the proxy thread and listens.
    // On failure the message says what to fix.
    Result<void> start();
    void stop();

    Settings *settings() const { return m_settings; }
    ProxyService *proxy() const { return m_proxy; }
    // The database's read side (its own thread), for the desktop's charts and log viewer.
    QueryRunner *queries() const { return m_queries.get(); }
    QString dataDir() const { return m_dataDir; }
    QString baseUrl() const;  // e.g. http://127.0.0.1:8000 (https:// when TLS is on)
    // The admin token generated at this start because none was set (the first start
    // without AUTH_TOKEN), for the GUI to show once; empty otherwise.
    QString generatedAdminToken() const { return m_generatedAdminToken; }
    static QString generateAdminToken();  // 32 characters [0-9A-Za-z] from the system CSPRNG
    // The request/error log queue and its counters (queued, written, dropped...), for /metrics.
    std::shared_ptr<LogQueue> logQueue() const { return m_logQueue; }
    // The data folder start() uses: --data-dir, or the per-user application data folder;
    // with --demo its "demo" subfolder.
    static QString resolveDataDir(const CommandLineOptions &options);

private:
    Result<void> startDemoUpstream(QProcessEnvironment *environment, QString *envFile);
    QHash<QString, QString> resolveSecretRows(Database &database, const QHash<QString, QString> &rows);

    CommandLineOptions m_options;
    QString m_dataDir;
    Settings *m_settings = nullptr;
    std::shared_ptr<LogQueue> m_logQueue;
    std::unique_ptr<StoreThread> m_store;
    std::unique_ptr<QueryRunner> m_queries;
    SettingsPersister *m_persister = nullptr;
    QString m_generatedAdminToken;
    bool m_listenFailureTolerated = false;
    QString m_listenError;
    QThread *m_proxyThread = nullptr;
    ProxyService *m_proxy = nullptr;
    quint16 m_port = 0;
    bool m_tls = false;
    SecretStore *m_secretStore = nullptr;
    bool m_secretsInKeychain = false;
    std::unique_ptr<demo::DemoUpstream> m_demoUpstream;
    demo::DemoTraffic *m_demoTraffic = nullptr;
};

} // namespace gb
