// The Overview page's charts: DashboardFeed reads a scratch SQLite database written through
// the real log writer, with a clock the test sets, and DashboardView draws what it gets.
#include "DashboardFeed.h"
#include "DashboardView.h"
#include "SeededLogDatabase.h"
#include "common/Clock.h"
#include "common/Redact.h"
#include "settings/Settings.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 60 * kMin;
constexpr qint64 kDay = 24 * kHour;
// 2026-02-01T00:30:30Z: half a minute into the minute.
constexpr qint64 kNow = 1'769'905'830'000;
constexpr qint64 kNowMinute = kNow - 30'000;

const QString kKeyA = u"AIzaSyDashboard00000000000000000000KeyA"_s;
const QString kKeyB = u"AIzaSyDashboard00000000000000000000KeyB"_s;
const QString kKeyC = u"AIzaSyDashboard00000000000000000000KeyC"_s;
const QString kFlash = u"gemini-2.5-flash"_s;
const QString kPro = u"gemini-2.5-pro"_s;

// Hand-counted:            last hour   last 24 h   last 7 d
//   calls                      6           10          15
//   succeeded / failed       5 / 1       9 / 1       9 / 6
void seed(SeededLogDatabase &db)
{
    for (int i = 0; i < 3; ++i)  // 00:25:30, key A, flash
        db.record(SeededLogDatabase::call(kNow - 5 * kMin, kKeyA, kFlash, 200, 200, 10, 5, 1));
    db.record(SeededLogDatabase::call(kNow - 5 * kMin, kKeyB, kFlash, 429, 100));
    for (int i = 0; i < 2; ++i)  // 00:28:30, key A, pro
        db.record(SeededLogDatabase::call(kNow - 2 * kMin, kKeyA, kPro, 200, 1000, 100, 50, 0));
    for (int i = 0; i < 4; ++i)  // three hours ago, key C
        db.record(SeededLogDatabase::call(kNow - 3 * kHour, kKeyC, kFlash, 200, 300, 1, 1, 0));
    for (int i = 0; i < 5; ++i)  // three days ago, key B, failures
        db.record(SeededLogDatabase::call(kNow - 3 * kDay, kKeyB, kPro, 500, 50));
}

qreal sumY(const QList<QPointF> &points)
{
    qreal sum = 0;
    for (const QPointF &p : points)
        sum += p.y();
    return sum;
}

qreal yAt(const QList<QPointF> &points, qint64 x)
{
    for (const QPointF &p : points)
        if (qint64(p.x()) == x)
            return p.y();
    return -1;
}

