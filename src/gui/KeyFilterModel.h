#pragma once

#include <QSortFilterProxyModel>

namespace gb {

// Sorting and filtering over KeyTableModel: by condition (active / cooling / disabled)
// and by text, matched against the full key and the last error (so a pasted key is found
// although the table shows it masked).
class KeyFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit KeyFilterModel(QObject *parent = nullptr);

    // -1 = every condition, otherwise int(KeyCondition).
    void setConditionFilter(int condition);
    void setTextFilter(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_condition = -1;
    QString m_text;
};

} // namespace gb
