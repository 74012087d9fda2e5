#include "store/StatsQueries.h"

#include "store/Database.h"

#include <QDateTime>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gb::stats {

namespace {

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

// First minute (epoch minute) whose start is >= ms.
qint64 minuteAtOrAfter(qint64 ms)
{
    const qint64 m = ms / kMinuteMs;
    return (m * kMinuteMs < ms) ? m + 1 : m;
}

// The sums every counter query selects, in the order readTotals() reads them.
QString counterSums()
{
    QString s = u"COALESCE(SUM(requests),0), COALESCE(SUM(failures),0), COALESCE(SUM(prompt_tokens),0), "
                "COALESCE(SUM(completion_tokens),0), COALESCE(SUM(thought_tokens),0), COALESCE(SUM(latency_ms_sum),0)"_s;
    for (int i = 0; i < LatencyHistogram::kBuckets; ++i)
        s += u", COALESCE(SUM(lat_b%1),0)"_s.arg(i);
    return s;
}

CounterTotals readTotals(const QSqlQuery &q, int first)
{
    CounterTotals t;
    t.requests = q.value(first).toLongLong();
    t.failures = q.value(first + 1).toLongLong();
    t.promptTokens = q.value(first + 2).toLongLong();
    t.completionTokens = q.value(first + 3).toLongLong();
    t.thoughtTokens = q.value(first + 4).toLongLong();
    t.latencySumMs = q.value(first + 5).toLongLong();
    for (int i = 0; i < LatencyHistogram::kBuckets; ++i)
        t.latency.counts[i] = q.value(first + 6 + i).toLongLong();
    return t;
}

// Integer division of the minute column, the same in both dialects (SQLite's / on integers
// truncates; MySQL's / gives a decimal, DIV truncates). Minutes are never negative.
QString minuteDiv(const Database &db, int divisor)
{
    return db.dialect() == u"mysql"_s ? u"minute DIV %1"_s.arg(divisor) : u"minute / %1"_s.arg(divisor);
}

// Bucket starts from the bucket holding fromMs while < toMs; empty when too many.
QList<qint64> bucketStarts(Resolution resolution, qint64 fromMs, qint64 toMs, const QTimeZone &zone, bool *tooMany)
{
    QList<qint64> starts;
    *tooMany = false;
    for (qint64 b = bucketStartMs(fromMs, resolution, zone); b < toMs; b = nextBucketStartMs(b, resolution, zone)) {
        if (starts.size() >= kMaxSeriesPoints) {
            *tooMany = true;
            return {};
        }
        starts.append(b);
    }
    return starts;
}

// Which of the sorted bucket starts holds ms (-1: before the first).
qsizetype bucketIndex(const QList<qint64> &starts, qint64 ms)
{
    const auto it = std::upper_bound(starts.cbegin(), starts.cend(), ms);
    return (it - starts.cbegin()) - 1;
}

} // namespace

void CounterTotals::add(const CounterTotals &o)
{
    requests += o.requests;
    failures += o.failures;
    promptTokens += o.promptTokens;
    completionTokens += o.completionTokens;
    thoughtTokens += o.thoughtTokens;
    latencySumMs += o.latencySumMs;
    latency.add(o.latency);
}

qint64 monthStartMs(qint64 nowMs, const QTimeZone &zone)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    return QDateTime(QDate(today.year(), today.month(), 1), QTime(0, 0), zone).toMSecsSinceEpoch();
}

Result<UsageSummary> usageSummary(Database &db, qint64 nowMs, const QTimeZone &zone)
{
    const qint64 starts[4] = {nowMs - kMinuteMs, nowMs - kHourMs, nowMs - kDayMs, monthStartMs(nowMs, zone)};
    QString sql = u"SELECT "_s;
    QVariantList binds;
    for (int i = 0; i < 4; ++i) {
        if (i > 0)
            sql += u", "_s;
        sql += u"COALESCE(SUM(CASE WHEN request_ms >= ? THEN 1 ELSE 0 END),0), "
               "COALESCE(SUM(CASE WHEN request_ms >= ? AND status_code >= 200 AND status_code < 300 THEN 1 ELSE 0 END),0)"_s;
        binds << starts[i] << starts[i];
    }
    sql += u" FROM t_request_log WHERE request_ms >= ? AND request_ms <= ?"_s;
    binds << *std::min_element(std::begin(starts), std::end(starts)) << nowMs;
    QSqlQuery q(db.handle());
    if (!run(q, sql, binds) || !q.next())
        return queryFailed<UsageSummary>(q, "usage summary");
    UsageSummary s;
    CallCounts *out[4] = {&s.lastMinute, &s.lastHour, &s.last24Hours, &s.thisMonth};
    for (int i = 0; i < 4; ++i) {
        out[i]->total = q.value(2 * i).toLongLong();
        out[i]->success = q.value(2 * i + 1).toLongLong();
        out[i]->failure = out[i]->total - out[i]->success;
    }
    return s;
}

