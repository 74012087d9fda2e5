#include "LogModel.h"

#include <QDateTime>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gb {

LogModel::LogModel(LogBuffer *buffer, int capacity, QObject *parent)
    : QAbstractTableModel(parent), m_buffer(buffer), m_capacity(qMax(1, capacity))
{
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &LogModel::poll);
    m_timer.start();
    poll();
}

void LogModel::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        poll();
}

void LogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void LogModel::poll()
{
    if (m_paused || !m_buffer)
        return;
    const QList<LogEntry> fresh = m_buffer->entriesAfter(m_last, m_capacity);
    if (fresh.isEmpty())
        return;
    m_last = fresh.last().sequence;
    const int overflow = int(m_rows.size() + size_t(fresh.size())) - m_capacity;
    if (overflow > 0) {
        const int drop = qMin(overflow, int(m_rows.size()));
        if (drop > 0) {
            beginRemoveRows({}, 0, drop - 1);
            m_rows.erase(m_rows.begin(), m_rows.begin() + drop);
            endRemoveRows();
        }
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const LogEntry &e : fresh)
        m_rows.push_back(e);
    endInsertRows();
    for (const LogEntry &e : fresh) {
        if (!m_categories.contains(e.category)) {
            m_categories.insert(e.category);
            emit categorySeen(e.category);
        }
    }
}

QString LogModel::lineText(const LogEntry &e)
{
    return u"%1 %2 %3: %4"_s.arg(QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(u"yyyy-MM-dd hh:mm:ss.zzz"_s),
                                 logLevelName(e.type), e.category, e.message);
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &e = m_rows.at(size_t(index.row()));
    switch (role) {
    case TypeRole: return int(e.type);
    case CategoryRole: return e.category;
    case SequenceRole: return e.sequence;
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(u"hh:mm:ss.zzz"_s);
        case LevelColumn: return logLevelName(e.type);
        case CategoryColumn: return e.category;
        case MessageColumn: return e.message;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == MessageColumn ? QVariant(e.message) : QVariant();
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case LevelColumn: return tr("Level");
    case CategoryColumn: return tr("Category");
    case MessageColumn: return tr("Message");
    }
    return {};
}

} // namespace gb
