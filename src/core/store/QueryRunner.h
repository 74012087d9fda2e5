#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QObject>
#include <QThread>
#include <QVariant>

#include <functional>

namespace gb {

// Runs read (and admin) queries on a thread of its own with its own connection, so a slow
// statistics query never stalls the proxy thread nor the log writer. Jobs run one at a time
// in the order posted; each answer comes back on the thread of the context object
// (typically the proxy thread) through the event loop.
class QueryRunner : public QObject
{
    Q_OBJECT
public:
    using Job = std::function<QVariant(Database &database)>;
    using Done = std::function<void(const QVariant &result)>;

    explicit QueryRunner(DatabaseConfig config, QObject *parent = nullptr);
    ~QueryRunner() override;  // stop()

    // Starts the thread and opens the connection there; blocks until done.
    Result<void> start();
    void stop();
    bool isRunning() const;

    // Runs `job` on the query thread, then `done` on `context`'s thread (dropped if the
    // context was deleted meanwhile). Safe to call from any thread.
    void post(Job job, QObject *context, Done done);
    // Runs `job` and waits for its result (tests, start-up). Not from the query thread.
    QVariant run(Job job);

private:
    DatabaseConfig m_config;
    QThread m_thread;
    QObject *m_worker = nullptr;     // lives on m_thread
    Database *m_database = nullptr;  // opened and used on m_thread only
};

} // namespace gb
