#pragma once

#include "common/Result.h"
#include "keys/KeyState.h"
#include "store/Database.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <atomic>
#include <memory>

class QSqlQuery;
class QTimer;

namespace gb {

class Clock;

// Key states in the gb_key_state table (migration 002), one row per key, so the pool's
// knowledge of its keys survives a restart. A row is keyed by keyId() (the SHA-256 of
// the key) and carries a redacted hint; the key itself is never written, and error texts
// are redacted again before they are.
//
// Lives on the database thread (see StoreThread) with its own connection: every member
// except keyId(), keyHint() and stats() is called on that thread, from other threads
// through queued (save) or blocking queued (flush, loadAll at start-up) calls.
//
// Writes are batched: save() only records the states (coalesced by key id, so at most one
// pending row per key) and arms a timer; the pending rows are written in one transaction
// at most every flushIntervalMs (1 s) and on flush(). A failed write keeps the rows
// pending and is retried, with a growing delay (up to 30 s), on the next flush.
class KeyStateStore : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kPruneAgeMs = 90LL * 24 * 60 * 60 * 1000;
    static constexpr int kDefaultFlushIntervalMs = 1000;
    static constexpr int kMaxRetryDelayMs = 30'000;

    // Counters, readable from any thread (tests, diagnostics).
    struct Stats
    {
        quint64 saved = 0;        // states received by save()
        quint64 commits = 0;      // successful write transactions
        quint64 rowsWritten = 0;  // rows upserted by those transactions
        quint64 errors = 0;       // failed opens, loads, prunes and writes
        int pending = 0;          // rows waiting for the next flush
    };

    // The clock stamps updated_at and decides pruning; it must outlive the store.
    KeyStateStore(DatabaseConfig config, const Clock *clock, QObject *parent = nullptr);
    ~KeyStateStore() override;  // close()

    // Lowercase hex SHA-256 of the key's UTF-8: the row's primary key. Any thread.
    static QString keyId(const QString &key);
    // What a human sees of the key: redact::secret ("AIzaSy…abcd"). Any thread.
    static QString keyHint(const QString &key);

    // Opens this store's own connection (on the calling thread, which must be the
    // store's). The schema must be migrated already (Database::migrate at start-up).
    Result<void> open();
    // Flushes what is pending, then closes the connection.
    void close();
    bool isOpen() const;

    // Every stored state, by key id. KeyState::key is empty: the caller matches the ids
    // to its configured keys with keyId() and fills it in (see StoreThread::loadKeyStates).
    Result<QHash<QString, KeyState>> loadAll();
    // Deletes rows not written for `ageMs` (default 90 days), except those of keepKeyIds
    // (the keys configured now: an idle key keeps its history). Returns how many went.
    Result<int> prune(qint64 ageMs = kPruneAgeMs, const QSet<QString> &keepKeyIds = {});

    void setFlushIntervalMs(int ms);
    Stats stats() const;

public slots:
    // Records the states (the last one per key wins) for the next flush; never waits for
    // the database. States with an empty key are ignored.
    void save(const QList<gb::KeyState> &changed);
    // Writes every pending row in one transaction. True when nothing is left pending.
    bool flush();

signals:
    void flushed(int rows);
    // A failed open, load, prune or write (redacted), also logged on lcStore.
    void failed(const QString &error);

private:
    struct Pending
    {
        QString hint;
        KeyState state;  // key cleared
    };
    bool prepareUpsert();
    void fail(const QString &what, const QString &error);
    void scheduleFlush(int delayMs);

    DatabaseConfig m_config;
    const Clock *m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<QSqlQuery> m_upsert;  // prepared once, reused by every flush
    QHash<QString, Pending> m_pending;    // by key id: bounded by the number of keys
    QTimer *m_timer;
    int m_intervalMs = kDefaultFlushIntervalMs;
    int m_retryDelayMs = 0;               // 0 = the last write succeeded
    QString m_lastError;                  // repeated errors are logged once

    std::atomic<quint64> m_saved{0};
    std::atomic<quint64> m_commits{0};
    std::atomic<quint64> m_rowsWritten{0};
    std::atomic<quint64> m_errors{0};
    std::atomic<int> m_pendingCount{0};
};

} // namespace gb
