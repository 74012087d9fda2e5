// PROXIES end to end: the real proxy service relays to the fake upstream through test HTTP
// and SOCKS5 proxies, and the test checks what really passed through each of them.

#include "ProxyHarness.h"
#include "TestProxies.h"

#include "ProxyService.h"
#include "keys/KeyPool.h"
#include "upstream/ProxyRing.h"
#include "upstream/UpstreamPool.h"

#include <QJsonObject>
#include <QNetworkReply>
#include <QTest>

#include <functional>
#include <memory>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kBody = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
const QString kGenerate = u"/v1beta/models/gemini-2.5-flash:generateContent"_s;
const QString kStream = u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s;
const QString kUser = u"gb-user"_s;
const QString kPassword = u"s3cr@t:pw/x"_s;  // delimiters percent-encoded in the URL

enum class Kind { Http, Socks5 };

std::unique_ptr<TestProxy> makeProxy(Kind kind, const QString &name = u"gb-test-proxy"_s)
{
    std::unique_ptr<TestProxy> p;
    if (kind == Kind::Http)
        p = std::make_unique<TestHttpProxy>(name);
    else
        p = std::make_unique<TestSocks5Proxy>();
    return p->start() ? std::move(p) : nullptr;
}

// A proxy URL on which nothing listens (port 1 on 127.0.0.1, as tst_relayfailover uses).
QString deadProxyUrl(const QString &scheme)
{
    return scheme + u"://127.0.0.1:1"_s;
}

QStringList keysSeenByFake(FakeGemini &fake)
{
    QStringList keys;
    for (const RecordedRequest &r : fake.requests())
        keys << r.key;
    return keys;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// Which proxy each key passed through: the index of the one proxy that saw it, -1 if it
// passed none, -2 if it passed several.
int observedProxy(const QList<TestProxy *> &proxies, const QString &key)
{
    int found = -1;
    for (int i = 0; i < proxies.size(); ++i) {
        if (proxies[i]->countForKey(key) == 0)
            continue;
        if (found != -1)
            return -2;
        found = i;
    }
    return found;
}

// `count` keys from a fixed candidate list, chosen so that the test cannot pass trivially:
// each of the three proxies gets at least one key and, once a fourth is added, at least
// one key moves to it and at least one stays.
QStringList pickKeys(const ProxyRing &three, const ProxyRing &four, int count)
{
    QStringList candidates;
    for (int i = 0; i < 500; ++i)
        candidates << u"AIzaRingKey-%1"_s.arg(i, 3, 10, QLatin1Char('0'));
    QStringList chosen;
    const auto take = [&](const std::function<bool(const QString &)> &wanted) {
        for (const QString &k : std::as_const(candidates)) {
            if (!chosen.contains(k) && wanted(k)) {
                chosen << k;
                return;
            }
        }
    };
    for (int i = 0; i < 3; ++i)
        take([&](const QString &k) { return three.indexFor(k) == i && four.indexFor(k) == i; });
    take([&](const QString &k) { return four.indexFor(k) == 3; });
    take([](const QString &) { return true; });
    while (chosen.size() < count)
        take([](const QString &) { return true; });
    return chosen;
}

QString errorMessage(const ClientReply &r)
{
    return r.json().value(u"error"_s).toObject().value(u"message"_s).toString();
}

} // namespace

Q_DECLARE_METATYPE(Kind)

