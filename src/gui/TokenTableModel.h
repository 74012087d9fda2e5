#pragma once

#include <QAbstractTableModel>
#include <QStringList>

class QSettings;

namespace gb {

// Client tokens (ALLOWED_TOKENS) as a table: an editable label and the token, masked.
// Labels are the desktop's own notes: kept in the window's state (QSettings), keyed by a
// SHA-256 of the token, so ALLOWED_TOKENS keeps gemini-balance's plain list format and no
// file holds a label next to a full token.
class TokenTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LabelColumn, TokenColumn, ColumnCount };
    enum Role { TokenRole = Qt::UserRole + 1 };  // the full token (copy, revoke; never displayed)

    // `state` (not owned) may be null: labels then last as long as the model.
    explicit TokenTableModel(QSettings *state, QObject *parent = nullptr);

    void setTokens(const QStringList &tokens);
    QString tokenAt(int row) const { return m_tokens.value(row); }
    int rowOf(const QString &token) const { return int(m_tokens.indexOf(token)); }
    QString label(const QString &token) const;
    void setLabel(const QString &token, const QString &label);
    // Forgets the label of a token that is gone.
    void forgetLabel(const QString &token);
    static QString labelKey(const QString &token);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QSettings *m_state;
    QStringList m_tokens;
    QHash<QString, QString> m_unsavedLabels;  // without a state
};

} // namespace gb
