#pragma once

#include <QSortFilterProxyModel>

namespace gb {

// Filters the live log by lowest level shown, by category and by text in the message.
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit LogFilterModel(QObject *parent = nullptr);

    // Lowest level shown, in severity order: QtDebugMsg < QtInfoMsg < QtWarningMsg < QtCriticalMsg.
    void setMinimumLevel(QtMsgType level);
    void setCategory(const QString &category);  // empty = every category
    void setText(const QString &text);

    static int severity(QtMsgType type);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimum = 0;
    QString m_category;
    QString m_text;
};

} // namespace gb
