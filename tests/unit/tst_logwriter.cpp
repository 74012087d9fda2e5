// The request/error log's write side: LogQueue (bounded, drops and counts), LogWriter
// (batched transactions, per-minute counters) and LogRetention (daily, batched deletes),
// on SQLite and on MariaDB.

#include "TestDatabases.h"
#include "common/Clock.h"
#include "relay/TokenUsageParser.h"
#include "store/Database.h"
#include "store/LogQueue.h"
#include "store/LogRetention.h"
#include "store/LogWriter.h"
#include "store/StoreThread.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QThread>

#include <atomic>
#include <bit>
#include <map>
#include <thread>
#include <tuple>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

const QString kKeyIds[] = {QString(64, u'a'), QString(64, u'b'), QString(64, u'c')};
const QString kModels[] = {u"gemini-2.5-flash"_s, u"gemini-2.5-pro"_s};
constexpr qint64 kBaseMs = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

// Entry i of a deterministic mix: three keys, two models, failures, unknown usage,
// latencies over every bucket, spread over several minutes.
RequestLogEntry entry(int i)
{
    RequestLogEntry e;
    e.timeMs = kBaseMs + qint64(i) * 13;
    e.keyId = kKeyIds[i % 3];
    e.keyHint = u"AIzaSy…%1"_s.arg(i % 3);
    e.model = kModels[(i / 3) % 2];
    e.tokenId = u"0123456789ab"_s;
    e.success = i % 7 != 0;
    e.statusCode = e.success ? 200 : 429;
    e.latencyMs = (i * 37) % 20000;
    if (i % 5 != 0) {
        e.usage.known = true;
        e.usage.prompt = i % 100;
        e.usage.candidates = i % 50;
        e.usage.thoughts = i % 3;
        e.usage.total = e.usage.prompt + e.usage.candidates + e.usage.thoughts;
    }
    e.stream = i % 2 == 0;
    e.attempt = 1 + i % 3;
    e.operation = u"gemini-chat-stream"_s;
    return e;
}

// Independent of LogWriter::latencyBucket: bit_width(n) == floor(log2(n)) + 1.
int expectedBucket(qint64 ms)
{
    return ms < 1 ? 0 : qMin(15, int(std::bit_width(quint64(ms))));
}

struct Totals
{
    qint64 requests = 0, failures = 0, prompt = 0, completion = 0, thoughts = 0, latency = 0;
    qint64 buckets[16] = {};
    bool operator==(const Totals &o) const
    {
        if (std::tie(requests, failures, prompt, completion, thoughts, latency)
            != std::tie(o.requests, o.failures, o.prompt, o.completion, o.thoughts, o.latency))
            return false;
        for (int b = 0; b < 16; ++b)
            if (buckets[b] != o.buckets[b])
                return false;
        return true;
    }
};

char *describe(const Totals &t)
{
    QString s = u"req=%1 fail=%2 prompt=%3 compl=%4 thoughts=%5 lat=%6 buckets="_s.arg(t.requests)
                    .arg(t.failures)
                    .arg(t.prompt)
                    .arg(t.completion)
                    .arg(t.thoughts)
                    .arg(t.latency);
    for (qint64 b : t.buckets)
        s += QString::number(b) + u',';
    return qstrdup(qPrintable(s));
}

using GroupKey = std::tuple<qint64, QString, QString>;

std::map<GroupKey, Totals> expectedCounters(int n)
{
    std::map<GroupKey, Totals> out;
    for (int i = 0; i < n; ++i) {
        const RequestLogEntry e = entry(i);
        Totals &t = out[GroupKey{e.timeMs / 60000, e.keyId, e.model}];  // epoch minutes
        ++t.requests;
        t.failures += e.success ? 0 : 1;
        if (e.usage.known) {
            t.prompt += e.usage.prompt;
            t.completion += e.usage.candidates;
            t.thoughts += e.usage.thoughts;
        }
        t.latency += e.latencyMs;
        ++t.buckets[expectedBucket(e.latencyMs)];
    }
    return out;
}

