#include "api/MetricsApi.h"

#include "api/DatabaseAnswer.h"
#include "common/Clock.h"
#include "common/ResponseSink.h"
#include "keys/KeyPool.h"
#include "store/QueryRunner.h"
#include "store/StatsQueries.h"

#include <QPointer>
#include <QVariant>

#include <cmath>

using namespace Qt::StringLiterals;


namespace gb {

namespace prometheus {

QByteArray escapeLabel(const QString &value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray number(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (value == std::floor(value) && std::fabs(value) < 9.0e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', 15);
}

} // namespace prometheus

namespace {

struct Writer
{
    QByteArray text;
    void family(const char *name, const char *type, const char *help)
    {
        text += "# HELP ";
        text += name;
        text += ' ';
        text += help;
        text += "\n# TYPE ";
        text += name;
        text += ' ';
        text += type;
        text += '\n';
    }
    void sample(const QByteArray &name, const QList<std::pair<const char *, QString>> &labels, double value)
    {
        text += name;
        if (!labels.isEmpty()) {
            text += '{';
            for (qsizetype i = 0; i < labels.size(); ++i) {
                if (i > 0)
                    text += ',';
                text += labels[i].first;
                text += "=\"";
                text += prometheus::escapeLabel(labels[i].second);
                text += '"';
            }
            text += '}';
        }
        text += ' ';
        text += prometheus::number(value);
        text += '\n';
    }
};

QByteArray countersText(const QList<stats::ModelTotals> &models)
{
    Writer w;
    w.family("gembalance_requests_total", "counter", "Upstream attempts by model and outcome.");
    for (const auto &m : models) {
        w.sample("gembalance_requests_total", {{"model", m.model}, {"status_class", u"success"_s}},
                 double(m.totals.requests - m.totals.failures));
        w.sample("gembalance_requests_total", {{"model", m.model}, {"status_class", u"failure"_s}},
                 double(m.totals.failures));
    }
    w.family("gembalance_failures_total", "counter", "Failed upstream attempts by model.");
    for (const auto &m : models)
        w.sample("gembalance_failures_total", {{"model", m.model}}, double(m.totals.failures));
    w.family("gembalance_tokens_total", "counter", "Tokens reported by the upstream, by model and kind.");
    for (const auto &m : models) {
        w.sample("gembalance_tokens_total", {{"model", m.model}, {"kind", u"prompt"_s}}, double(m.totals.promptTokens));
        w.sample("gembalance_tokens_total", {{"model", m.model}, {"kind", u"completion"_s}},
                 double(m.totals.completionTokens));
        w.sample("gembalance_tokens_total", {{"model", m.model}, {"kind", u"thought"_s}}, double(m.totals.thoughtTokens));
    }
    w.family("gembalance_request_latency_seconds", "histogram", "Upstream attempt latency by model.");
    for (const auto &m : models) {
        qint64 cumulative = 0;
        const LatencyHistogram &h = m.totals.latency;
        // Bucket i holds latencies below 2^i ms (the last one is open): le = 2^i / 1000 s.
        for (int i = 0; i < LatencyHistogram::kBuckets - 1; ++i) {
            cumulative += h.counts[i];
            w.sample("gembalance_request_latency_seconds_bucket",
                     {{"model", m.model}, {"le", QString::fromLatin1(prometheus::number(std::ldexp(1.0, i) / 1000.0))}},
                     double(cumulative));
        }
        cumulative += h.counts[LatencyHistogram::kBuckets - 1];
        w.sample("gembalance_request_latency_seconds_bucket", {{"model", m.model}, {"le", u"+Inf"_s}}, double(cumulative));
        w.sample("gembalance_request_latency_seconds_sum", {{"model", m.model}}, double(m.totals.latencySumMs) / 1000.0);
        w.sample("gembalance_request_latency_seconds_count", {{"model", m.model}}, double(cumulative));
    }
    return w.text;
}

} // namespace

MetricsApi::MetricsApi(KeyPool *pool, QueryRunner *queries, QObject *parent)
    : QObject(parent), m_pool(pool), m_queries(queries)
{
}

QJsonObject MetricsApi::keyCounts(const KeyPool &pool, qint64 nowMs)
{
    int active = 0, cooling = 0, disabled = 0;
    const QList<KeyState> states = pool.states();
    for (const KeyState &s : states) {
        if (s.isDisabled()) {
            ++disabled;
            continue;
        }
        bool resting = false;
        for (const Cooldown &c : s.cooldowns)
            resting = resting || c.untilMs > nowMs;
        ++(resting ? cooling : active);
    }
    return {{u"total"_s, int(states.size())}, {u"active"_s, active}, {u"cooling"_s, cooling}, {u"disabled"_s, disabled}};
}

QByteArray MetricsApi::liveText() const
{
    Writer w;
    const QJsonObject keys = keyCounts(*m_pool, m_pool->clock()->nowMs());
    w.family("gembalance_keys", "gauge", "Configured Gemini keys by state.");
    for (const QString &state : {u"active"_s, u"cooling"_s, u"disabled"_s})
        w.sample("gembalance_keys", {{"state", state}}, keys.value(state).toDouble());
    for (const MetricsRegistry::Entry &e : m_registry.entries()) {
        const QByteArray name = e.name.toLatin1();
        QString help = e.help;
        help.replace(u'\\', u"\\\\"_s).replace(u'\n', u"\\n"_s);
        w.family(name.constData(), e.kind == MetricsRegistry::Kind::Counter ? "counter" : "gauge",
                 help.toUtf8().constData());
        w.sample(name, {}, e.value());
    }
    return w.text;
}

void MetricsApi::handle(ResponseSink *sink)
{
    const auto send = [this](ResponseSink *to, const QByteArray &counters) {
        if (!to || to->isCanceled() || to->hasBegun())
            return;
        // The live part is taken now, on the proxy thread, after the query came back.
        sendAnswer(to, {200, counters + liveText(), QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8")});
    };
    if (!m_queries)
        return send(sink, {});
    QPointer<ResponseSink> guard(sink);
    m_queries->post(
        [](Database &db) {
            const auto totals = stats::totalsPerModel(db);
            return totals ? QVariant::fromValue(countersText(totals.value())) : QVariant();
        },
        this,
        [guard, send](const QVariant &result) {
            if (guard)
                send(guard, result.toByteArray());  // no database answer: the live values alone
        });
}

} // namespace gb
