#include "api/ErrorLogApi.h"

#include "api/AdminParams.h"
#include "api/DatabaseAnswer.h"
#include "api/RequestQuery.h"
#include "settings/Settings.h"
#include "common/WholeNumber.h"
#include "store/ErrorLogQueries.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

constexpr QByteArrayView kBase = "/api/logs/errors";

// The {id} of "/api/logs/errors/{id}" or ".../{id}/details"; 0 when the path is not one.
qint64 idIn(const QByteArray &path, bool *details)
{
    if (!path.startsWith(kBase) || path.size() <= kBase.size() + 1 || path.at(kBase.size()) != '/')
        return 0;
    QByteArray rest = path.mid(kBase.size() + 1);
    *details = rest.endsWith("/details");
    if (*details)
        rest.chop(int(qstrlen("/details")));
    bool ok = false;
    const qint64 id = rest.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

QJsonObject rowJson(const errorlogs::ErrorLogRow &r, const QTimeZone &zone, bool withDetails)
{
    QJsonObject o{
        {u"id"_s, r.id},
        {u"gemini_key"_s, r.keyHint},
        {u"key_id"_s, r.keyId},
        {u"error_type"_s, r.errorType},
        {u"error_code"_s, r.hasCode ? QJsonValue(r.errorCode) : QJsonValue()},
        {u"model_name"_s, r.model},
        {u"request_time"_s, adminparams::isoTime(r.timeMs, zone)},
    };
    if (withDetails) {
        o.insert(u"error_log"_s, r.errorLog);
        QJsonValue msg;  // null when nothing was recorded
        if (!r.requestMsg.isEmpty()) {
            const QJsonDocument doc = QJsonDocument::fromJson(r.requestMsg.toUtf8());
            msg = doc.isNull() ? r.requestMsg : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
        }
        o.insert(u"request_msg"_s, msg);
    }
    return o;
}

DatabaseAnswer failed(const QString &error)
{
    return DatabaseAnswer::detail(500, u"Database query failed: %1"_s.arg(error));
}

} // namespace

ErrorLogApi::ErrorLogApi(Settings *settings, QueryRunner *queries, QObject *parent)
    : QObject(parent), m_settings(settings), m_queries(queries)
{
}

bool ErrorLogApi::matches(const QByteArray &path)
{
    return path == kBase || path.startsWith(QByteArray(kBase.data(), kBase.size()) + '/');
}

void ErrorLogApi::handle(const HttpRequest &request, ResponseSink *sink)
{
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    bool wantsDetails = false;
    const qint64 id = idIn(path, &wantsDetails);
    if (path == kBase) {
        if (method == "GET")
            return list(request, sink);
        if (method == "DELETE")
            return removeSelected(request.body, sink);
        return sendDetail(sink, 405, u"Method not allowed here; use GET or DELETE."_s);
    }
    if (path.endsWith("/lookup") && path.size() == kBase.size() + 7) {
        if (method != "GET")
            return sendDetail(sink, 405, u"Method not allowed here; use GET."_s);
        return lookup(request, sink);
    }
    if (path.endsWith("/all") && path.size() == kBase.size() + 4) {
        if (method != "DELETE")
            return sendDetail(sink, 405, u"Method not allowed here; use DELETE."_s);
        return answerFromDatabase(m_queries, this, sink, [](Database &db) {
            const auto r = errorlogs::removeAll(db);
            return r ? DatabaseAnswer::noContent() : failed(r.error());
        });
    }
    if (id == 0)
        return sendDetail(sink, 404, u"Not Found"_s);
    if (wantsDetails) {
        if (method != "GET")
            return sendDetail(sink, 405, u"Method not allowed here; use GET."_s);
        return details(id, sink);
    }
    if (method != "DELETE")
        return sendDetail(sink, 405, u"Method not allowed here; use DELETE."_s);
    answerFromDatabase(m_queries, this, sink, [id](Database &db) {
        const auto r = errorlogs::removeOne(db, id);
        if (!r)
            return failed(r.error());
        return r.value() ? DatabaseAnswer::noContent() : DatabaseAnswer::detail(404, u"Error log not found"_s);
    });
}

