// Overload (issue #7): with the upstream stalled, relayed requests beyond
// MAX_CONCURRENT_REQUESTS get a fast 503 in their route's error format with Retry-After,
// without their bodies being read and without an upstream call; the requests in flight
// finish when the stall ends; admin routes and /metrics keep answering.

#include "ProxyHarness.h"
#include "ProxyService.h"
#include "RawHttpClient.h"
#include "api/ApiRouter.h"
#include "api/OverloadGate.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <algorithm>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kAdminToken = "admin-token-for-overload";
const QString kSse = u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s;
const QString kGenerate = u"/v1beta/models/gemini-2.5-flash:generateContent"_s;
const QString kChat = u"/v1/chat/completions"_s;
const QByteArray kBody = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
const QByteArray kChatBody = R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]})";

qint64 rssKb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

HttpHeaders admin()
{
    return {{"Authorization", "Bearer " + kAdminToken}};
}

struct Call
{
    QNetworkReply *reply = nullptr;
    QByteArray body;
    bool done = false;
};

// Starts a POST on `nam`, collecting the body; `calls` must not reallocate (reserve first).
void startCall(QObject *context, QNetworkAccessManager *nam, const QUrl &url, const QByteArray &authHeader,
               const QByteArray &authValue, const QByteArray &body, Call &call)
{
    QNetworkRequest request(url);
    request.setRawHeader(authHeader, authValue);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    call.reply = nam->post(request, body);
    QObject::connect(call.reply, &QNetworkReply::readyRead, context, [&call] { call.body += call.reply->readAll(); });
    QObject::connect(call.reply, &QNetworkReply::finished, context, [&call] {
        call.body += call.reply->readAll();
        call.done = true;
    });
}

int statusOf(const Call &c)
{
    return c.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}
} // namespace

