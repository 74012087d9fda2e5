// PROXY_THREADS (issue #7): the first event loop accepts every connection and hands them
// out in turn; every loop relays its own connections' requests with the shared key pool and
// overload budget, and sends admin routes, /health and unknown routes to the first loop,
// whose answers come back over the client's own connection.

#include "ProxyHarness.h"
#include "ProxyService.h"
#include "RawHttpClient.h"
#include "TestUtil.h"
#include "api/ApiRouter.h"
#include "api/OverloadGate.h"
#include "keys/KeyPool.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>
#include <vector>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kLoops = 3;
const QByteArray kAdminToken = "admin-token-for-loops";
const QByteArray kGenerate = "/v1beta/models/gemini-2.5-flash:generateContent";
const QByteArray kSse = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
const QByteArray kBody = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
const QByteArray kChatBody = R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]})";

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &extraHeaders = {},
                   const QByteArray &body = {})
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST")
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

QByteArray clientAuth()
{
    return "x-goog-api-key: " + ProxyHarness::kClientToken.toUtf8() + "\r\n";
}

QByteArray adminAuth()
{
    return "Authorization: Bearer " + kAdminToken + "\r\n";
}

std::unique_ptr<ProxyHarness> harness(const std::function<void(SettingsValues &)> &more = {})
{
    return std::make_unique<ProxyHarness>([more](SettingsValues &s) {
        s.proxyThreads = kLoops;
        s.authToken = QString::fromUtf8(kAdminToken);
        if (more)
            more(s);
    });
}

// `count` keep-alive connections opened one after another: in turn, they land on every loop.
std::vector<std::unique_ptr<RawHttpClient>> connections(ProxyHarness &h, int count)
{
    std::vector<std::unique_ptr<RawHttpClient>> out;
    for (int i = 0; i < count; ++i) {
        auto c = std::make_unique<RawHttpClient>();
        if (!c->connectToServer(QHostAddress::LocalHost, h.port()))
            return {};
        // Answered before the next connection opens, so the hand-out order is the opening order.
        c->send(request("GET", "/health"));
        if (c->readResponse().status != 200)
            return {};
        out.push_back(std::move(c));
    }
    return out;
}
} // namespace

class TestProxyLoops : public QObject
{
    Q_OBJECT

private slots:
    void everyLoopServesEveryRoute()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        QCOMPARE(h->proxy().loopCount(), kLoops);
        auto clients = connections(*h, 2 * kLoops);
        QCOMPARE(int(clients.size()), 2 * kLoops);
        for (int round = 0; round < 3; ++round) {
            for (size_t i = 0; i < clients.size(); ++i) {
                RawHttpClient &c = *clients[i];
                QVERIFY(c.send(request("POST", kGenerate, clientAuth(), kBody)));
                RawHttpResponse r = c.readResponse();
                QCOMPARE(r.status, 200);
                QVERIFY2(r.body.contains("\"candidates\""), r.body.constData());

                QVERIFY(c.send(request("POST", "/v1/chat/completions",
                                       "Authorization: Bearer " + ProxyHarness::kClientToken.toUtf8() + "\r\n",
                                       kChatBody)));
                r = c.readResponse();
                QCOMPARE(r.status, 200);
                QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"object"_s).toString(), u"chat.completion"_s);

                // Admin routes are answered by the first loop, over this connection.
                QVERIFY(c.send(request("GET", "/api/config", adminAuth())));
                r = c.readResponse();
                QCOMPARE(r.status, 200);
                QVERIFY(QJsonDocument::fromJson(r.body).object().contains(u"API_KEYS"_s));
                QVERIFY(!r.body.contains("AIzaKeyA"));  // redacted, as on the first loop

                QVERIFY(c.send(request("GET", "/api/config")));
                QCOMPARE(c.readResponse().status, 401);

