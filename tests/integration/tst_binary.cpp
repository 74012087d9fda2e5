// The built gembalance binary as a user runs it: --headless against the fake upstream,
// settings from the environment and a .env file, clean shutdown on SIGTERM.

#include "FakeGemini.h"
#include "GemBalanceProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace gb::test;
using namespace Qt::StringLiterals;

class TestBinary : public QObject
{
    Q_OBJECT

    QProcessEnvironment cleanEnvironment() const { return cleanGemBalanceEnvironment(m_home.path()); }

    QNetworkReply *call(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url, const QByteArray &body,
                        const QByteArray &token)
    {
        QNetworkRequest request(url);
        request.setRawHeader("x-goog-api-key", token);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = nam.sendCustomRequest(request, verb, body);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            reply->abort();
        return reply;
    }

    QTemporaryDir m_home;

private slots:
    void versionAndHelp()
    {
        QProcess p;
        p.start(QStringLiteral(GB_BINARY_PATH), {u"--version"_s});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("GemBalance "));
        p.start(QStringLiteral(GB_BINARY_PATH), {u"--help"_s});
        QVERIFY(p.waitForFinished(10000));
        const QByteArray help = p.readAllStandardOutput();
        for (const char *option : {"--headless", "--host", "--port", "--data-dir", "--env-file", "--version"})
            QVERIFY2(help.contains(option), option);
        p.start(QStringLiteral(GB_BINARY_PATH), {u"--port"_s, u"99999"_s});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
    }

    void headlessServesAndStopsCleanly()
    {
        FakeGemini fake;
        QVERIFY(fake.start());
        QTemporaryDir data;
        QTemporaryDir config;
        // Settings from a .env file (JSON list) and from the environment (comma list).
        QFile envFile(config.filePath(u"gembalance.env"_s));
        QVERIFY(envFile.open(QIODevice::WriteOnly));
        envFile.write("# written like a gemini-balance .env\nAPI_KEYS=[\"AIzaFromDotEnv1\",\"AIzaFromDotEnv2\"]\n"
                      "BASE_URL=" + fake.baseUrl().toString().toUtf8() + "\nMAX_RETRIES=2\n");
        envFile.close();
        QProcessEnvironment env = cleanEnvironment();
        env.insert(u"ALLOWED_TOKENS"_s, u"tok-one,tok-two"_s);

        QProcess server;
        const quint16 port = startGemBalance(server,
                                         {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, data.path(),
                                          u"--env-file"_s, envFile.fileName()},
                                         env);
        QVERIFY(port != 0);

        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        const QUrl base(u"http://127.0.0.1:%1"_s.arg(port));
        QNetworkReply *health = call(nam, "GET", base.resolved(QUrl(u"/health"_s)), {}, {});
        QCOMPARE(health->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

        QNetworkReply *gen = call(nam, "POST", base.resolved(QUrl(u"/v1beta/models/gemini-2.5-flash:generateContent"_s)),
                                  R"({"contents":[{"parts":[{"text":"from the binary"}]}]})", "tok-two");
        QCOMPARE(gen->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(gen->readAll().contains("from the binary"));
        QCOMPARE(fake.lastRequest().key, u"AIzaFromDotEnv1"_s);

        QVERIFY(QFile::exists(data.filePath(u"gembalance.db"_s)));  // SQLite in the data dir

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        const QByteArray log = server.readAll();
        QVERIFY(log.contains("stopped"));
        // Secrets never appear in the log.
        QVERIFY(!log.contains("AIzaFromDotEnv1"));
        QVERIFY(!log.contains("tok-two"));
    }

    void keyStateSurvivesARestart()
    {
        FakeGemini fake;
        QVERIFY(fake.start());
        fake.setKeyInvalid(u"AIzaRestartBad"_s);
        fake.setKeyRateLimited(u"AIzaRestartBusy"_s, QuotaWindow::PerMinute, u"gemini-2.5-pro"_s, 600);
        QTemporaryDir data;
        QProcessEnvironment env = cleanEnvironment();
        env.insert(u"API_KEYS"_s, u"AIzaRestartBad,AIzaRestartBusy,AIzaRestartGood"_s);
        env.insert(u"ALLOWED_TOKENS"_s, u"tok"_s);
        env.insert(u"AUTH_TOKEN"_s, u"admin-tok"_s);
        env.insert(u"BASE_URL"_s, fake.baseUrl().toString());
        env.insert(u"MAX_FAILURES"_s, u"1"_s);
        const QStringList args{u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, data.path()};
        const QByteArray body = R"({"contents":[{"parts":[{"text":"x"}]}]})";
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);

        for (int run = 0; run < 2; ++run) {
            QProcess server;
            const quint16 port = startGemBalance(server, args, env);
            QVERIFY(port != 0);
            const QUrl base(u"http://127.0.0.1:%1"_s.arg(port));
            fake.clearRecords();
            for (int i = 0; i < 3; ++i) {
                QNetworkReply *r = call(nam, "POST", base.resolved(QUrl(u"/v1beta/models/gemini-2.5-pro:generateContent"_s)),
                                        body, "tok");
                QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            }
            if (run == 1) {
                // After the restart the bad key is still disabled and the busy one still rests
                // for that model: only the good key was used.
                for (const RecordedRequest &r : fake.requests())
                    QCOMPARE(r.key, u"AIzaRestartGood"_s);
                QNetworkReply *list = call(nam, "GET", base.resolved(QUrl(u"/v1/keys/list"_s)), {}, "admin-tok");
                const QJsonObject invalid = QJsonDocument::fromJson(list->readAll()).object()
                                                .value(u"data"_s).toObject().value(u"invalid_keys"_s).toObject();
                QCOMPARE(invalid.keys(), QStringList({u"AIzaRestartBad"_s}));
            }
            ::kill(pid_t(server.processId()), SIGTERM);
            QVERIFY(server.waitForFinished(10000));
            QCOMPARE(server.exitCode(), 0);
        }
        // The database holds the state, never the key itself.
        QFile db(data.filePath(u"gembalance.db"_s));
        QVERIFY(db.open(QIODevice::ReadOnly));
        QVERIFY(!db.readAll().contains("AIzaRestartBad"));
    }

    void badSettingStopsTheStartWithItsName()
    {
        QTemporaryDir data;
        QProcessEnvironment env = cleanEnvironment();
        env.insert(u"MAX_RETRIES"_s, u"three"_s);
        env.insert(u"API_KEYS"_s, u"AIzaSecretValue123456"_s);
        QProcess server;
        server.setProcessEnvironment(env);
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(QStringLiteral(GB_BINARY_PATH),
                     {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, data.path()});
        QVERIFY(server.waitForFinished(10000));
        QVERIFY(server.exitCode() != 0);
        const QByteArray out = server.readAll();
        QVERIFY2(out.contains("MAX_RETRIES"), out.constData());
        QVERIFY(out.contains("three"));
        QVERIFY(!out.contains("AIzaSecretValue123456"));
    }

    void portInUseIsAClearError()
    {
        FakeGemini fake;
        QVERIFY(fake.start());
        QTemporaryDir data;
        QProcess server;
        server.setProcessEnvironment(cleanEnvironment());
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(QStringLiteral(GB_BINARY_PATH), {u"--headless"_s, u"--port"_s, QString::number(fake.port()),
                                                      u"--data-dir"_s, data.path()});
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 1);
        QVERIFY(server.readAll().contains("cannot listen"));
    }
};

QTEST_GUILESS_MAIN(TestBinary)
#include "tst_binary.moc"
