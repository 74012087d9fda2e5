#include "api/OverloadGate.h"

#include "common/LogCategories.h"
#include "common/ResponseSink.h"

#include <QDateTime>
#include <QMutex>
#include <QTimer>

#include <atomic>

namespace gb {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

// What the loops' gates share. The counts are atomics (read and changed on every loop's
// thread); the list of gates is only for waking waiters, under its mutex, which a gate's
// destructor also takes, so a gate in the list is alive while a wake-up is posted to it.
struct OverloadGate::Budget
{
    std::atomic<int> limit{0};
    std::atomic<int> queueWaitMs{0};
    std::atomic<int> inFlight{0};
    std::atomic<int> queued{0};
    std::atomic<quint64> refused{0};
    std::atomic<quint64> admitted{0};
    QMutex gatesMutex;
    QList<OverloadGate *> gates;
};

OverloadGate::OverloadGate(QObject *parent) : OverloadGate(nullptr, parent) {}

OverloadGate::OverloadGate(const OverloadGate *first, QObject *parent)
    : QObject(parent), m_budget(first ? first->m_budget : std::make_shared<Budget>()), m_expiry(new QTimer(this))
{
    m_expiry->setSingleShot(true);
    connect(m_expiry, &QTimer::timeout, this, &OverloadGate::expireWaiting);
    QMutexLocker lock(&m_budget->gatesMutex);
    m_budget->gates.append(this);
}

OverloadGate::~OverloadGate()
{
    {
        QMutexLocker lock(&m_budget->gatesMutex);
        m_budget->gates.removeOne(this);
    }
    m_budget->queued -= int(m_queue.size());
}

void OverloadGate::setLimits(int limit, int queueWaitMs)
{
    m_budget->limit = qMax(0, limit);
    m_budget->queueWaitMs = qMax(0, queueWaitMs);
    startWaiting();
    if (m_budget->queued > 0)
        wakeWaiting();  // a higher cap starts the other loops' waiting requests too
    if (queueWaitMs <= 0)
        expireWaiting();
}

int OverloadGate::limit() const
{
    return m_budget->limit;
}

int OverloadGate::inFlight() const
{
    return m_budget->inFlight;
}

int OverloadGate::queued() const
{
    return m_budget->queued;
}

quint64 OverloadGate::refused() const
{
    return m_budget->refused;
}

quint64 OverloadGate::admitted() const
{
    return m_budget->admitted;
}

void OverloadGate::countRefusal()
{
    ++m_budget->refused;
}

bool OverloadGate::hasSlot() const
{
    const int limit = m_budget->limit;
    return limit <= 0 || m_budget->inFlight < limit;
}

bool OverloadGate::takeSlot()
{
    int n = m_budget->inFlight.load();
    for (;;) {
        const int limit = m_budget->limit;
        if (limit > 0 && n >= limit)
            return false;
        if (m_budget->inFlight.compare_exchange_weak(n, n + 1))
            return true;
    }
}

bool OverloadGate::wouldRefuse() const
{
    if (hasSlot())
        return false;
    return m_budget->queueWaitMs == 0 || m_budget->queued >= m_budget->limit;
}

void OverloadGate::admit(ResponseSink *sink, std::function<void()> start, std::function<void()> refuse)
{
    if (!sink || sink->isCanceled())
        return;
    if (m_queue.empty() && takeSlot()) {
        enter(sink, start);
        return;
    }
    if (wouldRefuse()) {
        countRefusal();
        refuse();
        return;
    }
    const int waitMs = m_budget->queueWaitMs;
    m_queue.push_back({sink, std::move(start), std::move(refuse), nowMs() + waitMs});
    ++m_budget->queued;
    // A client that leaves while waiting frees its place (and its body) at once.
    connect(sink, &ResponseSink::canceled, this, &OverloadGate::dropGone, Qt::UniqueConnection);
    if (!m_expiry->isActive())
        m_expiry->start(waitMs);
}

void OverloadGate::enter(ResponseSink *sink, const std::function<void()> &start)
{
    ++m_budget->admitted;
    // Destroyed after end()/abort() or with its connection once the client went: in every
    // case the request stops counting.
    connect(sink, &QObject::destroyed, this, &OverloadGate::release);
    start();
}

void OverloadGate::release()
{
    --m_budget->inFlight;
    if (m_budget->queued > 0)
        wakeWaiting();
}

void OverloadGate::wakeWaiting()
{
    // Queued, on each gate's own thread (and here not from inside the sink's destructor).
    QMutexLocker lock(&m_budget->gatesMutex);
    for (OverloadGate *gate : std::as_const(m_budget->gates))
        QMetaObject::invokeMethod(gate, &OverloadGate::startWaiting, Qt::QueuedConnection);
}

void OverloadGate::popQueue(std::deque<Waiting> &&rest)
{
    m_budget->queued -= int(m_queue.size()) - int(rest.size());
    m_queue = std::move(rest);
}

void OverloadGate::startWaiting()
{
    while (!m_queue.empty()) {
        if (!m_queue.front().sink || m_queue.front().sink->isCanceled()) {
            m_queue.pop_front();
            --m_budget->queued;
            continue;
        }
        if (!takeSlot())
            return;
        Waiting w = std::move(m_queue.front());
        m_queue.pop_front();
        --m_budget->queued;
        disconnect(w.sink, &ResponseSink::canceled, this, &OverloadGate::dropGone);
        enter(w.sink, w.start);
    }
}

void OverloadGate::expireWaiting()
{
    const qint64 now = nowMs();
    const int waitMs = m_budget->queueWaitMs;
    qint64 next = -1;
    std::deque<Waiting> keep;
    std::deque<Waiting> expired;
    for (Waiting &w : m_queue) {
        if (!w.sink || w.sink->isCanceled())
            continue;
        if (waitMs == 0 || w.deadline <= now) {
            expired.push_back(std::move(w));
        } else {
            keep.push_back(std::move(w));
            next = next < 0 ? keep.back().deadline : qMin(next, keep.back().deadline);
        }
    }
    popQueue(std::move(keep));
    if (next >= 0)
        m_expiry->start(int(qMax<qint64>(1, next - now)));
    for (Waiting &w : expired) {
        if (!w.sink)
            continue;
        disconnect(w.sink, &ResponseSink::canceled, this, &OverloadGate::dropGone);
        countRefusal();
        w.refuse();
    }
}

void OverloadGate::dropGone()
{
    std::deque<Waiting> rest;
    for (Waiting &w : m_queue)
        if (w.sink && !w.sink->isCanceled())
            rest.push_back(std::move(w));
    popQueue(std::move(rest));
}

} // namespace gb
