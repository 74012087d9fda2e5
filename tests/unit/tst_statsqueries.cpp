#include "TestDatabases.h"
#include "store/Database.h"
#include "store/ErrorLogQueries.h"
#include "store/KeyStateStore.h"
#include "store/LatencyHistogram.h"
#include "store/StatsQueries.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

// Fixed times: "now" is 2026-02-01T00:30:00Z, half an hour into a new month (UTC).
constexpr qint64 kNow = 1'769'905'800'000;
constexpr qint64 kMonthStartUtc = 1'769'904'000'000;  // 2026-02-01T00:00:00Z
constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;
constexpr qint64 kNowMinute = kNow / kMin;  // 29'498'430

const QString kKeyA = u"AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"_s;
const QString kKeyB = u"AIzaSyB_zyxwvutsrqponmlkjihgfedcba98765"_s;
const QString kKeyC = u"AIzaSyC-0123456789ABCDEFGHIJKLMNOPQRSTU"_s;
const QString kKeyD = u"AIzaSyD-notconfiguredanymore0123456789"_s;
QString id(const QString &key) { return KeyStateStore::keyId(key); }

const QVariant kNullInt = QVariant(QMetaType::fromType<int>());

void exec(Database &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(db.handle());
    QVERIFY2(q.prepare(sql), qPrintable(q.lastError().text()));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

// One request-log row. status: kNullInt for NULL.
void request(Database &db, qint64 ms, const QString &key, const QString &model, const QVariant &status, bool success)
{
    exec(db,
         u"INSERT INTO t_request_log (request_ms, key_id, api_key, model_name, status_code, is_success, latency_ms) "
         "VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
         {ms, id(key), key.left(6) + u"..."_s + key.right(4), model, status, success ? 1 : 0, 250});
}

struct Counter
{
    qint64 minute;
    QString key;
    QString model;
    int requests, failures, prompt, completion, thought, latencySum;
    QList<std::pair<int, int>> buckets;  // (bucket, count)
};

void counter(Database &db, const Counter &c)
{
    QString cols = u"minute, key_id, model_name, requests, failures, prompt_tokens, completion_tokens, "
                   "thought_tokens, latency_ms_sum"_s;
    QString marks = u"?, ?, ?, ?, ?, ?, ?, ?, ?"_s;
    QVariantList binds{c.minute, id(c.key), c.model, c.requests, c.failures, c.prompt, c.completion, c.thought,
                       c.latencySum};
    for (const auto &[bucket, count] : c.buckets) {
        cols += u", lat_b%1"_s.arg(bucket);
        marks += u", ?"_s;
        binds << count;
    }
    exec(db, u"INSERT INTO gb_counters_minute (%1) VALUES (%2)"_s.arg(cols, marks), binds);
}

void errorLog(Database &db, qint64 ms, const QString &key, const QString &model, const QString &type,
              const QVariant &code, const QString &log, const QVariant &requestMsg)
{
    exec(db,
         u"INSERT INTO t_error_logs (request_ms, key_id, gemini_key, model_name, error_type, error_code, error_log, "
         "request_msg) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
         {ms, id(key), key.left(6) + u"..."_s + key.right(4), model, type, code, log, requestMsg});
}

// The hand-made fixture; the comments give each row's place in the windows at kNow.
void fillRequests(Database &db)
{
    const QString flash = u"gemini-2.5-flash"_s, pro = u"gemini-2.5-pro"_s;
    request(db, kNow - 10'000, kKeyA, flash, 200, true);            // 1: 1m 1h 24h month
    request(db, kNow - kMin, kKeyA, flash, 429, false);             // 2: exactly at the 1m edge: in
    request(db, kNow - kMin - 1, kKeyB, pro, kNullInt, false);      // 3: NULL status, 1h not 1m
    request(db, kNow - kHour, kKeyB, pro, 200, true);               // 4: exactly at the 1h edge; before the month
    request(db, kNow - 2 * kHour, kKeyA, pro, 500, false);          // 5: 24h only
    request(db, kNow - kDay, kKeyC, flash, 200, true);              // 6: exactly at the 24h edge: in
    request(db, kNow - kDay - 1, kKeyA, flash, 429, false);         // 7: just outside 24h
    request(db, kMonthStartUtc, kKeyC, flash, 0, false);            // 8: no answer; first ms of the month
    request(db, kMonthStartUtc - 1, kKeyC, flash, 200, true);       // 9: last ms of January
    request(db, kNow + 1000, kKeyA, flash, 200, true);              // 10: the future: never
    request(db, kNow - 5 * kHour, kKeyB, flash, 429, false);        // 11
    request(db, kNow - 6 * kHour, kKeyB, flash, 429, false);        // 12
    request(db, kNow - 7 * kHour, kKeyD, flash, 429, false);        // 13: a key no longer configured
}

void fillCounters(Database &db)
{
    const QString flash = u"gemini-2.5-flash"_s, pro = u"gemini-2.5-pro"_s;
    // 2026-02-01T00:29Z
    counter(db, {kNowMinute - 1, kKeyA, flash, 4, 1, 100, 50, 10, 1000, {{8, 2}, {9, 2}}});
    counter(db, {kNowMinute - 1, kKeyB, pro, 1, 1, 0, 0, 0, 1500, {{11, 1}}});
    // 2026-01-31T23:29Z
    counter(db, {kNowMinute - 61, kKeyA, pro, 2, 0, 30, 20, 0, 1, {{0, 1}, {1, 1}}});
    // 2026-01-30T12:00Z
    counter(db, {(kMonthStartUtc - kDay - 12 * kHour) / kMin, kKeyC, flash, 3, 0, 7, 8, 9, 60000, {{15, 3}}});
}

void fillErrors(Database &db)
{
    const QString flash = u"gemini-2.5-flash"_s, pro = u"gemini-2.5-pro"_s;
    errorLog(db, kNow - 10 * kMin, kKeyA, flash, u"gemini-chat-stream"_s, 429,
             u"Resource has been exhausted (e.g. check quota)."_s, u"{\"contents\":[]}"_s);       // 1
    errorLog(db, kNow - 5 * kMin, kKeyB, pro, u"openai-chat-non-stream"_s, 400,
             u"API key not valid; limit 1000 requests"_s, QVariant(QMetaType::fromType<QString>()));  // 2
    errorLog(db, kNow - 2 * kMin, kKeyA, pro, u"gemini-chat-non-stream"_s, 500,
             u"Internal 100% failure_mode"_s, QVariant(QMetaType::fromType<QString>()));           // 3
    errorLog(db, kNow - kMin, kKeyC, flash, u"gemini-embed-single"_s, kNullInt,
             u"Connection refused at time model"_s, QVariant(QMetaType::fromType<QString>()));     // 4
    errorLog(db, kNow - 30'000, kKeyA, flash, u"gemini-chat-stream"_s, 429, u"quota exceeded"_s,
             QVariant(QMetaType::fromType<QString>()));                                           // 5
}

QList<qint64> ids(const QList<errorlogs::ErrorLogRow> &rows)
{
    QList<qint64> out;
    for (const auto &r : rows)
        out.append(r.id);
    return out;
}

} // namespace

class TestStatsQueries : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;

    Database &open(const QString &backend)
    {
        m_db.reset();
        m_scratch = GB_SCRATCH_DATABASE(backend);
        m_db = std::make_unique<Database>(u"stats-"_s + backend);
        const auto opened = m_db->open(m_scratch->config());
        if (!opened)
            qFatal("open: %s", qPrintable(opened.error()));
        const auto migrated = m_db->migrate();
        if (!migrated)
            qFatal("migrate: %s", qPrintable(migrated.error()));
        return *m_db;
    }

    static void backends()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : test::TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }

