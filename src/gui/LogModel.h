#pragma once

#include "common/LogBuffer.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QTimer>

#include <deque>

namespace gb {

// The live application log as a table (time, level, category, message), pulled from a
// LogBuffer on a timer: new lines are appended as rows, and the oldest rows are removed
// once `capacity` is reached, so 10k lines cost a bounded amount and nothing resets.
// While paused, nothing new is pulled; on resume the lines still in the buffer arrive.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, MessageColumn, ColumnCount };
    enum Role { TypeRole = Qt::UserRole + 1, CategoryRole, SequenceRole };

    explicit LogModel(LogBuffer *buffer, int capacity = 10000, QObject *parent = nullptr);

    void setPollInterval(int ms) { m_timer.setInterval(ms); }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void clear();

    // Pulls what is new now (the timer calls it).
    void poll();

    const LogEntry &entryAt(int row) const { return m_rows.at(size_t(row)); }
    static QString lineText(const LogEntry &entry);  // "time LEVEL category: message"

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void categorySeen(const QString &category);  // the first line of a category arrived

private:
    LogBuffer *m_buffer;
    const int m_capacity;
    std::deque<LogEntry> m_rows;
    QSet<QString> m_categories;
    quint64 m_last = 0;
    bool m_paused = false;
    QTimer m_timer;
};

} // namespace gb
