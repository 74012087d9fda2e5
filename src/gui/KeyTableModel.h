#pragma once

#include "keys/KeyHealthSummary.h"
#include "keys/KeyState.h"

#include <QAbstractTableModel>
#include <QHash>

namespace gb {

// The key pool as a table, one row per key in configured order. Fed whole snapshots;
// an update that keeps the key list emits dataChanged for the rows that changed only,
// and added or removed keys are inserted or removed as rows, so selection, scroll
// position and sorting in the view survive (thousands of rows refresh every second).
class KeyTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StateColumn, KeyColumn, FailuresColumn, LastErrorColumn, CooldownColumn, WeightColumn,
        CallsTodayColumn, TokensTodayColumn, ColumnCount
    };
    // One key's traffic since midnight (from the request log's counters).
    struct UsageToday
    {
        qint64 calls = 0;
        qint64 tokens = 0;
    };
    enum Role {
        KeyRole = Qt::UserRole + 1,  // the full key (for copying and actions, never displayed)
        ConditionRole,               // int(KeyCondition)
        SortRole,                    // a value that sorts naturally
    };

    explicit KeyTableModel(QObject *parent = nullptr);

    void setStates(const QList<KeyState> &states, qint64 nowMs);
    // Today's calls and tokens by key_id (SHA-256 of the key, as the store keeps them);
    // keys without an entry show 0.
    void setUsageToday(const QHash<QString, UsageToday> &byKeyId);
    const KeyState &stateAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &key) const { return m_index.value(key, -1); }
    qint64 nowMs() const { return m_nowMs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString conditionText(KeyCondition condition);
    static QString durationText(qint64 ms);  // "45 s", "12 min", "3 h 5 min"

private:
    void rebuildIndex();
    UsageToday usageOf(const QString &key) const;
    bool rowDiffers(const KeyState &a, const KeyState &b, qint64 oldNow, qint64 newNow) const;

    QList<KeyState> m_rows;
    QHash<QString, int> m_index;
    QHash<QString, QString> m_keyIds;  // key -> key_id, for the usage columns
    QHash<QString, UsageToday> m_usage;
    qint64 m_nowMs = 0;
};

} // namespace gb
