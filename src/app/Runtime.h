#pragma once

#include "CommandLine.h"
#include "common/Result.h"

#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace gb {

class ProxyService;
class QueryRunner;
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
    QString dataDir() const { return m_dataDir; }
    QString baseUrl() const;  // e.g. http://127.0.0.1:8000
    // The data folder start() uses: --data-dir, or the per-user application data folder.
    static QString resolveDataDir(const CommandLineOptions &options);

private:
    CommandLineOptions m_options;
    QString m_dataDir;
    Settings *m_settings = nullptr;
    std::unique_ptr<StoreThread> m_store;
    std::unique_ptr<QueryRunner> m_queries;
    QThread *m_proxyThread = nullptr;
    ProxyService *m_proxy = nullptr;
    quint16 m_port = 0;
};

} // namespace gb
