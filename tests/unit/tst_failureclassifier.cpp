#include "keys/FailureClassifier.h"

#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestFailureClassifier : public QObject
{
    Q_OBJECT
private slots:
    void invalidKey()
    {
        const QByteArray body = R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
            "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
            "reason":"API_KEY_INVALID","domain":"googleapis.com"}]}})";
        const Failure f = classifyHttpFailure(400, body);
        QCOMPARE(f.kind, FailureKind::InvalidKey);
        QCOMPARE(f.reason, u"API_KEY_INVALID"_s);
        QVERIFY(f.isRetryable());
    }

    void badRequestIsTheClients()
    {
        const Failure f = classifyHttpFailure(
            400, R"({"error":{"code":400,"message":"Invalid JSON payload received.","status":"INVALID_ARGUMENT"}})");
        QCOMPARE(f.kind, FailureKind::ClientError);
        QVERIFY(!f.isRetryable());
        QCOMPARE(classifyHttpFailure(404, "{}").kind, FailureKind::ClientError);
        QCOMPARE(classifyHttpFailure(413, "not json").kind, FailureKind::ClientError);
    }

    void suspended()
    {
        const Failure f = classifyHttpFailure(403, R"({"error":{"code":403,"status":"PERMISSION_DENIED","details":[
            {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CONSUMER_SUSPENDED"}]}})");
        QCOMPARE(f.kind, FailureKind::PermissionDenied);
        QCOMPARE(f.reason, u"CONSUMER_SUSPENDED"_s);
    }

    void rateLimitPerMinuteWithRetryDelay()
    {
        const Failure f = classifyHttpFailure(429, R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[
            {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":
              "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}})");
        QCOMPARE(f.kind, FailureKind::RateLimited);
        QVERIFY(!f.perDayQuota);
        QCOMPARE(f.retryDelayMs, 37000);
    }

    void rateLimitPerDay()
    {
        const Failure f = classifyHttpFailure(429, R"({"error":{"code":429,"details":[
            {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":
              "GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]},
            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}})");
        QVERIFY(f.perDayQuota);
        QCOMPARE(f.retryDelayMs, 1500);
    }

    void openAiCompatibleArrayBody()
    {
        const Failure f = classifyHttpFailure(400, R"([{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}])");
        QCOMPARE(f.kind, FailureKind::InvalidKey);
    }

    void serverFaults()
    {
        QCOMPARE(classifyHttpFailure(500, "").kind, FailureKind::UpstreamFault);
        QCOMPARE(classifyHttpFailure(503, R"({"error":{"message":"The model is overloaded."}})").kind,
                 FailureKind::UpstreamFault);
        QCOMPARE(classifyHttpFailure(504, "").kind, FailureKind::Timeout);
        QCOMPARE(classifyHttpFailure(401, "").kind, FailureKind::InvalidKey);
    }
};

QTEST_GUILESS_MAIN(TestFailureClassifier)
#include "tst_failureclassifier.moc"