Result<QList<RequestRow>> requestRows(Database &db, qint64 fromMs, qint64 toMs, const QString &keyId, int limit)
{
    QString sql = u"SELECT id, request_ms, key_id, api_key, model_name, is_success, status_code, latency_ms "
                  "FROM t_request_log WHERE request_ms >= ? AND request_ms <= ?"_s;
    QVariantList binds{fromMs, toMs};
    if (!keyId.isEmpty()) {
        sql += u" AND key_id = ?"_s;
        binds << keyId;
    }
    // The limit is a validated int, written into the SQL: MySQL's prepared LIMIT ? is picky
    // about the bound type, and an int cannot inject anything.
    sql += u" ORDER BY request_ms DESC, id DESC LIMIT %1"_s.arg(std::max(0, limit));
    QSqlQuery q(db.handle());
    q.setForwardOnly(true);
    if (!run(q, sql, binds))
        return queryFailed<QList<RequestRow>>(q, "request rows");
    QList<RequestRow> rows;
    while (q.next()) {
        RequestRow r;
        r.id = q.value(0).toLongLong();
        r.timeMs = q.value(1).toLongLong();
        r.keyId = q.value(2).toString();
        r.keyHint = q.value(3).toString();
        r.model = q.value(4).toString();
        r.success = q.value(5).toInt() != 0;
        r.hasStatus = !q.value(6).isNull();
        r.statusCode = q.value(6).toInt();
        r.hasLatency = !q.value(7).isNull();
        r.latencyMs = q.value(7).toInt();
        rows.append(r);
    }
    return rows;
}

Result<QList<KeyCount>> keysByStatus(Database &db, int statusCode, qint64 fromMs, qint64 toMs,
                                     const QSet<QString> &onlyKeyIds, int limit)
{
    QSqlQuery q(db.handle());
    q.setForwardOnly(true);
    if (!run(q,
             u"SELECT key_id, MAX(api_key), COUNT(*) FROM t_request_log WHERE status_code = ? AND request_ms >= ? "
             "AND request_ms <= ? AND key_id IS NOT NULL GROUP BY key_id"_s,
             {statusCode, fromMs, toMs}))
        return queryFailed<QList<KeyCount>>(q, "keys by status");
    QList<KeyCount> out;
    while (q.next()) {
        KeyCount k{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()};
        if (onlyKeyIds.contains(k.keyId))
            out.append(k);
    }
    std::sort(out.begin(), out.end(), [](const KeyCount &a, const KeyCount &b) {
        return a.count != b.count ? a.count > b.count : a.keyId < b.keyId;
    });
    if (out.size() > limit)
        out.resize(std::max(0, limit));
    return out;
}

Result<QList<ModelCount>> callsPerModel(Database &db, const QString &keyId, qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(db.handle());
    q.setForwardOnly(true);
    if (!run(q,
             u"SELECT model_name, COUNT(*) FROM t_request_log WHERE key_id = ? AND request_ms >= ? AND request_ms <= ? "
             "GROUP BY model_name"_s,
             {keyId, fromMs, toMs}))
        return queryFailed<QList<ModelCount>>(q, "calls per model");
    QHash<QString, qint64> counts;  // NULL and "" are the same (no model) to a reader
    while (q.next())
        counts[q.value(0).toString()] += q.value(1).toLongLong();
    QList<ModelCount> out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        out.append(ModelCount{it.key(), it.value()});
    std::sort(out.begin(), out.end(), [](const ModelCount &a, const ModelCount &b) {
        return a.count != b.count ? a.count > b.count : a.model < b.model;
    });
    return out;
}

Result<QList<TokenUsageRow>> tokenUsage(Database &db, TokenGroup group, qint64 fromMs, qint64 toMs,
                                        const QTimeZone &zone)
{
    QList<qint64> days;
    if (group == TokenGroup::Day) {
        bool tooMany = false;
        days = bucketStarts(Resolution::Day, fromMs, toMs, zone, &tooMany);
        if (tooMany)
            return Result<QList<TokenUsageRow>>::failure(u"the range has more than %1 days"_s.arg(kMaxSeriesPoints));
    }
    // Days group quarter hours (every zone offset is a multiple of 15 minutes) and are
    // assembled here, because SQL cannot place a minute in a day of a time zone portably.
    const QString by = group == TokenGroup::Key     ? u"key_id"_s
                       : group == TokenGroup::Model ? u"model_name"_s
                                                    : minuteDiv(db, 15);
    QSqlQuery q(db.handle());
    q.setForwardOnly(true);
    if (!run(q,
             u"SELECT %1, %2 FROM gb_counters_minute WHERE minute >= ? AND minute < ? GROUP BY %1"_s.arg(by, counterSums()),
             {minuteAtOrAfter(fromMs), minuteAtOrAfter(toMs)}))
        return queryFailed<QList<TokenUsageRow>>(q, "token usage");
    QList<TokenUsageRow> out;
    if (group == TokenGroup::Day) {
        for (qint64 d : std::as_const(days))
            out.append(TokenUsageRow{QDateTime::fromMSecsSinceEpoch(d, zone).date().toString(Qt::ISODate), d, {}});
        while (q.next()) {
            const qint64 ms = q.value(0).toLongLong() * 15 * kMinuteMs;
            const qsizetype i = bucketIndex(days, ms);
            if (i >= 0)
                out[i].totals.add(readTotals(q, 1));
        }
        return out;
    }
    while (q.next())
        out.append(TokenUsageRow{q.value(0).toString(), 0, readTotals(q, 1)});
    std::sort(out.begin(), out.end(), [](const TokenUsageRow &a, const TokenUsageRow &b) {
        const qint64 ta = a.totals.totalTokens(), tb = b.totals.totalTokens();
        return ta != tb ? ta > tb : a.group < b.group;
    });
    return out;
}

