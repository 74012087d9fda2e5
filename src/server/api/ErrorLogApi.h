#pragma once

#include "http/HttpRequest.h"

#include <QObject>

namespace gb {

class QueryRunner;
class ResponseSink;
class Settings;

// gemini-balance's error-log routes (the admin gate is checked by StatsApi before):
//   GET    /api/logs/errors?limit=1..1000 (10)&offset=0&key_search=&error_search=&error_code_search=
//          &start_date=&end_date=&sort_by=id|gemini_key|error_type|error_code|model_name|request_time
//          &sort_order=asc|desc (desc)
//          -> {logs: [{id, gemini_key, key_id, error_type, error_code, model_name, request_time}], total}
//          key_search: substring of the key hint, or the full key / key_id; error_search:
//          substring of error_type or error_log; both case-insensitive, % and _ literal.
//          sort_by outside the list is a 400 (gemini-balance sorted by any column name).
//   GET    /api/logs/errors/{id}/details  -> the row plus error_log and request_msg (indented
//          JSON when it is JSON); 404 when there is none
//   GET    /api/logs/errors/lookup?gemini_key=&timestamp=&status_code=&window_seconds=1..300 (100)
//          -> the details of the key's log closest to timestamp within the window; 404 when none
//   DELETE /api/logs/errors  {"ids": [...]} -> 204
//   DELETE /api/logs/errors/all -> 204 (in batches of 200 rows)
//   DELETE /api/logs/errors/{id} -> 204 | 404
class ErrorLogApi : public QObject
{
    Q_OBJECT
public:
    ErrorLogApi(Settings *settings, QueryRunner *queries, QObject *parent = nullptr);

    static bool matches(const QByteArray &path);
    void handle(const HttpRequest &request, ResponseSink *sink);

private:
    void list(const HttpRequest &request, ResponseSink *sink);
    void details(qint64 id, ResponseSink *sink);
    void lookup(const HttpRequest &request, ResponseSink *sink);
    void removeSelected(const QByteArray &body, ResponseSink *sink);

    Settings *m_settings;
    QueryRunner *m_queries;
};

} // namespace gb