QList<qreal> values(const QBarSet *set)
{
    QList<qreal> out;
    for (int i = 0; i < set->count(); ++i)
        out.append(set->at(i));
    return out;
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

    // Waits for the next dataReady of `feed` (bounded).
    static bool nextData(DashboardFeed &feed, QSignalSpy &spy, int count)
    {
        return QTest::qWaitFor([&] { return spy.size() >= count && !feed.isQueryInFlight(); }, 10'000);
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<gb::DashboardData>();
    }

    void rangesAndBuckets()
    {
        QCOMPARE(DashboardFeed::resolutionFor(DashboardRange::LastHour), stats::Resolution::Minute);
        QCOMPARE(DashboardFeed::resolutionFor(DashboardRange::LastDay), stats::Resolution::Hour);
        QCOMPARE(DashboardFeed::resolutionFor(DashboardRange::LastWeek), stats::Resolution::Hour);
        QCOMPARE(DashboardFeed::spanMs(DashboardRange::LastWeek), 7 * kDay);
    }

    void feedTurnsSeededRowsIntoPoints()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        seed(db);
        QVERIFY(db.flush());
        ManualClock clock(kNow);
        DashboardFeed feed(db.queries(), &clock);
        feed.setTimeZone(QTimeZone::utc());
        feed.setKeys({kKeyA, kKeyB, kKeyC});
        QSignalSpy spy(&feed, &DashboardFeed::dataReady);
        feed.refresh();
        QVERIFY(nextData(feed, spy, 1));
        const DashboardData &d = feed.data();
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.resolution, stats::Resolution::Minute);
        QCOMPARE(d.success.size(), 61);  // 23:30 .. 00:30, empty minutes included
        QCOMPARE(d.failure.size(), 61);
        QCOMPARE(qint64(d.success.first().x()), kNowMinute - kHour);
        QCOMPARE(qint64(d.success.last().x()), kNowMinute);
        QCOMPARE(d.requests, 6);
        QCOMPARE(sumY(d.success), 5.0);
        QCOMPARE(sumY(d.failure), 1.0);
        QCOMPARE(yAt(d.success, kNowMinute - 5 * kMin), 3.0);
        QCOMPARE(yAt(d.failure, kNowMinute - 5 * kMin), 1.0);
        QCOMPARE(yAt(d.success, kNowMinute - 2 * kMin), 2.0);
        // Latency: only the two minutes with calls; 1000 ms lies in [512, 1024).
        QCOMPARE(d.p50.size(), 2);
        QVERIFY(yAt(d.p50, kNowMinute - 2 * kMin) >= 512 && yAt(d.p50, kNowMinute - 2 * kMin) <= 1024);
        QVERIFY(yAt(d.p99, kNowMinute - 5 * kMin) >= yAt(d.p50, kNowMinute - 5 * kMin));
        // Tokens per model, most first: pro 300, flash 48.
        QCOMPARE(d.models, QStringList({kPro, kFlash}));
        QCOMPARE(d.promptTokens, QList<qreal>({200, 30}));
        QCOMPARE(d.completionTokens, QList<qreal>({100, 15}));
        QCOMPARE(d.thoughtTokens, QList<qreal>({0, 3}));
        // Calls per key, by hint only.
        QCOMPARE(d.keyHints, QStringList({redact::secret(kKeyA), redact::secret(kKeyB)}));
        QCOMPARE(d.keyCalls, QList<qreal>({5, 1}));
        for (const QString &hint : d.keyHints)
            QVERIFY(!hint.contains(u"Dashboard"_s));

        // A key no longer configured is named by its key_id's start, never by the key.
        feed.setKeys({kKeyB});
        feed.refresh();
        QVERIFY(nextData(feed, spy, 2));
        QVERIFY(feed.data().keyHints.at(0).startsWith(u"removed key "_s));
        QCOMPARE(feed.data().keyHints.at(1), redact::secret(kKeyB));
    }

    void viewShowsTheFeedAndUpdatesInPlace()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        seed(db);
        QVERIFY(db.flush());
        ManualClock clock(kNow);
        DashboardFeed feed(db.queries(), &clock);
        feed.setTimeZone(QTimeZone::utc());
        feed.setKeys({kKeyA, kKeyB, kKeyC});
        feed.setIntervalMs(50);
        QSignalSpy spy(&feed, &DashboardFeed::dataReady);
        DashboardView view(&feed);
        view.resize(900, 600);
        QCOMPARE(feed.queriesPosted(), 0);  // nothing before it shows
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(nextData(feed, spy, 1));

        QLineSeries *success = view.successSeries();
        QLineSeries *failure = view.failureSeries();
        QChart *callsChart = view.findChild<QChartView *>(u"callsChartView"_s)->chart();
        const QList<QAbstractSeries *> seriesBefore = callsChart->series();
        const QList<QAbstractAxis *> axesBefore = callsChart->axes();
        QCOMPARE(sumY(success->points()), 5.0);
        QCOMPARE(sumY(failure->points()), 1.0);
        QCOMPARE(success->count(), 61);
        QCOMPARE(view.latencySeries(90)->count(), 2);
        // Horizontal bars: the first category is drawn at the bottom, so the most is last.
        QCOMPARE(view.modelAxis()->categories(), QStringList({kFlash, kPro}));
        QCOMPARE(values(view.promptTokenSet()), QList<qreal>({30, 200}));
        QCOMPARE(values(view.thoughtTokenSet()), QList<qreal>({3, 0}));
        QCOMPARE(view.keyAxis()->categories(), QStringList({redact::secret(kKeyB), redact::secret(kKeyA)}));
        QCOMPARE(values(view.keyCallSet()), QList<qreal>({1, 5}));
        QVERIFY(!view.findChild<QLabel *>(u"noTrafficLabel"_s)->isVisible());
        QCOMPARE(view.requestsTimeAxis()->min().toMSecsSinceEpoch(), kNowMinute - kHour);

        // A new call a minute later: the same series objects get the new points.
        QSignalSpy replaced(success, &QXYSeries::pointsReplaced);
        db.record(SeededLogDatabase::call(kNow + 40'000, kKeyC, kFlash, 200, 150, 2, 2, 0));
        QVERIFY(db.flush());
        clock.advanceMs(kMin);
        const qsizetype seen = spy.size();
        QVERIFY(QTest::qWaitFor([&] { return sumY(success->points()) == 6.0; }, 10'000));
        QVERIFY(spy.size() > seen);
        QVERIFY(!replaced.isEmpty());
        QCOMPARE(view.successSeries(), success);
        QCOMPARE(callsChart->series(), seriesBefore);
        QCOMPARE(callsChart->axes(), axesBefore);
        QCOMPARE(success->count(), 61);
        QCOMPARE(qint64(success->points().last().x()), kNowMinute + kMin);
        QCOMPARE(success->points().last().y(), 1.0);
        QCOMPARE(view.keyAxis()->categories().size(), 3);  // key C joined
        QCOMPARE(values(view.keyCallSet()), QList<qreal>({1, 1, 5}));

        // The range selector: 24 hours in hours, then 7 days.
        auto *range = view.findChild<QComboBox *>(u"rangeCombo"_s);
        range->setCurrentIndex(range->findData(int(DashboardRange::LastDay)));
        QCOMPARE(feed.range(), DashboardRange::LastDay);
        QVERIFY(QTest::qWaitFor([&] { return feed.data().range == DashboardRange::LastDay; }, 10'000));
        QCOMPARE(feed.data().resolution, stats::Resolution::Hour);
        QCOMPARE(success->count(), 25);
        QCOMPARE(feed.data().requests, 11);
        QCOMPARE(sumY(success->points()), 10.0);
        QCOMPARE(view.successSeries(), success);
        range->setCurrentIndex(range->findData(int(DashboardRange::LastWeek)));
        QVERIFY(QTest::qWaitFor([&] { return feed.data().range == DashboardRange::LastWeek; }, 10'000));
        QCOMPARE(success->count(), 7 * 24 + 1);
        QCOMPARE(sumY(success->points()), 10.0);
        QCOMPARE(sumY(failure->points()), 6.0);
        QCOMPARE(feed.data().requests, 16);
    }

    void timesFollowTheTimezoneSettingLive()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        seed(db);
        QVERIFY(db.flush());
        ManualClock clock(kNow);
        SettingsValues values;
        values.timezone = u"Asia/Kolkata"_s;  // +05:30: its hours start at half past in UTC
        Settings settings(values, {});
        DashboardFeed feed(db.queries(), &clock);
        feed.followTimeZone(&settings);
        QCOMPARE(feed.timeZone().id(), QByteArray("Asia/Kolkata"));
        feed.setRange(DashboardRange::LastDay);
        QSignalSpy spy(&feed, &DashboardFeed::dataReady);
        DashboardView view(&feed);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(nextData(feed, spy, 1));
        const auto wallClock = [](qint64 ms, const QByteArray &zone) {
            return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(zone)).toString(u"MM-dd HH:mm"_s);
        };
        const auto axisStart = [&] { return view.requestsTimeAxis()->min().toString(u"MM-dd HH:mm"_s); };
        QCOMPARE(feed.data().zone.id(), QByteArray("Asia/Kolkata"));
        // The hourly buckets are Kolkata's hours, and the axis reads Kolkata's clock.
        QCOMPARE(qint64(feed.data().success.first().x()) % kHour, 30 * kMin);
        QCOMPARE(axisStart(), wallClock(feed.data().fromMs, "Asia/Kolkata"));
        QCOMPARE(view.latencyTimeAxis()->min().toString(u"MM-dd HH:mm"_s), wallClock(feed.data().fromMs, "Asia/Kolkata"));
        QCOMPARE(sumY(view.successSeries()->points()), 9.0);

        // TIMEZONE changes (the Settings page, the admin API): the charts follow at once.
        const int posted = feed.queriesPosted();
        QVERIFY(settings.apply({{u"TIMEZONE"_s, u"Pacific/Kiritimati"_s}}, SettingSource::Saved).ok());
        QVERIFY(QTest::qWaitFor([&] { return feed.data().zone.id() == "Pacific/Kiritimati"; }, 10'000));
        QVERIFY(feed.queriesPosted() > posted);
        QCOMPARE(qint64(feed.data().success.first().x()) % kHour, 0);  // +14:00: whole hours
        QCOMPARE(axisStart(), wallClock(feed.data().fromMs, "Pacific/Kiritimati"));
        QVERIFY(axisStart() != wallClock(feed.data().fromMs, "Asia/Kolkata"));

        // Empty: the system's zone again.
        QVERIFY(settings.apply({{u"TIMEZONE"_s, QString()}}, SettingSource::Saved).ok());
        QCOMPARE(feed.timeZone(), QTimeZone::systemTimeZone());
    }

    void hiddenViewMakesNoQueries()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        ManualClock clock(kNow);
        DashboardFeed feed(db.queries(), &clock);
        feed.setIntervalMs(30);
        // As in the window: the overview is one page of a stack.
        QStackedWidget pages;
        auto *view = new DashboardView(&feed);
        pages.addWidget(view);
        pages.addWidget(new QWidget);
        pages.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pages));
        QVERIFY(feed.isActive());
        QVERIFY(QTest::qWaitFor([&] { return feed.queriesPosted() >= 3; }, 10'000));
        pages.setCurrentIndex(1);
        QVERIFY(!feed.isActive());
        QVERIFY(QTest::qWaitFor([&] { return !feed.isQueryInFlight(); }, 10'000));
        const int posted = feed.queriesPosted();
        QTest::qWait(300);  // ten intervals
        QCOMPARE(feed.queriesPosted(), posted);
        pages.setCurrentIndex(0);
        QVERIFY(feed.isActive());
        QVERIFY(QTest::qWaitFor([&] { return feed.queriesPosted() > posted; }, 10'000));
        pages.hide();  // the window hidden to the tray
        QVERIFY(!feed.isActive());
    }

    void oneQueryInFlightAtMost()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        ManualClock clock(kNow);
        DashboardFeed feed(db.queries(), &clock);
        feed.setIntervalMs(60'000);
        QSignalSpy spy(&feed, &DashboardFeed::dataReady);
        feed.setActive(true);  // refreshes once
        for (int i = 0; i < 5; ++i)
            feed.refresh();    // folded into one more, after the answer
        QCOMPARE(feed.queriesPosted(), 1);
        QVERIFY(feed.isQueryInFlight());
        QVERIFY(QTest::qWaitFor([&] { return spy.size() == 1; }, 10'000));
        QCOMPARE(feed.queriesPosted(), 2);
        QTest::qWait(100);
        QCOMPARE(spy.size(), 1);  // the stale first answer was not shown
        QCOMPARE(feed.queriesPosted(), 2);
        feed.setActive(false);
    }

    void emptyDatabaseSaysNoTrafficYet()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        ManualClock clock(kNow);
        DashboardFeed feed(db.queries(), &clock);
        QSignalSpy spy(&feed, &DashboardFeed::dataReady);
        DashboardView view(&feed);
        view.show();
        QVERIFY(nextData(feed, spy, 1));
        QVERIFY(feed.data().error.isEmpty());
        QVERIFY(!feed.data().hasTraffic());
        auto *label = view.findChild<QLabel *>(u"noTrafficLabel"_s);
        QVERIFY(label->isVisible());
        QVERIFY2(label->text().contains(u"No traffic yet"_s), qPrintable(label->text()));
        QCOMPARE(view.successSeries()->count(), 61);
        QCOMPARE(sumY(view.successSeries()->points()), 0.0);
        QCOMPARE(view.keyCallSet()->count(), 0);
        QVERIFY(view.modelAxis()->categories().isEmpty());
    }

    void noDatabaseIsAMessageNotACrash()
    {
        DashboardFeed feed(nullptr);
        QSignalSpy spy(&feed, &DashboardFeed::dataReady);
        DashboardView view(&feed);
        view.show();
        QVERIFY(QTest::qWaitFor([&] { return spy.size() >= 1; }, 5000));
        QVERIFY(!feed.data().error.isEmpty());
        QCOMPARE(feed.queriesPosted(), 0);
        auto *label = view.findChild<QLabel *>(u"noTrafficLabel"_s);
        QVERIFY(label->isVisible());
        QVERIFY(label->text().startsWith(u"Statistics unavailable"_s));
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
