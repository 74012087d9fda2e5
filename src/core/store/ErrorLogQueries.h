#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>

#include <optional>

namespace gb {

class Database;

// Reading and deleting t_error_logs (schema 003) for the admin API's log viewer, on both
// dialects. Runs on the query thread. Times are epoch ms UTC (request_ms).
namespace errorlogs {

struct ErrorLogRow
{
    qint64 id = 0;
    qint64 timeMs = 0;
    QString keyId;
    QString keyHint;      // gemini_key: the redacted hint, never a full key
    QString model;
    QString errorType;
    bool hasCode = false;
    int errorCode = 0;
    QString errorLog;     // details only
    QString requestMsg;   // details only
};

// The columns a list may be sorted by (gemini-balance accepted any column name).
enum class SortColumn { Id, Key, ErrorType, ErrorCode, Model, RequestTime };
// "id", "gemini_key", "error_type", "error_code", "model_name", "request_time"; nullopt otherwise.
std::optional<SortColumn> sortColumnFromName(const QString &name);

struct ListFilter
{
    QString keySearch;       // substring of the key hint, case-insensitive; a full key also matches its key_id
    QString keyIdExact;      // when set, also rows with this key_id (the caller hashes a full key)
    QString errorSearch;     // substring of error_type or error_log, case-insensitive
    QString modelSearch;     // substring of model_name, case-insensitive
    std::optional<int> errorCode;
    std::optional<qint64> fromMs;  // request_ms >= fromMs
    std::optional<qint64> toMs;    // request_ms <= toMs
    SortColumn sortBy = SortColumn::Id;
    bool ascending = false;
    int limit = 10;    // 1..1000, checked by the caller
    int offset = 0;
};

struct ListPage
{
    QList<ErrorLogRow> rows;  // without errorLog / requestMsg
    qint64 total = 0;         // rows matching the filter, all pages
};

// Escapes % _ and the escape character itself for LIKE ... ESCAPE '!'.
QString likePattern(const QString &substring);

Result<ListPage> list(Database &db, const ListFilter &filter);
// The row with everything; an empty optional when there is no such id.
Result<std::optional<ErrorLogRow>> details(Database &db, qint64 id);
// The row of that key closest in time to atMs within +-windowMs (ties: the newer id), only
// rows with that error code when given.
Result<std::optional<ErrorLogRow>> closest(Database &db, const QString &keyId, qint64 atMs, qint64 windowMs,
                                           std::optional<int> errorCode);

// Returns how many rows went.
Result<qint64> removeIds(Database &db, const QList<qint64> &ids);
Result<bool> removeOne(Database &db, qint64 id);
// Every row that existed when the call began, in batches of `batch` rows, each its own short
// statement, so the log writer is never locked out for long.
Result<qint64> removeAll(Database &db, int batch = 200);

} // namespace errorlogs
} // namespace gb
