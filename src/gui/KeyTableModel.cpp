#include "KeyTableModel.h"

#include "common/Redact.h"
#include "store/KeyStateStore.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace gb {

KeyTableModel::KeyTableModel(QObject *parent) : QAbstractTableModel(parent) {}

QString KeyTableModel::conditionText(KeyCondition condition)
{
    switch (condition) {
    case KeyCondition::Active: return tr("active");
    case KeyCondition::Cooling: return tr("cooling");
    case KeyCondition::Disabled: return tr("disabled");
    }
    return {};
}

QString KeyTableModel::durationText(qint64 ms)
{
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

void KeyTableModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i) {
        const QString &key = m_rows.at(i).key;
        m_index.insert(key, i);
        if (!m_keyIds.contains(key))
            m_keyIds.insert(key, KeyStateStore::keyId(key));  // a hash per new key, not per refresh
    }
}

KeyTableModel::UsageToday KeyTableModel::usageOf(const QString &key) const
{
    return m_usage.value(m_keyIds.value(key));
}

void KeyTableModel::setUsageToday(const QHash<QString, UsageToday> &byKeyId)
{
    m_usage = byKeyId;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, CallsTodayColumn), index(int(m_rows.size()) - 1, TokensTodayColumn));
}

bool KeyTableModel::rowDiffers(const KeyState &a, const KeyState &b, qint64 oldNow, qint64 newNow) const
{
    // The cooldown column counts down, so a cooling key changes every second by itself.
    return a.disabled != b.disabled || a.failures != b.failures || a.lastError != b.lastError || a.weight != b.weight
           || a.successes != b.successes || a.failuresTotal != b.failuresTotal
           || cooldownUntil(a, oldNow) != cooldownUntil(b, newNow) || (cooldownUntil(b, newNow) > 0 && oldNow != newNow);
}

void KeyTableModel::setStates(const QList<KeyState> &states, qint64 nowMs)
{
    const qint64 oldNow = m_nowMs;
    // 1. Rows whose key is gone, removed bottom-up in contiguous runs.
    QSet<QString> incoming;
    incoming.reserve(states.size());
    for (const KeyState &s : states)
        incoming.insert(s.key);
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (incoming.contains(m_rows.at(row).key)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    // 2. If the remaining keys keep their relative order, insert the new ones where they
    // belong; a reordered list (rare: API_KEYS rewritten by hand) resets the model.
    rebuildIndex();
    int matched = 0;
    bool sameOrder = true;
    for (const KeyState &s : states) {
        if (!m_index.contains(s.key))
            continue;
        if (matched >= m_rows.size() || m_rows.at(matched).key != s.key) {
            sameOrder = false;
            break;
        }
        ++matched;
    }
    if (!sameOrder) {
        beginResetModel();
        m_rows = states;
        m_nowMs = nowMs;
        rebuildIndex();
        endResetModel();
        return;
    }
    // m_index still names the old keys only while the new ones go in.
    for (int i = 0; i < states.size(); ++i) {
        if (i < m_rows.size() && m_rows.at(i).key == states.at(i).key)
            continue;
        int last = i;
        while (last + 1 < states.size() && !m_index.contains(states.at(last + 1).key))
            ++last;
        beginInsertRows({}, i, last);
        for (int j = i; j <= last; ++j)
            m_rows.insert(j, states.at(j));
        endInsertRows();
        i = last;
    }
    rebuildIndex();
    // 3. Same keys in the same order now: changed rows only, in contiguous runs.
    m_nowMs = nowMs;
    for (int row = 0; row < m_rows.size();) {
        if (!rowDiffers(m_rows.at(row), states.at(row), oldNow, nowMs)) {
            m_rows[row] = states.at(row);
            ++row;
            continue;
        }
        int last = row;
        while (last + 1 < m_rows.size() && rowDiffers(m_rows.at(last + 1), states.at(last + 1), oldNow, nowMs))
            ++last;
        for (int j = row; j <= last; ++j)
            m_rows[j] = states.at(j);
        emit dataChanged(index(row, 0), index(last, ColumnCount - 1));
        row = last + 1;
    }
}

int KeyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const KeyState &s = m_rows.at(index.row());
    const KeyCondition condition = keyCondition(s, m_nowMs);
    const qint64 until = cooldownUntil(s, m_nowMs);
    switch (role) {
    case KeyRole:
        return s.key;
    case ConditionRole:
        return int(condition);
    case Qt::ToolTipRole:
        if (index.column() == LastErrorColumn && !s.lastError.isEmpty())
            return s.lastError;
        if (index.column() == StateColumn && s.isDisabled())
            return disableReasonName(s.disabled);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == FailuresColumn || index.column() == WeightColumn || index.column() == CooldownColumn
            || index.column() == CallsTodayColumn || index.column() == TokensTodayColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case StateColumn: return int(condition);
        case KeyColumn: return s.key;
        case FailuresColumn: return s.failures;
        case LastErrorColumn: return s.lastError;
        case CooldownColumn: return until > 0 ? until - m_nowMs : qint64(0);
        case WeightColumn: return s.weight;
        case CallsTodayColumn: return usageOf(s.key).calls;
        case TokensTodayColumn: return usageOf(s.key).tokens;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn: return conditionText(condition);
        case KeyColumn: return redact::secret(s.key);
        case FailuresColumn: return s.failures;
        case LastErrorColumn: return s.lastError;
        case CooldownColumn: return until > 0 ? durationText(until - m_nowMs) : QString();
        case WeightColumn: return s.weight;
        case CallsTodayColumn: return usageOf(s.key).calls;
        case TokensTodayColumn: return usageOf(s.key).tokens;
        }
        return {};
    default:
        return {};
    }
}

QVariant KeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StateColumn: return tr("State");
    case KeyColumn: return tr("Key");
    case FailuresColumn: return tr("Failures");
    case LastErrorColumn: return tr("Last error");
    case CooldownColumn: return tr("Cooldown");
    case WeightColumn: return tr("Weight");
    case CallsTodayColumn: return tr("Calls today");
    case TokensTodayColumn: return tr("Tokens today");
    }
    return {};
}

} // namespace gb