class TestUpstreamProxies : public QObject
{
    Q_OBJECT
private slots:
    void everyCallGoesThroughTheProxy_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<bool>("auth");
        QTest::newRow("http") << Kind::Http << false;
        QTest::newRow("http with credentials") << Kind::Http << true;
        QTest::newRow("socks5") << Kind::Socks5 << false;
        QTest::newRow("socks5 with credentials") << Kind::Socks5 << true;
    }

    void everyCallGoesThroughTheProxy()
    {
        QFETCH(Kind, kind);
        QFETCH(bool, auth);
        const auto proxy = makeProxy(kind, u"only-proxy"_s);
        QVERIFY(proxy);
        if (auth)
            proxy->setCredentials(kUser, kPassword);
        const QString url = auth ? proxy->url(kUser, kPassword) : proxy->url();
        ProxyHarness h([&](SettingsValues &s) { s.proxies = {url}; });
        QVERIFY(h.isReady());

        for (int i = 0; i < 6; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        const ClientReply stream = h.post(kStream, kBody);
        QCOMPARE(stream.status, 200);
        QCOMPARE(stream.body, h.fake().lastResponse().body);

        // Everything the fake received passed the proxy, key for key.
        QCOMPARE(h.fake().requestsTotal(), 7);
        QCOMPARE(sorted(proxy->keys()), sorted(keysSeenByFake(h.fake())));
        QVERIFY(proxy->connectionsAccepted() >= 1);
        if (kind == Kind::Http) {
            QCOMPARE(proxy->relayed(), 7);
            QVERIFY(proxy->connectionsAccepted() < 7);  // keep-alive: several requests per connection
            for (const RecordedRequest &r : h.fake().requests())
                QCOMPARE(r.header("via"), QByteArray("1.1 only-proxy"));
        } else {
            // Each connection the fake accepted is the far end of one tunnel.
            QCOMPARE(h.fake().connectionsAccepted(), proxy->relayed());
            QVERIFY(static_cast<TestSocks5Proxy *>(proxy.get())->addressTypes().contains(1));  // IPv4
        }
    }

    void socks5DomainNameTarget_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("addressType");
        QTest::newRow("socks5h: the proxy resolves") << u"socks5h"_s << 3;
        QTest::newRow("socks5: resolved here") << u"socks5"_s << 1;
    }

    void socks5DomainNameTarget()
    {
        // As curl: socks5h:// sends the host name to the proxy (address type 3); socks5://
        // resolves it first and sends the address (type 1).
        QFETCH(QString, scheme);
        QFETCH(int, addressType);
        TestSocks5Proxy proxy;
        QVERIFY(proxy.start());
        ProxyHarness h([&](SettingsValues &s) {
            QString url = proxy.url();
            url.replace(0, url.indexOf(u"://"_s), scheme);
            s.proxies = {url};
            s.baseUrl.replace(u"127.0.0.1"_s, u"localhost"_s);
        });
        QVERIFY(h.isReady());
        QVERIFY(h.settings().snapshot()->baseUrl.contains(u"localhost"_s));
        QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QCOMPARE(proxy.addressTypes(), QList<int>{addressType});
        if (addressType == 3)
            QCOMPARE(proxy.targets(), QStringList{u"localhost:%1"_s.arg(h.fake().port())});
        QCOMPARE(proxy.keys(), keysSeenByFake(h.fake()));
    }

    void wrongCredentialsFailCleanly_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("http wrong password") << Kind::Http << kUser << u"wrong"_s;
        QTest::newRow("http no credentials") << Kind::Http << QString() << QString();
        QTest::newRow("socks5 wrong password") << Kind::Socks5 << kUser << u"wrong"_s;
        QTest::newRow("socks5 no credentials") << Kind::Socks5 << QString() << QString();
    }

    void wrongCredentialsFailCleanly()
    {
        QFETCH(Kind, kind);
        QFETCH(QString, user);
        QFETCH(QString, password);
        const auto proxy = makeProxy(kind);
        QVERIFY(proxy);
        proxy->setCredentials(kUser, kPassword);
        ProxyHarness h([&](SettingsValues &s) {
            s.proxies = {proxy->url(user, password)};
            s.maxRetries = 2;
        });
        QVERIFY(h.isReady());

        const ClientReply r = h.post(kGenerate, kBody);
        QVERIFY(r.finished);
        QCOMPARE(r.status, 502);
        QVERIFY2(r.header("content-type").contains("json"), r.header("content-type").constData());
        const QJsonObject error = r.json().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toInt(), 502);
        QVERIFY(!error.value(u"status"_s).toString().isEmpty());
        QVERIFY2(errorMessage(r).contains(u"proxy"_s, Qt::CaseInsensitive), qPrintable(errorMessage(r)));
        QVERIFY(!r.body.contains(kPassword.toUtf8()));
        QVERIFY(proxy->authFailures() >= 1);
        QCOMPARE(proxy->relayed(), 0);
        QCOMPARE(h.fake().requestsTotal(), 0);
        // Still serving; no key was blamed for the proxy's refusal.
        QCOMPARE(h.get(u"/health"_s).status, 200);
        QCOMPARE(h.proxy().keys()->enabledCount(), 3);
    }

    void eachKeyAlwaysLeavesThroughItsProxy()
    {
        // Mixed kinds, with and without credentials; the ring hashes the PROXIES entries.
        TestHttpProxy p0(u"p0"_s), p2(u"p2"_s);
        TestSocks5Proxy p1, p3;
        for (TestProxy *p : {static_cast<TestProxy *>(&p0), static_cast<TestProxy *>(&p1),
                             static_cast<TestProxy *>(&p2), static_cast<TestProxy *>(&p3)})
            QVERIFY(p->start());
        p2.setCredentials(kUser, kPassword);
        p3.setCredentials(kUser, kPassword);
        const QStringList three{p0.url(), p1.url(), p2.url(kUser, kPassword)};
        const QStringList four = three + QStringList{p3.url(kUser, kPassword)};
        const QList<TestProxy *> proxies{&p0, &p1, &p2, &p3};
        const ProxyRing ring3(three), ring4(four);
        const QStringList keys = pickKeys(ring3, ring4, 12);
        QCOMPARE(keys.size(), 12);
        const auto resetAll = [&] {
            for (TestProxy *p : proxies)
                p->resetCounters();
        };

        QHash<QString, int> firstRun;
        {
            ProxyHarness h([&](SettingsValues &s) { s.proxies = three; }, keys);
            QVERIFY(h.isReady());
            for (int i = 0; i < 3 * keys.size(); ++i)
                QCOMPARE(h.post(kGenerate, kBody).status, 200);
            QSet<int> used;
            for (const QString &k : keys) {
                QCOMPARE(h.fake().requestCountForKey(k), 3);
                const int seen = observedProxy(proxies, k);
                QCOMPARE(seen, ring3.indexFor(k));  // one proxy, the one the ring predicts
                QCOMPARE(proxies[seen]->countForKey(k), 3);  // every call of the key
                firstRun.insert(k, seen);
                used.insert(seen);
            }
            QVERIFY(used.size() > 1);
            QCOMPARE(p3.connectionsAccepted(), 0);
        }

        // A restart with the same PROXIES and keys: the same mapping.
        resetAll();
        ProxyHarness h([&](SettingsValues &s) { s.proxies = three; }, keys);
        QVERIFY(h.isReady());
        for (int i = 0; i < keys.size(); ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        for (const QString &k : keys)
            QCOMPARE(observedProxy(proxies, k), firstRun.value(k));

        // A fourth proxy, live: keys only move onto it, the rest stay where they were.
        QVERIFY(h.apply({{u"PROXIES"_s, four}}));
        resetAll();
        for (int i = 0; i < 2 * keys.size(); ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        int moved = 0;
        for (const QString &k : keys) {
            const int seen = observedProxy(proxies, k);
            QCOMPARE(seen, ring4.indexFor(k));
            QCOMPARE(proxies[seen]->countForKey(k), 2);
            if (seen != firstRun.value(k)) {
                QCOMPARE(seen, 3);
                ++moved;
            }
        }
        QVERIFY(moved >= 1);
        QVERIFY(moved < keys.size());
        QCOMPARE(h.fake().requestsTotal(), 3 * keys.size());
    }

    void randomProxyPerCallWhenNotConsistent()
    {
        TestHttpProxy a(u"a"_s), b(u"b"_s);
        TestSocks5Proxy c;
        QVERIFY(a.start() && b.start() && c.start());
        const QList<TestProxy *> proxies{&a, &b, &c};
        const QString key = u"AIzaOnlyKey"_s;
        ProxyHarness h([&](SettingsValues &s) { s.proxies = {a.url(), b.url(), c.url()}; }, {key});
        QVERIFY(h.isReady());

        // Consistent (the default): one proxy for every call.
        for (int i = 0; i < 6; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QVERIFY(observedProxy(proxies, key) >= 0);

        // Switched off live: the calls of the one key spread over the proxies.
        QVERIFY(h.apply({{u"PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY"_s, false}}));
        for (TestProxy *p : proxies)
            p->resetCounters();
        const int calls = 30;
        for (int i = 0; i < calls; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        int used = 0, total = 0;
        for (TestProxy *p : proxies) {
            used += p->countForKey(key) > 0 ? 1 : 0;
            total += p->countForKey(key);
        }
        QVERIFY2(used >= 2, qPrintable(QString::number(used)));
        QCOMPARE(total, calls);
        QCOMPARE(h.fake().requestsTotal(), 6 + calls);
    }

    void streamingThroughEachProxyType_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::newRow("http") << Kind::Http;
        QTest::newRow("socks5") << Kind::Socks5;
    }

    void streamingThroughEachProxyType()
    {
        QFETCH(Kind, kind);
        const auto proxy = makeProxy(kind);
        QVERIFY(proxy);
        ProxyHarness h([&](SettingsValues &s) { s.proxies = {proxy->url()}; });
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({6, 60, true});

        const ClientReply r = h.post(kStream, kBody);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, h.fake().lastResponse().body);  // complete, byte for byte
        QCOMPARE(r.body.count("data: "), 7);
        QVERIFY2(r.reads >= 3, qPrintable(QString::number(r.reads)));  // not buffered into one piece
        QCOMPARE(h.fake().streamsCompleted(), 1);
        QCOMPARE(proxy->keys(), keysSeenByFake(h.fake()));
        if (kind == Kind::Http) {
            const QList<int> writes = static_cast<TestHttpProxy *>(proxy.get())->responseWrites();
            QCOMPARE(writes.size(), 1);
            QVERIFY2(writes.first() >= 3, qPrintable(QString::number(writes.first())));  // relayed as it came
        }
    }

    void clientDisconnectMidStream_data()
    {
        streamingThroughEachProxyType_data();
    }

    void clientDisconnectMidStream()
    {
        QFETCH(Kind, kind);
        const auto proxy = makeProxy(kind);
        QVERIFY(proxy);
        ProxyHarness h([&](SettingsValues &s) { s.proxies = {proxy->url()}; });
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({40, 50, false});

        QNetworkReply *reply = h.start("POST", kStream, kBody);
        QVERIFY(QTest::qWaitFor([&] { return reply->bytesAvailable() > 0; }, 5000));
        QCOMPARE(h.fake().streamsStarted(), 1);
        reply->abort();
        reply->deleteLater();
        // Client -> service -> proxy -> fake: the upstream sees the stream abandoned.
        QVERIFY(QTest::qWaitFor([&] { return h.fake().streamsAbortedByClient() == 1; }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return proxy->clientAborts() == 1; }, 5000));
        QCOMPARE(h.fake().streamsCompleted(), 0);
        QVERIFY(QTest::qWaitFor([&] { return h.proxy().upstream()->inFlight() == 0; }, 5000));
        if (kind == Kind::Socks5)
            QVERIFY(QTest::qWaitFor([&] { return static_cast<TestSocks5Proxy *>(proxy.get())->openTunnels() == 0; }, 5000));
        else
            QVERIFY(QTest::qWaitFor([&] { return static_cast<TestHttpProxy *>(proxy.get())->inFlight() == 0; }, 5000));

        // The next stream through the same proxy is whole.
        h.fake().setStreamOptions({3, 5, false});
        const ClientReply again = h.post(kStream, kBody);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.body, h.fake().lastResponse().body);
    }

    void deadProxyFailsOverToAnotherKey()
    {
        TestHttpProxy live(u"live"_s);
        TestSocks5Proxy liveSocks;
        QVERIFY(live.start() && liveSocks.start());
        const QStringList urls{live.url(), deadProxyUrl(u"http"_s), liveSocks.url()};
        const ProxyRing ring(urls);
        // The first key in turn leaves through the dead proxy, the next ones through live ones.
        QString deadKey, liveKey, otherKey;
        for (int i = 0; i < 500 && (deadKey.isEmpty() || liveKey.isEmpty() || otherKey.isEmpty()); ++i) {
            const QString k = u"AIzaFailoverKey-%1"_s.arg(i);
            if (ring.indexFor(k) == 1 && deadKey.isEmpty())
                deadKey = k;
            else if (ring.indexFor(k) == 0 && liveKey.isEmpty())
                liveKey = k;
            else if (ring.indexFor(k) == 2 && otherKey.isEmpty())
                otherKey = k;
        }
        QVERIFY(!deadKey.isEmpty() && !liveKey.isEmpty() && !otherKey.isEmpty());
        ProxyHarness h([&](SettingsValues &s) { s.proxies = urls; }, {deadKey, liveKey, otherKey});
        QVERIFY(h.isReady());

        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 200);
        QCOMPARE(keysSeenByFake(h.fake()), QStringList{liveKey});  // retried on the next key
        QCOMPARE(live.keys(), QStringList{liveKey});
        for (int i = 0; i < 6; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QCOMPARE(h.fake().requestCountForKey(deadKey), 0);
        QCOMPARE(h.fake().requestsTotal(), 7);
        QCOMPARE(live.relayed() + liveSocks.countForKey(otherKey), 7);
        QCOMPARE(h.proxy().keys()->enabledCount(), 3);  // a dead proxy is not the key's fault
    }

    void allProxiesDeadThenFixedLive()
    {
        ProxyHarness h([&](SettingsValues &s) {
            s.proxies = {deadProxyUrl(u"http"_s), deadProxyUrl(u"socks5"_s)};
            s.maxRetries = 3;
        });
        QVERIFY(h.isReady());
        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 502);
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), 502);
        QVERIFY2(errorMessage(r).contains(u"3 attempt"_s), qPrintable(errorMessage(r)));
        QVERIFY2(errorMessage(r).contains(u"proxy"_s, Qt::CaseInsensitive), qPrintable(errorMessage(r)));
        QCOMPARE(h.fake().requestsTotal(), 0);

        // Fixed live, without a restart.
        TestSocks5Proxy proxy;
        QVERIFY(proxy.start());
        QVERIFY(h.apply({{u"PROXIES"_s, QStringList{proxy.url()}}}));
        QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QCOMPARE(proxy.keys(), keysSeenByFake(h.fake()));
    }

    void proxiesChangeLive()
    {
        TestHttpProxy a(u"a"_s);
        TestSocks5Proxy b;
        QVERIFY(a.start() && b.start());
        ProxyHarness h([&](SettingsValues &s) { s.proxies = {a.url()}; });
        QVERIFY(h.isReady());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QCOMPARE(a.relayed(), 3);

        // A stream is under way through a when PROXIES changes to b.
        h.fake().setStreamOptions({8, 40, false});
        QNetworkReply *stream = h.start("POST", kStream, kBody);
        QVERIFY(QTest::qWaitFor([&] { return stream->bytesAvailable() > 0; }, 5000));
        const quint64 streamId = h.fake().lastRequest().id;
        QVERIFY(h.apply({{u"PROXIES"_s, QStringList{b.url()}}}));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QCOMPARE(a.relayed(), 4);  // the new calls went through b...
        QCOMPARE(b.keys().size(), 3);
        // ...while the stream finishes whole on the route it started on.
        QVERIFY(QTest::qWaitFor([&] { return stream->isFinished(); }, 5000));
        QCOMPARE(stream->error(), QNetworkReply::NoError);
        QCOMPARE(stream->readAll(), h.fake().response(streamId).body);
        QCOMPARE(h.fake().response(streamId).outcome, ResponseOutcome::Completed);
        stream->deleteLater();
        QVERIFY(QTest::qWaitFor([&] { return h.proxy().upstream()->inFlight() == 0; }, 5000));

        // No proxies: direct again.
        QVERIFY(h.apply({{u"PROXIES"_s, QStringList{}}}));
        for (int i = 0; i < 2; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QCOMPARE(a.relayed(), 4);
        QCOMPARE(b.keys().size(), 3);
        QCOMPARE(h.fake().requestsTotal(), 9);
        for (const RecordedRequest &r : h.fake().requests().mid(7))
            QVERIFY(!r.hasHeader("via"));
    }
};

QTEST_GUILESS_MAIN(TestUpstreamProxies)
#include "tst_upstreamproxies.moc"
