#include "store/LogQueue.h"

#include <QMutexLocker>

namespace gb {

namespace {

qint64 sizeOf(const RequestLogEntry &e)
{
    return qint64(sizeof(RequestLogEntry)) + 2 * (e.model.size() + e.keyId.size() + e.keyHint.size() + e.tokenId.size()
                                                 + e.operation.size());
}

qint64 sizeOf(const ErrorLogEntry &e)
{
    return qint64(sizeof(ErrorLogEntry)) + 2 * (e.keyId.size() + e.keyHint.size() + e.model.size()
                                               + e.errorType.size() + e.errorLog.size())
         + e.requestBody.size();
}

} // namespace

LogQueue::LogQueue(int capacity, qint64 maxBytes) : m_capacity(qMax(1, capacity)), m_maxBytes(qMax<qint64>(1, maxBytes))
{
}

bool LogQueue::admit(qint64 bytes)
{
    if (m_items.size() >= m_capacity || m_items.bytes + bytes > m_maxBytes) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    return true;
}

void LogQueue::record(RequestLogEntry entry)
{
    m_queued.fetch_add(1, std::memory_order_relaxed);
    const qint64 bytes = sizeOf(entry);
    QMutexLocker lock(&m_mutex);
    if (!admit(bytes))
        return;
    m_items.requests.append(std::move(entry));
    m_items.bytes += bytes;
    m_pending.store(m_items.size(), std::memory_order_relaxed);
    if (m_wakeUp && !m_wakePending && m_items.size() >= m_wakeThreshold) {
        m_wakePending = true;
        m_wakeUp();  // posts an event: does not wait for the writer
    }
}

void LogQueue::recordError(ErrorLogEntry entry)
{
    m_queued.fetch_add(1, std::memory_order_relaxed);
    // Bounded here, so one huge upstream answer cannot eat the queue's memory budget.
    if (entry.errorLog.size() > kMaxErrorTextBytes)
        entry.errorLog.truncate(kMaxErrorTextBytes);
    if (entry.requestBody.size() > kMaxErrorTextBytes)
        entry.requestBody.truncate(kMaxErrorTextBytes);
    const qint64 bytes = sizeOf(entry);
    QMutexLocker lock(&m_mutex);
    if (!admit(bytes))
        return;
    m_items.errors.append(std::move(entry));
    m_items.bytes += bytes;
    m_pending.store(m_items.size(), std::memory_order_relaxed);
    if (m_wakeUp && !m_wakePending && m_items.size() >= m_wakeThreshold) {
        m_wakePending = true;
        m_wakeUp();
    }
}

LogQueue::Batch LogQueue::take(int maxEntries)
{
    Batch out;
    QMutexLocker lock(&m_mutex);
    m_wakePending = false;
    if (m_items.size() <= maxEntries) {
        out = std::exchange(m_items, Batch());
    } else {
        // Errors first (few, and the more valuable), then the oldest requests.
        const int errors = int(qMin<qsizetype>(m_items.errors.size(), maxEntries));
        out.errors = m_items.errors.mid(0, errors);
        m_items.errors.remove(0, errors);
        const int requests = int(qMin<qsizetype>(m_items.requests.size(), maxEntries - errors));
        out.requests = m_items.requests.mid(0, requests);
        m_items.requests.remove(0, requests);
        for (const auto &e : std::as_const(out.errors))
            out.bytes += sizeOf(e);
        for (const auto &e : std::as_const(out.requests))
            out.bytes += sizeOf(e);
        m_items.bytes = qMax<qint64>(0, m_items.bytes - out.bytes);
    }
    m_pending.store(m_items.size(), std::memory_order_relaxed);
    return out;
}

int LogQueue::pending() const
{
    return m_pending.load(std::memory_order_relaxed);
}

void LogQueue::setWakeUp(std::function<void()> wakeUp, int threshold)
{
    QMutexLocker lock(&m_mutex);
    m_wakeUp = std::move(wakeUp);
    m_wakeThreshold = qMax(1, threshold);
    m_wakePending = false;
}

void LogQueue::noteCommitted(int entries, qint64 atMs, int durationMs)
{
    m_written.fetch_add(quint64(entries), std::memory_order_relaxed);
    m_batches.fetch_add(1, std::memory_order_relaxed);
    m_lastBatchMs.store(atMs, std::memory_order_relaxed);
    m_lastBatchEntries.store(entries, std::memory_order_relaxed);
    m_lastBatchDurationMs.store(durationMs, std::memory_order_relaxed);
}

void LogQueue::noteFailed()
{
    m_errors.fetch_add(1, std::memory_order_relaxed);
}

void LogQueue::noteDropped(int entries)
{
    m_dropped.fetch_add(quint64(entries), std::memory_order_relaxed);
}

LogQueue::Stats LogQueue::stats() const
{
    Stats s;
    s.queued = m_queued.load(std::memory_order_relaxed);
    s.written = m_written.load(std::memory_order_relaxed);
    s.dropped = m_dropped.load(std::memory_order_relaxed);
    s.batches = m_batches.load(std::memory_order_relaxed);
    s.errors = m_errors.load(std::memory_order_relaxed);
    s.lastBatchMs = m_lastBatchMs.load(std::memory_order_relaxed);
    s.lastBatchEntries = m_lastBatchEntries.load(std::memory_order_relaxed);
    s.lastBatchDurationMs = m_lastBatchDurationMs.load(std::memory_order_relaxed);
    s.pending = m_pending.load(std::memory_order_relaxed);
    return s;
}

} // namespace gb
