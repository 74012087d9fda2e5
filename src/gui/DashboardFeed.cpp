#include "DashboardFeed.h"

#include "common/Clock.h"
#include "api/AdminParams.h"
#include "common/Redact.h"
#include "settings/Settings.h"
#include "store/KeyStateStore.h"
#include "store/QueryRunner.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gb {

// What one fetch brings back from the query thread.
struct DashboardFeed::Rows
{
    bool ran = false;
    DashboardRange range = DashboardRange::LastHour;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QTimeZone zone;
    Result<QList<stats::SeriesPoint>> series = QList<stats::SeriesPoint>();
    Result<QList<stats::TokenUsageRow>> models = QList<stats::TokenUsageRow>();
    Result<QList<stats::TokenUsageRow>> keys = QList<stats::TokenUsageRow>();
};

DashboardFeed::DashboardFeed(QueryRunner *queries, const Clock *clock, QObject *parent)
    : QObject(parent), m_queries(queries), m_clock(clock)
{
    if (!m_clock) {
        m_ownClock = std::make_unique<SystemClock>();
        m_clock = m_ownClock.get();
    }
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &DashboardFeed::refresh);
}

DashboardFeed::~DashboardFeed() = default;

stats::Resolution DashboardFeed::resolutionFor(DashboardRange range)
{
    return range == DashboardRange::LastHour ? stats::Resolution::Minute : stats::Resolution::Hour;
}

qint64 DashboardFeed::spanMs(DashboardRange range)
{
    switch (range) {
    case DashboardRange::LastHour: return stats::kHourMs;
    case DashboardRange::LastDay: return stats::kDayMs;
    case DashboardRange::LastWeek: return 7 * stats::kDayMs;
    }
    return stats::kHourMs;
}

void DashboardFeed::setTimeZone(const QTimeZone &zone)
{
    if (zone == m_zone)
        return;
    m_zone = zone;
    if (m_active)
        refresh();
}

void DashboardFeed::followTimeZone(Settings *settings)
{
    setTimeZone(adminparams::zoneOf(*settings->snapshot()));
    connect(settings, &Settings::changed, this, [this, settings](const QStringList &names) {
        if (names.contains(u"TIMEZONE"_s))
            setTimeZone(adminparams::zoneOf(*settings->snapshot()));
    });
}

void DashboardFeed::setRange(DashboardRange range)
{
    if (range == m_range)
        return;
    m_range = range;
    if (m_active)
        refresh();
}

void DashboardFeed::setKeys(const QStringList &keys)
{
    if (keys == m_keys)
        return;
    m_keys = keys;
    m_hints.clear();
    for (const QString &key : keys)
        m_hints.insert(KeyStateStore::keyId(key), redact::secret(key));
}

void DashboardFeed::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (!active) {
        m_timer.stop();
        m_again = false;
        return;
    }
    m_timer.start();
    refresh();
}

void DashboardFeed::refresh()
{
    if (m_inFlight) {
        m_again = true;  // once the answer is in
        return;
    }
    const qint64 now = m_clock->nowMs();
    auto rows = std::make_shared<Rows>();
    rows->range = m_range;
    rows->fromMs = now - spanMs(m_range);
    rows->toMs = now;
    rows->zone = m_zone;
    if (!m_queries) {
        finish(rows);
        return;
    }
    m_inFlight = true;
    ++m_queriesPosted;
    const stats::Resolution resolution = resolutionFor(m_range);
    const QTimeZone zone = m_zone;
    m_queries->post(
        [rows, resolution, zone](Database &db) {
            rows->series = stats::timeSeries(db, resolution, rows->fromMs, rows->toMs, zone);
            rows->models = stats::tokenUsage(db, stats::TokenGroup::Model, rows->fromMs, rows->toMs, zone);
            rows->keys = stats::tokenUsage(db, stats::TokenGroup::Key, rows->fromMs, rows->toMs, zone);
            rows->ran = true;
            return QVariant();
        },
        this, [this, rows](const QVariant &) { finish(rows); });
}

void DashboardFeed::finish(const std::shared_ptr<Rows> &rows)
{
    m_inFlight = false;
    if (m_again && m_active) {
        m_again = false;  // what was asked for meanwhile is newer than this answer
        refresh();
        return;
    }
    m_again = false;
    QString error;
    if (!rows->ran)
        error = tr("the database is not open");
    else if (!rows->series)
        error = rows->series.error();
    else if (!rows->models)
        error = rows->models.error();
    else if (!rows->keys)
        error = rows->keys.error();
    if (error.isEmpty()) {
        m_data = toData(rows->range, rows->fromMs, rows->toMs, rows->series.value(), rows->models.value(),
                        rows->keys.value(), m_hints);
        m_data.zone = rows->zone;
    } else {
        m_data = DashboardData{};
        m_data.range = rows->range;
        m_data.resolution = resolutionFor(rows->range);
        m_data.fromMs = rows->fromMs;
        m_data.toMs = rows->toMs;
        m_data.error = error;
        m_data.zone = rows->zone;
    }
    emit dataReady(m_data);
}

DashboardData DashboardFeed::toData(DashboardRange range, qint64 fromMs, qint64 toMs,
                                    const QList<stats::SeriesPoint> &series, const QList<stats::TokenUsageRow> &models,
                                    const QList<stats::TokenUsageRow> &keys, const QHash<QString, QString> &hints)
{
    DashboardData d;
    d.range = range;
    d.resolution = resolutionFor(range);
    d.fromMs = series.isEmpty() ? fromMs : std::min(fromMs, series.first().startMs);
    d.toMs = toMs;
    for (const stats::SeriesPoint &p : series) {
        const qreal x = qreal(p.startMs);
        const stats::CounterTotals &t = p.totals;
        d.requests += t.requests;
        d.success.append({x, qreal(t.requests - t.failures)});
        d.failure.append({x, qreal(t.failures)});
        if (t.latency.total() > 0) {
            d.p50.append({x, t.latency.quantileMs(0.5)});
            d.p90.append({x, t.latency.quantileMs(0.9)});
            d.p99.append({x, t.latency.quantileMs(0.99)});
        }
    }
    for (const stats::TokenUsageRow &m : models) {
        d.models.append(m.group.isEmpty() ? QCoreApplication::translate("DashboardFeed", "(no model)") : m.group);
        d.promptTokens.append(qreal(m.totals.promptTokens));
        d.completionTokens.append(qreal(m.totals.completionTokens));
        d.thoughtTokens.append(qreal(m.totals.thoughtTokens));
    }
    QList<std::pair<QString, qint64>> calls;  // hint, calls
    for (const stats::TokenUsageRow &k : keys) {
        if (k.totals.requests <= 0)
            continue;
        const QString hint = hints.value(k.group);
        // A key no longer configured: named by the start of its key_id (a hash, not the key).
        calls.append({hint.isEmpty() ? QCoreApplication::translate("DashboardFeed", "removed key %1").arg(k.group.left(8))
                                     : hint,
                      k.totals.requests});
    }
    std::sort(calls.begin(), calls.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    qint64 others = 0;
    for (qsizetype i = 0; i < calls.size(); ++i) {
        if (i < kMaxKeys) {
            d.keyHints.append(calls.at(i).first);
            d.keyCalls.append(qreal(calls.at(i).second));
        } else {
            others += calls.at(i).second;
        }
    }
    if (others > 0) {
        d.keyHints.append(QCoreApplication::translate("DashboardFeed", "other keys"));
        d.keyCalls.append(qreal(others));
    }
    return d;
}

} // namespace gb
