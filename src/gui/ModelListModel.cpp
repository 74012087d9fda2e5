#include "ModelListModel.h"

#include "models/ModelAliases.h"

#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gb {

ModelListModel::ModelListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ModelListModel::setModels(const QJsonArray &served, const QStringList &filtered)
{
    static const QList<std::pair<ModelAlias, QString>> aliases{
        {ModelAlias::Search, u"search"_s}, {ModelAlias::Image, u"image"_s}, {ModelAlias::NonThinking, u"non-thinking"_s}};
    beginResetModel();
    m_rows.clear();
    QSet<QString> bases;
    for (const QJsonValue &v : served) {
        const QJsonObject o = v.toObject();
        Row row{stripModelsPrefix(o.value(u"name"_s).toString()), o.value(u"displayName"_s).toString(), {}, false};
        // An alias entry follows its base model (presentModelList's order).
        for (const auto &[alias, kind] : aliases) {
            const QString suffix = aliasSuffix(alias);
            if (row.name.endsWith(suffix) && bases.contains(row.name.chopped(suffix.size()))) {
                row.alias = kind;
                break;
            }
        }
        if (row.alias.isEmpty())
            bases.insert(row.name);
        m_rows.append(row);
    }
    for (const QString &name : filtered)
        m_rows.append(Row{name, {}, {}, true});
    endResetModel();
}

void ModelListModel::setBudgets(const NumberMap &budgets)
{
    if (budgets == m_budgets)
        return;
    m_budgets = budgets;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, BudgetColumn), index(int(m_rows.size()) - 1, BudgetColumn));
}

int ModelListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == name)
            return i;
    return -1;
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ModelListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case NameRole: return row.name;
    case FilteredRole: return row.filtered;
    case AliasRole: return row.alias;
    case Qt::CheckStateRole:
        if (index.column() == FilteredColumn && row.alias.isEmpty())
            return row.filtered ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::EditRole:
        if (index.column() == BudgetColumn && row.alias.isEmpty())
            return m_budgets.contains(row.name) ? QString::number(m_budgets.value(row.name)) : QString();
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return row.name;
        case DisplayNameColumn: return row.displayName;
        case KindColumn:
            if (row.alias == u"search"_s) return tr("search alias");
            if (row.alias == u"image"_s) return tr("image alias");
            if (row.alias == u"non-thinking"_s) return tr("non-thinking alias");
            return tr("model");
        case FilteredColumn: return row.filtered ? tr("hidden") : QString();
        case BudgetColumn:
            if (!row.alias.isEmpty() || !m_budgets.contains(row.name))
                return QString();
            return m_budgets.value(row.name) < 0 ? tr("dynamic") : QString::number(m_budgets.value(row.name));
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == FilteredColumn && row.alias.isEmpty())
            return tr("Checked: hidden from model lists and refused in requests (FILTERED_MODELS)");
        if (index.column() == BudgetColumn && row.alias.isEmpty())
            return tr("Thinking budget in tokens (THINKING_BUDGET_MAP): -1 dynamic, empty for the default");
        return {};
    default:
        return {};
    }
}

bool ModelListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (index.column() == BudgetColumn && role == Qt::EditRole && m_rows.at(index.row()).alias.isEmpty()) {
        // Applied (or refused) by whoever listens; the column follows setBudgets().
        emit budgetEdited(m_rows.at(index.row()).name, value.toString().trimmed());
        return true;
    }
    if (role != Qt::CheckStateRole || index.column() != FilteredColumn)
        return false;
    Row &row = m_rows[index.row()];
    if (!row.alias.isEmpty())
        return false;
    const bool filtered = value.value<Qt::CheckState>() == Qt::Checked;
    if (filtered == row.filtered)
        return true;
    row.filtered = filtered;
    emit dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
    emit filteredToggled(row.name, filtered);
    return true;
}

Qt::ItemFlags ModelListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == FilteredColumn && m_rows.at(index.row()).alias.isEmpty())
        f |= Qt::ItemIsUserCheckable;
    if (index.isValid() && index.column() == BudgetColumn && m_rows.at(index.row()).alias.isEmpty())
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Model");
    case DisplayNameColumn: return tr("Display name");
    case KindColumn: return tr("Kind");
    case FilteredColumn: return tr("Filtered");
    case BudgetColumn: return tr("Thinking budget");
    default: return {};
    }
}

ModelFilterModel::ModelFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);  // any column: name, display name or kind
}

void ModelFilterModel::setShowFiltered(bool show)
{
    if (show == m_showFiltered)
        return;
    m_showFiltered = show;
    invalidateFilter();
}

bool ModelFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_showFiltered
        && sourceModel()->index(sourceRow, 0, sourceParent).data(ModelListModel::FilteredRole).toBool())
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace gb
