// The request and error log end to end: client calls through the real proxy against the
// fake upstream land as t_request_log / t_error_logs rows and per-minute counters, with the
// model, key id, client token id, status, attempt number, stream flag and the upstream's
// token counts. On SQLite and on MariaDB.

#include "ProxyHarness.h"
#include "TestDatabases.h"

#include "ProxyService.h"
#include "common/Redact.h"
#include "relay/Relay.h"
#include "store/Database.h"
#include "store/KeyStateStore.h"
#include "store/LogQueue.h"
#include "store/LogWriter.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kBody = QByteArrayLiteral("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
const QByteArray kChat = QByteArrayLiteral(
    "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}");
const QString kKeyA = u"AIzaKeyA"_s;
const QString kKeyB = u"AIzaKeyB"_s;

QString tokenId()
{
    return QString::fromLatin1(
        QCryptographicHash::hash(ProxyHarness::kClientToken.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
}

struct Row
{
    QString model, keyId, hint, tokenId, operation;
    int status = 0, attempt = 0;
    bool success = false, stream = false;
    QVariant prompt, completion, thoughts, total;
};

QList<Row> requestRows(const QSqlDatabase &db)
{
    QList<Row> rows;
    QSqlQuery q(db);
    if (!q.exec(u"SELECT model_name, key_id, api_key, token_id, operation, status_code, attempt, is_success, "
                "is_stream, prompt_tokens, completion_tokens, thought_tokens, total_tokens FROM t_request_log "
                "ORDER BY id"_s))
        qWarning() << q.lastError().text();
    while (q.next()) {
        Row r;
        r.model = q.value(0).toString();
        r.keyId = q.value(1).toString();
        r.hint = q.value(2).toString();
        r.tokenId = q.value(3).toString();
        r.operation = q.value(4).toString();
        r.status = q.value(5).toInt();
        r.attempt = q.value(6).toInt();
        r.success = q.value(7).toInt() != 0;
        r.stream = q.value(8).toInt() != 0;
        r.prompt = q.value(9);
        r.completion = q.value(10);
        r.thoughts = q.value(11);
        r.total = q.value(12);
        rows.append(r);
    }
    return rows;
}

// The usage report the fake sent last in a body (unary JSON or SSE events).
QJsonObject fakeUsage(const QByteArray &body)
{
    const qsizetype at = body.lastIndexOf("\"usageMetadata\"");
    if (at < 0)
        return {};
    // The enclosing event / document: from the last "data:" (SSE) or the start (unary).
    const qsizetype data = body.lastIndexOf("data:", at);
    QByteArray doc = data >= 0 ? body.mid(data + 5) : body;
    doc = doc.trimmed();
    return QJsonDocument::fromJson(doc).object().value(u"usageMetadata"_s).toObject();
}

void compareUsage(const Row &row, const QJsonObject &usage)
{
    QVERIFY(!usage.isEmpty());
    QCOMPARE(row.prompt.toInt(), usage.value(u"promptTokenCount"_s).toInt());
    QCOMPARE(row.completion.toInt(), usage.value(u"candidatesTokenCount"_s).toInt());
    QCOMPARE(row.thoughts.toInt(), usage.value(u"thoughtsTokenCount"_s).toInt());
    QCOMPARE(row.total.toInt(), usage.value(u"totalTokenCount"_s).toInt());
    QVERIFY(row.prompt.toInt() > 0);
}

} // namespace

class TestRequestLog : public QObject
{
    Q_OBJECT
private slots:
    void attemptsBecomeRows_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }
    void attemptsBecomeRows()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        Database inspect(u"inspect-requestlog"_s);
        QVERIFY(inspect.open(scratch->config()).ok());
        QVERIFY(inspect.migrate().ok());

        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 3; s.errorLogRecordRequestBody = true; },
                       {kKeyA, kKeyB});
        QVERIFY(h.isReady());
        auto queue = std::make_shared<LogQueue>();
        h.proxy().relay()->setAttemptLog(queue);
        LogWriter writer(scratch->config(), queue);
        QVERIFY(writer.open().ok());

        // 1. Unary generateContent (first key).
        ClientReply r = h.post(u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kBody);
        QCOMPARE(r.status, 200);
        const QJsonObject unaryUsage = fakeUsage(h.fake().lastResponse().body);
        // 2. SSE stream (second key).
        r = h.post(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s, kBody);
        QCOMPARE(r.status, 200);
        const QJsonObject streamUsage = fakeUsage(h.fake().lastResponse().body);
        // 3. A 429 on the key round-robin picks next (the first call's), retried on the other.
        const QString first = h.fake().requests().at(0).key;
        const QString second = first == kKeyA ? kKeyB : kKeyA;
        QCOMPARE(h.fake().requests().at(1).key, second);
        h.fake().setKeyRateLimited(first);
        r = h.post(u"/v1beta/models/gemini-2.5-pro:generateContent"_s, kBody);
        QCOMPARE(r.status, 200);
        const QJsonObject retryUsage = fakeUsage(h.fake().lastResponse().body);
        QCOMPARE(h.fake().requests().size(), 4);
        QCOMPARE(h.fake().requests().at(2).key, first);
        QCOMPARE(h.fake().lastRequest().key, second);
        h.fake().clearKeyBehaviors();
        // 4. The OpenAI route (translated to Gemini), bearer token.
        r = h.post(u"/v1/chat/completions"_s, kChat,
                   {{"authorization", "Bearer " + ProxyHarness::kClientToken.toUtf8()}, {"x-goog-api-key", ""}});
        QCOMPARE(r.status, 200);
        const QJsonObject openAiUsage = fakeUsage(h.fake().lastResponse().body);
        const QString openAiKey = h.fake().lastRequest().key;

        QVERIFY(writer.flush());
        const QList<Row> rows = requestRows(inspect.handle());
        QCOMPARE(rows.size(), 5);  // 1 + 1 + 2 attempts + 1
        const QString idA = KeyStateStore::keyId(first);  // the rate-limited one
        const QString idB = KeyStateStore::keyId(second);

        const Row &unary = rows[0];
        QCOMPARE(unary.model, u"gemini-2.5-flash"_s);
        QCOMPARE(unary.operation, u"gemini-chat-non-stream"_s);
        QCOMPARE(unary.status, 200);
        QVERIFY(unary.success);
        QVERIFY(!unary.stream);
        QCOMPARE(unary.attempt, 1);
        QCOMPARE(unary.tokenId, tokenId());
        QCOMPARE(unary.keyId, idA);
        QCOMPARE(unary.hint, redact::secret(first));
        compareUsage(unary, unaryUsage);

        const Row &stream = rows[1];
        QCOMPARE(stream.model, u"gemini-2.5-flash"_s);
        QCOMPARE(stream.operation, u"gemini-chat-stream"_s);
        QVERIFY(stream.stream);
        QVERIFY(stream.success);
        QCOMPARE(stream.attempt, 1);
        QCOMPARE(stream.tokenId, tokenId());
        QCOMPARE(stream.keyId, idB);
        compareUsage(stream, streamUsage);

        const Row &failed = rows[2];
        QCOMPARE(failed.model, u"gemini-2.5-pro"_s);
        QCOMPARE(failed.keyId, idA);
        QCOMPARE(failed.status, 429);
        QVERIFY(!failed.success);
        QCOMPARE(failed.attempt, 1);
        QVERIFY(failed.prompt.isNull());  // an error carries no usage
        const Row &retried = rows[3];
        QCOMPARE(retried.keyId, idB);
        QCOMPARE(retried.status, 200);
        QVERIFY(retried.success);
        QCOMPARE(retried.attempt, 2);
        compareUsage(retried, retryUsage);

        const Row &openAi = rows[4];
        QCOMPARE(openAi.model, u"gemini-2.5-flash"_s);
        QCOMPARE(openAi.operation, u"openai-chat-non-stream"_s);
        QCOMPARE(openAi.keyId, KeyStateStore::keyId(openAiKey));
        QCOMPARE(openAi.tokenId, tokenId());
        QVERIFY(openAi.success);
        compareUsage(openAi, openAiUsage);

        // One error row: the 429, its body without the key, and the request body (the setting is on).
        QSqlQuery q(inspect.handle());
        QVERIFY(q.exec(u"SELECT gemini_key, model_name, error_type, error_code, error_log, request_msg, key_id "
                       "FROM t_error_logs"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), redact::secret(first));
        QCOMPARE(q.value(1).toString(), u"gemini-2.5-pro"_s);
        QCOMPARE(q.value(2).toString(), u"gemini-chat-non-stream"_s);
        QCOMPARE(q.value(3).toInt(), 429);
        QVERIFY(q.value(4).toString().contains(u"RESOURCE_EXHAUSTED"_s));
        QVERIFY(!q.value(4).toString().contains(first));
        QCOMPARE(q.value(5).toString(), QString::fromUtf8(kBody));
        QCOMPARE(q.value(6).toString(), idA);
        QVERIFY(!q.next());

        // The counters agree with the rows.
        QVERIFY(q.exec(u"SELECT SUM(requests), SUM(failures), SUM(prompt_tokens) FROM gb_counters_minute"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 5);
        QCOMPARE(q.value(1).toInt(), 1);
        int prompt = 0;
        for (const Row &row : rows)
            prompt += row.prompt.toInt();
        QCOMPARE(q.value(2).toInt(), prompt);
        QVERIFY(q.exec(u"SELECT SUM(requests) FROM gb_counters_minute WHERE key_id = '%1' AND model_name = "
                       "'gemini-2.5-pro'"_s.arg(idA)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void errorBodyOnlyWhenEnabled()
    {
        auto scratch = GB_SCRATCH_DATABASE(u"sqlite"_s);
        Database inspect(u"inspect-nobody"_s);
        QVERIFY(inspect.open(scratch->config()).ok());
        QVERIFY(inspect.migrate().ok());
        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 1; }, {kKeyA});
        QVERIFY(h.isReady());
        auto queue = std::make_shared<LogQueue>();
        h.proxy().relay()->setAttemptLog(queue);
        LogWriter writer(scratch->config(), queue);
        QVERIFY(writer.open().ok());
        h.fake().failNext(500);
        QCOMPARE(h.post(u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kBody).status, 500);
        QVERIFY(writer.flush());
        QSqlQuery q(inspect.handle());
        QVERIFY(q.exec(u"SELECT error_code, request_msg FROM t_error_logs"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 500);
        QVERIFY(q.value(1).isNull());
        QVERIFY(!q.next());
    }
};

QTEST_MAIN(TestRequestLog)
#include "tst_requestlog.moc"
