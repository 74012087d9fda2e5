#include "common/LogBuffer.h"

#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace gb {

QString logLevelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return u"DEBUG"_s;
    case QtInfoMsg: return u"INFO"_s;
    case QtWarningMsg: return u"WARN"_s;
    case QtCriticalMsg: return u"ERROR"_s;
    case QtFatalMsg: return u"FATAL"_s;
    }
    return u"INFO"_s;
}

LogBuffer::LogBuffer(int capacity) : m_capacity(qMax(1, capacity))
{
    m_ring.resize(size_t(m_capacity));
}

void LogBuffer::append(QtMsgType type, const QString &category, const QString &message, qint64 timeMs)
{
    QMutexLocker lock(&m_mutex);
    const quint64 sequence = ++m_last;
    LogEntry &slot = m_ring[size_t((sequence - 1) % quint64(m_capacity))];
    slot.sequence = sequence;
    slot.timeMs = timeMs;
    slot.type = type;
    slot.category = category;
    slot.message = message;
}

QList<LogEntry> LogBuffer::entriesAfter(quint64 sequence, int max) const
{
    QMutexLocker lock(&m_mutex);
    const quint64 oldest = m_last > quint64(m_capacity) ? m_last - quint64(m_capacity) + 1 : 1;
    quint64 first = qMax(sequence + 1, oldest);
    if (max >= 0 && m_last >= first && m_last - first + 1 > quint64(max))
        first = m_last - quint64(max) + 1;
    QList<LogEntry> out;
    if (first > m_last)
        return out;
    out.reserve(qsizetype(m_last - first + 1));
    for (quint64 s = first; s <= m_last; ++s)
        out.append(m_ring[size_t((s - 1) % quint64(m_capacity))]);
    return out;
}

quint64 LogBuffer::lastSequence() const
{
    QMutexLocker lock(&m_mutex);
    return m_last;
}

int LogBuffer::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(qMin(m_last, quint64(m_capacity)));
}

} // namespace gb
