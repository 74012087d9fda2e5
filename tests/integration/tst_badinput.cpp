// Bad input never crashes or wedges the server: each gets a clear JSON error in the API's
// own format, and the next request on the same server is served normally.

#include "ProxyHarness.h"
#include "RawHttpClient.h"

#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kGoodBody = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
const QString kGenerate = u"/v1beta/models/gemini-2.5-flash:generateContent"_s;

QByteArray rawPost(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-goog-api-key: "
           + ProxyHarness::kClientToken.toUtf8() + "\r\nContent-Type: application/json\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}
} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

    static void expectGeminiError(const ClientReply &r, int status)
    {
        QCOMPARE(r.status, status);
        const QJsonObject error = r.json().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toInt(), status);
        QVERIFY(!error.value(u"message"_s).toString().isEmpty());
        QVERIFY(!error.value(u"status"_s).toString().isEmpty());
    }

    static void expectServing(ProxyHarness &h)
    {
        QCOMPARE(h.post(kGenerate, kGoodBody).status, 200);
    }

private slots:
    void malformedJson()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        for (const QByteArray &body : {QByteArrayLiteral("{\"contents\": ["), QByteArrayLiteral("not json"),
                                       QByteArrayLiteral("[1,2]"), QByteArrayLiteral("{\"a\":1}}")}) {
            expectGeminiError(h.post(kGenerate, body), 400);
            expectServing(h);
        }
        QCOMPARE(h.fake().requestsTotal(), 4);  // only the good ones went upstream
    }

    void badUtf8()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const QByteArray body = "{\"contents\":[{\"parts\":[{\"text\":\"\xff\xfe\xc3\x28\"}]}]}";
        expectGeminiError(h.post(kGenerate, body), 400);
        expectServing(h);
    }

    void unknownRoutesAndMethods()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        expectGeminiError(h.get(u"/no/such/route"_s), 404);
        expectGeminiError(h.get(u"/v1beta/cachedContents/x/y"_s), 404);
        expectGeminiError(h.get(u"/v1beta/models/a/b"_s), 404);
        expectGeminiError(h.post(u"/v1beta/models/m:bad-method!"_s, kGoodBody), 404);
        const ClientReply wrongMethod = h.get(kGenerate);
        expectGeminiError(wrongMethod, 405);
        QCOMPARE(wrongMethod.header("Allow"), QByteArray("POST"));
        expectGeminiError(h.send("DELETE", u"/v1beta/models"_s, {}, {}, 5000), 405);
        expectGeminiError(h.post(u"/health"_s, "{}"), 405);
        expectServing(h);
    }

    void corsPreflight()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const ClientReply r = h.send("OPTIONS", kGenerate, {},
                                     {{"Origin", "http://app.example"},
                                      {"Access-Control-Request-Method", "POST"},
                                      {"Access-Control-Request-Headers", "x-goog-api-key, content-type"}},
                                     5000);
        QCOMPARE(r.status, 204);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("*"));
        QCOMPARE(r.header("Access-Control-Allow-Headers"), QByteArray("x-goog-api-key, content-type"));
        QCOMPARE(h.post(kGenerate, kGoodBody).header("Access-Control-Allow-Origin"), QByteArray("*"));
    }

    void hugeBodyIsRefusedBeforeUpload()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxRequestBodyMb = 1; });
        QVERIFY(h.isReady());
        // Announced as 64 MiB with Expect: 100-continue: refused before a byte of body is sent.
        RawHttpClient client;
        QVERIFY(client.connectToServer(QHostAddress::LocalHost, h.port()));
        QVERIFY(client.send("POST /v1beta/models/m:generateContent HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            "Content-Length: 67108864\r\nExpect: 100-continue\r\n\r\n"));
        const RawHttpResponse refused = client.readResponse();
        QVERIFY2(refused.complete, qPrintable(refused.error));
        QCOMPARE(refused.status, 413);
        QVERIFY(refused.body.contains("\"code\":413"));

        // A body just over the limit, sent in full, gets 413 too.
        const ClientReply over = h.post(kGenerate, QByteArray(1024 * 1024 + 10, ' '));
        expectGeminiError(over, 413);
        QCOMPARE(h.fake().requestsTotal(), 0);
        expectServing(h);
    }

    void limitChangesLive()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxRequestBodyMb = 1; });
        QVERIFY(h.isReady());
        const QByteArray body = "{\"contents\":[{\"parts\":[{\"text\":\"" + QByteArray(1500 * 1024, 'y') + "\"}]}]}";
        QCOMPARE(h.post(kGenerate, body).status, 413);
        QVERIFY(h.apply({{u"MAX_REQUEST_BODY_MB"_s, 2}}));
        QCOMPARE(h.post(kGenerate, body).status, 200);
    }

    void garbageOnTheWire()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const QList<QByteArray> garbage = {
            QByteArrayLiteral("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello\r\n\r\n"),
            QByteArrayLiteral("GET /health HTTP/9.9\r\n\r\n"),
            QByteArrayLiteral("GET\r\n\r\n"),
            QByteArrayLiteral("POST /v1beta/models HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
            QByteArrayLiteral("POST /v1beta/models HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"),
            QByteArrayLiteral("GET /health HTTP/1.1\r\nBad Header\r\n\r\n"),
            "GET /" + QByteArray(100 * 1024, 'a') + " HTTP/1.1\r\n\r\n",
        };
        for (const QByteArray &bytes : garbage) {
            RawHttpClient client;
            QVERIFY(client.connectToServer(QHostAddress::LocalHost, h.port()));
            client.sendAsync(bytes);
            const RawHttpResponse r = client.readResponse();
            QVERIFY2(r.complete, qPrintable(r.error));
            QVERIFY2(r.status >= 400 && r.status < 600, qPrintable(QString::number(r.status)));
            QVERIFY(r.body.startsWith("{\"error\""));
            QVERIFY(client.waitForDisconnected());
        }
        expectServing(h);
    }

    void pipelinedRequestsAnswerInOrder()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().delayNext(300);  // the first answer is slow upstream
        RawHttpClient client;
        QVERIFY(client.connectToServer(QHostAddress::LocalHost, h.port()));
        QVERIFY(client.send(rawPost(kGenerate.toUtf8(), R"({"contents":[{"parts":[{"text":"first"}]}]})")
                            + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
        const RawHttpResponse first = client.readResponse(10000);
        QVERIFY(first.complete);
        QCOMPARE(first.status, 200);
        QVERIFY(first.body.contains("first"));
        const RawHttpResponse second = client.readResponse(10000);
        QVERIFY(second.complete);
        QCOMPARE(second.body, QByteArray(R"({"status":"healthy"})"));
    }

    void clientGoneBeforeTheAnswerManyTimes()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setReplyDelay(50);
        for (int i = 0; i < 30; ++i) {
            RawHttpClient client;
            QVERIFY(client.connectToServer(QHostAddress::LocalHost, h.port()));
            QVERIFY(client.send(rawPost(kGenerate.toUtf8(), kGoodBody)));
            if (i % 2)
                client.abort();
            else
                client.disconnectFromServer();
        }
        h.fake().setReplyDelay(0);
        QVERIFY(h.fake().waitForIdle(10000));
        expectServing(h);
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
