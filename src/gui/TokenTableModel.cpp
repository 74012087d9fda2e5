#include "TokenTableModel.h"

#include "common/Redact.h"

#include <QCryptographicHash>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace gb {

TokenTableModel::TokenTableModel(QSettings *state, QObject *parent) : QAbstractTableModel(parent), m_state(state) {}

QString TokenTableModel::labelKey(const QString &token)
{
    const QByteArray hash = QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
    return u"tokenLabels/"_s + QString::fromLatin1(hash);
}

void TokenTableModel::setTokens(const QStringList &tokens)
{
    if (tokens == m_tokens)
        return;
    beginResetModel();
    m_tokens = tokens;
    endResetModel();
}

QString TokenTableModel::label(const QString &token) const
{
    return m_state ? m_state->value(labelKey(token)).toString() : m_unsavedLabels.value(token);
}

void TokenTableModel::setLabel(const QString &token, const QString &label)
{
    const QString text = label.trimmed();
    if (m_state) {
        if (text.isEmpty())
            m_state->remove(labelKey(token));
        else
            m_state->setValue(labelKey(token), text);
        m_state->sync();
    } else {
        m_unsavedLabels.insert(token, text);
    }
    if (const int row = rowOf(token); row >= 0)
        emit dataChanged(index(row, LabelColumn), index(row, LabelColumn));
}

void TokenTableModel::forgetLabel(const QString &token)
{
    if (m_state) {
        m_state->remove(labelKey(token));
        m_state->sync();
    }
    m_unsavedLabels.remove(token);
}

int TokenTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tokens.size());
}

int TokenTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TokenTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &token = m_tokens.at(index.row());
    if (role == TokenRole)
        return token;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    if (index.column() == LabelColumn)
        return label(token);
    return role == Qt::DisplayRole ? redact::secret(token) : QVariant();
}

bool TokenTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != LabelColumn || role != Qt::EditRole)
        return false;
    setLabel(m_tokens.at(index.row()), value.toString());
    return true;
}

Qt::ItemFlags TokenTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == LabelColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant TokenTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == LabelColumn ? tr("Label") : section == TokenColumn ? tr("Token") : QVariant();
}

} // namespace gb
