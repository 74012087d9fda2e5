#include "store/ErrorLogQueries.h"

#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace gb::errorlogs {

namespace {

const QString kListColumns = u"id, request_ms, key_id, gemini_key, model_name, error_type, error_code"_s;
const QString kDetailColumns = kListColumns + u", error_log, request_msg"_s;

template <typename T>
Result<T> queryFailed(const QSqlQuery &q, const char *what)
{
    return Result<T>::failure(u"%1 failed: %2"_s.arg(QLatin1StringView(what), q.lastError().text()));
}

bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : binds)
        q.addBindValue(v);
    return q.exec();
}

ErrorLogRow readRow(const QSqlQuery &q, bool withDetails)
{
    ErrorLogRow r;
    r.id = q.value(0).toLongLong();
    r.timeMs = q.value(1).toLongLong();
    r.keyId = q.value(2).toString();
    r.keyHint = q.value(3).toString();
    r.model = q.value(4).toString();
    r.errorType = q.value(5).toString();
    r.hasCode = !q.value(6).isNull();
    r.errorCode = q.value(6).toInt();
    if (withDetails) {
        r.errorLog = q.value(7).toString();
        r.requestMsg = q.value(8).toString();
    }
    return r;
}

QString sortSql(SortColumn c)
{
    switch (c) {
    case SortColumn::Id: return u"id"_s;
    case SortColumn::Key: return u"gemini_key"_s;
    case SortColumn::ErrorType: return u"error_type"_s;
    case SortColumn::ErrorCode: return u"error_code"_s;
    case SortColumn::Model: return u"model_name"_s;
    case SortColumn::RequestTime: return u"request_ms"_s;  // the exact time; request_time is for old readers
    }
    return u"id"_s;
}

} // namespace

std::optional<SortColumn> sortColumnFromName(const QString &name)
{
    static const QList<std::pair<QString, SortColumn>> names = {
        {u"id"_s, SortColumn::Id},           {u"gemini_key"_s, SortColumn::Key},
        {u"error_type"_s, SortColumn::ErrorType}, {u"error_code"_s, SortColumn::ErrorCode},
        {u"model_name"_s, SortColumn::Model}, {u"request_time"_s, SortColumn::RequestTime},
    };
    for (const auto &[n, c] : names)
        if (n == name)
            return c;
    return std::nullopt;
}

QString likePattern(const QString &substring)
{
    QString out;
    out.reserve(substring.size() + 2);
    out += u'%';
    for (const QChar c : substring) {
        if (c == u'%' || c == u'_' || c == u'!')
            out += u'!';
        out += c;
    }
    out += u'%';
    return out.toLower();
}

Result<ListPage> list(Database &db, const ListFilter &f)
{
    // LOWER() on both sides: SQLite's LIKE ignores ASCII case only, MySQL's follows the
    // column collation; this way both agree. '!' escapes: a backslash means different
    // things in the two dialects' string literals.
    QStringList where;
    QVariantList binds;
    if (!f.keySearch.isEmpty() || !f.keyIdExact.isEmpty()) {
        QStringList either;
        if (!f.keySearch.isEmpty()) {
            either << u"LOWER(gemini_key) LIKE ? ESCAPE '!'"_s;
            binds << likePattern(f.keySearch);
        }
        if (!f.keyIdExact.isEmpty()) {
            either << u"key_id = ?"_s;
            binds << f.keyIdExact;
        }
        where << u"("_s + either.join(u" OR "_s) + u")"_s;
    }
    if (!f.errorSearch.isEmpty()) {
        where << u"(LOWER(error_type) LIKE ? ESCAPE '!' OR LOWER(error_log) LIKE ? ESCAPE '!')"_s;
        binds << likePattern(f.errorSearch) << likePattern(f.errorSearch);
    }
    if (!f.modelSearch.isEmpty()) {
        where << u"LOWER(model_name) LIKE ? ESCAPE '!'"_s;
        binds << likePattern(f.modelSearch);
    }
    if (f.errorCode) {
        where << u"error_code = ?"_s;
        binds << *f.errorCode;
    }
    if (f.fromMs) {
        where << u"request_ms >= ?"_s;
        binds << *f.fromMs;
    }
    if (f.toMs) {
        where << u"request_ms <= ?"_s;
        binds << *f.toMs;
    }
    const QString whereSql = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);

    ListPage page;
    QSqlQuery count(db.handle());
    if (!run(count, u"SELECT COUNT(*) FROM t_error_logs"_s + whereSql, binds) || !count.next())
        return queryFailed<ListPage>(count, "error log count");
    page.total = count.value(0).toLongLong();

    // The sort column comes from a fixed list and limit/offset are checked ints: nothing
    // from the request reaches the SQL text. id breaks ties so pages never overlap.
    const QString order = f.ascending ? u"ASC"_s : u"DESC"_s;
    QString orderSql = sortSql(f.sortBy) + u' ' + order;
    if (f.sortBy != SortColumn::Id)
        orderSql += u", id "_s + order;
    QSqlQuery q(db.handle());
    q.setForwardOnly(true);
    if (!run(q,
             u"SELECT %1 FROM t_error_logs%2 ORDER BY %3 LIMIT %4 OFFSET %5"_s.arg(kListColumns, whereSql, orderSql)
                 .arg(std::max(0, f.limit))
                 .arg(std::max(0, f.offset)),
             binds))
        return queryFailed<ListPage>(q, "error log list");
    while (q.next())
        page.rows.append(readRow(q, false));
    return page;
}

