// Streams end to end: SSE and JSON-array framing relayed as they arrive, retries only before
// the first byte, a clean error unit after it, client disconnects, many streams at once.

#include "ProxyHarness.h"

#include "ProxyService.h"
#include "relay/Relay.h"
#include "upstream/UpstreamPool.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kBody = R"({"contents":[{"parts":[{"text":"tell me a story"}]}]})";
const QString kSse = u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s;
const QString kJsonStream = u"/v1beta/models/gemini-2.5-flash:streamGenerateContent"_s;

QList<QJsonObject> sseEvents(const QByteArray &body)
{
    QList<QJsonObject> events;
    QByteArray normalized = body;
    normalized.replace("\r\n", "\n");
    for (const QByteArray &block : normalized.split('\n')) {
        if (block.startsWith("data: "))
            events.append(QJsonDocument::fromJson(block.mid(6)).object());
    }
    return events;
}
} // namespace

class TestStreaming : public QObject
{
    Q_OBJECT
private slots:
    void sseRelayedAsItArrives()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({6, 150, true});
        QElapsedTimer t;
        t.start();
        const ClientReply r = h.post(kSse, kBody);
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/event-stream"));
        QCOMPARE(r.body, h.fake().lastResponse().body);  // byte for byte
        const QList<QJsonObject> events = sseEvents(r.body);
        QCOMPARE(events.size(), 7);  // 6 chunks + a usage-only event
        QVERIFY(events.last().contains(u"usageMetadata"_s));
        QVERIFY2(r.reads >= 4, qPrintable(QString::number(r.reads)));  // not buffered into one piece
        QVERIFY(t.elapsed() >= 700);
    }

    void jsonArrayStreamRelayed()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({5, 100, false});
        const ClientReply r = h.post(kJsonStream, kBody);
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        QCOMPARE(r.body, h.fake().lastResponse().body);
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        QVERIFY(doc.isArray());
        QCOMPARE(doc.array().size(), 5);
        QVERIFY(r.reads >= 3);
        QVERIFY(!r.header("Transfer-Encoding").isEmpty() || r.header("Content-Length").isEmpty());
    }

    void failureBeforeTheFirstByteIsRetried()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().cutNextStream(0);  // headers, then the connection dies
        const ClientReply r = h.post(kSse, kBody);
        QCOMPARE(r.status, 200);
        QCOMPARE(h.fake().requestsTotal(), 2);
        QCOMPARE(r.body, h.fake().lastResponse().body);  // one clean answer from the second key
        QCOMPARE(sseEvents(r.body).size(), h.fake().streamOptions().chunks);
    }

    void failureAfterTheFirstByteEndsWithAnErrorEvent()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({6, 20, false});
        h.fake().cutNextStream(2);
        const ClientReply r = h.post(kSse, kBody);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::NoError);  // a complete, well-framed response
        QCOMPARE(h.fake().requestsTotal(), 1);     // no second answer spliced in
        const QList<QJsonObject> events = sseEvents(r.body);
        QCOMPARE(events.size(), 3);
        QVERIFY(events.at(0).contains(u"candidates"_s));
        QVERIFY(events.at(1).contains(u"candidates"_s));
        QCOMPARE(events.at(2).value(u"error"_s).toObject().value(u"code"_s).toInt(), 502);
        QVERIFY(r.body.startsWith(h.fake().lastResponse().chunks.value(0)));
    }

    void jsonArrayFailureMidwayStaysValidJson()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({6, 20, false});
        h.fake().cutNextStream(3, CutMode::Close);
        const ClientReply r = h.post(kJsonStream, kBody);
        QCOMPARE(r.status, 200);
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        QVERIFY2(doc.isArray(), r.body.right(200).constData());
        QCOMPARE(doc.array().size(), 4);
        QVERIFY(doc.array().last().toObject().contains(u"error"_s));
        QCOMPARE(h.fake().requestsTotal(), 1);
    }

    void clientDisconnectAbortsTheUpstreamCall()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({50, 100, false});
        for (int round = 0; round < 5; ++round) {
            const int abortedBefore = h.fake().streamsAbortedByClient();
            QNetworkReply *reply = h.start("POST", kSse, kBody);
            QVERIFY(QTest::qWaitFor([&] { return reply->bytesAvailable() > 0; }, 5000));
            reply->abort();
            reply->deleteLater();
            QVERIFY(QTest::qWaitFor([&] { return h.fake().streamsAbortedByClient() == abortedBefore + 1; }, 5000));
            QVERIFY(QTest::qWaitFor([&] { return h.proxy().relay()->activeCalls() == 0; }, 5000));
            QVERIFY(QTest::qWaitFor([&] { return h.proxy().upstream()->inFlight() == 0; }, 5000));
        }
        // The server keeps serving.
        h.fake().setStreamOptions({3, 5, false});
        QCOMPARE(h.post(kSse, kBody).status, 200);
    }

    void clientDisconnectWhileWaitingForTheUpstream()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().stallNext(1);
        QNetworkReply *reply = h.start("POST", u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kBody);
        QVERIFY(h.fake().waitForRequests(1));
        reply->abort();
        reply->deleteLater();
        QVERIFY(QTest::qWaitFor([&] { return h.fake().requestsAbortedByClient() == 1; }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return h.proxy().relay()->activeCalls() == 0; }, 5000));
    }

    void hundredConcurrentStreams()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({5, 50, false});
        // Several client managers so the client side is not the bottleneck (6 per manager).
        QList<QNetworkAccessManager *> clients;
        for (int i = 0; i < 20; ++i)
            clients.append(new QNetworkAccessManager(this));
        struct Stream { QNetworkReply *reply; QByteArray body; };
        QList<Stream> streams(100);
        int done = 0;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 100; ++i) {
            QNetworkRequest request(h.url(kSse));
            request.setRawHeader("x-goog-api-key", ProxyHarness::kClientToken.toUtf8());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            const QByteArray body = QByteArrayLiteral(R"({"contents":[{"parts":[{"text":"stream )")
                                    + QByteArray::number(i) + QByteArrayLiteral(R"("}]}]})");
            QNetworkReply *reply = clients.at(i % clients.size())->post(request, body);
            streams[i].reply = reply;
            connect(reply, &QNetworkReply::readyRead, this, [&streams, i] { streams[i].body += streams[i].reply->readAll(); });
            connect(reply, &QNetworkReply::finished, this, [&done] { ++done; });
        }
        QVERIFY(QTest::qWaitFor([&] { return done == 100; }, 60000));
        for (int i = 0; i < 100; ++i) {
            QNetworkReply *reply = streams[i].reply;
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            streams[i].body += reply->readAll();
            const QList<QJsonObject> events = sseEvents(streams[i].body);
            QCOMPARE(events.size(), 5);
            // Each client got its own answer (the fake echoes the prompt).
            QVERIFY(streams[i].body.contains("stream " + QByteArray::number(i)));
        }
        QCOMPARE(h.fake().streamsCompleted(), 100);
        // 5 events 50 ms apart take ~0.2 s; run 100 at once, they must overlap heavily.
        QVERIFY2(t.elapsed() < 15000, qPrintable(QString::number(t.elapsed())));
        qDeleteAll(clients);
    }
};

QTEST_GUILESS_MAIN(TestStreaming)
#include "tst_streaming.moc"
