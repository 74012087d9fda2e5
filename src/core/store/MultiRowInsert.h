#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <memory>

namespace gb {

// Inserts rows several at a time ("INSERT ... VALUES (?,?),(?,?),... <tail>"): one round
// trip per group instead of per row, which is what makes bulk writes fast on MySQL, and
// cheaper on SQLite too. The statement for a full group is prepared once and reused.
// Groups stay under 900 placeholders (SQLite builds before 3.32 allow 999).
class MultiRowInsert
{
public:
    // head: "INSERT INTO t (a, b, c)"; tail: "" or an upsert clause ("ON CONFLICT ...").
    MultiRowInsert(QSqlDatabase db, QString head, int columns, QString tail = {});

    // Queues a row (exactly `columns` values) and writes a group when one is full.
    Result<void> add(const QVariantList &row);
    // Writes what is queued.
    Result<void> flush();

private:
    QString sql(int rows) const;
    Result<void> write(int rows);

    QSqlDatabase m_db;
    QString m_head;
    QString m_tail;
    int m_columns;
    int m_groupRows;
    QVariantList m_values;
    std::unique_ptr<QSqlQuery> m_full;  // prepared for m_groupRows rows
};

} // namespace gb
