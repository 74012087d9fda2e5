#pragma once

#include "api/MetricsRegistry.h"

#include <QJsonObject>
#include <QObject>

namespace gb {

class KeyPool;
class QueryRunner;
class ResponseSink;

// GET /metrics (admin gate checked by StatsApi) in the Prometheus text format 0.0.4:
//   gembalance_requests_total{model,status_class="success"|"failure"}   counter
//   gembalance_failures_total{model}                                    counter
//   gembalance_tokens_total{model,kind="prompt"|"completion"|"thought"} counter
//   gembalance_request_latency_seconds{model} histogram (_bucket{le}, _sum, _count); the
//       buckets are the counters' powers of two: le = 0.001, 0.002 ... 16.384, +Inf
//   gembalance_keys{state="active"|"cooling"|"disabled"}                gauge, live from the pool
//   plus whatever is registered in registry().
// Request, token and latency figures are the sums of gb_counters_minute (all it still holds);
// without a database only the live values are served.
class MetricsApi : public QObject
{
    Q_OBJECT
public:
    MetricsApi(KeyPool *pool, QueryRunner *queries, QObject *parent = nullptr);

    void handle(ResponseSink *sink);
    MetricsRegistry &registry() { return m_registry; }

    // {total, active, cooling, disabled} at nowMs: cooling = enabled but resting for a model.
    static QJsonObject keyCounts(const KeyPool &pool, qint64 nowMs);

private:
    QByteArray liveText() const;

    KeyPool *m_pool;
    QueryRunner *m_queries;
    MetricsRegistry m_registry;
};

// Text-format helpers (exposed for tests).
namespace prometheus {
QByteArray escapeLabel(const QString &value);
QByteArray number(double value);
} // namespace prometheus

} // namespace gb