class TestOverload : public QObject
{
    Q_OBJECT

private slots:
    void stalledUpstreamGetsFastRefusals()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.maxConcurrentRequests = 20;
            s.authToken = QString::fromUtf8(kAdminToken);
        });
        QVERIFY(h.isReady());
        OverloadGate *gate = h.proxy().router()->overloadGate();
        constexpr int kStallMs = 6000;
        h.fake().delayNext(kStallMs, 20);  // the upstream holds the first 20 calls

        QList<QNetworkAccessManager *> clients;
        for (int i = 0; i < 20; ++i)
            clients.append(new QNetworkAccessManager(this));
        const QByteArray token = ProxyHarness::kClientToken.toUtf8();
        QList<Call> streams(20);
        for (int i = 0; i < 20; ++i)
            startCall(this, clients.at(i), h.url(kSse), "x-goog-api-key", token, kBody, streams[i]);
        QVERIFY(QTest::qWaitFor([&] { return gate->inFlight() == 20 && h.fake().requestsTotal() == 20; }, 10000));
        const qint64 rssBefore = rssKb();

        // 50 more: 20 Gemini and 20 OpenAI calls, and 10 clients that announce a 16 MiB body (under MAX_REQUEST_BODY_MB)
        // and send none of it: the answer must come without the body.
        QElapsedTimer t;
        t.start();
        QList<Call> refused(40);
        for (int i = 0; i < 40; ++i) {
            const bool openAi = i % 2 == 1;
            startCall(this, clients.at(i % clients.size()), h.url(openAi ? kChat : kGenerate),
                      openAi ? "Authorization" : "x-goog-api-key", openAi ? "Bearer " + token : token,
                      openAi ? kChatBody : kBody, refused[i]);
        }
        QList<RawHttpClient *> raw;
        for (int i = 0; i < 10; ++i) {
            auto *c = new RawHttpClient(this);
            QVERIFY(c->connectToServer(QHostAddress::LocalHost, h.port()));
            c->sendAsync("POST " + kGenerate.toUtf8() + " HTTP/1.1\r\nHost: x\r\nx-goog-api-key: " + token
                         + "\r\nContent-Type: application/json\r\nContent-Length: 16777216\r\n\r\n{\"contents\":");
            raw.append(c);
        }
        QVERIFY(QTest::qWaitFor([&] { return std::all_of(refused.cbegin(), refused.cend(), [](const Call &c) { return c.done; }); },
                                5000));
        for (RawHttpClient *c : std::as_const(raw)) {
            const RawHttpResponse r = c->readResponse(5000);
            QVERIFY2(r.complete, qPrintable(r.error));
            QCOMPARE(r.status, 503);
            QCOMPARE(r.header("Retry-After"), QByteArray("1"));
            QVERIFY(r.body.contains("\"UNAVAILABLE\""));
            QVERIFY(c->waitForDisconnected(5000));  // the unread body is never taken in
        }
        const qint64 elapsed = t.elapsed();
        QVERIFY2(elapsed < 3000, qPrintable(u"50 refusals took %1 ms"_s.arg(elapsed)));
        QCOMPARE(h.fake().streamsCompleted(), 0);  // all of that while the upstream was stalled
        QCOMPARE(h.fake().requestsTotal(), 20);    // no refused request reached the upstream

        for (int i = 0; i < 40; ++i) {
            const Call &c = refused[i];
            QCOMPARE(statusOf(c), 503);
            QCOMPARE(c.reply->rawHeader("Retry-After"), QByteArray("1"));
            const QJsonObject error = QJsonDocument::fromJson(c.body).object().value(u"error"_s).toObject();
            QVERIFY2(error.value(u"message"_s).toString().contains(u"MAX_CONCURRENT_REQUESTS"_s), c.body.constData());
            if (i % 2 == 1) {  // OpenAI's shape: a string type, no Google status
                QVERIFY(error.contains(u"type"_s));
                QVERIFY(!error.contains(u"status"_s));
            } else {           // Google's shape
                QCOMPARE(error.value(u"code"_s).toInt(), 503);
                QCOMPARE(error.value(u"status"_s).toString(), u"UNAVAILABLE"_s);
            }
        }
        QCOMPARE(gate->refused(), quint64(50));
        QCOMPARE(gate->queued(), 0);
        QCOMPARE(gate->inFlight(), 20);
        const qint64 rssGrowthKb = rssKb() - rssBefore;
        qInfo("50 refusals in %lld ms; RSS grew by %lld kB", elapsed, rssGrowthKb);
        QVERIFY2(rssGrowthKb < 64 * 1024, qPrintable(u"RSS grew by %1 kB"_s.arg(rssGrowthKb)));

        // Admin routes and /metrics still answer while the relay is full.
        QCOMPARE(h.get(u"/health"_s).status, 200);
        const ClientReply keys = h.get(u"/api/config/schema"_s, admin());
        QCOMPARE(keys.status, 200);
        const ClientReply metrics = h.get(u"/metrics"_s, admin());
        QCOMPARE(metrics.status, 200);
        QVERIFY2(metrics.body.contains("gembalance_overload_rejected_total 50"), metrics.body.constData());
        QVERIFY(metrics.body.contains("gembalance_relay_in_flight 20"));

        // The stall ends: the 20 complete, whole.
        QVERIFY(QTest::qWaitFor([&] { return std::all_of(streams.cbegin(), streams.cend(), [](const Call &c) { return c.done; }); },
                                kStallMs + 15000));
        for (const Call &c : std::as_const(streams)) {
            QCOMPARE(c.reply->error(), QNetworkReply::NoError);
            QCOMPARE(statusOf(c), 200);
            QCOMPARE(int(c.body.count("data: ")), h.fake().streamOptions().chunks);
        }
        QTRY_COMPARE_WITH_TIMEOUT(gate->inFlight(), 0, 5000);
        QCOMPARE(h.post(kGenerate, kBody).status, 200);
        qDeleteAll(raw);
        qDeleteAll(clients);
    }

    void limitChangesLive()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxConcurrentRequests = 1; });
        QVERIFY(h.isReady());
        OverloadGate *gate = h.proxy().router()->overloadGate();
        h.fake().delayNext(3000, 1);
        QNetworkReply *held = h.start("POST", kGenerate, kBody);
        QVERIFY(QTest::qWaitFor([&] { return gate->inFlight() == 1; }, 5000));
        QCOMPARE(h.post(kGenerate, kBody).status, 503);
        QVERIFY(h.apply({{u"MAX_CONCURRENT_REQUESTS"_s, 0}}));  // 0: no limit
        QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QVERIFY(QTest::qWaitFor([&] { return held->isFinished(); }, 10000));
        QCOMPARE(held->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete held;
    }

    void queuedRequestsWaitBounded()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.maxConcurrentRequests = 2;
            s.overloadQueueTimeoutMs = 400;
        });
        QVERIFY(h.isReady());
        OverloadGate *gate = h.proxy().router()->overloadGate();
        QList<QNetworkAccessManager *> clients;
        for (int i = 0; i < 6; ++i)
            clients.append(new QNetworkAccessManager(this));
        const QByteArray token = ProxyHarness::kClientToken.toUtf8();

        // Two slow calls fill the slots; two more wait; a fifth finds the queue full.
        h.fake().delayNext(3000, 2);
        QList<Call> calls(5);
        for (int i = 0; i < 2; ++i)
            startCall(this, clients.at(i), h.url(kGenerate), "x-goog-api-key", token, kBody, calls[i]);
        QVERIFY(QTest::qWaitFor([&] { return gate->inFlight() == 2; }, 5000));
        QElapsedTimer t;
        t.start();
        for (int i = 2; i < 4; ++i)
            startCall(this, clients.at(i), h.url(kGenerate), "x-goog-api-key", token, kBody, calls[i]);
        QVERIFY(QTest::qWaitFor([&] { return gate->queued() == 2; }, 5000));
        startCall(this, clients.at(4), h.url(kChat), "Authorization", "Bearer " + token, kChatBody, calls[4]);
        QVERIFY(QTest::qWaitFor([&] { return calls[4].done; }, 5000));
        QCOMPARE(statusOf(calls[4]), 503);
        QVERIFY(t.elapsed() < 400);  // refused at once, not after the wait
        // The two waiting ones give up after the wait with 503, the slow ones still running.
        QVERIFY(QTest::qWaitFor([&] { return calls[2].done && calls[3].done; }, 5000));
        QCOMPARE(statusOf(calls[2]), 503);
        QCOMPARE(statusOf(calls[3]), 503);
        QVERIFY2(t.elapsed() >= 350 && t.elapsed() < 2500, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(gate->queued(), 0);
        QCOMPARE(h.fake().requestsTotal(), 2);

        // A slot that frees within the wait serves the waiting request.
        QVERIFY(QTest::qWaitFor([&] { return calls[0].done && calls[1].done; }, 10000));
        QCOMPARE(statusOf(calls[0]), 200);
        QTRY_COMPARE_WITH_TIMEOUT(gate->inFlight(), 0, 5000);
        QVERIFY(h.apply({{u"OVERLOAD_QUEUE_TIMEOUT_MS"_s, 5000}}));
        h.fake().delayNext(500, 2);
        QList<Call> more(3);
        for (int i = 0; i < 3; ++i)
            startCall(this, clients.at(i), h.url(kGenerate), "x-goog-api-key", token, kBody, more[i]);
        QVERIFY(QTest::qWaitFor([&] { return more[0].done && more[1].done && more[2].done; }, 10000));
        for (const Call &c : std::as_const(more))
            QCOMPARE(statusOf(c), 200);
        QCOMPARE(gate->refused(), quint64(3));
        qDeleteAll(clients);
    }
};

QTEST_GUILESS_MAIN(TestOverload)
#include "tst_overload.moc"
