#pragma once

#include <QList>
#include <QMutex>
#include <QString>
#include <QtGlobal>

#include <vector>

namespace gb {

// One line of the application log, already redacted.
struct LogEntry
{
    quint64 sequence = 0;   // 1, 2, 3... in arrival order, never reused
    qint64 timeMs = 0;      // epoch ms
    QtMsgType type = QtInfoMsg;
    QString category;       // "gb.relay", "default", "qt.network..."
    QString message;
};
QString logLevelName(QtMsgType type);  // "DEBUG", "INFO", "WARN", "ERROR", "FATAL"

// The last `capacity` log lines in memory, for the log viewer (and later the web admin).
// append() is called from the Qt message handler on any thread, so it only takes a mutex
// and copies; readers poll with entriesAfter() and never hold the lock for long.
class LogBuffer
{
public:
    explicit LogBuffer(int capacity = 10000);

    void append(QtMsgType type, const QString &category, const QString &message, qint64 timeMs);

    // Lines with a sequence above `sequence`, oldest first, at most `max` of the newest.
    // Lines that fell out of the ring are gone: the first returned sequence then jumps.
    QList<LogEntry> entriesAfter(quint64 sequence, int max = 1 << 30) const;
    quint64 lastSequence() const;
    int capacity() const { return m_capacity; }
    int size() const;

private:
    mutable QMutex m_mutex;
    const int m_capacity;
    std::vector<LogEntry> m_ring;  // m_ring[(sequence - 1) % capacity]
    quint64 m_last = 0;
};

} // namespace gb
