// The whole pipeline in the real binary: calls through the proxy are logged by the writer
// thread and come back, within a second or so, from the statistics routes and /metrics —
// the writer and the queries agree on the tables (epoch-minute counters, token columns).

#include "FakeGemini.h"
#include "GemBalanceProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace gb::test;
using namespace Qt::StringLiterals;

class TestStatsEndToEnd : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;
    quint16 m_port = 0;

    QNetworkReply *call(const QString &path, const QByteArray &token, const QByteArray &body = {})
    {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)));
        request.setRawHeader(body.isEmpty() ? "Authorization" : "x-goog-api-key",
                             body.isEmpty() ? "Bearer " + token : token);
        if (body.isEmpty())
            return m_nam.get(request);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return m_nam.post(request, body);
    }

    QByteArray adminGet(const QString &path)
    {
        QNetworkReply *reply = call(path, "admin-token-e2e");
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10'000))
            return {};
        const QByteArray body = reply->readAll();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            qWarning().noquote() << path << "->" << body;
        reply->deleteLater();
        return body;
    }

private slots:
    void callsShowUpInStatsAndMetrics()
    {
        m_nam.setProxy(QNetworkProxy::NoProxy);
        FakeGemini fake;
        QVERIFY(fake.start());
        QTemporaryDir data, home;
        QProcessEnvironment env;
        env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        env.insert(u"HOME"_s, home.path());
        env.insert(u"API_KEYS"_s, u"AIzaStatsKey1,AIzaStatsKey2"_s);
        env.insert(u"ALLOWED_TOKENS"_s, u"client-e2e"_s);
        env.insert(u"AUTH_TOKEN"_s, u"admin-token-e2e"_s);
        env.insert(u"BASE_URL"_s, fake.baseUrl().toString());
        QProcess server;
        QByteArray output;
        m_port = startGemBalance(server, {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, data.path()}, env, &output);
        QVERIFY2(m_port != 0, output.constData());

        // 30 calls; the prompt tokens the upstream reported are what the stats must add up.
        constexpr int kCalls = 30;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < kCalls; ++i)
            replies << call(u"/v1beta/models/gemini-2.5-flash:generateContent"_s, "client-e2e",
                            QByteArrayLiteral("{\"contents\":[{\"parts\":[{\"text\":\"count me\"}]}]}"));
        QVERIFY(QTest::qWaitFor([&] { return std::all_of(replies.cbegin(), replies.cend(), [](auto *r) { return r->isFinished(); }); },
                                30'000));
        qint64 promptTokens = 0;
        for (QNetworkReply *r : std::as_const(replies)) {
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            promptTokens += QJsonDocument::fromJson(r->readAll())
                                .object().value("usageMetadata"_L1).toObject().value("promptTokenCount"_L1).toInteger();
        }
        QVERIFY(promptTokens > 0);

        // The writer batches within 500 ms: wait (bounded) until the overview counts them all.
        QJsonObject overview;
        QVERIFY(QTest::qWaitFor([&] {
            overview = QJsonDocument::fromJson(adminGet(u"/api/stats/overview"_s)).object();
            return overview.value("calls_1h"_L1).toObject().value("total"_L1).toInt() == kCalls;
        }, 10'000));
        QCOMPARE(overview.value("calls_1m"_L1).toObject().value("success"_L1).toInt(), kCalls);
        QCOMPARE(overview.value("keys"_L1).toObject().value("total"_L1).toInt(), 2);

        // Per-minute counters: the 1-minute series of the last hour adds up to the calls.
        const QJsonObject series = QJsonDocument::fromJson(
            adminGet(u"/api/stats/timeseries?resolution=1m&range=1h"_s)).object();
        int requests = 0;
        double p50 = 0;
        for (const QJsonValue &p : series.value("points"_L1).toArray()) {
            requests += p.toObject().value("requests"_L1).toInt();
            p50 = qMax(p50, p.toObject().value("latency_p50_ms"_L1).toDouble());
        }
        QCOMPARE(requests, kCalls);
        QVERIFY(p50 > 0);

        const QJsonObject tokens = QJsonDocument::fromJson(
            adminGet(u"/api/stats/tokens?group=model&range=1h"_s)).object();
        QCOMPARE(tokens.value("total"_L1).toObject().value("prompt_tokens"_L1).toInteger(), promptTokens);
        const QJsonArray rows = tokens.value("rows"_L1).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value("model"_L1).toString(), u"gemini-2.5-flash"_s);

        const QByteArray details = adminGet(u"/api/stats/details?period=1h"_s);
        QCOMPARE(QJsonDocument::fromJson(details).array().size(), kCalls);
        QVERIFY(!details.contains("AIzaStatsKey1"));  // hints only

        const QByteArray metrics = adminGet(u"/metrics"_s);
        QVERIFY2(metrics.contains("gembalance_log_entries_written_total " + QByteArray::number(kCalls)),
                 metrics.constData());
        QVERIFY(metrics.contains("gembalance_log_entries_dropped_total 0"));

        // The admin routes refuse a client token.
        QNetworkReply *refused = call(u"/api/stats/overview"_s, "client-e2e");
        QVERIFY(QTest::qWaitFor([&] { return refused->isFinished(); }, 5000));
        QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);

        server.terminate();
        QVERIFY(server.waitForFinished(10'000));
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStatsEndToEnd)
#include "tst_statsendtoend.moc"
