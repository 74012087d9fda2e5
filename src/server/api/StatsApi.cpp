#include "api/StatsApi.h"

#include "api/AdminAuth.h"
#include "api/AdminParams.h"
#include "api/DatabaseAnswer.h"
#include "api/ErrorLogApi.h"
#include "api/MetricsApi.h"
#include "api/RequestQuery.h"
#include "common/Clock.h"
#include "common/Redact.h"
#include "keys/KeyPool.h"
#include "settings/Settings.h"
#include "store/KeyStateStore.h"
#include "store/StatsQueries.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

constexpr QByteArrayView kKeyUsagePrefix = "/api/key-usage-details/";

std::optional<qint64> periodMs(const QString &period)
{
    if (period.isEmpty() || period == u"1h"_s)
        return stats::kHourMs;
    if (period == u"1m"_s)
        return stats::kMinuteMs;
    if (period == u"8h"_s)
        return 8 * stats::kHourMs;
    if (period == u"24h"_s)
        return stats::kDayMs;
    return std::nullopt;
}

std::optional<qint64> rangeMs(const QString &range)
{
    if (range == u"1h"_s)
        return stats::kHourMs;
    if (range.isEmpty() || range == u"24h"_s)
        return stats::kDayMs;
    if (range == u"7d"_s)
        return 7 * stats::kDayMs;
    if (range == u"30d"_s)
        return 30 * stats::kDayMs;
    return std::nullopt;
}

struct Span
{
    qint64 from = 0;
    qint64 to = 0;
    QString error;
};

// range=... or from=&to= (to defaults to now).
Span spanOf(const RequestQuery &query, qint64 nowMs, const QTimeZone &zone)
{
    Span s;
    const QString from = query.value(u"from"_s), to = query.value(u"to"_s);
    if (!from.isEmpty() || !to.isEmpty()) {
        const auto f = adminparams::timePoint(from, zone);
        const auto t = to.isEmpty() ? std::optional<qint64>(nowMs) : adminparams::timePoint(to, zone);
        if (!f || !t)
            s.error = u"from and to must be ISO 8601 times or epoch milliseconds (from is required with to)."_s;
        else if (*t <= *f)
            s.error = u"to must be later than from."_s;
        s.from = f.value_or(0);
        s.to = t.value_or(0);
        return s;
    }
    const auto r = rangeMs(query.value(u"range"_s));
    if (!r) {
        s.error = u"range must be one of 1h, 24h, 7d, 30d."_s;
        return s;
    }
    s.from = nowMs - *r;
    s.to = nowMs;
    return s;
}

QJsonObject callCounts(const stats::CallCounts &c)
{
    return {{u"total"_s, c.total}, {u"success"_s, c.success}, {u"failure"_s, c.failure}};
}

double rounded(double v)
{
    return std::round(v * 10.0) / 10.0;
}

void putTotals(QJsonObject &o, const stats::CounterTotals &t)
{
    o.insert(u"requests"_s, t.requests);
    o.insert(u"failures"_s, t.failures);
    o.insert(u"prompt_tokens"_s, t.promptTokens);
    o.insert(u"completion_tokens"_s, t.completionTokens);
    o.insert(u"thought_tokens"_s, t.thoughtTokens);
    o.insert(u"total_tokens"_s, t.totalTokens());
}

DatabaseAnswer failed(const QString &error)
{
    return DatabaseAnswer::detail(500, u"Database query failed: %1"_s.arg(error));
}

// key_id -> redacted hint of the configured keys (hints are all that may go out).
QHash<QString, QString> configuredHints(const KeyPool *pool)
{
    QHash<QString, QString> hints;
    for (const QString &key : pool->keys())
        hints.insert(KeyStateStore::keyId(key), redact::secret(key));
    return hints;
}

} // namespace

