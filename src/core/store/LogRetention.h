#pragma once

#include "common/Result.h"
#include "settings/SettingsValues.h"
#include "store/Database.h"

#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

class QTimer;

namespace gb {

class Clock;

// The retention jobs (gemini-balance's delete_old_error_logs_job and
// delete_old_request_logs_job): at start-up and then every day at 00:00 in TIMEZONE (empty:
// the system time zone), deletes t_error_logs rows older than AUTO_DELETE_ERROR_LOGS_DAYS
// and t_request_log rows older than AUTO_DELETE_REQUEST_LOGS_DAYS when the matching
// *_ENABLED is on, and per-minute counters older than 400 days. Age is by request_ms.
//
// Deletes go kBatchRows rows per statement, each its own short transaction, and a
// scheduled run yields to the event loop between statements, so a huge backlog never
// holds a long lock nor keeps the log writer (same thread) waiting long.
//
// Lives on the database thread with its own connection; setPaused() is thread-safe.
class LogRetention : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatchRows = 5000;
    static constexpr int kCounterDays = 400;
    static constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

    struct Policy
    {
        bool errorLogs = true;
        int errorLogDays = 7;
        bool requestLogs = false;
        int requestLogDays = 30;
        QString timezone;  // IANA id; empty = the system's

        static Policy fromSettings(const SettingsValues &s);
        bool operator==(const Policy &) const = default;
    };

    struct Outcome
    {
        int errorRows = 0;
        int requestRows = 0;
        int counterRows = 0;
        bool ok = true;
    };

    // The clock (not owned, must outlive this object; null: the system clock) decides the
    // cut-offs and the daily schedule.
    LogRetention(DatabaseConfig config, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~LogRetention() override;

    Result<void> open();
    void close();

    void setPolicy(const Policy &policy);  // a new time zone re-arms the daily timer
    Policy policy() const { return m_policy; }

    // Runs once now (in steps through the event loop) and then daily. Call after open().
    void start();
    // Deletes everything due now, synchronously (tests, and "run now" buttons).
    Outcome runNow();

    // While paused, the scheduled runs are skipped (the admin API's /api/scheduler/stop).
    // Any thread.
    void setPaused(bool paused) { m_paused.store(paused); }
    bool isPaused() const { return m_paused.load(); }

    // The next 00:00 strictly after nowMs in the given time zone (empty or unknown: the
    // system's), as epoch ms.
    static qint64 nextMidnightMs(qint64 nowMs, const QString &timezone);

signals:
    // A run (scheduled or runNow) finished.
    void finished(const gb::LogRetention::Outcome &outcome);

private:
    struct Task
    {
        int table = 0;  // 0 errors, 1 requests, 2 counters
        qint64 cutoffMs = 0;
    };
    QList<Task> tasksDue() const;
    Result<int> deleteBatch(const Task &task);
    void scheduled();   // the daily timer fired (or the start-up run)
    void step();        // one statement of the current run
    void armTimer();

    DatabaseConfig m_config;
    const Clock *m_clock;
    std::unique_ptr<Clock> m_ownClock;
    std::unique_ptr<Database> m_db;
    Policy m_policy;
    QTimer *m_timer;
    QList<Task> m_running;  // the steps left of a scheduled run
    Outcome m_outcome;
    std::atomic<bool> m_paused{false};
};

} // namespace gb

Q_DECLARE_METATYPE(gb::LogRetention::Outcome)
