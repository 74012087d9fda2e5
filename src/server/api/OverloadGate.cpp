#include "api/OverloadGate.h"

#include "common/LogCategories.h"
#include "common/ResponseSink.h"

#include <QDateTime>
#include <QTimer>

namespace gb {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

OverloadGate::OverloadGate(QObject *parent) : QObject(parent), m_expiry(new QTimer(this))
{
    m_expiry->setSingleShot(true);
    connect(m_expiry, &QTimer::timeout, this, &OverloadGate::expireWaiting);
}

OverloadGate::~OverloadGate() = default;

void OverloadGate::setLimits(int limit, int queueWaitMs)
{
    m_limit = qMax(0, limit);
    m_queueWaitMs = qMax(0, queueWaitMs);
    startWaiting();
    if (m_queueWaitMs == 0)
        expireWaiting();
}

bool OverloadGate::wouldRefuse() const
{
    if (hasSlot())
        return false;
    return m_queueWaitMs == 0 || int(m_queue.size()) >= m_limit;
}

void OverloadGate::admit(ResponseSink *sink, std::function<void()> start, std::function<void()> refuse)
{
    if (!sink || sink->isCanceled())
        return;
    if (hasSlot() && m_queue.empty()) {
        enter(sink, start);
        return;
    }
    if (wouldRefuse()) {
        ++m_refused;
        refuse();
        return;
    }
    m_queue.push_back({sink, std::move(start), std::move(refuse), nowMs() + m_queueWaitMs});
    // A client that leaves while waiting frees its place (and its body) at once.
    connect(sink, &ResponseSink::canceled, this, &OverloadGate::dropGone, Qt::UniqueConnection);
    if (!m_expiry->isActive())
        m_expiry->start(m_queueWaitMs);
}

void OverloadGate::enter(ResponseSink *sink, const std::function<void()> &start)
{
    ++m_inFlight;
    ++m_admitted;
    // Destroyed after end()/abort() or with its connection once the client went: in every
    // case the request stops counting.
    connect(sink, &QObject::destroyed, this, &OverloadGate::release);
    start();
}

void OverloadGate::release()
{
    --m_inFlight;
    // Not from inside the sink's destructor: start the next one on the next turn.
    if (!m_queue.empty())
        QMetaObject::invokeMethod(this, &OverloadGate::startWaiting, Qt::QueuedConnection);
}

void OverloadGate::startWaiting()
{
    while (!m_queue.empty() && hasSlot()) {
        Waiting w = std::move(m_queue.front());
        m_queue.pop_front();
        if (!w.sink || w.sink->isCanceled())
            continue;
        disconnect(w.sink, &ResponseSink::canceled, this, &OverloadGate::dropGone);
        enter(w.sink, w.start);
    }
}

void OverloadGate::expireWaiting()
{
    const qint64 now = nowMs();
    qint64 next = -1;
    std::deque<Waiting> keep;
    std::deque<Waiting> expired;
    for (Waiting &w : m_queue) {
        if (!w.sink || w.sink->isCanceled())
            continue;
        if (m_queueWaitMs == 0 || w.deadline <= now) {
            expired.push_back(std::move(w));
        } else {
            keep.push_back(std::move(w));
            next = next < 0 ? keep.back().deadline : qMin(next, keep.back().deadline);
        }
    }
    m_queue = std::move(keep);
    if (next >= 0)
        m_expiry->start(int(qMax<qint64>(1, next - now)));
    for (Waiting &w : expired) {
        if (!w.sink)
            continue;
        disconnect(w.sink, &ResponseSink::canceled, this, &OverloadGate::dropGone);
        ++m_refused;
        w.refuse();
    }
}

void OverloadGate::dropGone()
{
    std::erase_if(m_queue, [](const Waiting &w) { return !w.sink || w.sink->isCanceled(); });
}

} // namespace gb
