#pragma once

#include "common/Result.h"

#include <QList>

#include <memory>

class QSqlDatabase;

namespace gb {

struct RequestLogEntry;

// t_request_log rows through SQLite's own C API, on the QSQLITE connection's
// handle: no QVariant per value, no named-parameter lookup, text bound as UTF-8 (QtSql binds
// UTF-16, which SQLite converts back for a UTF-8 database). Callgrind: the database thread's
// work per logged request ~54k -> ~42k instructions. Only where it is safe: the Qt driver must use the very SQLite library this
// program links (Debian's libqsqlite links libsqlite3.so.0; Qt's own builds compile a private
// copy into the plugin, and two copies of SQLite on one file are not allowed).
class SqliteRequestInsert
{
public:
    // Null when `db` is not an open QSQLITE connection on the linked SQLite library, or the
    // statement does not prepare: the caller keeps using QSqlQuery.
    static std::unique_ptr<SqliteRequestInsert> create(const QSqlDatabase &db);
    ~SqliteRequestInsert();  // finalizes the statements; before the connection closes

    // Inserts the rows (in the caller's transaction), several per statement.
    Result<void> insert(const QList<RequestLogEntry> &entries);

    SqliteRequestInsert(const SqliteRequestInsert &) = delete;
    SqliteRequestInsert &operator=(const SqliteRequestInsert &) = delete;

private:
    struct Handles;
    explicit SqliteRequestInsert(std::unique_ptr<Handles> handles);
    std::unique_ptr<Handles> d;
};

} // namespace gb