std::map<GroupKey, Totals> storedCounters(const QSqlDatabase &db)
{
    std::map<GroupKey, Totals> out;
    QString sql = u"SELECT minute, key_id, model_name, requests, failures, prompt_tokens, completion_tokens, "
                  "thought_tokens, latency_ms_sum"_s;
    for (int b = 0; b < 16; ++b)
        sql += u", lat_b%1"_s.arg(b);
    QSqlQuery q(db);
    if (!q.exec(sql + u" FROM gb_counters_minute"_s))
        qWarning() << q.lastError().text();
    while (q.next()) {
        Totals &t = out[GroupKey{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()}];
        t.requests = q.value(3).toLongLong();
        t.failures = q.value(4).toLongLong();
        t.prompt = q.value(5).toLongLong();
        t.completion = q.value(6).toLongLong();
        t.thoughts = q.value(7).toLongLong();
        t.latency = q.value(8).toLongLong();
        for (int b = 0; b < 16; ++b)
            t.buckets[b] = q.value(9 + b).toLongLong();
    }
    return out;
}

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning().noquote() << sql << q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

} // namespace

namespace QTest {
template <> char *toString(const Totals &t)
{
    return describe(t);
}
} // namespace QTest

class TestLogWriter : public QObject
{
    Q_OBJECT

    static void backends()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : test::TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }

    // A migrated scratch database and a connection of the test's own to inspect it.
    struct Fixture
    {
        std::unique_ptr<test::ScratchDatabase> scratch;
        std::unique_ptr<Database> db;
    };
    static bool setUp(Fixture &f, const QString &backend, const QString &name)
    {
        f.scratch = GB_SCRATCH_DATABASE(backend);
        f.db = std::make_unique<Database>(u"inspect-"_s + name);
        if (!f.db->open(f.scratch->config()).ok())
            return false;
        return f.db->migrate().ok();
    }

