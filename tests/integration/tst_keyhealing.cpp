// The self-healing key pool end to end: per key x model cooldowns, the all-resting 429,
// mixed keys under load, the key checks and the health check, the admin key routes.

#include "ProxyHarness.h"

#include "ProxyService.h"
#include "common/Clock.h"
#include "keys/KeyHealthCheck.h"
#include "keys/KeyPool.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kBody = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
QString generate(const QString &model)
{
    return u"/v1beta/models/%1:generateContent"_s.arg(model);
}
const QByteArray kAdminToken = "admin-token-for-tests";
HttpHeaders admin()
{
    return {{"Authorization", "Bearer " + kAdminToken}};
}
} // namespace

class TestKeyHealing : public QObject
{
    Q_OBJECT
private slots:
    void rateLimitRestsTheKeyForThatModelOnly()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        ProxyHarness h({}, {u"AIzaKeyA"_s, u"AIzaKeyB"_s}, &clock);
        QVERIFY(h.isReady());
        h.fake().setKeyRateLimited(u"AIzaKeyA"_s, QuotaWindow::PerMinute, u"gemini-2.5-pro"_s, 20);

        QCOMPARE(h.post(generate(u"gemini-2.5-pro"_s), kBody).status, 200);  // A: 429, then B
        const KeyState a = h.proxy().keys()->state(u"AIzaKeyA"_s);
        QVERIFY(a.isCooling(u"gemini-2.5-pro"_s, clock.nowMs()));
        QVERIFY(!a.isDisabled());
        QCOMPARE(a.cooldowns.value(u"gemini-2.5-pro"_s).untilMs, clock.nowMs() + 20'000);

        // A keeps serving other models; for the resting model only B is used.
        h.fake().clearRecords();
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(h.post(generate(u"gemini-2.5-flash"_s), kBody).status, 200);
            QCOMPARE(h.post(generate(u"gemini-2.5-pro"_s), kBody).status, 200);
        }
        int aOnFlash = 0;
        for (const RecordedRequest &r : h.fake().requests()) {
            if (r.model == u"gemini-2.5-pro"_s)
                QCOMPARE(r.key, u"AIzaKeyB"_s);
            else
                aOnFlash += r.key == u"AIzaKeyA"_s;
        }
        QVERIFY(aOnFlash > 0);

        // When the rest is over, A serves the model again by itself.
        h.fake().clearKeyBehavior(u"AIzaKeyA"_s);
        clock.advanceMs(20'001);
        h.fake().clearRecords();
        for (int i = 0; i < 2; ++i)
            QCOMPARE(h.post(generate(u"gemini-2.5-pro"_s), kBody).status, 200);
        const QList<RecordedRequest> after = h.fake().requests();
        QCOMPARE(std::count_if(after.cbegin(), after.cend(), [](const RecordedRequest &r) { return r.key == u"AIzaKeyA"_s; }),
                 1);
    }

