#pragma once

#include "CommandLine.h"
#include "common/Result.h"

#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace gb {

class LogQueue;
class ProxyService;
class QueryRunner;
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

    // Loads settings, opens the database, starts the proxy thread and listens.
    // On failure the message says what to fix.
    Result<void> start();
    void stop();

    Settings *settings() const { return m_settings; }
    ProxyService *proxy() const { return m_proxy; }
    // The database's read side (its own thread), for the desktop's charts and log viewer.
    QueryRunner *queries() const { return m_queries.get(); }
    QString dataDir() const { return m_dataDir; }
    QString baseUrl() const;  // e.g. http://127.0.0.1:8000
    // The admin token generated at this start because none was set (the first start
    // without AUTH_TOKEN), for the GUI to show once; empty otherwise.
    QString generatedAdminToken() const { return m_generatedAdminToken; }
    static QString generateAdminToken();  // 32 characters [0-9A-Za-z] from the system CSPRNG
    // The request/error log queue and its counters (queued, written, dropped...), for /metrics.
    std::shared_ptr<LogQueue> logQueue() const { return m_logQueue; }
    // The data folder start() uses: --data-dir, or the per-user application data folder.
    static QString resolveDataDir(const CommandLineOptions &options);

private:
    CommandLineOptions m_options;
    QString m_dataDir;
    Settings *m_settings = nullptr;
    std::shared_ptr<LogQueue> m_logQueue;
    std::unique_ptr<StoreThread> m_store;
    std::unique_ptr<QueryRunner> m_queries;
    SettingsPersister *m_persister = nullptr;
    QString m_generatedAdminToken;
    QThread *m_proxyThread = nullptr;
    ProxyService *m_proxy = nullptr;
    quint16 m_port = 0;
};

} // namespace gb