private slots:
    void latencyBuckets()
    {
        const QList<QPair<qint64, int>> cases{{0, 0},   {1, 1},   {2, 2},     {3, 2},      {4, 3},
                                              {1023, 10}, {1024, 11}, {16383, 14}, {16384, 15}, {999999, 15},
                                              {-5, 0}};
        for (const auto &[ms, bucket] : cases)
            QCOMPARE(LogWriter::latencyBucket(ms), bucket);
        for (qint64 ms = 0; ms < 70000; ms += 7)
            QCOMPARE(LogWriter::latencyBucket(ms), expectedBucket(ms));
        QCOMPARE(LogWriter::minuteOf(kBaseMs + 59'999), kBaseMs / 60'000);
        QCOMPARE(LogWriter::minuteOf(kBaseMs + 60'000), kBaseMs / 60'000 + 1);
    }

    void tokenUsage()
    {
        // A unary Gemini answer: the report at the end, with nested details.
        const QByteArray unary = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a usageMetadata b\"}]}}],             \"usageMetadata\":{\"promptTokenCount\":11,\"candidatesTokenCount\":22,\"thoughtsTokenCount\":5,             \"totalTokenCount\":38,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":11}]}}";
        TokenUsage u = lastTokenUsageIn(unary);
        QVERIFY(u.known);
        QCOMPARE(u.prompt, 11);
        QCOMPARE(u.candidates, 22);
        QCOMPARE(u.thoughts, 5);
        QCOMPARE(u.total, 38);
        // SSE events: the last report wins.
        const QByteArray sse =
            "data: {\"usageMetadata\": {\"promptTokenCount\": 3, \"totalTokenCount\": 4}}\r\n\r\n"
            "data: {\"usageMetadata\": {\"promptTokenCount\": 3, \"candidatesTokenCount\": 9, "
            "\"totalTokenCount\": 12}}\r\n\r\n";
        u = lastTokenUsageIn(sse);
        QVERIFY(u.known);
        QCOMPARE(u.candidates, 9);
        QCOMPARE(u.total, 12);
        // OpenAI's usage: reasoning kept apart from the answer's tokens.
        u = lastTokenUsageIn("{\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":10,\"total_tokens\":17,             \"completion_tokens_details\":{\"reasoning_tokens\":4}}}");
        QVERIFY(u.known);
        QCOMPARE(u.prompt, 7);
        QCOMPARE(u.candidates, 6);
        QCOMPARE(u.thoughts, 4);
        QCOMPARE(u.total, 17);
        // Read without a JSON document: nested values, strings with braces and commas,
        // spacing and number forms before and between the counts are skipped correctly.
        u = lastTokenUsageIn("{\"usageMetadata\" : { \"promptTokensDetails\": [{\"modality\": \"TEXT\", \"tokenCount\": 99}],"
                             " \"note\": \"a } b, \\\"c\\\": 1\", \"cacheTokensDetails\": {\"x\": {\"y\": 5}},"
                             " \"promptTokenCount\" : 12.0 , \"candidatesTokenCount\":1e2, \"thoughtsTokenCount\": 2.5,"
                             " \"flag\": true, \"totalTokenCount\": 112 }}");
        QVERIFY(u.known);
        QCOMPARE(u.prompt, 12);
        QCOMPARE(u.candidates, 100);
        QCOMPARE(u.thoughts, 0);  // not an integer: 0, as QJsonValue::toInt() says
        QCOMPARE(u.total, 112);
        // No total: the sum; a count beyond int: 0.
        u = lastTokenUsageIn("{\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":99999999999}}");
        QVERIFY(u.known);
        QCOMPARE(u.candidates, 0);
        QCOMPARE(u.total, 3);
        // Another "usage" object (no token counts) is not a report; the earlier real one is.
        u = lastTokenUsageIn("{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}} {\"usage\":{\"quota\":\"x\"}}");
        QVERIFY(u.known);
        QCOMPARE(u.prompt, 1);
        QCOMPARE(u.candidates, 2);
        QCOMPARE(u.total, 3);
        // An empty usageMetadata object says nothing.
        QVERIFY(!lastTokenUsageIn("{\"usageMetadata\":{}}").known);
        // None, or cut off.
        QVERIFY(!lastTokenUsageIn("{\"candidates\":[]}").known);
        QVERIFY(!lastTokenUsageIn("{\"usageMetadata\":{\"promptTokenCount\":3,").known);
        QVERIFY(!lastTokenUsageIn(QByteArray()).known);
    }

    void batchingWithoutLoss_data() { backends(); }
    void batchingWithoutLoss()
    {
        QFETCH(QString, backend);
        Fixture f;
        QVERIFY(setUp(f, backend, u"batching"_s));
        auto queue = std::make_shared<LogQueue>();
        LogWriter writer(f.scratch->config(), queue);
        const auto opened = writer.open();
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
#if GB_EXPECT_DIRECT_SQLITE
        // The rows below (every column checked) go through SQLite's C API on SQLite, QtSql on MySQL.
        QCOMPARE(writer.writesRowsDirectly(), backend == u"sqlite"_s);
#endif

        // 25,000 events from another thread at about 5,000 per second (25 every 5 ms).
        constexpr int kEvents = 25'000;
        std::atomic<bool> done{false};
        std::atomic<qint64> slowestPushNs{0};
        std::thread producer([&] {
            QElapsedTimer clock;
            clock.start();
            for (int i = 0; i < kEvents; ++i) {
                if (i % 25 == 0) {
                    const qint64 due = qint64(i / 25) * 5;
                    const qint64 wait = due - clock.elapsed();
                    if (wait > 0)
                        std::this_thread::sleep_for(std::chrono::milliseconds(wait));
                }
                QElapsedTimer push;
                push.start();
                queue->record(entry(i));
                slowestPushNs.store(qMax(slowestPushNs.load(), push.nsecsElapsed()));
            }
            done.store(true);
        });
        QElapsedTimer elapsed;
        elapsed.start();
        // The writer drains on this thread's event loop meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(done.load() && queue->stats().written == quint64(kEvents), 60'000);
        producer.join();
        QVERIFY(writer.flush());

        const LogQueue::Stats s = queue->stats();
        QCOMPARE(s.queued, quint64(kEvents));
        QCOMPARE(s.written, quint64(kEvents));
        QCOMPARE(s.dropped, quint64(0));
        QCOMPARE(s.pending, 0);
        QVERIFY(s.batches >= 5);              // batched: not one transaction per event...
        QVERIFY(s.batches <= quint64(kEvents) / 10);  // ...nor one per handful
        QVERIFY(s.lastBatchMs > 0);
        qInfo() << backend << kEvents << "events in" << elapsed.elapsed() << "ms," << s.batches
                << "batches; slowest push" << slowestPushNs.load() / 1000 << "us; last batch" << s.lastBatchEntries
                << "entries in" << s.lastBatchDurationMs << "ms";

        const QSqlDatabase db = f.db->handle();
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_request_log"_s), qint64(kEvents));
        qint64 failures = 0, prompt = 0, latency = 0, unknownUsage = 0, streams = 0;
        for (int i = 0; i < kEvents; ++i) {
            const RequestLogEntry e = entry(i);
            failures += e.success ? 0 : 1;
            prompt += e.usage.known ? e.usage.prompt : 0;
            latency += e.latencyMs;
            unknownUsage += e.usage.known ? 0 : 1;
            streams += e.stream ? 1 : 0;
        }
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_request_log WHERE is_success = 0"_s), failures);
        QCOMPARE(scalar(db, u"SELECT SUM(prompt_tokens) FROM t_request_log"_s), prompt);
        QCOMPARE(scalar(db, u"SELECT SUM(latency_ms) FROM t_request_log"_s), latency);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_request_log WHERE prompt_tokens IS NULL"_s), unknownUsage);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_request_log WHERE is_stream = 1"_s), streams);
        QCOMPARE(scalar(db, u"SELECT COUNT(DISTINCT request_ms) FROM t_request_log"_s), qint64(kEvents));

        // One row as written: every column.
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT request_time, model_name, api_key, is_success, status_code, latency_ms, key_id, "
                       "token_id, prompt_tokens, completion_tokens, thought_tokens, total_tokens, is_stream, attempt, "
                       "operation FROM t_request_log WHERE request_ms = %1"_s.arg(entry(4).timeMs)));
        QVERIFY(q.next());
        const RequestLogEntry e4 = entry(4);
        QCOMPARE(q.value(0).toDateTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s), u"2026-01-01 00:00:00.000"_s);
        QCOMPARE(q.value(1).toString(), e4.model);
        QCOMPARE(q.value(2).toString(), e4.keyHint);
        QCOMPARE(q.value(3).toInt(), 1);
        QCOMPARE(q.value(4).toInt(), 200);
        QCOMPARE(q.value(5).toInt(), e4.latencyMs);
        QCOMPARE(q.value(6).toString(), e4.keyId);
        QCOMPARE(q.value(7).toString(), e4.tokenId);
        QCOMPARE(q.value(8).toInt(), 4);
        QCOMPARE(q.value(9).toInt(), 4);
        QCOMPARE(q.value(10).toInt(), 1);
        QCOMPARE(q.value(11).toInt(), 9);
        QCOMPARE(q.value(12).toInt(), 1);
        QCOMPARE(q.value(13).toInt(), 2);
        QCOMPARE(q.value(14).toString(), u"gemini-chat-stream"_s);

        // The counters: every (minute, key, model) group equals the hand-computed totals.
        const auto expected = expectedCounters(kEvents);
        const auto stored = storedCounters(db);
        QCOMPARE(stored.size(), expected.size());
        QVERIFY(expected.size() > 6 * 5);  // several minutes x 3 keys x 2 models
        for (const auto &[key, totals] : expected) {
            const auto it = stored.find(key);
            QVERIFY2(it != stored.end(), qPrintable(std::get<1>(key)));
            QCOMPARE(it->second, totals);
        }
        Totals sum, expectedSum;
        for (const auto &[key, t] : stored) {
            sum.requests += t.requests;
            sum.failures += t.failures;
        }
        QCOMPARE(sum.requests, qint64(kEvents));
        QCOMPARE(sum.failures, failures);
        writer.close();
    }

    void fullQueueDropsInsteadOfBlocking_data() { backends(); }
    void fullQueueDropsInsteadOfBlocking()
    {
        QFETCH(QString, backend);
        Fixture f;
        QVERIFY(setUp(f, backend, u"drops"_s));
        auto queue = std::make_shared<LogQueue>(100);  // tiny
        LogWriter writer(f.scratch->config(), queue);
        writer.setIntervalMs(50);
        QVERIFY(writer.open().ok());

        constexpr int kEvents = 30'000;
        std::atomic<bool> done{false};
        std::atomic<qint64> slowestPushNs{0};
        std::atomic<qint64> totalMs{0};
        std::thread producer([&] {
            QElapsedTimer all;
            all.start();
            for (int i = 0; i < kEvents; ++i) {
                QElapsedTimer push;
                push.start();
                queue->record(entry(i));
                slowestPushNs.store(qMax(slowestPushNs.load(), push.nsecsElapsed()));
            }
            totalMs.store(all.elapsed());
            done.store(true);
        });
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 30'000);
        producer.join();
        QVERIFY(writer.flush());

        const LogQueue::Stats s = queue->stats();
        qInfo() << backend << "pushed" << kEvents << "in" << totalMs.load() << "ms; written" << s.written << "dropped"
                << s.dropped << "slowest push" << slowestPushNs.load() / 1000 << "us";
        QCOMPARE(s.queued, quint64(kEvents));
        QVERIFY(s.dropped > 0);
        QCOMPARE(s.written + s.dropped, quint64(kEvents));
        QCOMPARE(s.pending, 0);
        QVERIFY2(totalMs.load() < 5000, "pushing into a full queue must not wait for the database");
        QVERIFY2(slowestPushNs.load() < 500'000'000LL, "one push took half a second");
        QCOMPARE(scalar(f.db->handle(), u"SELECT COUNT(*) FROM t_request_log"_s), qint64(s.written));
        QCOMPARE(scalar(f.db->handle(), u"SELECT SUM(requests) FROM gb_counters_minute"_s), qint64(s.written));
    }

    void errorRows_data() { backends(); }
    void errorRows()
    {
        QFETCH(QString, backend);
        Fixture f;
        QVERIFY(setUp(f, backend, u"errors"_s));
        auto queue = std::make_shared<LogQueue>();
        LogWriter writer(f.scratch->config(), queue);
        QVERIFY(writer.open().ok());

        ErrorLogEntry withBody;
        withBody.timeMs = kBaseMs + 1500;
        withBody.keyId = kKeyIds[0];
        withBody.keyHint = u"AIzaSy…aaaa"_s;
        withBody.model = u"gemini-2.5-pro"_s;
        withBody.errorType = u"gemini-chat-non-stream"_s;
        withBody.errorCode = 429;
        withBody.errorLog = u"{\"error\":{\"code\":429,\"message\":\"Resource exhausted — квота\"}}"_s;
        withBody.requestBody = QByteArrayLiteral("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
        ErrorLogEntry without = withBody;
        without.timeMs = kBaseMs + 2500;
        without.errorCode = 0;
        without.errorLog = u"Connection refused"_s;
        without.requestBody.clear();
        ErrorLogEntry huge = withBody;
        huge.timeMs = kBaseMs + 3500;
        huge.errorLog = QString(200'000, u'x');
        huge.requestBody = QByteArray(200'000, 'y');
        queue->recordError(withBody);
        queue->recordError(without);
        queue->recordError(huge);
        QVERIFY(writer.flush());
        QCOMPARE(queue->stats().written, quint64(3));

        QSqlQuery q(f.db->handle());
        QVERIFY(q.exec(u"SELECT gemini_key, model_name, error_type, error_log, error_code, request_msg, request_time, "
                       "request_ms, key_id FROM t_error_logs ORDER BY request_ms"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), withBody.keyHint);
        QCOMPARE(q.value(1).toString(), withBody.model);
        QCOMPARE(q.value(2).toString(), withBody.errorType);
        QCOMPARE(q.value(3).toString(), withBody.errorLog);
        QCOMPARE(q.value(4).toInt(), 429);
        QCOMPARE(q.value(5).toString(), QString::fromUtf8(withBody.requestBody));
        QCOMPARE(q.value(6).toDateTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), u"2026-01-01 00:00:01"_s);
        QCOMPARE(q.value(7).toLongLong(), withBody.timeMs);
        QCOMPARE(q.value(8).toString(), withBody.keyId);
        QVERIFY(q.next());
        QCOMPARE(q.value(3).toString(), u"Connection refused"_s);
        QCOMPARE(q.value(4).toInt(), 0);
        QVERIFY(q.value(5).isNull());  // no request body recorded
        QVERIFY(q.next());             // bounded, not refused
        QCOMPARE(q.value(3).toString().size(), LogQueue::kMaxErrorTextBytes);
        QCOMPARE(q.value(5).toString().size(), LogQueue::kMaxErrorTextBytes);
        QVERIFY(!q.next());
        // Error entries are not requests: no counters from them.
        QCOMPARE(scalar(f.db->handle(), u"SELECT COUNT(*) FROM gb_counters_minute"_s), qint64(0));
    }

    void failedWritesAreRetriedThenDropped()
    {
        // SQLite only: a table that is gone makes every write fail.
        auto scratch = GB_SCRATCH_DATABASE(u"sqlite"_s);
        Database db(u"inspect-fail"_s);
        QVERIFY(db.open(scratch->config()).ok());
        QVERIFY(db.migrate().ok());
        auto queue = std::make_shared<LogQueue>();
        LogWriter writer(scratch->config(), queue);
        QVERIFY(writer.open().ok());
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"ALTER TABLE t_request_log RENAME TO t_request_log_away"_s));
        for (int i = 0; i < 10; ++i)
            queue->record(entry(i));
        QVERIFY(!writer.flush());  // tried kMaxTries times, then dropped
        LogQueue::Stats s = queue->stats();
        QCOMPARE(s.written, quint64(0));
        QCOMPARE(s.dropped, quint64(10));
        QCOMPARE(s.errors, quint64(LogWriter::kMaxTries));
        // Back to normal: the next batch goes through (the statements are prepared again).
        QVERIFY(q.exec(u"ALTER TABLE t_request_log_away RENAME TO t_request_log"_s));
        queue->record(entry(10));
        QVERIFY(writer.flush());
#if GB_EXPECT_DIRECT_SQLITE
        QVERIFY(writer.writesRowsDirectly());
#endif
        s = queue->stats();
        QCOMPARE(s.written, quint64(1));
        QCOMPARE(scalar(db.handle(), u"SELECT COUNT(*) FROM t_request_log"_s), qint64(1));
        QCOMPARE(scalar(db.handle(), u"SELECT SUM(requests) FROM gb_counters_minute"_s), qint64(1));
    }

    void retention_data() { backends(); }
    void retention()
    {
        QFETCH(QString, backend);
        Fixture f;
        QVERIFY(setUp(f, backend, u"retention"_s));
        ManualClock clock(kBaseMs + 500 * kDayMs);
        const qint64 now = clock.nowMs();
        auto queue = std::make_shared<LogQueue>();
        LogWriter writer(f.scratch->config(), queue, &clock);
        QVERIFY(writer.open().ok());

        // Error rows: 12,000 older than 7 days (more than two delete batches), 5 younger.
        for (int i = 0; i < 12'000; ++i) {
            ErrorLogEntry e;
            e.timeMs = now - 8 * kDayMs - i;
            e.keyId = kKeyIds[0];
            e.errorCode = 500;
            e.errorType = u"gemini-chat-non-stream"_s;
            queue->recordError(e);
        }
        for (int i = 0; i < 5; ++i) {
            ErrorLogEntry e;
            e.timeMs = now - 6 * kDayMs + i;
            e.keyId = kKeyIds[1];
            e.errorCode = 400;
            queue->recordError(e);
        }
        // Request rows: 30 at 31 days (and their counters), 20 at 29 days, 7 at 401 days.
        auto request = [](qint64 at) {
            RequestLogEntry e = entry(1);
            e.timeMs = at;
            return e;
        };
        for (int i = 0; i < 30; ++i)
            queue->record(request(now - 31 * kDayMs + i));
        for (int i = 0; i < 20; ++i)
            queue->record(request(now - 29 * kDayMs + i));
        for (int i = 0; i < 7; ++i)
            queue->record(request(now - 401 * kDayMs + i * 60'000));
        QVERIFY(writer.flush());
        const QSqlDatabase db = f.db->handle();
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_error_logs"_s), qint64(12'005));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_request_log"_s), qint64(57));
        const qint64 countersBefore = scalar(db, u"SELECT COUNT(*) FROM gb_counters_minute"_s);
        QCOMPARE(countersBefore, qint64(1 + 1 + 7));  // one minute each at 31 and 29 days, 7 old minutes

        LogRetention retention(f.scratch->config(), &clock);
        QVERIFY(retention.open().ok());
        LogRetention::Policy p;
        p.errorLogs = true;
        p.errorLogDays = 7;
        p.requestLogs = false;  // off: request rows stay
        p.requestLogDays = 30;
        retention.setPolicy(p);
        LogRetention::Outcome out = retention.runNow();
        QVERIFY(out.ok);
        QCOMPARE(out.errorRows, 12'000);
        QCOMPARE(out.requestRows, 0);
        QCOMPARE(out.counterRows, 7);  // older than 400 days, whatever the settings
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_error_logs"_s), qint64(5));
        QCOMPARE(scalar(db, u"SELECT MIN(request_ms) FROM t_error_logs"_s), now - 6 * kDayMs);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_request_log"_s), qint64(57));

        p.requestLogs = true;  // a live change, then the next run
        retention.setPolicy(p);
        out = retention.runNow();
        QVERIFY(out.ok);
        QCOMPARE(out.errorRows, 0);
        QCOMPARE(out.requestRows, 30 + 7);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_request_log"_s), qint64(20));
        QCOMPARE(scalar(db, u"SELECT MIN(request_ms) FROM t_request_log"_s), now - 29 * kDayMs);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM gb_counters_minute"_s), qint64(2));  // counters follow 400 days only

        // Time passes: the younger error rows age out too.
        clock.advanceMs(2 * kDayMs);
        out = retention.runNow();
        QCOMPARE(out.errorRows, 5);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_error_logs"_s), qint64(0));
    }

    void scheduledRunsAndPause()
    {
        auto scratch = GB_SCRATCH_DATABASE(u"sqlite"_s);
        Database db(u"inspect-sched"_s);
        QVERIFY(db.open(scratch->config()).ok());
        QVERIFY(db.migrate().ok());
        ManualClock clock(kBaseMs);
        auto queue = std::make_shared<LogQueue>();
        LogWriter writer(scratch->config(), queue, &clock);
        QVERIFY(writer.open().ok());
        for (int i = 0; i < 3; ++i) {
            ErrorLogEntry e;
            e.timeMs = kBaseMs - 30 * kDayMs;
            queue->recordError(e);
        }
        QVERIFY(writer.flush());

        LogRetention retention(scratch->config(), &clock);
        QVERIFY(retention.open().ok());
        retention.setPaused(true);
        QVERIFY(retention.isPaused());
        std::optional<LogRetention::Outcome> finished;
        connect(&retention, &LogRetention::finished, this, [&](const LogRetention::Outcome &o) { finished = o; });
        retention.start();  // the start-up run: skipped while paused
        QTest::qWait(100);
        QVERIFY(!finished);
        QCOMPARE(scalar(db.handle(), u"SELECT COUNT(*) FROM t_error_logs"_s), qint64(3));
        retention.setPaused(false);
        retention.start();  // runs in steps through the event loop
        QTRY_VERIFY_WITH_TIMEOUT(finished.has_value(), 5000);
        QCOMPARE(finished->errorRows, 3);
        QCOMPARE(scalar(db.handle(), u"SELECT COUNT(*) FROM t_error_logs"_s), qint64(0));
    }

    void nextMidnight()
    {
        // 2026-01-01T00:00Z is 08:00 in Shanghai: the next local midnight is 16:00Z.
        QCOMPARE(LogRetention::nextMidnightMs(kBaseMs, u"Asia/Shanghai"_s), kBaseMs + 16LL * 3600 * 1000);
        QCOMPARE(LogRetention::nextMidnightMs(kBaseMs, u"UTC"_s), kBaseMs + kDayMs);
        QCOMPARE(LogRetention::nextMidnightMs(kBaseMs - 1, u"UTC"_s), kBaseMs);
        // New York: 2026-01-01T00:00Z is 19:00 the day before: midnight is 05:00Z.
        QCOMPARE(LogRetention::nextMidnightMs(kBaseMs, u"America/New_York"_s), kBaseMs + 5LL * 3600 * 1000);
        // Empty: the system time zone, whatever it is: within the next day.
        const qint64 next = LogRetention::nextMidnightMs(kBaseMs, QString());
        QVERIFY(next > kBaseMs && next <= kBaseMs + kDayMs + 3600 * 1000);
    }

    void storeThreadFlushesOnShutdown()
    {
        auto scratch = GB_SCRATCH_DATABASE(u"sqlite"_s);
        Database db(u"inspect-thread"_s);
        QVERIFY(db.open(scratch->config()).ok());
        QVERIFY(db.migrate().ok());
        auto queue = std::make_shared<LogQueue>();
        {
            StoreThread thread(scratch->config());
            thread.setLogQueue(queue);
            QVERIFY(thread.open().ok());
            for (int i = 0; i < 777; ++i)
                queue->record(entry(i));  // below the wake-up threshold: waits for the timer or the end
            thread.shutdown();
        }
        QCOMPARE(queue->stats().written, quint64(777));
        QCOMPARE(scalar(db.handle(), u"SELECT COUNT(*) FROM t_request_log"_s), qint64(777));
    }
};

QTEST_GUILESS_MAIN(TestLogWriter)
#include "tst_logwriter.moc"
