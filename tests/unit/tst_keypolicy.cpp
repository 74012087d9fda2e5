#include "keys/KeyPolicy.h"

#include <QTest>
#include <QTimeZone>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {
// The real API's error bodies (as the fake upstream and Google send them).
const QByteArray kInvalidKey = R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
  "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",
  "domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}})";
const QByteArray kBadRequest = R"({"error":{"code":400,"message":"Invalid JSON payload received. Unknown name 'foo'",
  "status":"INVALID_ARGUMENT"}})";
const QByteArray kSuspended = R"({"error":{"code":403,"message":"Permission denied: Consumer 'api_key:AIza...' has been suspended.",
  "status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CONSUMER_SUSPENDED"}]}})";
const QByteArray kNoAccess = R"({"error":{"code":403,"message":"Method doesn't allow unregistered callers",
  "status":"PERMISSION_DENIED"}})";
const QByteArray kPerMinute = R"({"error":{"code":429,"message":"You exceeded your current quota","status":"RESOURCE_EXHAUSTED",
  "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":
  "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}})";
const QByteArray kPerMinuteNoDelay = R"({"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}})";
const QByteArray kPerDay = R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[
  {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]},
  {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"20s"}]}})";
const QByteArray kNotFound = R"({"error":{"code":404,"message":"models/x is not found for API version v1beta","status":"NOT_FOUND"}})";
const QByteArray kOverloaded = R"({"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}})";

qint64 utc(int y, int m, int d, int h, int min)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), QTimeZone::utc()).toMSecsSinceEpoch();
}

constexpr qint64 kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
} // namespace

class TestKeyPolicy : public QObject
{
    Q_OBJECT

    static KeyDecision decide(int status, const QByteArray &body, int level = 0, const KeyPolicyConfig &c = {})
    {
        return decideKeyOutcome(classifyHttpFailure(status, body), level, kNow, c);
    }

private slots:
    void clientErrorsNeverTouchTheKey()
    {
        QVERIFY(!decide(400, kBadRequest).touchesKey);
        QVERIFY(!decide(404, kNotFound).touchesKey);
        QVERIFY(!decide(413, "").touchesKey);
    }

    void invalidKeysCount()
    {
        const KeyDecision d = decide(400, kInvalidKey);
        QVERIFY(d.touchesKey);
        QCOMPARE(d.countWeight, 1);
        QCOMPARE(d.disable, DisableReason::None);
        QVERIFY(!d.coolDown);
        QCOMPARE(decide(401, "").countWeight, 1);
        QCOMPARE(decide(403, kNoAccess).countWeight, 1);
    }

    void suspendedIsDisabledAtOnce()
    {
        const KeyDecision d = decide(403, kSuspended);
        QCOMPARE(d.disable, DisableReason::Suspended);
    }

