#include "store/MultiRowInsert.h"

#include <QSqlError>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace gb {

MultiRowInsert::MultiRowInsert(QSqlDatabase db, QString head, int columns, QString tail)
    : m_db(std::move(db)), m_head(std::move(head)), m_tail(std::move(tail)), m_columns(qMax(1, columns)),
      m_groupRows(qBound(1, 900 / m_columns, 100))
{
}

QString MultiRowInsert::sql(int rows) const
{
    QStringList marks(m_columns, u"?"_s);
    const QString group = u'(' + marks.join(u',') + u')';
    QStringList groups(rows, group);
    return m_head + u" VALUES "_s + groups.join(u',') + (m_tail.isEmpty() ? QString() : u' ' + m_tail);
}

Result<void> MultiRowInsert::add(const QVariantList &row)
{
    Q_ASSERT(row.size() == m_columns);
    m_values += row;
    if (m_values.size() >= qsizetype(m_groupRows) * m_columns)
        return write(m_groupRows);
    return {};
}

Result<void> MultiRowInsert::flush()
{
    if (m_values.isEmpty())
        return {};
    return write(int(m_values.size() / m_columns));
}

Result<void> MultiRowInsert::write(int rows)
{
    QSqlQuery *q = nullptr;
    std::unique_ptr<QSqlQuery> partial;
    if (rows == m_groupRows) {
        if (!m_full) {
            m_full = std::make_unique<QSqlQuery>(m_db);
            if (!m_full->prepare(sql(rows))) {
                const QString error = m_full->lastError().text();
                m_full.reset();
                return Result<void>::failure(error);
            }
        }
        q = m_full.get();
    } else {
        partial = std::make_unique<QSqlQuery>(m_db);
        if (!partial->prepare(sql(rows)))
            return Result<void>::failure(partial->lastError().text());
        q = partial.get();
    }
    for (int i = 0; i < m_values.size(); ++i)
        q->bindValue(i, m_values.at(i));
    m_values.clear();
    if (!q->exec())
        return Result<void>::failure(q->lastError().text());
    q->finish();
    return {};
}

} // namespace gb
