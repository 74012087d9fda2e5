#include "KeyFilterModel.h"

#include "KeyTableModel.h"

namespace gb {

KeyFilterModel::KeyFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(KeyTableModel::SortRole);
    // Snapshots change rows in place; keep the order and the filter current as they do.
    setDynamicSortFilter(true);
}

void KeyFilterModel::setConditionFilter(int condition)
{
    if (condition == m_condition)
        return;
    m_condition = condition;
    invalidateFilter();
}

void KeyFilterModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool KeyFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (m_condition >= 0 && source->data(first, KeyTableModel::ConditionRole).toInt() != m_condition)
        return false;
    if (m_text.isEmpty())
        return true;
    if (source->data(first, KeyTableModel::KeyRole).toString().contains(m_text, Qt::CaseInsensitive))
        return true;
    const QModelIndex error = source->index(sourceRow, KeyTableModel::LastErrorColumn, sourceParent);
    return source->data(error, Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace gb
