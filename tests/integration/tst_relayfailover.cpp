// Key rotation, retries on another key, MAX_FAILURES, error passthrough and the answers
// when no key can serve: the real proxy against the fake upstream.

#include "ProxyHarness.h"

#include "ProxyService.h"
#include "keys/KeyPool.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kBody = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
const QString kGenerate = u"/v1beta/models/gemini-2.5-flash:generateContent"_s;

QStringList keysSeen(FakeGemini &fake)
{
    QStringList keys;
    for (const RecordedRequest &r : fake.requests())
        keys << r.key;
    return keys;
}
} // namespace

class TestRelayFailover : public QObject
{
    Q_OBJECT
private slots:
    void roundRobinOrder()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        for (int i = 0; i < 6; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QCOMPARE(keysSeen(h.fake()), QStringList({u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s, u"AIzaKeyA"_s,
                                                   u"AIzaKeyB"_s, u"AIzaKeyC"_s}));
    }

    void invalidKeyIsRetriedOnAnotherKey()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setKeyInvalid(u"AIzaKeyA"_s);
        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 200);
        QCOMPARE(keysSeen(h.fake()), QStringList({u"AIzaKeyA"_s, u"AIzaKeyB"_s}));
        QCOMPARE(r.body, h.fake().lastResponse().body);
    }

    void maxFailuresSkipsTheKey()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxFailures = 2; });
        QVERIFY(h.isReady());
        h.fake().setKeyInvalid(u"AIzaKeyB"_s);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        // B failed twice (counted), then was never used again.
        QCOMPARE(h.fake().requestCountForKey(u"AIzaKeyB"_s), 2);
        QVERIFY(h.proxy().keys()->state(u"AIzaKeyB"_s).isDisabled());
        QCOMPARE(h.proxy().keys()->enabledCount(), 2);
        const QStringList seen = keysSeen(h.fake());
        QCOMPARE(seen.mid(seen.size() - 4), QStringList({u"AIzaKeyA"_s, u"AIzaKeyC"_s, u"AIzaKeyA"_s, u"AIzaKeyC"_s}));
    }

    void everyAttemptFailsWithTheUpstreamStatus()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 2; });
        QVERIFY(h.isReady());
        for (const QString &k : {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s})
            h.fake().setKeyRateLimited(k, QuotaWindow::PerMinute, {}, 37);
        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 429);  // not a 500
        QCOMPARE(h.fake().requestsTotal(), 2);  // MAX_RETRIES attempts in all
        const QJsonObject error = r.json().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"status"_s).toString(), u"RESOURCE_EXHAUSTED"_s);
        QCOMPARE(r.body, h.fake().lastResponse().body);  // Google's own body
        QCOMPARE(r.header("Retry-After"), QByteArray("1"));  // the third key is still ready

        // The third key is rate limited too; then no key is left for this model: the
        // upstream's 429 comes back with a Retry-After for the soonest key (37 s RetryInfo).
        const ClientReply second = h.post(kGenerate, kBody);
        QCOMPARE(second.status, 429);
        QCOMPARE(h.fake().requestsTotal(), 3);
        const int retryAfter = second.header("Retry-After").toInt();
        QVERIFY2(retryAfter > 30 && retryAfter <= 38, second.header("Retry-After").constData());

        // Now every key rests for this model: a fast 429 without an upstream call...
        const ClientReply resting = h.post(kGenerate, kBody);
        QCOMPARE(resting.status, 429);
        QCOMPARE(h.fake().requestsTotal(), 3);
        QVERIFY(resting.header("Retry-After").toInt() > 30);
        QCOMPARE(resting.json().value(u"error"_s).toObject().value(u"status"_s).toString(), u"RESOURCE_EXHAUSTED"_s);
        // ...while other models still use the keys, and no key was disabled.
        QCOMPARE(h.post(u"/v1beta/models/gemini-2.5-pro:generateContent"_s, kBody).status, 429);
        QCOMPARE(h.fake().requestsTotal(), 5);
        QCOMPARE(h.proxy().keys()->enabledCount(), 3);
    }

    void clientErrorsAreReturnedAtOnceAndNeverCount()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxFailures = 1; });
        QVERIFY(h.isReady());
        // Refused by the upstream as a bad request (the proxy only checks that it is JSON).
        Fault badRequest;
        badRequest.kind = Fault::Kind::Raw;
        badRequest.rawStatus = 400;
        badRequest.rawBody = fake::invalidArgumentError(u"* GenerateContentRequest.contents: contents is not specified"_s)
                                 .toPretty();
        h.fake().addFault(badRequest);
        const ClientReply bad = h.post(kGenerate, kBody);
        QCOMPARE(bad.status, 400);
        QCOMPARE(h.fake().requestsTotal(), 1);
        QCOMPARE(bad.body, h.fake().lastResponse().body);
        // Unknown model: 404 passed through, not retried.
        const ClientReply unknown = h.post(u"/v1beta/models/gemini-9-ultra:generateContent"_s, kBody);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.json().value(u"error"_s).toObject().value(u"status"_s).toString(), u"NOT_FOUND"_s);
        QCOMPARE(h.fake().requestsTotal(), 2);
        QCOMPARE(h.proxy().keys()->enabledCount(), 3);
    }

    void serverFaultsRetryWithoutCounting()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxFailures = 1; });
        QVERIFY(h.isReady());
        h.fake().failNext(503);
        h.fake().failNext(500);
        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 200);
        QCOMPARE(h.fake().requestsTotal(), 3);
        QCOMPARE(keysSeen(h.fake()), QStringList({u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s}));
        QCOMPARE(h.proxy().keys()->enabledCount(), 3);
    }

    void suspendedKeyIsRedactedInTheErrorBody()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 1; }, {u"AIzaSyB-suspended-key-0123456789abcdefg"_s});
        QVERIFY(h.isReady());
        h.fake().setKeySuspended(u"AIzaSyB-suspended-key-0123456789abcdefg"_s);
        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 403);
        QVERIFY(h.fake().lastResponse().body.contains("AIzaSyB-suspended-key-0123456789abcdefg"));
        QVERIFY(!r.body.contains("suspended-key-0123456789"));
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"status"_s).toString(), u"PERMISSION_DENIED"_s);
    }

    void noKeysConfigured()
    {
        ProxyHarness h({}, {});
        QVERIFY(h.isReady());
        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 503);
        QVERIFY(r.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"No API keys"_s));
        QCOMPARE(h.get(u"/v1beta/models"_s).status, 503);
        QCOMPARE(h.get(u"/health"_s).status, 200);
        QCOMPARE(h.fake().requestsTotal(), 0);
    }

    void keysChangeLiveAndKeepTheirState()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxFailures = 1; }, {u"AIzaKeyA"_s, u"AIzaKeyB"_s});
        QVERIFY(h.isReady());
        h.fake().setKeyInvalid(u"AIzaKeyA"_s);
        QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QVERIFY(h.proxy().keys()->state(u"AIzaKeyA"_s).isDisabled());
        QVERIFY(h.apply({{u"API_KEYS"_s, u"AIzaKeyA,AIzaKeyB,AIzaKeyD"_s}}));
        QCOMPARE(h.proxy().keys()->size(), 3);
        QVERIFY(h.proxy().keys()->state(u"AIzaKeyA"_s).isDisabled());  // state kept
        h.fake().clearRecords();
        for (int i = 0; i < 4; ++i)
            QCOMPARE(h.post(kGenerate, kBody).status, 200);
        QVERIFY(!keysSeen(h.fake()).contains(u"AIzaKeyA"_s));
        QVERIFY(keysSeen(h.fake()).contains(u"AIzaKeyD"_s));
    }

    void allKeysDisabled()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxFailures = 1; }, {u"AIzaKeyA"_s});
        QVERIFY(h.isReady());
        h.fake().setKeyInvalid(u"AIzaKeyA"_s);
        QCOMPARE(h.post(kGenerate, kBody).status, 400);  // the upstream's API_KEY_INVALID, passed through
        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 503);
        QVERIFY(r.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"disabled"_s));
    }

    void upstreamTimeoutAndResets()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.timeOut = 1;
            s.maxRetries = 3;
        });
        QVERIFY(h.isReady());
        h.fake().stallNext(1);
        h.fake().resetNext(1);
        const ClientReply r = h.post(kGenerate, kBody);  // stall (1 s timeout), reset, then success
        QCOMPARE(r.status, 200);
        QCOMPARE(h.fake().requestsTotal(), 3);

        h.fake().stallNext(3);
        const ClientReply timedOut = h.post(kGenerate, kBody, {}, 15000);
        QCOMPARE(timedOut.status, 504);
        QCOMPARE(timedOut.json().value(u"error"_s).toObject().value(u"status"_s).toString(), u"DEADLINE_EXCEEDED"_s);
        QCOMPARE(h.proxy().keys()->enabledCount(), 3);  // timeouts never disable keys
    }

    void upstreamUnreachable()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.baseUrl = u"http://127.0.0.1:1/v1beta"_s;  // nothing listens on port 1
            s.maxRetries = 2;
        });
        QVERIFY(h.isReady());
        const ClientReply r = h.post(kGenerate, kBody);
        QCOMPARE(r.status, 502);
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), 502);
    }
};

QTEST_GUILESS_MAIN(TestRelayFailover)
#include "tst_relayfailover.moc"
