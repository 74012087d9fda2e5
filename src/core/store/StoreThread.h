#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "keys/KeyState.h"
#include "store/Database.h"
#include "store/KeyStateStore.h"

#include <QList>
#include <QMutex>
#include <QStringList>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <memory>

namespace gb {

class LogQueue;
class LogRetention;
class LogWriter;
class Settings;

// The database thread: owns its own connection (QtSql connections belong to the thread
// that opened them) and the stores that write through it, so no database call ever runs
// on the proxy thread. Everything the store does happens in run(); the members below are
// called from the thread that owns this object (the main thread) and block on the
// database thread where they say so. The schema must be migrated before open().
class StoreThread : public QThread
{
    Q_OBJECT
public:
    // A null clock means the system clock; a given one must outlive this object.
    explicit StoreThread(DatabaseConfig config, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~StoreThread() override;  // shutdown()

    // Starts the thread and opens its connection; waits until it is open (or failed).
    Result<void> open();
    // Writes what is pending (blocking), ends the thread and closes its connection there.
    // A clean stop loses nothing that was queued to the store before the call.
    void shutdown();

    // The key state store, living on this thread: queue save() to it (a direct call from
    // another thread is wrong). Null before open() and after shutdown().
    KeyStateStore *keyStates() const;

    // Start-up, blocking: prunes rows untouched for 90 days (those of configuredKeys stay),
    // loads the rest and returns the states of configuredKeys that were stored, in
    // configured order, with KeyState::key filled in.
    Result<QList<KeyState>> loadKeyStates(const QStringList &configuredKeys);
    // Blocking: writes what is pending now (key states and log entries). True when nothing
    // is left pending.
    bool flush();

    // Before open(): the request/error log queue that a LogWriter on this thread drains
    // (null: no log writer). shutdown() and flush() write what it holds.
    void setLogQueue(std::shared_ptr<LogQueue> queue) { m_logQueue = std::move(queue); }
    // Before open(): runs the log retention job (LogRetention) on this thread, following
    // these settings live (null: no retention job). The settings must outlive the thread.
    void setRetentionSettings(Settings *settings) { m_retentionSettings = settings; }
    // Skips (true) or resumes the scheduled retention runs. Any thread, any time.
    void setLogRetentionPaused(bool paused);
    bool isLogRetentionPaused() const { return m_retentionPaused.load(); }

    // Before open(): how often pending key states are written (default 1 s).
    void setFlushIntervalMs(int ms) { m_flushIntervalMs = ms; }
    // Counters of the key state store (the final ones after shutdown()). Any thread.
    KeyStateStore::Stats stats() const;

protected:
    void run() override;

private:
    DatabaseConfig m_config;
    SystemClock m_systemClock;
    const Clock *m_clock;
    int m_flushIntervalMs = KeyStateStore::kDefaultFlushIntervalMs;

    mutable QMutex m_mutex;
    QWaitCondition m_opened;
    bool m_openDone = false;
    Result<void> m_openResult;
    KeyStateStore *m_store = nullptr;  // on run()'s stack
    LogWriter *m_logWriter = nullptr;  // on run()'s stack; null without a log queue
    LogRetention *m_retention = nullptr;
    std::shared_ptr<LogQueue> m_logQueue;
    Settings *m_retentionSettings = nullptr;
    std::atomic<bool> m_retentionPaused{false};
    KeyStateStore::Stats m_finalStats;
};

} // namespace gb