private slots:
    void cleanup()
    {
        m_db.reset();
        m_scratch.reset();
    }

    void percentilesFromAKnownHistogram()
    {
        LatencyHistogram h;
        QCOMPARE(h.quantileMs(0.5), 0.0);  // empty
        h.counts[8] = 2;   // [128, 256)
        h.counts[9] = 2;   // [256, 512)
        h.counts[11] = 1;  // [1024, 2048)
        QCOMPARE(h.total(), 5);
        QCOMPARE(h.quantileMs(0.5), 320.0);   // rank 2.5: half way into [256,512) by 0.5 of 2
        QCOMPARE(h.quantileMs(0.9), 1536.0);  // rank 4.5: half of the one in [1024,2048)
        QCOMPARE(h.quantileMs(0.99), 1996.8);
        QCOMPARE(h.quantileMs(0.2), 192.0);   // rank 1: half of the two in [128,256)
        LatencyHistogram fast;
        fast.counts[0] = 1;
        fast.counts[1] = 1;
        QCOMPARE(fast.quantileMs(0.5), 1.0);  // rank 1: the top of [0,1)
        QCOMPARE(fast.quantileMs(1.0), 2.0);
        LatencyHistogram slow;
        slow.counts[15] = 3;
        QCOMPARE(slow.quantileMs(0.5), 16384.0);  // open-ended: "at least"
        QCOMPARE(LatencyHistogram::lowerBoundMs(3), 4.0);
        QCOMPARE(LatencyHistogram::upperBoundMs(3), 8.0);
    }

    void usageSummary_data() { backends(); }
    void usageSummary()
    {
        QFETCH(QString, backend);
        Database &db = open(backend);
        fillRequests(db);
        const auto s = stats::usageSummary(db, kNow, QTimeZone::utc());
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s.value().lastMinute.total, 2);
        QCOMPARE(s.value().lastMinute.success, 1);
        QCOMPARE(s.value().lastMinute.failure, 1);
        QCOMPARE(s.value().lastHour.total, 6);
        QCOMPARE(s.value().lastHour.success, 3);
        QCOMPARE(s.value().lastHour.failure, 3);  // 429, NULL and 0 all count as failures
        QCOMPARE(s.value().last24Hours.total, 11);
        QCOMPARE(s.value().last24Hours.success, 4);
        QCOMPARE(s.value().last24Hours.failure, 7);
        QCOMPARE(s.value().thisMonth.total, 4);
        QCOMPARE(s.value().thisMonth.success, 1);
        QCOMPARE(s.value().thisMonth.failure, 3);

        // In Shanghai (UTC+8) it is 08:30 on Feb 1: the month began 8.5 hours ago.
        const QTimeZone shanghai("Asia/Shanghai");
        QVERIFY(shanghai.isValid());
        QCOMPARE(stats::monthStartMs(kNow, shanghai), kNow - 8 * kHour - 30 * kMin);
        const auto sh = stats::usageSummary(db, kNow, shanghai);
        QVERIFY(sh.ok());
        QCOMPARE(sh.value().thisMonth.total, 10);
        QCOMPARE(sh.value().thisMonth.success, 3);
        QCOMPARE(sh.value().thisMonth.failure, 7);
        QCOMPARE(sh.value().lastHour.total, 6);  // windows do not depend on the zone
    }

    void requestRowsAndKeys_data() { backends(); }
    void requestRowsAndKeys()
    {
        QFETCH(QString, backend);
        Database &db = open(backend);
        fillRequests(db);
        const auto hour = stats::requestRows(db, kNow - kHour, kNow, {}, 100);
        QVERIFY2(hour.ok(), qPrintable(hour.error()));
        QList<qint64> got;
        for (const auto &r : hour.value())
            got.append(r.id);
        QCOMPARE(got, QList<qint64>({1, 2, 3, 8, 9, 4}));  // newest first
        const stats::RequestRow &nullStatus = hour.value().at(2);
        QCOMPARE(nullStatus.hasStatus, false);
        QCOMPARE(nullStatus.success, false);
        QCOMPARE(nullStatus.keyId, id(kKeyB));
        QCOMPARE(nullStatus.model, u"gemini-2.5-pro"_s);
        QCOMPARE(nullStatus.timeMs, kNow - kMin - 1);
        QCOMPARE(hour.value().at(1).statusCode, 429);
        QCOMPARE(hour.value().at(0).success, true);
        QCOMPARE(hour.value().at(0).latencyMs, 250);
        QCOMPARE(hour.value().at(0).keyHint, u"AIzaSy...p6Q"_s.left(9) + kKeyA.right(4));

        const auto capped = stats::requestRows(db, kNow - kHour, kNow, {}, 2);
        QCOMPARE(capped.value().size(), 2);
        QCOMPARE(capped.value().at(1).id, 2);

        const auto keyA = stats::requestRows(db, kNow - kDay, kNow, id(kKeyA), 100);
        got.clear();
        for (const auto &r : keyA.value())
            got.append(r.id);
        QCOMPARE(got, QList<qint64>({1, 2, 5}));

        const QSet<QString> configured{id(kKeyA), id(kKeyB), id(kKeyC)};
        const auto attention = stats::keysByStatus(db, 429, kNow - kDay, kNow, configured, 20);
        QVERIFY2(attention.ok(), qPrintable(attention.error()));
        QCOMPARE(attention.value().size(), 2);  // D is not configured; row 7 is outside 24 h
        QCOMPARE(attention.value().at(0).keyId, id(kKeyB));
        QCOMPARE(attention.value().at(0).count, 2);
        QCOMPARE(attention.value().at(1).keyId, id(kKeyA));
        QCOMPARE(attention.value().at(1).count, 1);
        QCOMPARE(stats::keysByStatus(db, 429, kNow - kDay, kNow, configured, 1).value().size(), 1);
        QCOMPARE(stats::keysByStatus(db, 403, kNow - kDay, kNow, configured, 20).value().size(), 0);

        const auto models = stats::callsPerModel(db, id(kKeyA), kNow - kDay, kNow);
        QVERIFY2(models.ok(), qPrintable(models.error()));
        QCOMPARE(models.value().size(), 2);
        QCOMPARE(models.value().at(0).model, u"gemini-2.5-flash"_s);
        QCOMPARE(models.value().at(0).count, 2);
        QCOMPARE(models.value().at(1).model, u"gemini-2.5-pro"_s);
        QCOMPARE(models.value().at(1).count, 1);
    }

    void timeSeries_data() { backends(); }
    void timeSeries()
    {
        QFETCH(QString, backend);
        Database &db = open(backend);
        fillCounters(db);
        using stats::Resolution;

        const auto minutes = stats::timeSeries(db, Resolution::Minute, kNow - 3 * kMin, kNow, QTimeZone::utc());
        QVERIFY2(minutes.ok(), qPrintable(minutes.error()));
        QCOMPARE(minutes.value().size(), 3);  // 00:27, 00:28 (empty) and 00:29
        QCOMPARE(minutes.value().at(0).startMs, kNow - 3 * kMin);
        QCOMPARE(minutes.value().at(0).totals.requests, 0);
        QCOMPARE(minutes.value().at(1).totals.requests, 0);
        const stats::CounterTotals &last = minutes.value().at(2).totals;
        QCOMPARE(last.requests, 5);
        QCOMPARE(last.failures, 2);
        QCOMPARE(last.promptTokens, 100);
        QCOMPARE(last.completionTokens, 50);
        QCOMPARE(last.thoughtTokens, 10);
        QCOMPARE(last.latencySumMs, 2500);
        QCOMPARE(last.latency.quantileMs(0.5), 320.0);
        QCOMPARE(last.latency.quantileMs(0.9), 1536.0);
        QCOMPARE(last.latency.quantileMs(0.99), 1996.8);

        const auto hours = stats::timeSeries(db, Resolution::Hour, kNow - 2 * kHour, kNow, QTimeZone::utc());
        QVERIFY2(hours.ok(), qPrintable(hours.error()));
        QCOMPARE(hours.value().size(), 3);  // 22:00, 23:00, 00:00
        QCOMPARE(hours.value().at(0).startMs, kMonthStartUtc - 2 * kHour);
        QCOMPARE(hours.value().at(0).totals.requests, 0);
        QCOMPARE(hours.value().at(1).totals.requests, 2);
        QCOMPARE(hours.value().at(1).totals.latency.quantileMs(0.5), 1.0);
        QCOMPARE(hours.value().at(2).totals.requests, 5);

        // India is UTC+5:30: its hours start at half past in UTC.
        const QTimeZone kolkata("Asia/Kolkata");
        QVERIFY(kolkata.isValid());
        const auto ist = stats::timeSeries(db, Resolution::Hour, kNow - 2 * kHour, kNow, kolkata);
        QVERIFY(ist.ok());
        QCOMPARE(ist.value().size(), 2);
        QCOMPARE(ist.value().at(0).startMs, kNow - 2 * kHour);  // 04:00 IST = 22:30Z
        QCOMPARE(ist.value().at(0).totals.requests, 2);
        QCOMPARE(ist.value().at(1).startMs, kNow - kHour);
        QCOMPARE(ist.value().at(1).totals.requests, 5);

        const auto days = stats::timeSeries(db, Resolution::Day, kMonthStartUtc - 2 * kDay, kNow, QTimeZone::utc());
        QVERIFY(days.ok());
        QCOMPARE(days.value().size(), 3);
        QCOMPARE(days.value().at(0).totals.requests, 3);
        QCOMPARE(days.value().at(0).totals.latency.quantileMs(0.99), 16384.0);
        QCOMPARE(days.value().at(1).totals.requests, 2);
        QCOMPARE(days.value().at(2).startMs, kMonthStartUtc);
        QCOMPARE(days.value().at(2).totals.requests, 5);

        QVERIFY(!stats::timeSeries(db, Resolution::Minute, kNow - 30 * kDay, kNow, QTimeZone::utc()).ok());
    }

    void tokenUsage_data() { backends(); }
    void tokenUsage()
    {
        QFETCH(QString, backend);
        Database &db = open(backend);
        fillCounters(db);
        const qint64 from = kMonthStartUtc - 2 * kDay;
        const auto models = stats::tokenUsage(db, stats::TokenGroup::Model, from, kNow, QTimeZone::utc());
        QVERIFY2(models.ok(), qPrintable(models.error()));
        QCOMPARE(models.value().size(), 2);
        QCOMPARE(models.value().at(0).group, u"gemini-2.5-flash"_s);
        QCOMPARE(models.value().at(0).totals.promptTokens, 107);
        QCOMPARE(models.value().at(0).totals.completionTokens, 58);
        QCOMPARE(models.value().at(0).totals.thoughtTokens, 19);
        QCOMPARE(models.value().at(0).totals.totalTokens(), 184);
        QCOMPARE(models.value().at(0).totals.requests, 7);
        QCOMPARE(models.value().at(1).group, u"gemini-2.5-pro"_s);
        QCOMPARE(models.value().at(1).totals.totalTokens(), 50);
        QCOMPARE(models.value().at(1).totals.requests, 3);

        const auto keys = stats::tokenUsage(db, stats::TokenGroup::Key, from, kNow, QTimeZone::utc());
        QVERIFY(keys.ok());
        QCOMPARE(keys.value().size(), 3);
        QCOMPARE(keys.value().at(0).group, id(kKeyA));
        QCOMPARE(keys.value().at(0).totals.totalTokens(), 210);
        QCOMPARE(keys.value().at(1).group, id(kKeyC));
        QCOMPARE(keys.value().at(1).totals.totalTokens(), 24);
        QCOMPARE(keys.value().at(2).group, id(kKeyB));
        QCOMPARE(keys.value().at(2).totals.totalTokens(), 0);

        const auto days = stats::tokenUsage(db, stats::TokenGroup::Day, from, kNow, QTimeZone::utc());
        QVERIFY(days.ok());
        QCOMPARE(days.value().size(), 3);
        QCOMPARE(days.value().at(0).group, u"2026-01-30"_s);
        QCOMPARE(days.value().at(0).totals.totalTokens(), 24);
        QCOMPARE(days.value().at(1).group, u"2026-01-31"_s);
        QCOMPARE(days.value().at(1).totals.totalTokens(), 50);
        QCOMPARE(days.value().at(2).group, u"2026-02-01"_s);
        QCOMPARE(days.value().at(2).totals.totalTokens(), 160);

        // Edges: a minute counts when its start is in [from, to).
        const qint64 edge = (kNowMinute - 1) * kMin;
        const auto atEdge = stats::tokenUsage(db, stats::TokenGroup::Model, edge, kNow, QTimeZone::utc());
        QCOMPARE(atEdge.value().size(), 2);
        QCOMPARE(atEdge.value().at(0).totals.totalTokens(), 160);
        QCOMPARE(atEdge.value().at(1).totals.requests, 1);
        const auto beforeEdge = stats::tokenUsage(db, stats::TokenGroup::Model, from, edge, QTimeZone::utc());
        QCOMPARE(beforeEdge.value().size(), 2);  // 00:29 left out: pro (23:29) 50, flash (Jan 30) 24
        QCOMPARE(beforeEdge.value().at(0).group, u"gemini-2.5-pro"_s);
        QCOMPARE(beforeEdge.value().at(0).totals.totalTokens(), 50);
        QCOMPARE(beforeEdge.value().at(1).totals.totalTokens(), 24);

        const auto perModel = stats::totalsPerModel(db);
        QVERIFY(perModel.ok());
        QCOMPARE(perModel.value().size(), 2);
        QCOMPARE(perModel.value().at(0).totals.requests, 7);
        QCOMPARE(perModel.value().at(0).totals.failures, 1);
        QCOMPARE(perModel.value().at(1).totals.requests, 3);
        QCOMPARE(perModel.value().at(1).totals.failures, 1);
        QCOMPARE(perModel.value().at(1).totals.latency.counts[11], 1);

        // One key's models (the desktop's key details): A has flash 00:29 and pro 23:29.
        const auto keyA = stats::keyUsageByModel(db, id(kKeyA), from, kNow);
        QVERIFY2(keyA.ok(), qPrintable(keyA.error()));
        QCOMPARE(keyA.value().size(), 2);
        QCOMPARE(keyA.value().at(0).model, u"gemini-2.5-flash"_s);
        QCOMPARE(keyA.value().at(0).totals.requests, 4);
        QCOMPARE(keyA.value().at(0).totals.failures, 1);
        QCOMPARE(keyA.value().at(0).totals.totalTokens(), 160);
        QCOMPARE(keyA.value().at(1).model, u"gemini-2.5-pro"_s);
        QCOMPARE(keyA.value().at(1).totals.requests, 2);
        QCOMPARE(keyA.value().at(1).totals.failures, 0);
        QCOMPARE(keyA.value().at(1).totals.promptTokens, 30);
        const auto keyALastMinute = stats::keyUsageByModel(db, id(kKeyA), edge, kNow);
        QCOMPARE(keyALastMinute.value().size(), 1);  // 23:29 is before the edge
        QCOMPARE(stats::keyUsageByModel(db, id(kKeyC), from, kNow).value().at(0).totals.requests, 3);
        QCOMPARE(stats::keyUsageByModel(db, id(kKeyD), from, kNow).value().size(), 0);
    }

    void errorLogList_data() { backends(); }
    void errorLogList()
    {
        QFETCH(QString, backend);
        Database &db = open(backend);
        fillErrors(db);
        using namespace errorlogs;
        auto page = [&](ListFilter f) {
            auto r = list(db, f);
            if (!r)
                qWarning("list: %s", qPrintable(r.error()));
            return r.ok() ? r.value() : ListPage{{}, -1};
        };
        ListFilter f;
        QCOMPARE(ids(page(f).rows), QList<qint64>({5, 4, 3, 2, 1}));
        QCOMPARE(page(f).total, 5);
        QCOMPARE(page(f).rows.at(1).hasCode, false);
        QCOMPARE(page(f).rows.at(0).errorType, u"gemini-chat-stream"_s);

        f.keySearch = kKeyA.right(4).toLower();  // case-insensitive
        QCOMPARE(ids(page(f).rows), QList<qint64>({5, 3, 1}));
        f.keySearch.clear();
        f.keyIdExact = id(kKeyA);
        QCOMPARE(page(f).total, 3);
        f = {};

        f.errorSearch = u"100%"_s;  // % is literal: "1000 requests" does not match
        QCOMPARE(ids(page(f).rows), QList<qint64>({3}));
        f.errorSearch = u"e_m"_s;   // _ is literal: "time model" does not match
        QCOMPARE(ids(page(f).rows), QList<qint64>({3}));
        f.errorSearch = u"GEMINI-CHAT"_s;
        QCOMPARE(ids(page(f).rows), QList<qint64>({5, 3, 1}));
        f = {};
        f.modelSearch = u"PRO"_s;
        QCOMPARE(ids(page(f).rows), QList<qint64>({3, 2}));
        f.modelSearch = u"flash"_s;
        f.errorCode = 429;
        QCOMPARE(ids(page(f).rows), QList<qint64>({5, 1}));
        f = {};
        f.errorCode = 429;
        QCOMPARE(ids(page(f).rows), QList<qint64>({5, 1}));
        f = {};
        f.fromMs = kNow - 5 * kMin;  // both edges inclusive
        f.toMs = kNow - kMin;
        QCOMPARE(ids(page(f).rows), QList<qint64>({4, 3, 2}));
        QCOMPARE(page(f).total, 3);

        f = {};
        f.sortBy = SortColumn::ErrorCode;
        f.ascending = true;  // NULL first on both backends; ties by id
        QCOMPARE(ids(page(f).rows), QList<qint64>({4, 2, 1, 5, 3}));
        f.ascending = false;
        QCOMPARE(ids(page(f).rows), QList<qint64>({3, 5, 1, 2, 4}));
        f.sortBy = SortColumn::RequestTime;
        f.ascending = true;
        QCOMPARE(ids(page(f).rows), QList<qint64>({1, 2, 3, 4, 5}));
        f = {};
        f.limit = 2;
        f.offset = 2;
        QCOMPARE(ids(page(f).rows), QList<qint64>({3, 2}));
        QCOMPARE(page(f).total, 5);
        f.offset = 10;
        QCOMPARE(page(f).rows.size(), 0);

        QCOMPARE(sortColumnFromName(u"request_time"_s), SortColumn::RequestTime);
        QVERIFY(!sortColumnFromName(u"id; DROP TABLE t_error_logs"_s));
        QCOMPARE(likePattern(u"a%b_c!"_s), u"%a!%b!_c!!%"_s);
    }

    void errorLogDetailsLookupAndDeletes_data() { backends(); }
    void errorLogDetailsLookupAndDeletes()
    {
        QFETCH(QString, backend);
        Database &db = open(backend);
        fillErrors(db);
        using namespace errorlogs;
        const auto one = details(db, 1);
        QVERIFY2(one.ok(), qPrintable(one.error()));
        QVERIFY(one.value().has_value());
        QCOMPARE(one.value()->errorLog, u"Resource has been exhausted (e.g. check quota)."_s);
        QCOMPARE(one.value()->requestMsg, u"{\"contents\":[]}"_s);
        QCOMPARE(one.value()->timeMs, kNow - 10 * kMin);
        QCOMPARE(one.value()->keyId, id(kKeyA));
        QVERIFY(!details(db, 99).value().has_value());

        // Key A has rows at -120 s (3) and -30 s (5): -100 s is closest to row 3.
        const auto near = closest(db, id(kKeyA), kNow - 100'000, 100'000, std::nullopt);
        QVERIFY2(near.ok(), qPrintable(near.error()));
        QCOMPARE(near.value()->id, 3);
        QCOMPARE(closest(db, id(kKeyA), kNow - 100'000, 100'000, 429).value()->id, 5);
        QVERIFY(!closest(db, id(kKeyA), kNow - 100'000, 10'000, std::nullopt).value().has_value());
        QVERIFY(!closest(db, id(kKeyB), kNow - 100'000, 100'000, std::nullopt).value().has_value());

        QCOMPARE(removeIds(db, {1, 2, 99}).value(), 2);
        QCOMPARE(removeOne(db, 3).value(), true);
        QCOMPARE(removeOne(db, 3).value(), false);
        QCOMPARE(removeAll(db, 1).value(), 2);  // one row per batch
        QCOMPARE(list(db, {}).value().total, 0);
        QCOMPARE(removeAll(db).value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStatsQueries)
#include "tst_statsqueries.moc"