StatsApi::StatsApi(Settings *settings, KeyPool *pool, QueryRunner *queries, QObject *parent)
    : QObject(parent), m_settings(settings), m_pool(pool), m_queries(queries),
      m_errorLogs(new ErrorLogApi(settings, queries, this)), m_metrics(new MetricsApi(pool, queries, this))
{
}

MetricsRegistry &StatsApi::metrics()
{
    return m_metrics->registry();
}

bool StatsApi::matches(const QByteArray &path)
{
    return path.startsWith("/api/stats/") || path.startsWith(kKeyUsagePrefix) || ErrorLogApi::matches(path)
           || path == "/metrics";
}

void StatsApi::handle(HttpRequest &&request, const AdminAuth &admin, ResponseSink *sink)
{
    const bool deleting = request.method == "DELETE";
    const AdminCheck auth = admin.check(request, deleting || (request.method != "GET" && request.method != "HEAD"));
    if (!auth.allowed)
        return sendDetail(sink, auth.status, auth.message);
    if (ErrorLogApi::matches(request.path))
        return m_errorLogs->handle(request, sink);
    if (request.method != "GET")
        return sendDetail(sink, 405, u"Method not allowed here; use GET."_s);
    if (request.path == "/metrics")
        return m_metrics->handle(sink);

    const QByteArray &path = request.path;
    if (path.startsWith(kKeyUsagePrefix))
        return keyUsage(percentDecode(path.mid(kKeyUsagePrefix.size())), sink);
    if (path == "/api/stats/details")
        return details(request, false, sink);
    if (path == "/api/stats/key-details")
        return details(request, true, sink);
    if (path == "/api/stats/attention-keys")
        return attentionKeys(request, sink);
    if (path == "/api/stats/overview")
        return overview(sink);
    if (path == "/api/stats/tokens")
        return tokens(request, sink);
    if (path == "/api/stats/timeseries")
        return timeSeries(request, sink);
    sendDetail(sink, 404, u"Not Found"_s);
}

void StatsApi::details(const HttpRequest &request, bool oneKey, ResponseSink *sink)
{
    const RequestQuery query(request.query);
    const auto period = periodMs(query.value(u"period"_s));
    if (!period)
        return sendDetail(sink, 400, u"period must be one of 1m, 1h, 8h, 24h."_s);
    const auto limit = adminparams::integer(query.value(u"limit"_s), 1000, 1, 10000);
    if (!limit)
        return sendDetail(sink, 400, u"limit must be an integer from 1 to 10000."_s);
    QString keyId;
    if (oneKey) {
        const QString key = query.value(u"key"_s).trimmed();
        if (key.isEmpty())
            return sendDetail(sink, 400, u"key is required (the full key or its key_id)."_s);
        keyId = adminparams::keyIdOf(key);
    }
    const qint64 now = m_pool->clock()->nowMs();
    const QTimeZone zone = adminparams::zoneOf(*m_settings->snapshot());
    const qint64 from = now - *period;
    const int cap = int(*limit);
    answerFromDatabase(m_queries, this, sink, [=](Database &db) {
        const auto rows = stats::requestRows(db, from, now, keyId, cap);
        if (!rows)
            return failed(rows.error());
        QJsonArray out;
        for (const stats::RequestRow &r : rows.value()) {
            out.append(QJsonObject{
                {u"timestamp"_s, adminparams::isoTime(r.timeMs, zone)},
                {u"key"_s, r.keyHint},
                {u"key_id"_s, r.keyId},
                {u"model"_s, r.model},
                {u"status"_s, r.success ? u"success"_s : u"failure"_s},
                {u"status_code"_s, r.hasStatus ? QJsonValue(r.statusCode) : QJsonValue()},
                {u"latency_ms"_s, r.hasLatency ? QJsonValue(r.latencyMs) : QJsonValue()},
            });
        }
        return DatabaseAnswer::json(200, QJsonDocument(out));
    });
}