qint64 bucketStartMs(qint64 ms, Resolution resolution, const QTimeZone &zone)
{
    if (resolution == Resolution::Minute)
        return ms - (((ms % kMinuteMs) + kMinuteMs) % kMinuteMs);
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, zone);
    const QTime time = resolution == Resolution::Hour ? QTime(local.time().hour(), 0) : QTime(0, 0);
    const qint64 start = QDateTime(local.date(), time, zone).toMSecsSinceEpoch();
    return start <= ms ? start : ms - (((ms % kHourMs) + kHourMs) % kHourMs);  // a gap in the zone's clock
}

qint64 nextBucketStartMs(qint64 bucketStart, Resolution resolution, const QTimeZone &zone)
{
    switch (resolution) {
    case Resolution::Minute:
        return bucketStart + kMinuteMs;
    case Resolution::Hour:
        return bucketStart + kHourMs;
    case Resolution::Day: {
        const QDate next = QDateTime::fromMSecsSinceEpoch(bucketStart, zone).date().addDays(1);
        const qint64 ms = QDateTime(next, QTime(0, 0), zone).toMSecsSinceEpoch();
        return ms > bucketStart ? ms : bucketStart + kDayMs;
    }
    }
    return bucketStart + kMinuteMs;
}

Result<QList<SeriesPoint>> timeSeries(Database &db, Resolution resolution, qint64 fromMs, qint64 toMs,
                                      const QTimeZone &zone)
{
    bool tooMany = false;
    const QList<qint64> starts = bucketStarts(resolution, fromMs, toMs, zone, &tooMany);
    if (tooMany)
        return Result<QList<SeriesPoint>>::failure(u"the range needs more than %1 points at that resolution"_s.arg(kMaxSeriesPoints));
    QList<SeriesPoint> out;
    for (qint64 s : starts)
        out.append(SeriesPoint{s, {}});
    if (starts.isEmpty())
        return out;
    const qint64 endMs = nextBucketStartMs(starts.last(), resolution, zone);
    const int divisor = resolution == Resolution::Minute ? 1 : 15;
    const QString by = divisor == 1 ? u"minute"_s : minuteDiv(db, divisor);
    QSqlQuery q(db.handle());
    q.setForwardOnly(true);
    if (!run(q,
             u"SELECT %1, %2 FROM gb_counters_minute WHERE minute >= ? AND minute < ? GROUP BY %1"_s.arg(by, counterSums()),
             {minuteAtOrAfter(starts.first()), minuteAtOrAfter(endMs)}))
        return queryFailed<QList<SeriesPoint>>(q, "time series");
    while (q.next()) {
        const qint64 ms = q.value(0).toLongLong() * divisor * kMinuteMs;
        const qsizetype i = bucketIndex(starts, ms);
        if (i >= 0)
            out[i].totals.add(readTotals(q, 1));
    }
    return out;
}

Result<QList<ModelTotals>> totalsPerModel(Database &db)
{
    QSqlQuery q(db.handle());
    q.setForwardOnly(true);
    if (!run(q, u"SELECT model_name, %1 FROM gb_counters_minute GROUP BY model_name ORDER BY model_name"_s.arg(counterSums()), {}))
        return queryFailed<QList<ModelTotals>>(q, "totals per model");
    QList<ModelTotals> out;
    while (q.next())
        out.append(ModelTotals{q.value(0).toString(), readTotals(q, 1)});
    return out;
}

Result<QList<ModelTotals>> keyUsageByModel(Database &db, const QString &keyId, qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(db.handle());
    q.setForwardOnly(true);
    if (!run(q,
             u"SELECT model_name, %1 FROM gb_counters_minute WHERE key_id = ? AND minute >= ? AND minute < ? "
             "GROUP BY model_name"_s.arg(counterSums()),
             {keyId, minuteAtOrAfter(fromMs), minuteAtOrAfter(toMs)}))
        return queryFailed<QList<ModelTotals>>(q, "key usage by model");
    QList<ModelTotals> out;
    while (q.next())
        out.append(ModelTotals{q.value(0).toString(), readTotals(q, 1)});
    std::sort(out.begin(), out.end(), [](const ModelTotals &a, const ModelTotals &b) {
        return a.totals.requests != b.totals.requests ? a.totals.requests > b.totals.requests : a.model < b.model;
    });
    return out;
}

} // namespace gb::stats
