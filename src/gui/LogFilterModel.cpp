#include "LogFilterModel.h"

#include "LogModel.h"

namespace gb {

LogFilterModel::LogFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

int LogFilterModel::severity(QtMsgType type)
{
    // QtInfoMsg is numerically last in the enum, so order by hand.
    switch (type) {
    case QtDebugMsg: return 0;
    case QtInfoMsg: return 1;
    case QtWarningMsg: return 2;
    case QtCriticalMsg: return 3;
    case QtFatalMsg: return 4;
    }
    return 1;
}

void LogFilterModel::setMinimumLevel(QtMsgType level)
{
    m_minimum = severity(level);
    invalidateFilter();
}

void LogFilterModel::setCategory(const QString &category)
{
    m_category = category;
    invalidateFilter();
}

void LogFilterModel::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex first = sourceModel()->index(sourceRow, 0, sourceParent);
    if (severity(QtMsgType(first.data(LogModel::TypeRole).toInt())) < m_minimum)
        return false;
    if (!m_category.isEmpty() && first.data(LogModel::CategoryRole).toString() != m_category)
        return false;
    if (m_text.isEmpty())
        return true;
    const QModelIndex message = sourceModel()->index(sourceRow, LogModel::MessageColumn, sourceParent);
    return message.data().toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace gb
