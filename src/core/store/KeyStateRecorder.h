#pragma once

#include "keys/KeyState.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

class QTimer;

namespace gb {

// Connects a key pool to the key state store without either knowing the other. Lives on
// the first proxy thread; markDirty() may be called on any thread (the pool's
// stateChanged(key) goes to it directly from every event loop, and only the first mark
// after a batch posts to this thread, to arm the timer); at most
// every intervalMs (1 s), and on flushNow(), the current states of the dirty keys are
// looked up and emitted as one batch, which the owner connects (queued) to
// KeyStateStore::save on the database thread. ProxyService does that wiring:
//
//     auto *recorder = new KeyStateRecorder([pool](const QString &k) { return pool->state(k); }, this);
//     recorder->setSweep([pool] { return pool->states(); });
//     connect(pool, &KeyPool::stateChanged, recorder, &KeyStateRecorder::markDirty, Qt::DirectConnection);
//     connect(recorder, &KeyStateRecorder::batchReady, store, &KeyStateStore::save);
//
// The pool does not signal a change of lastUsedMs alone; the optional sweep saves keys
// whose lastUsedMs moved since they were last handed on, every sweepIntervalMs and on
// flushNow().
class KeyStateRecorder : public QObject
{
    Q_OBJECT
public:
    // The state of a key now; a state with an empty key means the key is gone (skipped).
    using StateLookup = std::function<KeyState(const QString &key)>;
    using AllStates = std::function<QList<KeyState>()>;

    static constexpr int kDefaultIntervalMs = 1000;
    static constexpr int kDefaultSweepIntervalMs = 60'000;

    explicit KeyStateRecorder(StateLookup lookup, QObject *parent = nullptr);
    ~KeyStateRecorder() override;

    void setIntervalMs(int ms);
    // Enables the lastUsedMs sweep. The states at this call are the baseline (they were
    // just restored from the store), so only later use is saved.
    void setSweep(AllStates all, int intervalMs = kDefaultSweepIntervalMs);

    int dirtyCount() const;

public slots:
    void markDirty(const QString &key);  // thread-safe
    // Emits the dirty keys (and the sweep's) now, e.g. at shutdown before the pool goes.
    void flushNow();

signals:
    // One batch of current states, one per key, in no particular order.
    void batchReady(const QList<gb::KeyState> &states);

private:
    void collect(bool sweep);

    void armTimer();

    StateLookup m_lookup;
    AllStates m_all;
    mutable QMutex m_dirtyMutex;
    QSet<QString> m_dirty;  // under m_dirtyMutex
    QHash<QString, qint64> m_lastUsedSaved;  // lastUsedMs last handed on, by key (sweep only)
    QTimer *m_timer;
    QTimer *m_sweepTimer;
};

} // namespace gb
