#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QList>
#include <QSortFilterProxyModel>
#include <QStringList>

#include "settings/SettingsValues.h"

namespace gb {

// The models the server lists on /v1beta/models, aliases included, as a table; the
// upstream models FILTERED_MODELS hides are rows too, marked filtered. The Filtered column
// is checkable on real models: checking it asks (filteredToggled) to hide the model; the
// Thinking budget column (THINKING_BUDGET_MAP) is editable on real models (budgetEdited).
class ModelListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, DisplayNameColumn, KindColumn, FilteredColumn, BudgetColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1, FilteredRole, AliasRole };

    explicit ModelListModel(QObject *parent = nullptr);

    // `served` as ProxyLink::modelsReady gives it; `filtered`: hidden upstream model names.
    void setModels(const QJsonArray &served, const QStringList &filtered);
    // THINKING_BUDGET_MAP, shown in the budget column.
    void setBudgets(const NumberMap &budgets);
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void filteredToggled(const QString &model, bool filtered);
    // The budget typed for `model`: a number, or empty for none.
    void budgetEdited(const QString &model, const QString &budget);

private:
    struct Row
    {
        QString name;         // without "models/"
        QString displayName;
        QString alias;        // "", "search", "image", "non-thinking"
        bool filtered = false;
    };
    QList<Row> m_rows;
    NumberMap m_budgets;
};

// Text filter over name and display name; filtered (hidden) models only when asked for.
class ModelFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ModelFilterModel(QObject *parent = nullptr);
    void setShowFiltered(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_showFiltered = false;
};

} // namespace gb
