#pragma once

#include "api/MetricsRegistry.h"
#include "http/HttpRequest.h"

#include <QObject>

namespace gb {

class AdminAuth;
class ErrorLogApi;
class KeyPool;
class MetricsApi;
class QueryRunner;
class ResponseSink;
class Settings;

// Statistics, error logs and metrics for the admin pages; every route needs the admin gate
// (GET: read, DELETE: state-changing). Errors are FastAPI's {"detail": "..."}; 400 for a bad
// parameter, 404, 405, 503 when there is no database. Keys never go out in full: where
// gemini-balance returned a key, "key" is the redacted hint and "key_id" its SHA-256.
// Routes that take a key accept the full key or its key_id. Times go out as ISO 8601 in
// TIMEZONE (or the system zone); time parameters accept ISO 8601 or epoch milliseconds.
//
// gemini-balance's routes:
//   GET /api/stats/details?period=1m|1h|8h|24h&limit=1..10000 (1000)
//        -> [{timestamp, key, key_id, model, status, status_code, latency_ms}], newest first, capped
//   GET /api/stats/key-details?key=&period=&limit=   same, one key
//   GET /api/stats/attention-keys?limit=1..1000 (20)&status_code=100..599 (429)
//        -> [{key, key_id, count, status_code}]: configured keys by calls with that status in 24 h
//   GET /api/key-usage-details/{key}   -> {model: calls} over 24 h
//   /api/logs/errors...                 see ErrorLogApi.h
// GemBalance's:
//   GET /api/stats/overview
//        -> {calls_1m, calls_1h, calls_24h, calls_month: {total, success, failure},
//            keys: {total, active, cooling, disabled}, generated_at}
//        success = 2xx status; any other status, none included, is a failure; month = the
//        calendar month in TIMEZONE; cooling = enabled but resting for some model.
//   GET /api/stats/tokens?group=key|model|day (model)&range=1h|24h|7d|30d (24h) or from=&to=
//        -> {group, from, to, rows: [{key|model|day, requests, failures, prompt_tokens,
//            completion_tokens, thought_tokens, total_tokens}], total: {...}}
//        (key rows also carry key_id; days are calendar days in TIMEZONE, each present)
//   GET /api/stats/timeseries?resolution=1m|1h|1d&range=1h|24h|7d|30d (24h) or from=&to=
//        -> {resolution, from, to, points: [{t (epoch ms), time, requests, success, failures,
//            prompt_tokens, completion_tokens, thought_tokens, total_tokens, latency_avg_ms,
//            latency_p50_ms, latency_p90_ms, latency_p99_ms}]}
//        one point per bucket, empty ones as zeros; at most 2000 points (400 beyond);
//        default resolution: 1m up to 2 h, 1h up to 8 days, else 1d.
//   GET /metrics   Prometheus text format 0.0.4, see MetricsApi.h
class StatsApi : public QObject
{
    Q_OBJECT
public:
    StatsApi(Settings *settings, KeyPool *pool, QueryRunner *queries, QObject *parent = nullptr);

    static bool matches(const QByteArray &path);
    void handle(HttpRequest &&request, const AdminAuth &admin, ResponseSink *sink);

    // Extra /metrics values (see MetricsRegistry).
    MetricsRegistry &metrics();

private:
    void details(const HttpRequest &request, bool oneKey, ResponseSink *sink);
    void attentionKeys(const HttpRequest &request, ResponseSink *sink);
    void keyUsage(const QString &key, ResponseSink *sink);
    void overview(ResponseSink *sink);
    void tokens(const HttpRequest &request, ResponseSink *sink);
    void timeSeries(const HttpRequest &request, ResponseSink *sink);

    Settings *m_settings;
    KeyPool *m_pool;
    QueryRunner *m_queries;
    ErrorLogApi *m_errorLogs;
    MetricsApi *m_metrics;
};

} // namespace gb
