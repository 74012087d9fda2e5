#pragma once

#include "common/Result.h"
#include "store/LatencyHistogram.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QTimeZone>

namespace gb {

class Database;

// Read-only statistics over t_request_log and gb_counters_minute (schema 003), for the admin
// API and the dashboard. Pure functions of the database and explicit times (epoch ms UTC), so
// tests run them with fixed clocks; they run on the query thread (QueryRunner), never on the
// proxy thread. Both dialects (SQLite, MySQL) get the same SQL except where noted.
//
// Windows are half-open on the old side and closed on the new: a row counts in "the last
// hour at now" when now - 1 h <= request_ms <= now. Rows from the future (clock skew) are left out.
// A call succeeded when its status code is 2xx; everything else, a NULL or 0 status (no
// answer) included, is a failure (gemini-balance never counted NULL-status rows at all).
namespace stats {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;

struct CallCounts
{
    qint64 total = 0;
    qint64 success = 0;
    qint64 failure = 0;
};

struct UsageSummary
{
    CallCounts lastMinute, lastHour, last24Hours, thisMonth;
};

// The first millisecond of the calendar month holding nowMs in `zone`.
qint64 monthStartMs(qint64 nowMs, const QTimeZone &zone);
Result<UsageSummary> usageSummary(Database &db, qint64 nowMs, const QTimeZone &zone);

// One row of t_request_log as the details views show it.
struct RequestRow
{
    qint64 id = 0;
    qint64 timeMs = 0;
    QString keyId;
    QString keyHint;
    QString model;
    bool success = false;
    bool hasStatus = false;
    int statusCode = 0;
    bool hasLatency = false;
    int latencyMs = 0;
};

// Rows with fromMs <= request_ms <= toMs, newest first (then highest id), at most `limit`;
// only those of one key when keyId is not empty.
Result<QList<RequestRow>> requestRows(Database &db, qint64 fromMs, qint64 toMs, const QString &keyId, int limit);

struct KeyCount
{
    QString keyId;
    QString keyHint;  // the newest hint the log has for this key
    qint64 count = 0;
};

// Keys by how many calls ended with `statusCode` in [fromMs, toMs], most first (ties by
// key_id), restricted to `onlyKeyIds` (the configured keys), at most `limit`.
Result<QList<KeyCount>> keysByStatus(Database &db, int statusCode, qint64 fromMs, qint64 toMs,
                                     const QSet<QString> &onlyKeyIds, int limit);

struct ModelCount
{
    QString model;
    qint64 count = 0;
};
// Calls of one key per model in [fromMs, toMs], most first (ties by name).
Result<QList<ModelCount>> callsPerModel(Database &db, const QString &keyId, qint64 fromMs, qint64 toMs);

// Totals from the per-minute counters.
struct CounterTotals
{
    qint64 requests = 0;
    qint64 failures = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 thoughtTokens = 0;
    qint64 latencySumMs = 0;
    LatencyHistogram latency;

    qint64 totalTokens() const { return promptTokens + completionTokens + thoughtTokens; }
    void add(const CounterTotals &other);
};

enum class TokenGroup { Key, Model, Day };
struct TokenUsageRow
{
    QString group;     // key_id, model name, or the day "yyyy-MM-dd" in the zone
    qint64 dayStartMs = 0;  // TokenGroup::Day: the day's first ms
    CounterTotals totals;
};
// Token and call totals of the counters with fromMs <= minute start < toMs, grouped. Key and
// model groups come most tokens first; days in order, every day of the range present.
Result<QList<TokenUsageRow>> tokenUsage(Database &db, TokenGroup group, qint64 fromMs, qint64 toMs,
                                        const QTimeZone &zone);

enum class Resolution { Minute, Hour, Day };
// Start of the bucket holding ms: minutes in UTC, hours and days in `zone` (whole hours of a
// zone with a half-hour offset start at :30 UTC).
qint64 bucketStartMs(qint64 ms, Resolution resolution, const QTimeZone &zone);
qint64 nextBucketStartMs(qint64 bucketStart, Resolution resolution, const QTimeZone &zone);
constexpr int kMaxSeriesPoints = 2000;

struct SeriesPoint
{
    qint64 startMs = 0;
    CounterTotals totals;
};
// One point per bucket from the bucket holding fromMs to the one holding toMs - 1, empty
// buckets included (zeros), so charts get a continuous axis. Fails when that would be more
// than kMaxSeriesPoints points.
Result<QList<SeriesPoint>> timeSeries(Database &db, Resolution resolution, qint64 fromMs, qint64 toMs,
                                      const QTimeZone &zone);

// Everything the counters hold, per model (for /metrics).
struct ModelTotals
{
    QString model;
    CounterTotals totals;
};
Result<QList<ModelTotals>> totalsPerModel(Database &db);

// One key's calls, failures and tokens per model from the counters with fromMs <= minute
// start < toMs (the desktop's key details); most calls first, ties by name.
Result<QList<ModelTotals>> keyUsageByModel(Database &db, const QString &keyId, qint64 fromMs, qint64 toMs);

} // namespace stats
} // namespace gb
