#pragma once

#include "store/StatsQueries.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QStringList>
#include <QTimeZone>
#include <QTimer>

#include <memory>

namespace gb {

class Clock;
class QueryRunner;
class Settings;

enum class DashboardRange { LastHour, LastDay, LastWeek };

// What the dashboard charts show for one range, ready to draw: x is a bucket's start
// (epoch ms), y a count or milliseconds. Keys appear by their hint only.
struct DashboardData
{
    DashboardRange range = DashboardRange::LastHour;
    stats::Resolution resolution = stats::Resolution::Minute;
    qint64 fromMs = 0;  // the first bucket's start
    qint64 toMs = 0;    // the end of the last bucket
    QList<QPointF> success, failure;  // calls per bucket, every bucket present
    QList<QPointF> p50, p90, p99;     // latency percentiles, buckets with timed calls only
    QStringList models;               // most tokens first
    QList<qreal> promptTokens, completionTokens, thoughtTokens;  // per model
    QStringList keyHints;             // most calls first; the rest summed as "other keys"
    QList<qreal> keyCalls;
    qint64 requests = 0;              // every call of the range
    QString error;                    // the query failed (or there is no database)
    QTimeZone zone = QTimeZone::systemTimeZone();  // the buckets' zone (TIMEZONE): times are shown in it

    bool hasTraffic() const { return requests > 0; }
};

// Fetches the dashboard's statistics (time series, tokens per model, calls per key) for a
// range through the QueryRunner and turns the rows into chart points. Refreshes on a timer
// only while active (the page is shown), with at most one query in flight: a refresh asked
// for meanwhile runs once the answer is in. No widgets: a test drives it directly.
class DashboardFeed : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 5000;
    static constexpr int kMaxKeys = 10;  // keys charted one by one

    // `queries` may be null (no database): every refresh reports an error. `clock` null: the
    // system clock; it must outlive the feed.
    DashboardFeed(QueryRunner *queries, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~DashboardFeed() override;

    // Bucket width per range: 1 min for the last hour, 1 h for the last day and week.
    static stats::Resolution resolutionFor(DashboardRange range);
    static qint64 spanMs(DashboardRange range);

    // The rows of one fetch turned into chart data; hints maps key_id to a key's hint.
    static DashboardData toData(DashboardRange range, qint64 fromMs, qint64 toMs,
                                const QList<stats::SeriesPoint> &series, const QList<stats::TokenUsageRow> &models,
                                const QList<stats::TokenUsageRow> &keys, const QHash<QString, QString> &hints);

    void setRange(DashboardRange range);  // refreshes now when active
    DashboardRange range() const { return m_range; }
    // The zone of hourly buckets and of the times shown; refreshes now when it changes
    // while active.
    void setTimeZone(const QTimeZone &zone);
    QTimeZone timeZone() const { return m_zone; }
    // Follows the TIMEZONE setting (the zone the admin API's statistics use), live.
    void followTimeZone(Settings *settings);
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    // The configured keys, to name their bars by hint (recomputed only when the list changes).
    void setKeys(const QStringList &keys);

    // Active: refresh now and then every interval. Inactive: no query at all.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    void refresh();

    bool isQueryInFlight() const { return m_inFlight; }
    int queriesPosted() const { return m_queriesPosted; }
    const DashboardData &data() const { return m_data; }

signals:
    void dataReady(const gb::DashboardData &data);

private:
    struct Rows;
    void finish(const std::shared_ptr<Rows> &rows);

    QueryRunner *m_queries;
    const Clock *m_clock;
    std::unique_ptr<Clock> m_ownClock;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    DashboardRange m_range = DashboardRange::LastHour;
    QTimer m_timer;
    QStringList m_keys;
    QHash<QString, QString> m_hints;  // key_id -> hint
    DashboardData m_data;
    bool m_active = false;
    bool m_inFlight = false;
    bool m_again = false;
    int m_queriesPosted = 0;
};

} // namespace gb

Q_DECLARE_METATYPE(gb::DashboardData)