    void perMinuteRateLimitRestsForRetryDelay()
    {
        const KeyDecision d = decide(429, kPerMinute);
        QVERIFY(d.coolDown);
        QVERIFY(!d.perDay);
        QCOMPARE(d.coolUntilMs, kNow + 37'000);
        QCOMPARE(d.countWeight, 0);  // 429 is not in FAILURE_STATUS_CODES by default
    }

    void rateLimitWithoutDelayBacksOffExponentially()
    {
        KeyPolicyConfig c;
        c.cooldownBaseMs = 30'000;
        c.cooldownMaxMs = 200'000;
        QCOMPARE(decide(429, kPerMinuteNoDelay, 0, c).coolUntilMs - kNow, 30'000);
        QCOMPARE(decide(429, kPerMinuteNoDelay, 1, c).coolUntilMs - kNow, 60'000);
        QCOMPARE(decide(429, kPerMinuteNoDelay, 2, c).coolUntilMs - kNow, 120'000);
        QCOMPARE(decide(429, kPerMinuteNoDelay, 3, c).coolUntilMs - kNow, 200'000);  // capped
        QCOMPARE(decide(429, kPerMinuteNoDelay, 60, c).coolUntilMs - kNow, 200'000);  // no overflow
    }

    void dailyQuotaRestsUntilPacificMidnight()
    {
        const KeyDecision d = decide(429, kPerDay);
        QVERIFY(d.perDay);
        // 2026-01-01T00:00Z is 2025-12-31 16:00 PST: the quota resets at 2026-01-01 00:00 PST = 08:00Z.
        QCOMPARE(d.coolUntilMs, utc(2026, 1, 1, 8, 0));
    }

    void pacificMidnightAcrossDaylightSaving()
    {
        // Spring forward: Sunday 2026-03-08 02:00 PST -> 03:00 PDT.
        QCOMPARE(nextPacificMidnightMs(utc(2026, 3, 8, 9, 30)), utc(2026, 3, 9, 7, 0));  // 01:30 PST -> 00:00 PDT
        QCOMPARE(nextPacificMidnightMs(utc(2026, 3, 7, 20, 0)), utc(2026, 3, 8, 8, 0));  // 12:00 PST -> 00:00 PST
        // Fall back: Sunday 2026-11-01 02:00 PDT -> 01:00 PST.
        QCOMPARE(nextPacificMidnightMs(utc(2026, 11, 1, 8, 30)), utc(2026, 11, 2, 8, 0));  // 01:30 PDT -> 00:00 PST
        QCOMPARE(nextPacificMidnightMs(utc(2026, 10, 31, 20, 0)), utc(2026, 11, 1, 7, 0));  // 13:00 PDT -> 00:00 PDT
        // Exactly at midnight: the next one, a day later.
        QCOMPARE(nextPacificMidnightMs(utc(2026, 1, 1, 8, 0)), utc(2026, 1, 2, 8, 0));
    }

    void upstreamFaultsAndTimeouts()
    {
        QCOMPARE(decide(503, kOverloaded).countWeight, 0);
        QCOMPARE(decide(500, "").countWeight, 0);
        KeyPolicyConfig weighted;
        weighted.upstreamFaultWeight = 2;
        QCOMPARE(decide(503, kOverloaded, 0, weighted).countWeight, 2);
        QCOMPARE(decide(504, "", 0, weighted).countWeight, 0);  // a timeout never counts...
        Failure wireTimeout;
        wireTimeout.kind = FailureKind::Timeout;
        QCOMPARE(decideKeyOutcome(wireTimeout, 0, kNow, weighted).countWeight, 0);
        Failure refused;  // a connection failure: counts with the configured weight
        refused.kind = FailureKind::UpstreamFault;
        QCOMPARE(decideKeyOutcome(refused, 0, kNow, weighted).countWeight, 2);
    }

    void countedStatusesAreConfigurable()
    {
        KeyPolicyConfig c;
        c.countedStatuses = {429, 503, 504};  // the user's choice
        QCOMPARE(decide(429, kPerMinute, 0, c).countWeight, 1);
        QVERIFY(decide(429, kPerMinute, 0, c).coolDown);  // and it still rests
        QCOMPARE(decide(503, kOverloaded, 0, c).countWeight, 1);
        QCOMPARE(decide(504, "", 0, c).countWeight, 1);  // listed explicitly
        QCOMPARE(decide(400, kInvalidKey, 0, c).countWeight, 0);  // not listed
        QVERIFY(!decide(400, kBadRequest, 0, c).touchesKey);  // a client error never counts
        QCOMPARE(decide(403, kSuspended, 0, c).disable, DisableReason::Suspended);  // suspension always disables
    }

    void configFromSettings()
    {
        SettingsValues s;
        s.failureStatusCodes = {u"401"_s, u"429"_s};
        s.upstreamFaultFailureWeight = 1;
        s.rateLimitCooldownSeconds = 10;
        s.rateLimitCooldownMaxSeconds = 5;  // below the base: the base wins
        const KeyPolicyConfig c = KeyPolicyConfig::fromSettings(s);
        QCOMPARE(c.countedStatuses, QSet<int>({401, 429}));
        QCOMPARE(c.upstreamFaultWeight, 1);
        QCOMPARE(c.cooldownBaseMs, 10'000);
        QCOMPARE(c.cooldownMaxMs, 10'000);
        QCOMPARE(KeyPolicyConfig::fromSettings(SettingsValues{}).countedStatuses, QSet<int>({400, 401, 403}));
    }
};

QTEST_GUILESS_MAIN(TestKeyPolicy)
#include "tst_keypolicy.moc"