                // An unknown route: the first loop's 404, in the API error format.
                QVERIFY(c.send(request("GET", "/nothing-here", clientAuth())));
                r = c.readResponse();
                QCOMPARE(r.status, 404);
                QVERIFY(QJsonDocument::fromJson(r.body).object().value(u"error"_s).isObject());

                // A CORS preflight on a relayed path goes to the first loop too.
                QVERIFY(c.send(request("OPTIONS", kGenerate, "Origin: http://app\r\n")));
                QCOMPARE(c.readResponse().status, 204);
                QVERIFY(c.isConnected());
            }
        }
        QCOMPARE(h->fake().requestsTotal(), 3 * 2 * 2 * kLoops);
        // /metrics (from any loop) says how many there are.
        QVERIFY(clients[0]->send(request("GET", "/metrics", adminAuth())));
        const RawHttpResponse metrics = clients[0]->readResponse();
        QCOMPARE(metrics.status, 200);
        QVERIFY2(metrics.body.contains("\ngembalance_proxy_event_loops 3\n"), metrics.body.constData());
    }

    void aBrowserSessionWorksOnEveryLoop()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        auto clients = connections(*h, kLoops);
        QCOMPARE(int(clients.size()), kLoops);
        // Signed in over the second connection (another loop than the first's).
        RawHttpClient &login = *clients[1];
        QVERIFY(login.send(request("POST", "/auth", "Accept: application/json\r\n",
                                   singleQuotedJson("{'auth_token':'admin-token-for-loops'}"))));
        const RawHttpResponse signedIn = login.readResponse();
        QCOMPARE(signedIn.status, 200);
        QByteArray cookies;
        for (const auto &[name, value] : signedIn.headers.fields())
            if (name.compare("set-cookie", Qt::CaseInsensitive) == 0)
                cookies += (cookies.isEmpty() ? "" : "; ") + value.left(value.indexOf(';'));
        QVERIFY(cookies.contains("gb_session="));
        for (auto &c : clients) {
            QVERIFY(c->send(request("GET", "/api/config", "Cookie: " + cookies + "\r\n")));
            QCOMPARE(c->readResponse().status, 200);
        }
    }

    void keyStatesAreSharedByTheLoops()
    {
        auto h = harness([](SettingsValues &s) { s.maxFailures = 1; });
        QVERIFY(h->isReady());
        h->fake().setKeyInvalid(u"AIzaKeyA"_s);
        auto clients = connections(*h, kLoops);
        QCOMPARE(int(clients.size()), kLoops);
        // Every loop relays; key A fails once (somewhere) and is disabled for all of them.
        for (int round = 0; round < 4; ++round) {
            for (auto &c : clients) {
                QVERIFY(c->send(request("POST", kGenerate, clientAuth(), kBody)));
                QCOMPARE(c->readResponse().status, 200);
            }
        }
        QCOMPARE(h->fake().requestCountForKey(u"AIzaKeyA"_s), 1);
        QVERIFY(h->proxy().keys()->state(u"AIzaKeyA"_s).isDisabled());
        QCOMPARE(h->fake().requestCountForKey(u"AIzaKeyB"_s) + h->fake().requestCountForKey(u"AIzaKeyC"_s),
                 4 * kLoops);
    }

    void theOverloadCapHoldsForTheProcess()
    {
        auto h = harness([](SettingsValues &s) { s.maxConcurrentRequests = 2; });
        QVERIFY(h->isReady());
        OverloadGate *gate = h->proxy().router()->overloadGate();
        h->fake().delayNext(3000, 2);
        auto clients = connections(*h, kLoops);
        QCOMPARE(int(clients.size()), kLoops);
        // Two slow calls on two loops fill the cap; the third loop refuses at once.
        clients[0]->sendAsync(request("POST", kGenerate, clientAuth(), kBody));
        clients[1]->sendAsync(request("POST", kGenerate, clientAuth(), kBody));
        QVERIFY(QTest::qWaitFor([&] { return gate->inFlight() == 2 && h->fake().requestsTotal() == 2; }, 5000));
        QVERIFY(clients[2]->send(request("POST", kGenerate, clientAuth(), kBody)));
        const RawHttpResponse refused = clients[2]->readResponse();
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.header("Retry-After"), QByteArray("1"));
        QCOMPARE(gate->refused(), quint64(1));
        QCOMPARE(clients[0]->readResponse(6000).status, 200);
        QCOMPARE(clients[1]->readResponse(6000).status, 200);
        QVERIFY(QTest::qWaitFor([&] { return gate->inFlight() == 0; }, 5000));
        QVERIFY(clients[2]->connectToServer(QHostAddress::LocalHost, h->port()));  // refused: it was closed
        QVERIFY(clients[2]->send(request("POST", kGenerate, clientAuth(), kBody)));
        QCOMPARE(clients[2]->readResponse().status, 200);
    }

    void aClientLeavingMidStreamOnAnotherLoop()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        h->fake().setStreamChunks(40);
        h->fake().setStreamChunkDelay(50);
        auto clients = connections(*h, kLoops);
        QCOMPARE(int(clients.size()), kLoops);
        for (auto &c : clients)
            c->sendAsync(request("POST", kSse, clientAuth(), kBody));
        QVERIFY(QTest::qWaitFor([&] { return h->fake().streamsStarted() == kLoops; }, 5000));
        for (auto &c : clients)
            QVERIFY(c->waitForBuffered(1));
        for (auto &c : clients)
            c->abort();
        QVERIFY(QTest::qWaitFor([&] { return h->fake().streamsAbortedByClient() == kLoops; }, 5000));
        QVERIFY(h->fake().waitForIdle());
        // Every loop still serves.
        auto again = connections(*h, kLoops);
        QCOMPARE(int(again.size()), kLoops);
        h->fake().setStreamChunks(3);
        h->fake().setStreamChunkDelay(0);
        for (auto &c : again) {
            QVERIFY(c->send(request("POST", kSse, clientAuth(), kBody)));
            const RawHttpResponse r = c->readResponse();
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body.count("data: "), 3);
        }
    }

    void settingChangesReachEveryLoop()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        QVERIFY(h->apply({{u"MAX_REQUEST_BODY_MB"_s, 1}}));
        auto clients = connections(*h, kLoops);
        QCOMPARE(int(clients.size()), kLoops);
        const qint64 bigBody = 2 * 1024 * 1024;
        // The change was queued to each loop's thread before the connections were handed there.
        for (auto &c : clients) {
            c->sendAsync("POST " + kGenerate + " HTTP/1.1\r\nHost: x\r\n" + clientAuth()
                         + "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(bigBody)
                         + "\r\n\r\n");
            const RawHttpResponse r = c->readResponse();
            QCOMPARE(r.status, 413);
            QVERIFY(QJsonDocument::fromJson(r.body).object().value(u"error"_s).isObject());
        }
        QCOMPARE(h->fake().requestsTotal(), 0);
    }

    void stopAndStartAgain()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const quint16 port = h->port();
        auto clients = connections(*h, kLoops);
        QCOMPARE(int(clients.size()), kLoops);
        h->proxy().stop();
        QCOMPARE(h->proxy().loopCount(), 0);
        for (auto &c : clients)
            QVERIFY(c->waitForDisconnected());
        QVERIFY(h->proxy().start(QHostAddress::LocalHost, port));
        QCOMPARE(h->proxy().loopCount(), kLoops);
        auto again = connections(*h, kLoops);
        QCOMPARE(int(again.size()), kLoops);
        for (auto &c : again) {
            QVERIFY(c->send(request("POST", kGenerate, clientAuth(), kBody)));
            QCOMPARE(c->readResponse().status, 200);
        }
    }
};

QTEST_GUILESS_MAIN(TestProxyLoops)
#include "tst_proxyloops.moc"
