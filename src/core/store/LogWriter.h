#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/LogQueue.h"

#include <QObject>

#include <memory>

class QSqlQuery;
class QTimer;

namespace gb {

class Clock;
class SqliteRequestInsert;

// Drains a LogQueue into the database: t_request_log and t_error_logs rows, and the
// per-minute counters (gb_counters_minute) aggregated in memory per (minute, key_id,
// model) and upserted, all in one transaction per batch. Lives on the database thread
// (StoreThread) with its own connection; every member runs on the thread that created it.
//
// A batch is written at most every intervalMs (500 ms), sooner when the queue holds
// wakeThreshold entries, and on flush(). A failed batch is kept and retried on the next
// drain, up to kMaxTries times, then dropped and counted (LogQueue::Stats). Database errors
// are logged at most once per 10 s.
//
// gb_counters_minute.minute is the epoch minute (epoch milliseconds / 60,000, UTC): the stats
// queries turn a time range into minutes (StatsQueries minuteAtOrAfter) to filter it.
class LogWriter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 500;
    static constexpr int kMaxBatch = 5000;       // entries per transaction
    static constexpr int kWakeThreshold = 2000;  // entries queued that cut the wait short
    static constexpr int kMaxTries = 3;
    // Request rows per multi-row INSERT (800 parameters). SQLite looks each named parameter up
    // in a list while it prepares, so preparing grows with the square of the count: 200 rows
    // (3,200 parameters) took ~250 million instructions, half of the start-up time.
    static constexpr int kRowsPerInsert = 50;
    static constexpr int kLatencyBuckets = 16;

    // The clock stamps the stats; it must outlive the writer (null: the system clock).
    LogWriter(DatabaseConfig config, std::shared_ptr<LogQueue> queue, const Clock *clock = nullptr,
              QObject *parent = nullptr);
    ~LogWriter() override;  // close()

    // Opens the connection (schema migrated already) and starts draining.
    Result<void> open();
    // Writes what is queued, then closes the connection.
    void close();
    bool isOpen() const;
    // Request rows go through SQLite's C API (SqliteRequestInsert), not QSqlQuery.
    bool writesRowsDirectly() const { return m_directInsert != nullptr; }

    void setIntervalMs(int ms);

    // Which lat_bN column a latency counts in: 0 for [0,1) ms, i for [2^(i-1), 2^i) ms,
    // 15 for everything from 16384 ms up.
    static int latencyBucket(qint64 latencyMs);
    static qint64 minuteOf(qint64 epochMs) { return epochMs / 60'000; }  // the epoch minute

public slots:
    // Writes up to a few batches now (what the timer and the wake-up call).
    void drain();
    // Writes everything queued now, retrying a failing batch up to its limit. True when
    // all of it was written (false: a batch was dropped, or something is left).
    bool flush();

private:
    bool attempt(LogQueue::Batch &batch);  // false: kept for a retry (or dropped at the limit)
    Result<void> write(const LogQueue::Batch &batch);
    Result<void> prepare();
    void resetStatements();  // before the connection closes, or to prepare again
    void reportError(const QString &error);

    DatabaseConfig m_config;
    std::shared_ptr<LogQueue> m_queue;
    const Clock *m_clock;
    std::unique_ptr<Clock> m_ownClock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<QSqlQuery> m_insertMany;  // kRowsPerInsert request rows
    std::unique_ptr<QSqlQuery> m_insertOne;
    std::unique_ptr<QSqlQuery> m_insertError;
    std::unique_ptr<QSqlQuery> m_upsertCounter;
    std::unique_ptr<SqliteRequestInsert> m_directInsert;  // request rows, where SQLite's C API may be used
    QTimer *m_timer;
    LogQueue::Batch m_retry;  // a failed batch, written before anything newer
    int m_retryTries = 0;
    quint64 m_batchesDropped = 0;
    qint64 m_lastErrorLogMs = 0;
    int m_suppressedErrors = 0;
};

} // namespace gb