void StatsApi::attentionKeys(const HttpRequest &request, ResponseSink *sink)
{
    const RequestQuery query(request.query);
    const auto limit = adminparams::integer(query.value(u"limit"_s), 20, 1, 1000);
    if (!limit)
        return sendDetail(sink, 400, u"limit must be an integer from 1 to 1000."_s);
    const auto status = adminparams::integer(query.value(u"status_code"_s), 429, 100, 599);
    if (!status)
        return sendDetail(sink, 400, u"status_code must be an HTTP status from 100 to 599."_s);
    const QHash<QString, QString> hints = configuredHints(m_pool);
    const QSet<QString> ids(hints.keyBegin(), hints.keyEnd());
    const qint64 now = m_pool->clock()->nowMs();
    const int code = int(*status), cap = int(*limit);
    answerFromDatabase(m_queries, this, sink, [=](Database &db) {
        const auto keys = stats::keysByStatus(db, code, now - stats::kDayMs, now, ids, cap);
        if (!keys)
            return failed(keys.error());
        QJsonArray out;
        for (const stats::KeyCount &k : keys.value())
            out.append(QJsonObject{{u"key"_s, hints.value(k.keyId, k.keyHint)},
                                   {u"key_id"_s, k.keyId},
                                   {u"count"_s, k.count},
                                   {u"status_code"_s, code}});
        return DatabaseAnswer::json(200, QJsonDocument(out));
    });
}

void StatsApi::keyUsage(const QString &key, ResponseSink *sink)
{
    if (key.trimmed().isEmpty())
        return sendDetail(sink, 400, u"Put the key (or its key_id) in the path."_s);
    const QString keyId = adminparams::keyIdOf(key.trimmed());
    const qint64 now = m_pool->clock()->nowMs();
    answerFromDatabase(m_queries, this, sink, [=](Database &db) {
        const auto models = stats::callsPerModel(db, keyId, now - stats::kDayMs, now);
        if (!models)
            return failed(models.error());
        QJsonObject out;
        for (const stats::ModelCount &m : models.value())
            out.insert(m.model, m.count);
        return DatabaseAnswer::json(200, QJsonDocument(out));
    });
}

void StatsApi::overview(ResponseSink *sink)
{
    const qint64 now = m_pool->clock()->nowMs();
    const QTimeZone zone = adminparams::zoneOf(*m_settings->snapshot());
    // Key states are read here, on the proxy thread where the pool lives.
    const QJsonObject keys = MetricsApi::keyCounts(*m_pool, now);
    answerFromDatabase(m_queries, this, sink, [=](Database &db) {
        const auto s = stats::usageSummary(db, now, zone);
        if (!s)
            return failed(s.error());
        return DatabaseAnswer::json(200, QJsonDocument(QJsonObject{
                                             {u"calls_1m"_s, callCounts(s.value().lastMinute)},
                                             {u"calls_1h"_s, callCounts(s.value().lastHour)},
                                             {u"calls_24h"_s, callCounts(s.value().last24Hours)},
                                             {u"calls_month"_s, callCounts(s.value().thisMonth)},
                                             {u"keys"_s, keys},
                                             {u"generated_at"_s, adminparams::isoTime(now, zone)},
                                         }));
    });
}

