// The real binary loses no request log entry on a clean stop: N calls, SIGTERM at once
// (well inside the writer's 500 ms batching interval), and all N rows are in the SQLite
// file after the process exits.

#include "FakeGemini.h"
#include "GemBalanceProcess.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace gb::test;
using namespace Qt::StringLiterals;

class TestLogFlush : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void sigtermFlushesEveryRow()
    {
        FakeGemini fake;
        QVERIFY(fake.start());
        QTemporaryDir data;
        QProcessEnvironment env;
        env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"API_KEYS"_s, u"AIzaFlushKey1,AIzaFlushKey2"_s);
        env.insert(u"ALLOWED_TOKENS"_s, u"tok"_s);
        env.insert(u"BASE_URL"_s, fake.baseUrl().toString());
        QProcess server;
        const quint16 port =
            startGemBalance(server, {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, data.path()}, env);
        QVERIFY(port != 0);

        constexpr int kCalls = 300;
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        const QUrl url(u"http://127.0.0.1:%1/v1beta/models/gemini-2.5-flash:generateContent"_s.arg(port));
        QList<QNetworkReply *> replies;
        for (int i = 0; i < kCalls; ++i) {
            QNetworkRequest request(url);
            request.setRawHeader("x-goog-api-key", "tok");
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            replies.append(nam.post(request, QByteArrayLiteral("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}")));
        }
        QVERIFY(QTest::qWaitFor(
            [&] { return std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }); },
            60'000));
        int ok = 0;
        for (QNetworkReply *r : std::as_const(replies))
            ok += r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 1 : 0;
        QCOMPARE(ok, kCalls);

        ::kill(pid_t(server.processId()), SIGTERM);  // at once: the last batch is still queued
        QVERIFY(server.waitForFinished(15'000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        const QByteArray log = server.readAll();
        QVERIFY2(log.contains("request log: 300 entries written, 0 dropped"), log.constData());

        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"flush-check"_s);
            db.setDatabaseName(data.filePath(u"gembalance.db"_s));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT COUNT(*), SUM(is_success), COUNT(DISTINCT key_id) FROM t_request_log"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), kCalls);
            QCOMPARE(q.value(1).toInt(), kCalls);
            QCOMPARE(q.value(2).toInt(), 2);
            QVERIFY(q.exec(u"SELECT SUM(requests) FROM gb_counters_minute"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), kCalls);
        }
        QSqlDatabase::removeDatabase(u"flush-check"_s);
    }
};

QTEST_MAIN(TestLogFlush)
#include "tst_logflush.moc"
