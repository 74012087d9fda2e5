// The settings admin API end to end on the real proxy with a scratch database:
// /api/config GET (masked) / PUT (validated, all-or-nothing, live, saved) / reset,
// /api/config/keys add and delete, /api/keys paging, /api/keys/all, /api/scheduler.

#include "ProxyHarness.h"
#include "TestDatabases.h"

#include "ProxyService.h"
#include "keys/KeyHealthCheck.h"
#include "keys/KeyPool.h"
#include "store/QueryRunner.h"
#include "store/SettingsStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kAdminToken = "admin-token-for-config-tests";
const QByteArray kBody = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
const QString kNewKey = u"AIzaSyNEWKEY_abcdefghijklmnopqrstuvwxyz"_s;  // AIza + 35

HttpHeaders admin()
{
    return {{"Authorization", "Bearer " + kAdminToken}};
}

QStringList savedNames(ProxyHarness &h)
{
    return h.queries()
        ->run([](Database &db) -> QVariant {
            QStringList names = settingsstore::loadAll(db).value().keys();
            names.sort();
            return names;
        })
        .toStringList();
}

QString savedValue(ProxyHarness &h, const QString &name)
{
    return h.queries()->run([name](Database &db) -> QVariant { return settingsstore::loadAll(db).value().value(name); }).toString();
}
} // namespace

class TestAdminConfig : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ScratchDatabase> m_db;
    std::unique_ptr<ProxyHarness> harness(const QStringList &keys = {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s})
    {
        m_db = GB_SCRATCH_DATABASE(u"sqlite"_s);
        auto h = std::make_unique<ProxyHarness>([](SettingsValues &s) { s.authToken = QString::fromLatin1(kAdminToken); },
                                                keys, nullptr, &m_db->config());
        return h;
    }