void StatsApi::tokens(const HttpRequest &request, ResponseSink *sink)
{
    const RequestQuery query(request.query);
    const QString groupName = query.value(u"group"_s).isEmpty() ? u"model"_s : query.value(u"group"_s);
    stats::TokenGroup group;
    if (groupName == u"model"_s)
        group = stats::TokenGroup::Model;
    else if (groupName == u"key"_s)
        group = stats::TokenGroup::Key;
    else if (groupName == u"day"_s)
        group = stats::TokenGroup::Day;
    else
        return sendDetail(sink, 400, u"group must be key, model or day."_s);
    const qint64 now = m_pool->clock()->nowMs();
    const QTimeZone zone = adminparams::zoneOf(*m_settings->snapshot());
    const Span span = spanOf(query, now, zone);
    if (!span.error.isEmpty())
        return sendDetail(sink, 400, span.error);
    const QHash<QString, QString> hints = configuredHints(m_pool);
    answerFromDatabase(m_queries, this, sink, [=](Database &db) {
        const auto rows = stats::tokenUsage(db, group, span.from, span.to, zone);
        if (!rows)
            return DatabaseAnswer::detail(400, rows.error());
        QJsonArray out;
        stats::CounterTotals sum;
        for (const stats::TokenUsageRow &r : rows.value()) {
            QJsonObject o;
            if (group == stats::TokenGroup::Key) {
                o.insert(u"key"_s, hints.value(r.group));  // "" for a key no longer configured
                o.insert(u"key_id"_s, r.group);
            } else {
                o.insert(groupName, r.group);
            }
            putTotals(o, r.totals);
            out.append(o);
            sum.add(r.totals);
        }
        QJsonObject total;
        putTotals(total, sum);
        return DatabaseAnswer::json(200, QJsonDocument(QJsonObject{
                                             {u"group"_s, groupName},
                                             {u"from"_s, adminparams::isoTime(span.from, zone)},
                                             {u"to"_s, adminparams::isoTime(span.to, zone)},
                                             {u"rows"_s, out},
                                             {u"total"_s, total},
                                         }));
    });
}

void StatsApi::timeSeries(const HttpRequest &request, ResponseSink *sink)
{
    const RequestQuery query(request.query);
    const qint64 now = m_pool->clock()->nowMs();
    const QTimeZone zone = adminparams::zoneOf(*m_settings->snapshot());
    const Span span = spanOf(query, now, zone);
    if (!span.error.isEmpty())
        return sendDetail(sink, 400, span.error);
    QString name = query.value(u"resolution"_s);
    if (name.isEmpty()) {
        const qint64 width = span.to - span.from;
        name = width <= 2 * stats::kHourMs ? u"1m"_s : width <= 8 * stats::kDayMs ? u"1h"_s : u"1d"_s;
    }
    stats::Resolution resolution;
    if (name == u"1m"_s)
        resolution = stats::Resolution::Minute;
    else if (name == u"1h"_s)
        resolution = stats::Resolution::Hour;
    else if (name == u"1d"_s)
        resolution = stats::Resolution::Day;
    else
        return sendDetail(sink, 400, u"resolution must be 1m, 1h or 1d."_s);
    answerFromDatabase(m_queries, this, sink, [=](Database &db) {
        const auto points = stats::timeSeries(db, resolution, span.from, span.to, zone);
        if (!points)
            return DatabaseAnswer::detail(400, points.error());
        QJsonArray out;
        for (const stats::SeriesPoint &p : points.value()) {
            const stats::CounterTotals &t = p.totals;
            QJsonObject o{{u"t"_s, p.startMs}, {u"time"_s, adminparams::isoTime(p.startMs, zone)}};
            putTotals(o, t);
            o.insert(u"success"_s, t.requests - t.failures);
            const qint64 timed = t.latency.total();
            o.insert(u"latency_avg_ms"_s, timed > 0 ? rounded(double(t.latencySumMs) / double(timed)) : 0.0);
            o.insert(u"latency_p50_ms"_s, rounded(t.latency.quantileMs(0.5)));
            o.insert(u"latency_p90_ms"_s, rounded(t.latency.quantileMs(0.9)));
            o.insert(u"latency_p99_ms"_s, rounded(t.latency.quantileMs(0.99)));
            out.append(o);
        }
        return DatabaseAnswer::json(200, QJsonDocument(QJsonObject{
                                             {u"resolution"_s, name},
                                             {u"from"_s, adminparams::isoTime(span.from, zone)},
                                             {u"to"_s, adminparams::isoTime(span.to, zone)},
                                             {u"points"_s, out},
                                         }));
    });
}

} // namespace gb
