#include "ProxyHarness.h"
#include "TestDatabases.h"
#include "api/ApiRouter.h"
#include "api/MetricsApi.h"
#include "api/MetricsRegistry.h"
#include "keys/KeyPool.h"
#include "common/Clock.h"
#include "ProxyService.h"
#include "store/Database.h"
#include "store/KeyStateStore.h"
#include "store/QueryRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAdminToken = "admin-token-for-tests";
HttpHeaders admin()
{
    return {{"Authorization", "Bearer " + kAdminToken}};
}

// 2026-02-01T00:30:00Z, half an hour into the month.
constexpr qint64 kNow = 1'769'905'800'000;
constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;
constexpr qint64 kNowMinute = kNow / kMin;

const QString kKeyA = u"AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"_s;
const QString kKeyB = u"AIzaSyB_zyxwvutsrqponmlkjihgfedcba98765"_s;
const QString kKeyC = u"AIzaSyC-0123456789ABCDEFGHIJKLMNOPQRSTU"_s;
const QString kFlash = u"gemini-2.5-flash"_s;
const QString kPro = u"gemini-2.5-pro"_s;
QString id(const QString &key) { return KeyStateStore::keyId(key); }
// As the log writer stores it (redact::secret).
QString hint(const QString &key) { return key.left(6) + u"…"_s + key.right(4); }

bool exec(Database &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(db.handle());
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : binds)
        q.addBindValue(v);
    return q.exec();
}

bool request(Database &db, qint64 ms, const QString &key, const QString &model, const QVariant &status, bool ok)
{
    return exec(db,
                u"INSERT INTO t_request_log (request_ms, key_id, api_key, model_name, status_code, is_success, "
                "latency_ms) VALUES (?, ?, ?, ?, ?, ?, 250)"_s,
                {ms, id(key), hint(key), model, status, ok ? 1 : 0});
}

bool counter(Database &db, qint64 minute, const QString &key, const QString &model, int requests, int failures,
             int prompt, int completion, int thought, int latencySum, int bucket, int count)
{
    return exec(db,
                u"INSERT INTO gb_counters_minute (minute, key_id, model_name, requests, failures, prompt_tokens, "
                "completion_tokens, thought_tokens, latency_ms_sum, lat_b%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(bucket),
                {minute, id(key), model, requests, failures, prompt, completion, thought, latencySum, count});
}

bool errorLog(Database &db, qint64 ms, const QString &key, const QString &model, const QString &type,
              const QVariant &code, const QString &log, const QVariant &requestMsg)
{
    return exec(db,
                u"INSERT INTO t_error_logs (request_ms, key_id, gemini_key, model_name, error_type, error_code, "
                "error_log, request_msg) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {ms, id(key), hint(key), model, type, code, log, requestMsg});
}

// The fixture, hand-counted in the tests below.
bool fill(Database &db)
{
    const QVariant nullInt(QMetaType::fromType<int>());
    const QVariant nullText(QMetaType::fromType<QString>());
    bool ok = true;
    ok &= request(db, kNow - 10'000, kKeyA, kFlash, 200, true);
    ok &= request(db, kNow - kMin, kKeyA, kFlash, 429, false);
    ok &= request(db, kNow - kMin - 1, kKeyB, kPro, nullInt, false);
    ok &= request(db, kNow - kHour, kKeyB, kPro, 200, true);
    ok &= request(db, kNow - 2 * kHour, kKeyA, kPro, 500, false);
    ok &= request(db, kNow - 5 * kHour, kKeyB, kFlash, 429, false);
    ok &= request(db, kNow - 6 * kHour, kKeyB, kFlash, 429, false);
    ok &= request(db, kNow - kDay - 1, kKeyA, kFlash, 429, false);
    // Two rows in 00:29Z (latencies in [128,256) and [256,512) and [1024,2048)).
    ok &= counter(db, kNowMinute - 1, kKeyA, kFlash, 4, 1, 100, 50, 10, 1000, 8, 2);
    ok &= exec(db, u"UPDATE gb_counters_minute SET lat_b9 = 2 WHERE minute = ? AND model_name = ?"_s, {kNowMinute - 1, kFlash});
    ok &= counter(db, kNowMinute - 1, kKeyB, kPro, 1, 1, 0, 0, 0, 1500, 11, 1);
    ok &= counter(db, kNowMinute - 61, kKeyA, kPro, 2, 0, 30, 20, 0, 1, 0, 2);
    ok &= counter(db, kNowMinute - 30 - 36 * 60, kKeyC, kFlash, 3, 0, 7, 8, 9, 60000, 15, 3);  // 2026-01-30T12:00Z
    ok &= errorLog(db, kNow - 10 * kMin, kKeyA, kFlash, u"gemini-chat-stream"_s, 429, u"Resource exhausted"_s,
                   u"{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}"_s);
    ok &= errorLog(db, kNow - 5 * kMin, kKeyB, kPro, u"openai-chat-non-stream"_s, 400, u"API key not valid"_s, nullText);
    ok &= errorLog(db, kNow - 2 * kMin, kKeyA, kPro, u"gemini-chat-non-stream"_s, 500, u"Internal"_s, nullText);
    ok &= errorLog(db, kNow - kMin, kKeyC, kFlash, u"gemini-embed-single"_s, nullInt, u"Connection refused"_s, nullText);
    ok &= errorLog(db, kNow - 30'000, kKeyA, kFlash, u"gemini-chat-stream"_s, 429, u"quota exceeded"_s, nullText);
    return ok;
}

QList<qint64> logIds(const ClientReply &r)
{
    QList<qint64> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.body).object().value(u"logs"_s).toArray())
        out.append(v.toObject().value(u"id"_s).toInteger());
    return out;
}

QJsonArray array(const ClientReply &r)
{
    return QJsonDocument::fromJson(r.body).array();
}

} // namespace

class TestStatsApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDatabase> m_scratch;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ProxyHarness> m_harness;

    ProxyHarness &start(const QString &backend)
    {
        m_harness.reset();
        m_scratch = GB_SCRATCH_DATABASE(backend);
        m_clock = std::make_unique<ManualClock>(kNow);
        m_harness = std::make_unique<ProxyHarness>(
            [](SettingsValues &s) {
                s.authToken = QString::fromUtf8(kAdminToken);
                s.timezone = u"UTC"_s;
            },
            QStringList{kKeyA, kKeyB, kKeyC}, m_clock.get(), &m_scratch->config());
        if (!m_harness->isReady() || !m_harness->queries())
            qFatal("harness not ready");
        const bool filled = m_harness->queries()->run([](Database &db) { return QVariant(fill(db)); }).toBool();
        if (!filled)
            qFatal("fixture insert failed");
        return *m_harness;
    }

    static void backends()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }

private slots:
    void cleanup()
    {
        m_harness.reset();
        m_scratch.reset();
    }

    void everyRouteNeedsTheAdminToken()
    {
        ProxyHarness &h = start(u"sqlite"_s);
        const HttpHeaders none{{"x-goog-api-key", ""}};
        for (const QString &path : {u"/api/stats/details?period=1h"_s, u"/api/stats/key-details?key=x"_s,
                                    u"/api/stats/attention-keys"_s, u"/api/key-usage-details/x"_s,
                                    u"/api/stats/overview"_s, u"/api/stats/tokens"_s, u"/api/stats/timeseries"_s,
                                    u"/api/logs/errors"_s, u"/api/logs/errors/1/details"_s,
                                    u"/api/logs/errors/lookup?gemini_key=x&timestamp=1"_s, u"/metrics"_s}) {
            const ClientReply r = h.get(path, none);
            QVERIFY2(r.status == 401, qPrintable(path));
            QVERIFY2(QJsonDocument::fromJson(r.body).object().contains(u"detail"_s), qPrintable(path));
            QCOMPARE(h.get(path).status, 401);  // a client token is not the admin token
        }
        QCOMPARE(h.send("DELETE", u"/api/logs/errors/all"_s, {}, none, 10000).status, 401);
        QCOMPARE(h.send("DELETE", u"/api/logs/errors/1"_s, {}, none, 10000).status, 401);
        // Nothing was deleted.
        QCOMPARE(h.get(u"/api/logs/errors"_s, admin()).json().value(u"total"_s).toInt(), 5);
    }

    void statsRoutes_data() { backends(); }
    void statsRoutes()
    {
        QFETCH(QString, backend);
        ProxyHarness &h = start(backend);

        const ClientReply details = h.get(u"/api/stats/details?period=1h"_s, admin());
        QCOMPARE(details.status, 200);
        const QJsonArray rows = array(details);
        QCOMPARE(rows.size(), 4);  // -10 s, -60 s, -60.001 s, -1 h (edge)
        const QJsonObject first = rows.at(0).toObject();
        QCOMPARE(first.keys(), QStringList({u"key"_s, u"key_id"_s, u"latency_ms"_s, u"model"_s, u"status"_s,
                                            u"status_code"_s, u"timestamp"_s}));
        QCOMPARE(first.value(u"timestamp"_s).toString(), u"2026-02-01T00:29:50+00:00"_s);
        QCOMPARE(first.value(u"key"_s).toString(), hint(kKeyA));
        QCOMPARE(first.value(u"key_id"_s).toString(), id(kKeyA));
        QCOMPARE(first.value(u"status"_s).toString(), u"success"_s);
        QCOMPARE(first.value(u"status_code"_s).toInt(), 200);
        QCOMPARE(first.value(u"latency_ms"_s).toInt(), 250);
        QVERIFY(rows.at(2).toObject().value(u"status_code"_s).isNull());
        QVERIFY(!details.body.contains(kKeyA.toUtf8()));
        QCOMPARE(array(h.get(u"/api/stats/details?period=1m"_s, admin())).size(), 2);
        QCOMPARE(array(h.get(u"/api/stats/details?period=24h&limit=3"_s, admin())).size(), 3);
        QCOMPARE(h.get(u"/api/stats/details?period=2h"_s, admin()).status, 400);
        QCOMPARE(h.get(u"/api/stats/details?limit=0"_s, admin()).status, 400);

        // One key, by its full key or its key_id.
        QCOMPARE(array(h.get(u"/api/stats/key-details?period=24h&key="_s + kKeyA, admin())).size(), 3);
        QCOMPARE(array(h.get(u"/api/stats/key-details?period=24h&key="_s + id(kKeyB), admin())).size(), 4);
        QCOMPARE(h.get(u"/api/stats/key-details?period=24h"_s, admin()).status, 400);

        const QJsonArray attention = array(h.get(u"/api/stats/attention-keys?status_code=429"_s, admin()));
        QCOMPARE(attention.size(), 2);
        QCOMPARE(attention.at(0).toObject(), QJsonObject({{u"key"_s, hint(kKeyB)}, {u"key_id"_s, id(kKeyB)},
                                                          {u"count"_s, 2}, {u"status_code"_s, 429}}));
        QCOMPARE(attention.at(1).toObject().value(u"count"_s).toInt(), 1);
        QCOMPARE(array(h.get(u"/api/stats/attention-keys?limit=1"_s, admin())).size(), 1);
        QCOMPARE(h.get(u"/api/stats/attention-keys?status_code=abc"_s, admin()).status, 400);

        const ClientReply usage = h.get(u"/api/key-usage-details/"_s + kKeyA, admin());
        QCOMPARE(usage.status, 200);
        QCOMPARE(usage.json(), QJsonObject({{kFlash, 2}, {kPro, 1}}));

        const ClientReply overview = h.get(u"/api/stats/overview"_s, admin());
        QCOMPARE(overview.status, 200);
        const QJsonObject o = overview.json();
        QCOMPARE(o.value(u"calls_1m"_s).toObject(), QJsonObject({{u"total"_s, 2}, {u"success"_s, 1}, {u"failure"_s, 1}}));
        QCOMPARE(o.value(u"calls_1h"_s).toObject(), QJsonObject({{u"total"_s, 4}, {u"success"_s, 2}, {u"failure"_s, 2}}));
        QCOMPARE(o.value(u"calls_24h"_s).toObject(), QJsonObject({{u"total"_s, 7}, {u"success"_s, 2}, {u"failure"_s, 5}}));
        QCOMPARE(o.value(u"calls_month"_s).toObject(), QJsonObject({{u"total"_s, 3}, {u"success"_s, 1}, {u"failure"_s, 2}}));
        h.proxy().keys()->coolDown(kKeyC, kFlash, kNow + kMin, false, u"429"_s);
        h.proxy().keys()->disable(kKeyB, DisableReason::Manual, u"test"_s);
        QCOMPARE(h.get(u"/api/stats/overview"_s, admin()).json().value(u"keys"_s).toObject(),
                 QJsonObject({{u"total"_s, 3}, {u"active"_s, 1}, {u"cooling"_s, 1}, {u"disabled"_s, 1}}));
    }

    void tokensAndTimeSeries()
    {
        ProxyHarness &h = start(u"sqlite"_s);
        const ClientReply models = h.get(u"/api/stats/tokens?group=model&range=7d"_s, admin());
        QCOMPARE(models.status, 200);
        const QJsonArray rows = models.json().value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(u"model"_s).toString(), kFlash);
        QCOMPARE(rows.at(0).toObject().value(u"total_tokens"_s).toInt(), 184);
        QCOMPARE(rows.at(0).toObject().value(u"requests"_s).toInt(), 7);
        QCOMPARE(rows.at(1).toObject().value(u"total_tokens"_s).toInt(), 50);
        QCOMPARE(models.json().value(u"total"_s).toObject().value(u"prompt_tokens"_s).toInt(), 137);

        const QJsonArray keys = h.get(u"/api/stats/tokens?group=key&range=7d"_s, admin()).json().value(u"rows"_s).toArray();
        QCOMPARE(keys.size(), 3);
        QCOMPARE(keys.at(0).toObject().value(u"key_id"_s).toString(), id(kKeyA));
        QCOMPARE(keys.at(0).toObject().value(u"key"_s).toString(), kKeyA.left(6) + u"…"_s + kKeyA.right(4));

        const QJsonArray days = h.get(u"/api/stats/tokens?group=day&from=2026-01-30T00:00:00Z"_s, admin())
                                    .json().value(u"rows"_s).toArray();
        QCOMPARE(days.size(), 3);
        QCOMPARE(days.at(0).toObject().value(u"day"_s).toString(), u"2026-01-30"_s);
        QCOMPARE(days.at(0).toObject().value(u"total_tokens"_s).toInt(), 24);
        QCOMPARE(days.at(2).toObject().value(u"total_tokens"_s).toInt(), 160);
        QCOMPARE(h.get(u"/api/stats/tokens?group=week"_s, admin()).status, 400);
        QCOMPARE(h.get(u"/api/stats/tokens?from=yesterday"_s, admin()).status, 400);

        // One hour at one-minute resolution: 60 contiguous points, the empty ones as zeros.
        const ClientReply series = h.get(u"/api/stats/timeseries?range=1h"_s, admin());
        QCOMPARE(series.status, 200);
        QCOMPARE(series.json().value(u"resolution"_s).toString(), u"1m"_s);
        const QJsonArray points = series.json().value(u"points"_s).toArray();
        QCOMPARE(points.size(), 60);
        for (qsizetype i = 1; i < points.size(); ++i)
            QCOMPARE(points.at(i).toObject().value(u"t"_s).toInteger() - points.at(i - 1).toObject().value(u"t"_s).toInteger(), kMin);
        QCOMPARE(points.at(0).toObject().value(u"t"_s).toInteger(), kNow - kHour);
        QCOMPARE(points.at(0).toObject().value(u"requests"_s).toInt(), 0);
        QCOMPARE(points.at(0).toObject().value(u"latency_p50_ms"_s).toDouble(), 0.0);
        const QJsonObject last = points.last().toObject();
        QCOMPARE(last.value(u"time"_s).toString(), u"2026-02-01T00:29:00+00:00"_s);
        QCOMPARE(last.value(u"requests"_s).toInt(), 5);
        QCOMPARE(last.value(u"failures"_s).toInt(), 2);
        QCOMPARE(last.value(u"success"_s).toInt(), 3);
        QCOMPARE(last.value(u"total_tokens"_s).toInt(), 160);
        QCOMPARE(last.value(u"latency_avg_ms"_s).toDouble(), 500.0);
        QCOMPARE(last.value(u"latency_p50_ms"_s).toDouble(), 320.0);
        QCOMPARE(last.value(u"latency_p90_ms"_s).toDouble(), 1536.0);
        QCOMPARE(last.value(u"latency_p99_ms"_s).toDouble(), 1996.8);

        const QJsonArray daily = h.get(u"/api/stats/timeseries?resolution=1d&range=7d"_s, admin())
                                     .json().value(u"points"_s).toArray();
        QCOMPARE(daily.size(), 8);  // Jan 25 .. Feb 1
        QCOMPARE(daily.at(5).toObject().value(u"requests"_s).toInt(), 3);
        QCOMPARE(daily.at(6).toObject().value(u"requests"_s).toInt(), 2);
        QCOMPARE(daily.at(7).toObject().value(u"requests"_s).toInt(), 5);
        QCOMPARE(h.get(u"/api/stats/timeseries?resolution=1m&range=30d"_s, admin()).status, 400);  // too many points
        QCOMPARE(h.get(u"/api/stats/timeseries?resolution=5m"_s, admin()).status, 400);
    }

    void errorLogRoutes_data() { backends(); }
    void errorLogRoutes()
    {
        QFETCH(QString, backend);
        ProxyHarness &h = start(backend);
        const ClientReply all = h.get(u"/api/logs/errors"_s, admin());
        QCOMPARE(all.status, 200);
        QCOMPARE(logIds(all), QList<qint64>({5, 4, 3, 2, 1}));
        QCOMPARE(all.json().value(u"total"_s).toInt(), 5);
        const QJsonObject row = all.json().value(u"logs"_s).toArray().at(4).toObject();
        QCOMPARE(row.keys(), QStringList({u"error_code"_s, u"error_type"_s, u"gemini_key"_s, u"id"_s, u"key_id"_s,
                                          u"model_name"_s, u"request_time"_s}));
        QCOMPARE(row.value(u"gemini_key"_s).toString(), hint(kKeyA));
        QCOMPARE(row.value(u"request_time"_s).toString(), u"2026-02-01T00:20:00+00:00"_s);
        QVERIFY(all.json().value(u"logs"_s).toArray().at(1).toObject().value(u"error_code"_s).isNull());

        const ClientReply page = h.get(u"/api/logs/errors?limit=2&offset=2"_s, admin());
        QCOMPARE(logIds(page), QList<qint64>({3, 2}));
        QCOMPARE(page.json().value(u"total"_s).toInt(), 5);
        QCOMPARE(logIds(h.get(u"/api/logs/errors?sort_by=error_code&sort_order=asc"_s, admin())),
                 QList<qint64>({4, 2, 1, 5, 3}));
        QCOMPARE(logIds(h.get(u"/api/logs/errors?sort_by=request_time&sort_order=asc&limit=3"_s, admin())),
                 QList<qint64>({1, 2, 3}));
        QCOMPARE(logIds(h.get(u"/api/logs/errors?key_search="_s + kKeyA, admin())), QList<qint64>({5, 3, 1}));
        QCOMPARE(logIds(h.get(u"/api/logs/errors?error_search=QUOTA&error_code_search=429"_s, admin())),
                 QList<qint64>({5}));
        QCOMPARE(logIds(h.get(u"/api/logs/errors?start_date=2026-02-01T00:25:00Z&end_date=2026-02-01%2000:29:00"_s, admin())),
                 QList<qint64>({4, 3, 2}));  // a time without zone is in TIMEZONE (UTC here)
        for (const QString &bad : {u"sort_by=error_log"_s, u"sort_by=id;DROP"_s, u"sort_order=up"_s, u"limit=0"_s,
                                   u"limit=1001"_s, u"offset=-1"_s, u"error_code_search=x"_s, u"start_date=soon"_s}) {
            const ClientReply r = h.get(u"/api/logs/errors?"_s + bad, admin());
            QVERIFY2(r.status == 400, qPrintable(bad));
            QVERIFY(!r.json().value(u"detail"_s).toString().isEmpty());
        }

        const ClientReply one = h.get(u"/api/logs/errors/1/details"_s, admin());
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(u"error_log"_s).toString(), u"Resource exhausted"_s);
        const QString msg = one.json().value(u"request_msg"_s).toString();
        QVERIFY2(msg.contains(u"\n"_s), qPrintable(msg));  // indented
        QCOMPARE(QJsonDocument::fromJson(msg.toUtf8()).object().value(u"contents"_s).toArray().size(), 1);
        QVERIFY(h.get(u"/api/logs/errors/2/details"_s, admin()).json().value(u"request_msg"_s).isNull());
        QCOMPARE(h.get(u"/api/logs/errors/99/details"_s, admin()).status, 404);

        const QString at = QString::number(kNow - 100'000);
        const ClientReply near = h.get(u"/api/logs/errors/lookup?gemini_key="_s + kKeyA + u"&timestamp="_s + at, admin());
        QCOMPARE(near.status, 200);
        QCOMPARE(near.json().value(u"id"_s).toInt(), 3);
        QCOMPARE(h.get(u"/api/logs/errors/lookup?gemini_key="_s + id(kKeyA) + u"&status_code=429&timestamp=2026-02-01T00:28:20Z"_s,
                       admin()).json().value(u"id"_s).toInt(), 5);
        QCOMPARE(h.get(u"/api/logs/errors/lookup?gemini_key="_s + kKeyA + u"&window_seconds=10&timestamp="_s + at, admin()).status, 404);
        QCOMPARE(h.get(u"/api/logs/errors/lookup?gemini_key="_s + kKeyA + u"&window_seconds=301&timestamp="_s + at, admin()).status, 400);
        QCOMPARE(h.get(u"/api/logs/errors/lookup?gemini_key="_s + kKeyA, admin()).status, 400);

        const QByteArray ids = QJsonDocument(QJsonObject{{u"ids"_s, QJsonArray{1, 2}}}).toJson();
        QCOMPARE(h.send("DELETE", u"/api/logs/errors"_s, ids, admin(), 10000).status, 204);
        QCOMPARE(h.send("DELETE", u"/api/logs/errors"_s, "{}", admin(), 10000).status, 400);
        QCOMPARE(h.send("DELETE", u"/api/logs/errors/3"_s, {}, admin(), 10000).status, 204);
        QCOMPARE(h.send("DELETE", u"/api/logs/errors/3"_s, {}, admin(), 10000).status, 404);
        QCOMPARE(logIds(h.get(u"/api/logs/errors"_s, admin())), QList<qint64>({5, 4}));
        QCOMPARE(h.send("DELETE", u"/api/logs/errors/all"_s, {}, admin(), 10000).status, 204);
        QCOMPARE(h.get(u"/api/logs/errors"_s, admin()).json().value(u"total"_s).toInt(), 0);
        QCOMPARE(h.post(u"/api/logs/errors/all"_s, {}, admin()).status, 405);
    }

    void metricsAreValidExposition()
    {
        ProxyHarness &h = start(u"sqlite"_s);
        QVERIFY(h.proxy().router()->metrics().add(u"gembalance_log_queue_depth"_s, u"Rows waiting."_s,
                                                   MetricsRegistry::Kind::Gauge, [] { return 4.0; }));
        QVERIFY(!h.proxy().router()->metrics().add(u"bad name"_s, {}, MetricsRegistry::Kind::Gauge, [] { return 1.0; }));
        const ClientReply r = h.get(u"/metrics"_s, admin());
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/plain; version=0.0.4"));
        // Every line is a HELP/TYPE comment or a sample of the text format.
        const QRegularExpression comment(u"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* \\S.*$"_s);
        const QRegularExpression sample(
            u"^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\.)*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\.)*\")*\\})? (-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|\\+Inf|-Inf|NaN)$"_s);
        QVERIFY(r.body.endsWith('\n'));
        const QList<QByteArray> lines = r.body.trimmed().split('\n');
        QVERIFY(lines.size() > 20);
        QHash<QString, double> values;
        for (const QByteArray &raw : lines) {
            const QString line = QString::fromUtf8(raw);
            QVERIFY2(comment.match(line).hasMatch() || sample.match(line).hasMatch(), qPrintable(line));
            if (!line.startsWith(u'#'))
                values.insert(line.section(u' ', 0, 0), line.section(u' ', 1).toDouble());
        }
        QCOMPARE(values.value(u"gembalance_requests_total{model=\"gemini-2.5-flash\",status_class=\"success\"}"_s), 6.0);
        QCOMPARE(values.value(u"gembalance_requests_total{model=\"gemini-2.5-flash\",status_class=\"failure\"}"_s), 1.0);
        QCOMPARE(values.value(u"gembalance_failures_total{model=\"gemini-2.5-pro\"}"_s), 1.0);
        QCOMPARE(values.value(u"gembalance_tokens_total{model=\"gemini-2.5-flash\",kind=\"thought\"}"_s), 19.0);
        QCOMPARE(values.value(u"gembalance_request_latency_seconds_bucket{model=\"gemini-2.5-flash\",le=\"0.256\"}"_s), 2.0);
        QCOMPARE(values.value(u"gembalance_request_latency_seconds_bucket{model=\"gemini-2.5-flash\",le=\"0.512\"}"_s), 4.0);
        QCOMPARE(values.value(u"gembalance_request_latency_seconds_bucket{model=\"gemini-2.5-flash\",le=\"16.384\"}"_s), 4.0);
        QCOMPARE(values.value(u"gembalance_request_latency_seconds_bucket{model=\"gemini-2.5-flash\",le=\"+Inf\"}"_s), 7.0);
        QCOMPARE(values.value(u"gembalance_request_latency_seconds_count{model=\"gemini-2.5-flash\"}"_s), 7.0);
        QCOMPARE(values.value(u"gembalance_request_latency_seconds_sum{model=\"gemini-2.5-flash\"}"_s), 61.0);
        QCOMPARE(values.value(u"gembalance_keys{state=\"active\"}"_s), 3.0);
        QCOMPARE(values.value(u"gembalance_log_queue_depth"_s), 4.0);
    }

    void exposition()
    {
        QCOMPARE(prometheus::escapeLabel(u"a\"b\\c\nd"_s), QByteArray("a\\\"b\\\\c\\nd"));
        QCOMPARE(prometheus::number(3.0), QByteArray("3"));
        QCOMPARE(prometheus::number(0.001), QByteArray("0.001"));
        QCOMPARE(prometheus::number(1996.8), QByteArray("1996.8"));
        QCOMPARE(prometheus::number(std::numeric_limits<double>::infinity()), QByteArray("+Inf"));
        QVERIFY(MetricsRegistry::isValidName(u"gembalance_log_dropped_total"_s));
        QVERIFY(!MetricsRegistry::isValidName(u"9lives"_s));
        MetricsRegistry r;
        QVERIFY(r.add(u"x"_s, u"first"_s, MetricsRegistry::Kind::Gauge, [] { return 1.0; }));
        QVERIFY(r.add(u"x"_s, u"second"_s, MetricsRegistry::Kind::Counter, [] { return 2.0; }));
        QCOMPARE(r.entries().size(), 1);  // replaced
        QCOMPARE(r.entries().at(0).value(), 2.0);
        r.remove(u"x"_s);
        QVERIFY(r.entries().isEmpty());
    }

    void withoutADatabase()
    {
        ProxyHarness h([](SettingsValues &s) { s.authToken = QString::fromUtf8(kAdminToken); });
        QVERIFY(h.isReady());
        const ClientReply stats = h.get(u"/api/stats/overview"_s, admin());
        QCOMPARE(stats.status, 503);
        QVERIFY(!stats.json().value(u"detail"_s).toString().isEmpty());
        QCOMPARE(h.get(u"/api/logs/errors"_s, admin()).status, 503);
        const ClientReply metrics = h.get(u"/metrics"_s, admin());
        QCOMPARE(metrics.status, 200);  // the live values still
        QVERIFY(metrics.body.contains("gembalance_keys{state=\"active\"} 3\n"));
        QVERIFY(!metrics.body.contains("gembalance_requests_total{"));
    }
};

QTEST_MAIN(TestStatsApi)
#include "tst_statsapi.moc"