private slots:
    void cleanup() { m_db.reset(); }

    void adminRoutesNeedTheAdminToken()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        QCOMPARE(h->get(u"/api/config"_s).status, 401);  // a client token is not enough
        QCOMPARE(h->get(u"/api/config"_s, {{"Authorization", "Bearer wrong"}}).status, 401);
        QCOMPARE(h->get(u"/api/keys/all"_s, {{"x-goog-api-key", ""}}).status, 401);
        QCOMPARE(h->get(u"/api/config"_s, admin()).status, 200);
        QCOMPARE(h->get(u"/api/config?key="_s + QString::fromLatin1(kAdminToken), {{"x-goog-api-key", ""}}).status, 200);
    }

    void getMasksSecrets()
    {
        auto h = harness({u"AIzaSyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s, u"AIzaSyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"_s});
        QVERIFY(h->isReady());
        QVERIFY(h->apply({{u"PAID_KEY"_s, u"paid-key-0123456789abcdef"_s},
                          {u"PROXIES"_s, QStringList{u"http://user:proxy-password-123@127.0.0.1:9"_s}}}));
        const ClientReply reply = h->get(u"/api/config"_s, admin());
        QCOMPARE(reply.status, 200);
        for (const QByteArray &secret : {QByteArray("AIzaSyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), QByteArray("AIzaSyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"),
                                        kAdminToken, QByteArray("client-token-for-tests"), QByteArray("paid-key-0123456789abcdef"),
                                        QByteArray("proxy-password-123")})
            QVERIFY2(!reply.body.contains(secret), secret.left(8).constData());
        const QJsonObject config = reply.json();
        QCOMPARE(config.value(u"API_KEYS"_s).toArray().size(), 2);
        QCOMPARE(config.value(u"MAX_RETRIES"_s), QJsonValue(3));
        QCOMPARE(config.value(u"SHOW_SEARCH_LINK"_s), QJsonValue(true));

        const ClientReply schema = h->get(u"/api/config/schema"_s, admin());
        QCOMPARE(schema.status, 200);
        QCOMPARE(schema.json().value(u"PAID_KEY"_s)[u"source"_s].toString(), u"saved"_s);
        QCOMPARE(schema.json().value(u"PAID_KEY"_s)[u"secret"_s].toBool(), true);
        QCOMPARE(schema.json().value(u"TEST_MODEL"_s)[u"source"_s].toString(), u"default"_s);
    }

    void putAppliesLiveAndSaves()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        // Every key fails with 500: MAX_RETRIES decides how many attempts are made.
        for (const QString &k : {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s})
            h->fake().setKeyServerError(k, 500);
        QVERIFY(h->post(u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kBody).status >= 500);
        QCOMPARE(h->fake().requestsTotal(), 3);

        const ClientReply put = h->send("PUT", u"/api/config"_s, "{\"MAX_RETRIES\": 1, \"TEST_MODEL\": \"gemini-x\"}", admin(), 10000);
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json().value(u"MAX_RETRIES"_s), QJsonValue(1));
        QCOMPARE(h->settings().snapshot()->maxRetries, 1);
        QCOMPARE(h->settings().source(u"MAX_RETRIES"_s), SettingSource::Saved);
        h->fake().clearRecords();
        const int before = h->fake().requestsTotal();
        QVERIFY(h->post(u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kBody).status >= 500);
        QCOMPARE(h->fake().requestsTotal() - before, 1);  // live: one attempt now
        QTRY_COMPARE_WITH_TIMEOUT(savedValue(*h, u"MAX_RETRIES"_s), u"1"_s, 5000);
        QCOMPARE(savedValue(*h, u"TEST_MODEL"_s), u"gemini-x"_s);
    }

    void putIsAllOrNothing()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const ClientReply bad = h->send("PUT", u"/api/config"_s,
                                        "{\"MAX_RETRIES\": 2, \"TIME_OUT\": \"soon\", \"NOPE\": 1}", admin(), 10000);
        QCOMPARE(bad.status, 400);
        const QString detail = bad.json().value(u"detail"_s).toString();
        QVERIFY2(detail.contains(u"TIME_OUT"_s) && detail.contains(u"NOPE"_s), qPrintable(detail));
        QCOMPARE(h->settings().snapshot()->maxRetries, 3);
        QCOMPARE(h->send("PUT", u"/api/config"_s, "[1,2]", admin(), 10000).status, 400);
        QCOMPARE(h->send("PUT", u"/api/config"_s, "{\"DATABASE_TYPE\": \"mysql\"}", admin(), 10000).status, 400);
        QTest::qWait(50);
        QCOMPARE(savedNames(*h), QStringList());

        // The whole masked config sent back with one change keeps every secret.
        QJsonObject all = h->get(u"/api/config"_s, admin()).json();
        all.insert(u"MAX_FAILURES"_s, 7);
        const ClientReply echo = h->send("PUT", u"/api/config"_s, QJsonDocument(all).toJson(), admin(), 10000);
        QCOMPARE(echo.status, 200);
        QCOMPARE(h->settings().snapshot()->maxFailures, 7);
        QCOMPARE(h->settings().snapshot()->apiKeys, (QStringList{u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s}));
        QCOMPARE(h->settings().snapshot()->authToken, QString::fromLatin1(kAdminToken));
        QTRY_COMPARE_WITH_TIMEOUT(savedNames(*h), QStringList{u"MAX_FAILURES"_s}, 5000);
    }

    void resetForgetsSavedValues()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        SettingsValues base = *h->settings().snapshot();
        base.authToken.clear();  // no AUTH_TOKEN in .env/environment: the current one stays
        h->proxy().setSettingsReload([base] {
            LoadedSettings loaded;
            loaded.values = base;
            return loaded;
        });
        QCOMPARE(h->send("PUT", u"/api/config"_s, "{\"MAX_RETRIES\": 6, \"AUTH_TOKEN\": \"" + kAdminToken + "-2\"}", admin(), 10000).status, 200);
        const HttpHeaders admin2{{"Authorization", "Bearer " + kAdminToken + "-2"}};
        QCOMPARE(h->get(u"/api/config"_s, admin()).status, 401);  // the old token is out
        QTRY_COMPARE_WITH_TIMEOUT(savedNames(*h), (QStringList{u"AUTH_TOKEN"_s, u"MAX_RETRIES"_s}), 5000);

        const ClientReply reset = h->post(u"/api/config/reset"_s, {}, admin2);
        QCOMPARE(reset.status, 200);
        QCOMPARE(reset.json().value(u"MAX_RETRIES"_s), QJsonValue(3));
        QCOMPARE(h->settings().snapshot()->maxRetries, 3);
        QCOMPARE(h->settings().source(u"MAX_RETRIES"_s), SettingSource::Default);
        QCOMPARE(savedNames(*h), QStringList{u"AUTH_TOKEN"_s});
        QCOMPARE(h->get(u"/api/config"_s, admin2).status, 200);
    }

    void keysAddAndDelete()
    {
        auto h = harness({u"AIzaKeyA"_s, u"AIzaKeyB"_s});
        QVERIFY(h->isReady());
        const QByteArray text = "{\"text\": \"new: " + kNewKey.toLatin1() + ", again " + kNewKey.toLatin1()
                                + " and old AIzaKeyA, junk AIzaShort\"}";
        const ClientReply added = h->post(u"/api/config/keys/add"_s, text, admin());
        QCOMPARE(added.status, 200);
        QCOMPARE(added.json().value(u"added_count"_s).toInt(), 1);
        QCOMPARE(added.json().value(u"duplicate_count"_s).toInt(), 1);
        QVERIFY(!added.body.contains(kNewKey.toLatin1()));  // the answer shows the key masked
        QCOMPARE(h->proxy().keys()->keys(), (QStringList{u"AIzaKeyA"_s, u"AIzaKeyB"_s, kNewKey}));

        const ClientReply listed = h->post(u"/api/config/keys/add"_s, "{\"keys\": [\"AIzaKeyB\", \"not-a-key\"]}", admin());
        QCOMPARE(listed.json().value(u"invalid_count"_s).toInt(), 2);  // neither is shaped like a Gemini key
        QCOMPARE(listed.json().value(u"added_count"_s).toInt(), 0);

        // Delete one, then a selection: the proxy uses only the new key afterwards.
        QCOMPARE(h->send("DELETE", u"/api/config/keys/AIzaKeyA"_s, {}, admin(), 10000).status, 200);
        QCOMPARE(h->send("DELETE", u"/api/config/keys/AIzaKeyA"_s, {}, admin(), 10000).status, 404);
        const ClientReply selected =
            h->post(u"/api/config/keys/delete-selected"_s, "{\"keys\": [\"AIzaKeyB\", \"AIzaNope\"]}", admin());
        QCOMPARE(selected.status, 200);
        QCOMPARE(selected.json().value(u"deleted_count"_s).toInt(), 1);
        QCOMPARE(selected.json().value(u"not_found_keys"_s).toArray(), QJsonArray{u"AIzaNope"_s});
        QCOMPARE(selected.json().value(u"success"_s).toBool(), true);
        QCOMPARE(h->proxy().keys()->keys(), QStringList{kNewKey});
        h->fake().clearRecords();
        QCOMPARE(h->post(u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kBody).status, 200);
        QCOMPARE(h->fake().requests().value(0).key, kNewKey);
        QTRY_COMPARE_WITH_TIMEOUT(savedValue(*h, u"API_KEYS"_s), u"[\""_s + kNewKey + u"\"]"_s, 5000);
    }

    void keyListsPageSearchAndFilter()
    {
        QStringList keys;
        for (int i = 0; i < 12; ++i)
            keys << u"AIzaKey%1"_s.arg(i, 2, 10, QChar(u'0'));
        auto h = harness(keys);
        QVERIFY(h->isReady());
        KeyPool *pool = h->proxy().keys();
        pool->recordFailure(u"AIzaKey03"_s, 2, u"boom"_s);
        pool->disable(u"AIzaKey05"_s, DisableReason::Manual, u"by hand"_s);
        pool->disable(u"AIzaKey11"_s, DisableReason::Manual, u"by hand"_s);

        const QJsonObject page2 = h->get(u"/api/keys?page=2&limit=5"_s, admin()).json();
        QCOMPARE(page2.value(u"total_items"_s).toInt(), 12);
        QCOMPARE(page2.value(u"total_pages"_s).toInt(), 3);
        QCOMPARE(page2.value(u"current_page"_s).toInt(), 2);
        QCOMPARE(page2.value(u"keys"_s).toObject().keys(),
                 (QStringList{u"AIzaKey05"_s, u"AIzaKey06"_s, u"AIzaKey07"_s, u"AIzaKey08"_s, u"AIzaKey09"_s}));

        const QJsonObject invalid = h->get(u"/api/keys?status=invalid"_s, admin()).json();
        QCOMPARE(invalid.value(u"keys"_s).toObject().keys(), (QStringList{u"AIzaKey05"_s, u"AIzaKey11"_s}));
        const QJsonObject search = h->get(u"/api/keys?search=key1&status=valid"_s, admin()).json();
        QCOMPARE(search.value(u"keys"_s).toObject().keys(), QStringList{u"AIzaKey10"_s});
        const QJsonObject failing = h->get(u"/api/keys?fail_count_threshold=1"_s, admin()).json();
        QCOMPARE(failing.value(u"keys"_s).toObject(), (QJsonObject{{u"AIzaKey03"_s, 2}}));
        QCOMPARE(h->get(u"/api/keys?page=0"_s, admin()).status, 400);
        QCOMPARE(h->get(u"/api/keys?status=sleepy"_s, admin()).status, 400);

        const QJsonObject all = h->get(u"/api/keys/all"_s, admin()).json();
        QCOMPARE(all.value(u"total_count"_s).toInt(), 12);
        QCOMPARE(all.value(u"invalid_keys"_s).toArray(), (QJsonArray{u"AIzaKey05"_s, u"AIzaKey11"_s}));
        QCOMPARE(all.value(u"valid_keys"_s).toArray().size(), 10);
    }

    void schedulerStopAndStart()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        KeyHealthCheck *check = h->proxy().healthCheck();
        QVERIFY(check->isScheduled());
        const ClientReply stop = h->post(u"/api/scheduler/stop"_s, {}, admin());
        QCOMPARE(stop.status, 200);
        QCOMPARE(stop.json().value(u"status"_s).toString(), u"stopped"_s);
        QVERIFY(check->isPaused());
        QVERIFY(!check->isScheduled());
        // A changed interval does not restart a paused schedule.
        QVERIFY(h->apply({{u"CHECK_INTERVAL_HOURS"_s, 2}}));
        QVERIFY(!check->isScheduled());
        const ClientReply start = h->post(u"/api/scheduler/start"_s, {}, admin());
        QCOMPARE(start.json().value(u"status"_s).toString(), u"started"_s);
        QVERIFY(check->isScheduled());
        QCOMPARE(h->get(u"/api/scheduler/start"_s, admin()).status, 405);
    }
};

QTEST_GUILESS_MAIN(TestAdminConfig)
#include "tst_adminconfig.moc"
