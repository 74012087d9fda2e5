#pragma once

#include "relay/AttemptLog.h"

#include <QList>
#include <QMutex>

#include <atomic>
#include <functional>

namespace gb {

// The hand-over point between the request path and the log writer: a bounded queue of
// request and error log entries. record()/recordError() take a short mutex, append and
// return; when the queue is full (entries or bytes) the entry is dropped and counted, so
// an overloaded database slows nothing and memory stays bounded. The LogWriter on the
// database thread takes batches out. Every member is thread-safe.
class LogQueue final : public AttemptLog
{
public:
    static constexpr int kDefaultCapacity = 50'000;
    static constexpr qint64 kDefaultMaxBytes = 64LL * 1024 * 1024;
    // What one error entry may carry of the upstream's body and of the request body.
    static constexpr qsizetype kMaxErrorTextBytes = 64 * 1024;

    // Readable from any thread (/metrics, tests). written + dropped + pending == queued
    // once nothing is in flight.
    struct Stats
    {
        quint64 queued = 0;        // entries offered (request and error entries)
        quint64 written = 0;       // entries committed to the database
        quint64 dropped = 0;       // entries lost: queue full, or a batch that kept failing
        quint64 batches = 0;       // committed write transactions
        quint64 errors = 0;        // failed write transactions (each retried a few times)
        qint64 lastBatchMs = 0;    // when the last batch was committed (epoch ms), 0 = never
        int lastBatchEntries = 0;
        int lastBatchDurationMs = 0;
        int pending = 0;           // entries waiting in the queue
    };

    struct Batch
    {
        QList<RequestLogEntry> requests;
        QList<ErrorLogEntry> errors;
        qint64 bytes = 0;
        int size() const { return int(requests.size() + errors.size()); }
        bool isEmpty() const { return requests.isEmpty() && errors.isEmpty(); }
    };

    explicit LogQueue(int capacity = kDefaultCapacity, qint64 maxBytes = kDefaultMaxBytes);

    void record(RequestLogEntry entry) override;
    void recordError(ErrorLogEntry entry) override;

    // Takes up to maxEntries (oldest first).
    Batch take(int maxEntries);
    int pending() const;
    int capacity() const { return m_capacity; }

    // Called, on the recording thread and without waiting, when the queue holds
    // `threshold` entries: the writer's cue to drain before its timer fires. Once per
    // take(). Null: none.
    void setWakeUp(std::function<void()> wakeUp, int threshold);

    // The writer's accounting.
    void noteCommitted(int entries, qint64 atMs, int durationMs);
    void noteFailed();
    void noteDropped(int entries);

    Stats stats() const;

private:
    bool admit(qint64 bytes);  // under m_mutex

    const int m_capacity;
    const qint64 m_maxBytes;
    mutable QMutex m_mutex;
    Batch m_items;  // under m_mutex
    std::function<void()> m_wakeUp;
    int m_wakeThreshold = 0;
    bool m_wakePending = false;

    std::atomic<quint64> m_queued{0};
    std::atomic<quint64> m_written{0};
    std::atomic<quint64> m_dropped{0};
    std::atomic<quint64> m_batches{0};
    std::atomic<quint64> m_errors{0};
    std::atomic<qint64> m_lastBatchMs{0};
    std::atomic<int> m_lastBatchEntries{0};
    std::atomic<int> m_lastBatchDurationMs{0};
    std::atomic<int> m_pending{0};
};

} // namespace gb