void ErrorLogApi::list(const HttpRequest &request, ResponseSink *sink)
{
    const RequestQuery q(request.query);
    const QTimeZone zone = adminparams::zoneOf(*m_settings->snapshot());
    errorlogs::ListFilter f;
    const auto limit = adminparams::integer(q.value(u"limit"_s), 10, 1, 1000);
    if (!limit)
        return sendDetail(sink, 400, u"limit must be an integer from 1 to 1000."_s);
    const auto offset = adminparams::integer(q.value(u"offset"_s), 0, 0, std::numeric_limits<int>::max());
    if (!offset)
        return sendDetail(sink, 400, u"offset must be a non-negative integer."_s);
    f.limit = int(*limit);
    f.offset = int(*offset);
    f.keySearch = q.value(u"key_search"_s).trimmed();
    if (!f.keySearch.isEmpty())
        f.keyIdExact = adminparams::keyIdOf(f.keySearch);  // a full key (or key_id) finds its rows
    f.errorSearch = q.value(u"error_search"_s).trimmed();
    if (const QString code = q.value(u"error_code_search"_s).trimmed(); !code.isEmpty()) {
        const auto c = adminparams::integer(code, 0, 0, 999);
        if (!c)
            return sendDetail(sink, 400, u"error_code_search must be an integer status code."_s);
        f.errorCode = int(*c);
    }
    for (const auto &[name, slot] : {std::pair{u"start_date"_s, &f.fromMs}, std::pair{u"end_date"_s, &f.toMs}}) {
        const QString text = q.value(name);
        if (text.trimmed().isEmpty())
            continue;
        const auto t = adminparams::timePoint(text, zone);
        if (!t)
            return sendDetail(sink, 400, u"%1 must be an ISO 8601 time or epoch milliseconds."_s.arg(name));
        *slot = *t;
    }
    const QString sortBy = q.value(u"sort_by"_s).trimmed();
    if (!sortBy.isEmpty()) {
        const auto column = errorlogs::sortColumnFromName(sortBy);
        if (!column)
            return sendDetail(sink, 400,
                              u"sort_by must be one of id, gemini_key, error_type, error_code, model_name, request_time."_s);
        f.sortBy = *column;
    }
    const QString order = q.value(u"sort_order"_s).trimmed().toLower();
    if (!order.isEmpty() && order != u"asc"_s && order != u"desc"_s)
        return sendDetail(sink, 400, u"sort_order must be asc or desc."_s);
    f.ascending = order == u"asc"_s;
    answerFromDatabase(m_queries, this, sink, [f, zone](Database &db) {
        const auto page = errorlogs::list(db, f);
        if (!page)
            return failed(page.error());
        QJsonArray logs;
        for (const errorlogs::ErrorLogRow &r : page.value().rows)
            logs.append(rowJson(r, zone, false));
        return DatabaseAnswer::json(200, QJsonDocument(QJsonObject{{u"logs"_s, logs}, {u"total"_s, page.value().total}}));
    });
}

void ErrorLogApi::details(qint64 id, ResponseSink *sink)
{
    const QTimeZone zone = adminparams::zoneOf(*m_settings->snapshot());
    answerFromDatabase(m_queries, this, sink, [id, zone](Database &db) {
        const auto row = errorlogs::details(db, id);
        if (!row)
            return failed(row.error());
        if (!row.value())
            return DatabaseAnswer::detail(404, u"Error log not found"_s);
        return DatabaseAnswer::json(200, QJsonDocument(rowJson(*row.value(), zone, true)));
    });
}

void ErrorLogApi::lookup(const HttpRequest &request, ResponseSink *sink)
{
    const RequestQuery q(request.query);
    const QTimeZone zone = adminparams::zoneOf(*m_settings->snapshot());
    const QString key = q.value(u"gemini_key"_s).trimmed();
    if (key.isEmpty())
        return sendDetail(sink, 400, u"gemini_key is required (the full key or its key_id)."_s);
    const auto at = adminparams::timePoint(q.value(u"timestamp"_s), zone);
    if (!at)
        return sendDetail(sink, 400, u"timestamp is required: an ISO 8601 time or epoch milliseconds."_s);
    const auto window = adminparams::integer(q.value(u"window_seconds"_s), 100, 1, 300);
    if (!window)
        return sendDetail(sink, 400, u"window_seconds must be an integer from 1 to 300."_s);
    std::optional<int> code;
    if (const QString text = q.value(u"status_code"_s).trimmed(); !text.isEmpty()) {
        const auto c = adminparams::integer(text, 0, 0, 999);
        if (!c)
            return sendDetail(sink, 400, u"status_code must be an integer status code."_s);
        code = int(*c);
    }
    const QString keyId = adminparams::keyIdOf(key);
    const qint64 atMs = *at, windowMs = *window * 1000;
    answerFromDatabase(m_queries, this, sink, [=](Database &db) {
        const auto row = errorlogs::closest(db, keyId, atMs, windowMs, code);
        if (!row)
            return failed(row.error());
        if (!row.value())
            return DatabaseAnswer::detail(404, u"No matching error log found"_s);
        return DatabaseAnswer::json(200, QJsonDocument(rowJson(*row.value(), zone, true)));
    });
}

void ErrorLogApi::removeSelected(const QByteArray &body, ResponseSink *sink)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue ids = doc.object().value(u"ids"_s);
    if (!doc.isObject() || !ids.isArray() || ids.toArray().isEmpty() || ids.toArray().size() > 100000)
        return sendDetail(sink, 400, u"Expected a JSON body {\"ids\": [1, 2, ...]} with at least one id."_s);
    QList<qint64> list;
    for (const QJsonValue &v : ids.toArray()) {
        const std::optional<qint64> id = v.isDouble() ? wholeNumber(v.toDouble()) : std::nullopt;
        if (!id || *id < 1)
            return sendDetail(sink, 400, u"ids must be positive integers."_s);
        list.append(*id);
    }
    answerFromDatabase(m_queries, this, sink, [list](Database &db) {
        const auto r = errorlogs::removeIds(db, list);
        return r ? DatabaseAnswer::noContent() : failed(r.error());
    });
}

} // namespace gb
