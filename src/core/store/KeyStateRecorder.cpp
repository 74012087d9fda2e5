#include "store/KeyStateRecorder.h"

#include <QThread>
#include <QTimer>

namespace gb {

KeyStateRecorder::KeyStateRecorder(StateLookup lookup, QObject *parent)
    : QObject(parent), m_lookup(std::move(lookup)), m_timer(new QTimer(this)), m_sweepTimer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] { collect(false); });
    connect(m_sweepTimer, &QTimer::timeout, this, [this] { collect(true); });
}

KeyStateRecorder::~KeyStateRecorder() = default;

void KeyStateRecorder::setIntervalMs(int ms)
{
    m_timer->setInterval(qMax(0, ms));
}

void KeyStateRecorder::setSweep(AllStates all, int intervalMs)
{
    m_all = std::move(all);
    m_lastUsedSaved.clear();
    if (!m_all) {
        m_sweepTimer->stop();
        return;
    }
    const QList<KeyState> states = m_all();
    for (const KeyState &s : states)
        if (s.lastUsedMs != 0)
            m_lastUsedSaved.insert(s.key, s.lastUsedMs);
    m_sweepTimer->start(qMax(1, intervalMs));
}

int KeyStateRecorder::dirtyCount() const
{
    QMutexLocker lock(&m_dirtyMutex);
    return int(m_dirty.size());
}

void KeyStateRecorder::markDirty(const QString &key)
{
    if (key.isEmpty())
        return;
    QMutexLocker lock(&m_dirtyMutex);
    const bool first = m_dirty.isEmpty();
    m_dirty.insert(key);
    lock.unlock();
    if (!first)
        return;  // the timer is armed, or its arming is on its way
    if (thread() == QThread::currentThread())
        armTimer();
    else
        QMetaObject::invokeMethod(this, &KeyStateRecorder::armTimer, Qt::QueuedConnection);
}

void KeyStateRecorder::armTimer()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void KeyStateRecorder::flushNow()
{
    collect(true);
}

void KeyStateRecorder::collect(bool sweep)
{
    m_timer->stop();
    QSet<QString> dirty;
    {
        QMutexLocker lock(&m_dirtyMutex);
        dirty.swap(m_dirty);
    }
    QList<KeyState> batch;
    batch.reserve(dirty.size());
    for (const QString &key : std::as_const(dirty)) {
        KeyState s = m_lookup(key);
        if (s.key.isEmpty())
            continue;  // removed from the pool since
        batch.append(std::move(s));
    }

    if (m_all) {
        for (const KeyState &s : std::as_const(batch))
            m_lastUsedSaved.insert(s.key, s.lastUsedMs);
        if (sweep) {
            QHash<QString, qint64> seen;  // rebuilt: keys gone from the pool are forgotten
            const QList<KeyState> all = m_all();
            for (const KeyState &s : all) {
                if (s.key.isEmpty())
                    continue;
                const auto it = m_lastUsedSaved.constFind(s.key);
                const qint64 saved = it == m_lastUsedSaved.constEnd() ? 0 : *it;
                if (s.lastUsedMs != saved)
                    batch.append(s);  // not already in the batch: a dirty key's value was just recorded
                if (s.lastUsedMs != 0)
                    seen.insert(s.key, s.lastUsedMs);
            }
            m_lastUsedSaved = std::move(seen);
        }
    }
    if (!batch.isEmpty())
        emit batchReady(batch);
}

} // namespace gb