Result<std::optional<ErrorLogRow>> details(Database &db, qint64 id)
{
    QSqlQuery q(db.handle());
    if (!run(q, u"SELECT %1 FROM t_error_logs WHERE id = ?"_s.arg(kDetailColumns), {id}))
        return queryFailed<std::optional<ErrorLogRow>>(q, "error log details");
    if (!q.next())
        return std::optional<ErrorLogRow>();
    return std::optional<ErrorLogRow>(readRow(q, true));
}

Result<std::optional<ErrorLogRow>> closest(Database &db, const QString &keyId, qint64 atMs, qint64 windowMs,
                                           std::optional<int> errorCode)
{
    QString sql = u"SELECT %1 FROM t_error_logs WHERE key_id = ? AND request_ms >= ? AND request_ms <= ?"_s.arg(kDetailColumns);
    QVariantList binds{keyId, atMs - windowMs, atMs + windowMs};
    if (errorCode) {
        sql += u" AND error_code = ?"_s;
        binds << *errorCode;
    }
    sql += u" ORDER BY ABS(request_ms - ?) ASC, id DESC LIMIT 1"_s;
    binds << atMs;
    QSqlQuery q(db.handle());
    if (!run(q, sql, binds))
        return queryFailed<std::optional<ErrorLogRow>>(q, "error log lookup");
    if (!q.next())
        return std::optional<ErrorLogRow>();
    return std::optional<ErrorLogRow>(readRow(q, true));
}

Result<qint64> removeIds(Database &db, const QList<qint64> &ids)
{
    qint64 removed = 0;
    constexpr int kChunk = 200;  // bound the placeholders per statement
    for (qsizetype i = 0; i < ids.size(); i += kChunk) {
        const QList<qint64> part = ids.mid(i, kChunk);
        QStringList marks;
        QVariantList binds;
        for (qint64 id : part) {
            marks << u"?"_s;
            binds << id;
        }
        QSqlQuery q(db.handle());
        if (!run(q, u"DELETE FROM t_error_logs WHERE id IN (%1)"_s.arg(marks.join(u',')), binds))
            return queryFailed<qint64>(q, "error log delete");
        removed += q.numRowsAffected();
    }
    return removed;
}

Result<bool> removeOne(Database &db, qint64 id)
{
    auto r = removeIds(db, {id});
    if (!r)
        return Result<bool>::failure(r.error());
    return r.value() > 0;
}

Result<qint64> removeAll(Database &db, int batch)
{
    QSqlQuery top(db.handle());
    if (!top.exec(u"SELECT MAX(id) FROM t_error_logs"_s) || !top.next())
        return queryFailed<qint64>(top, "error log max id");
    if (top.value(0).isNull())
        return qint64(0);
    const qint64 last = top.value(0).toLongLong();
    qint64 removed = 0;
    // Bounded: every pass removes at least one row of those that existed, or stops.
    for (int pass = 0; pass < 10'000'000; ++pass) {
        QSqlQuery q(db.handle());
        q.setForwardOnly(true);
        if (!run(q, u"SELECT id FROM t_error_logs WHERE id <= ? ORDER BY id LIMIT %1"_s.arg(std::max(1, batch)), {last}))
            return queryFailed<qint64>(q, "error log batch");
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        if (ids.isEmpty())
            break;
        auto r = removeIds(db, ids);
        if (!r)
            return r;
        if (r.value() == 0)
            break;
        removed += r.value();
    }
    return removed;
}

} // namespace gb::errorlogs