    void everyKeyRestingGivesA429WithRetryAfter()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 5; }, {u"AIzaKeyA"_s, u"AIzaKeyB"_s}, &clock);
        QVERIFY(h.isReady());
        h.fake().setKeyRateLimited(u"AIzaKeyA"_s, QuotaWindow::PerMinute, {}, 30);
        h.fake().setKeyRateLimited(u"AIzaKeyB"_s, QuotaWindow::PerMinute, {}, 12);
        const ClientReply first = h.post(generate(u"gemini-2.5-flash"_s), kBody);
        QCOMPARE(first.status, 429);
        QCOMPARE(first.header("Retry-After"), QByteArray("12"));  // the soonest key
        QCOMPARE(h.fake().requestsTotal(), 2);

        clock.advanceMs(5'000);
        const ClientReply resting = h.post(generate(u"gemini-2.5-flash"_s), kBody);
        QCOMPARE(resting.status, 429);
        QCOMPARE(resting.header("Retry-After"), QByteArray("7"));
        QCOMPARE(h.fake().requestsTotal(), 2);  // answered at once, no upstream call
    }

    void dailyQuotaRestsUntilMidnightPacific()
    {
        ManualClock clock(QDateTime(QDate(2026, 6, 10), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        ProxyHarness h({}, {u"AIzaKeyA"_s, u"AIzaKeyB"_s}, &clock);
        QVERIFY(h.isReady());
        h.fake().setKeyRateLimited(u"AIzaKeyA"_s, QuotaWindow::PerDay);
        QCOMPARE(h.post(generate(u"gemini-2.5-flash"_s), kBody).status, 200);
        const Cooldown c = h.proxy().keys()->state(u"AIzaKeyA"_s).cooldowns.value(u"gemini-2.5-flash"_s);
        QVERIFY(c.perDay);
        // 2026-06-10 12:00 UTC is 05:00 PDT: the quota resets at 2026-06-11 00:00 PDT = 07:00 UTC.
        QCOMPARE(c.untilMs, QDateTime(QDate(2026, 6, 11), QTime(7, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    }

    void mixedKeysUnderLoad()
    {
        const QStringList good{u"AIzaGood1"_s, u"AIzaGood2"_s, u"AIzaGood3"_s, u"AIzaGood4"_s};
        const QStringList invalid{u"AIzaBad1"_s, u"AIzaBad2"_s};
        const QStringList limited{u"AIzaLimited1"_s, u"AIzaLimited2"_s};
        const QStringList flaky{u"AIzaFlaky1"_s, u"AIzaFlaky2"_s};
        ProxyHarness h([](SettingsValues &s) {
            s.maxRetries = 10;
            s.maxFailures = 3;
        }, good + invalid + limited + flaky);
        QVERIFY(h.isReady());
        for (const QString &k : invalid)
            h.fake().setKeyInvalid(k);
        for (const QString &k : limited)
            h.fake().setKeyRateLimited(k, QuotaWindow::PerMinute, {}, 60);
        for (const QString &k : flaky) {
            Fault f;
            f.kind = Fault::Kind::HttpError;
            f.status = 503;
            f.key = k;
            f.count = 6;  // fails its first six calls, then works
            h.fake().addFault(f);
        }
        h.fake().setReplyDelay(5);

        // 200 calls at once: 180 good requests and 20 client mistakes (an unknown model).
        QList<QNetworkAccessManager *> clients;
        for (int i = 0; i < 20; ++i)
            clients.append(new QNetworkAccessManager(this));
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 200; ++i) {
            const bool mistake = i % 10 == 9;
            QNetworkRequest request(h.url(generate(mistake ? u"no-such-model"_s : u"gemini-2.5-flash"_s)));
            request.setRawHeader("x-goog-api-key", ProxyHarness::kClientToken.toUtf8());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            replies.append(clients.at(i % clients.size())->post(request, kBody));
        }
        QVERIFY(QTest::qWaitFor([&] {
            return std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); });
        }, 60000));
        int ok = 0, notFound = 0;
        for (int i = 0; i < 200; ++i) {
            const int status = replies[i]->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (i % 10 == 9)
                notFound += status == 404;
            else
                ok += status == 200;
        }
        QCOMPARE(ok, 180);       // every request that could succeed did
        QCOMPARE(notFound, 20);  // client mistakes came back as they are

        KeyPool *pool = h.proxy().keys();
        for (const QString &k : good + flaky) {
            QVERIFY2(!pool->state(k).isDisabled(), qPrintable(k));  // no good key ends disabled
        }
        for (const QString &k : good)
            QCOMPARE(pool->state(k).failures, 0);
        for (const QString &k : invalid)
            QCOMPARE(pool->state(k).disabled, DisableReason::MaxFailures);
        for (const QString &k : limited) {
            QVERIFY(!pool->state(k).isDisabled());
            QVERIFY(pool->state(k).isCooling(u"gemini-2.5-flash"_s, QDateTime::currentMSecsSinceEpoch()));
        }
        // From now on the bad and the resting keys are left alone.
        h.fake().clearRecords();
        for (int i = 0; i < 20; ++i)
            QCOMPARE(h.post(generate(u"gemini-2.5-flash"_s), kBody).status, 200);
        for (const RecordedRequest &r : h.fake().requests())
            QVERIFY2((good + flaky).contains(r.key), qPrintable(r.key));
        QCOMPARE(h.fake().requests().size(), 20);  // and nothing needed a retry
        qDeleteAll(clients);
    }

    void adminRoutesNeedTheAdminToken()
    {
        ProxyHarness h([](SettingsValues &s) { s.authToken = QString::fromUtf8(kAdminToken); });
        QVERIFY(h.isReady());
        const QString path = u"/gemini/v1beta/reset-all-fail-counts"_s;
        QCOMPARE(h.post(path, {}, {{"x-goog-api-key", ""}}).status, 401);
        QCOMPARE(h.post(path, {}).status, 401);  // a client token is not enough
        QCOMPARE(h.post(path, {}, admin()).status, 200);
        // gemini-balance's raw-token cookie is no credential: browsers log in for a session id.
        QCOMPARE(h.post(path, {}, {{"Cookie", "theme=dark; auth_token=" + kAdminToken}, {"x-goog-api-key", ""}}).status, 401);
        QCOMPARE(h.get(u"/v1/keys/list"_s, {{"Authorization", "Bearer client-token-for-tests"}}).status, 401);

        ProxyHarness closed;  // no AUTH_TOKEN: the admin routes are off
        QVERIFY(closed.isReady());
        QCOMPARE(closed.post(path, {}, admin()).status, 403);
        QCOMPARE(closed.post(u"/gemini/v1beta/verify-key/AIzaKeyA"_s, {}).status, 403);
    }

    void verifyAndResetRoutes()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.authToken = QString::fromUtf8(kAdminToken);
            s.maxFailures = 1;
        }, {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s});
        QVERIFY(h.isReady());
        h.fake().setKeyInvalid(u"AIzaKeyB"_s);
        KeyPool *pool = h.proxy().keys();

        const ClientReply valid = h.post(u"/gemini/v1beta/verify-key/AIzaKeyA"_s, {}, admin());
        QCOMPARE(valid.status, 200);
        QCOMPARE(valid.json(), QJsonObject({{u"status"_s, u"valid"_s}}));
        QCOMPARE(h.fake().lastRequest().key, u"AIzaKeyA"_s);
        QCOMPARE(h.fake().lastRequest().model, h.settings().snapshot()->testModel);

        const ClientReply bad = h.post(u"/gemini/v1beta/verify-key/AIzaKeyB"_s, {}, admin());
        QCOMPARE(bad.json().value(u"status"_s).toString(), u"invalid"_s);
        QVERIFY(bad.json().value(u"error"_s).toString().contains(u"API key not valid"_s));
        QVERIFY(pool->state(u"AIzaKeyB"_s).isDisabled());  // MAX_FAILURES 1

        const ClientReply selected = h.post(u"/gemini/v1beta/verify-selected-keys"_s,
                                            R"({"keys":["AIzaKeyA","AIzaKeyB","AIzaKeyC"]})", admin());
        QCOMPARE(selected.status, 200);
        const QJsonObject s = selected.json();
        QCOMPARE(s.value(u"valid_count"_s).toInt(), 2);
        QCOMPARE(s.value(u"invalid_count"_s).toInt(), 1);
        QCOMPARE(s.value(u"successful_keys"_s).toArray(), QJsonArray({u"AIzaKeyA"_s, u"AIzaKeyC"_s}));
        QCOMPARE(s.value(u"failed_keys"_s).toObject().value(u"AIzaKeyB"_s).toObject().value(u"error_code"_s).toInt(), 400);
        QCOMPARE(s.value(u"failed_groups"_s).toArray().size(), 1);

        const ClientReply list = h.get(u"/hf/v1/keys/list"_s, admin());
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(u"data"_s).toObject().value(u"invalid_keys"_s).toObject().keys(),
                 QStringList({u"AIzaKeyB"_s}));
        QCOMPARE(list.json().value(u"total"_s).toInt(), 3);

        // The key works again upstream; a reset brings it back.
        h.fake().clearKeyBehavior(u"AIzaKeyB"_s);
        const ClientReply reset = h.post(u"/gemini/v1beta/reset-fail-count/AIzaKeyB"_s, {}, admin());
        QCOMPARE(reset.json().value(u"success"_s).toBool(), true);
        QVERIFY(!pool->state(u"AIzaKeyB"_s).isDisabled());
        QCOMPARE(h.post(u"/gemini/v1beta/reset-fail-count/AIzaUnknown"_s, {}, admin()).status, 404);

        const ClientReply partial = h.post(u"/gemini/v1beta/reset-selected-fail-counts"_s,
                                           R"({"keys":["AIzaKeyA","AIzaNope"],"key_type":"valid"})", admin());
        QCOMPARE(partial.status, 207);
        QCOMPARE(partial.json().value(u"reset_count"_s).toInt(), 1);
        QCOMPARE(h.post(u"/gemini/v1beta/reset-all-fail-counts?key_type=invalid"_s, {}, admin()).status, 200);
        QCOMPARE(h.post(u"/gemini/v1beta/reset-all-fail-counts?key_type=odd"_s, {}, admin()).status, 400);
    }

    void enableAndDisableByHand()
    {
        ProxyHarness h([](SettingsValues &s) { s.authToken = QString::fromUtf8(kAdminToken); },
                       {u"AIzaKeyA"_s, u"AIzaKeyB"_s});
        QVERIFY(h.isReady());
        QCOMPARE(h.post(u"/gemini/v1beta/disable-key/AIzaKeyA"_s, {}, admin()).status, 200);
        QCOMPARE(h.proxy().keys()->state(u"AIzaKeyA"_s).disabled, DisableReason::Manual);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(h.post(generate(u"gemini-2.5-flash"_s), kBody).status, 200);
        for (const RecordedRequest &r : h.fake().requests())
            QCOMPARE(r.key, u"AIzaKeyB"_s);
        QCOMPARE(h.post(u"/gemini/v1beta/reset-all-fail-counts"_s, {}, admin()).status, 200);
        QCOMPARE(h.proxy().keys()->state(u"AIzaKeyA"_s).disabled, DisableReason::Manual);  // a reset keeps it off
        QCOMPARE(h.post(u"/gemini/v1beta/enable-key/AIzaKeyA"_s, {}, admin()).status, 200);
        QVERIFY(!h.proxy().keys()->state(u"AIzaKeyA"_s).isDisabled());
        QCOMPARE(h.post(u"/gemini/v1beta/enable-key/AIzaNope"_s, {}, admin()).status, 404);
        QCOMPARE(h.post(u"/gemini/v1beta/disable-key/AIzaKeyB"_s, {}).status, 401);
    }

    void healthCheckBringsBackKeysThatAnswer()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.maxFailures = 1;
            s.maxRetries = 4;
            s.checkIntervalHours = 0;
        }, {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s, u"AIzaKeyD"_s});
        QVERIFY(h.isReady());
        KeyPool *pool = h.proxy().keys();
        for (const QString &k : {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s})
            h.fake().setKeyInvalid(k);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(h.post(generate(u"gemini-2.5-flash"_s), kBody).status, 200);
        QCOMPARE(pool->enabledCount(), 1);
        pool->disable(u"AIzaKeyC"_s, DisableReason::Manual, {});  // an admin's choice stays

        // A and C are fixed upstream; B is still bad.
        h.fake().clearKeyBehavior(u"AIzaKeyA"_s);
        h.fake().clearKeyBehavior(u"AIzaKeyC"_s);
        h.fake().clearRecords();
        QSignalSpy done(h.proxy().healthCheck(), &KeyHealthCheck::finished);
        QVERIFY(h.proxy().healthCheck()->runNow());
        QVERIFY(done.wait(10000));
        QCOMPARE(done.at(0).at(0).toInt(), 2);  // A and B were checked, not C
        QCOMPARE(done.at(0).at(1).toInt(), 1);
        QVERIFY(!pool->state(u"AIzaKeyA"_s).isDisabled());
        QVERIFY(pool->state(u"AIzaKeyB"_s).isDisabled());
        QCOMPARE(pool->state(u"AIzaKeyC"_s).disabled, DisableReason::Manual);
        for (const RecordedRequest &r : h.fake().requests())
            QVERIFY(r.key != u"AIzaKeyC"_s);  // never re-tested
    }

    void checksAreBoundedInConcurrency()
    {
        QStringList keys;
        for (int i = 0; i < 12; ++i)
            keys << u"AIzaKey%1"_s.arg(i);
        ProxyHarness h([](SettingsValues &s) {
            s.authToken = QString::fromUtf8(kAdminToken);
            s.keyCheckConcurrency = 3;
        }, keys);
        QVERIFY(h.isReady());
        h.fake().setReplyDelay(100);
        int maxInFlight = 0;
        connect(&h.fake(), &FakeGemini::requestReceived, this,
                [&] { maxInFlight = qMax(maxInFlight, h.fake().inFlight()); });
        const ClientReply r = h.post(u"/gemini/v1beta/verify-all-keys"_s, {}, admin(), 20000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"valid_count"_s).toInt(), 12);
        QVERIFY2(maxInFlight <= 3, qPrintable(QString::number(maxInFlight)));
        QVERIFY(maxInFlight >= 2);
    }
};

QTEST_GUILESS_MAIN(TestKeyHealing)
#include "tst_keyhealing.moc"
