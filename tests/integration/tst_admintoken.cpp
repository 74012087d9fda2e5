// The gembalance binary without AUTH_TOKEN: the first start generates an admin token, saves
// it and logs it once; the next start logs no token and the saved one still works. Settings
// saved through the admin API win over the environment after a restart.

#include "FakeGemini.h"
#include "GemBalanceProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace gb::test;
using namespace Qt::StringLiterals;

class TestAdminToken : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    QNetworkReply *call(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url, const QByteArray &body,
                        const QByteArray &token)
    {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = nam.sendCustomRequest(request, verb, body);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            reply->abort();
        return reply;
    }

    static int status(QNetworkReply *reply) { return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); }

private slots:
    void generatedOnceThenSaved()
    {
        FakeGemini fake;
        QVERIFY(fake.start());
        QTemporaryDir data;
        QProcessEnvironment env;
        env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"API_KEYS"_s, u"AIzaTokenTestKey"_s);
        env.insert(u"ALLOWED_TOKENS"_s, u"client-tok"_s);
        env.insert(u"BASE_URL"_s, fake.baseUrl().toString());
        env.insert(u"TEST_MODEL"_s, u"model-from-environment"_s);
        const QStringList args{u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, data.path()};
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);

        QByteArray token;
        for (int run = 0; run < 2; ++run) {
            QProcess server;
            QByteArray output;
            const quint16 port = startGemBalance(server, args, env, &output);
            QVERIFY(port != 0);
            // The lines logged right after listening (the generated token, if any): up to 1.5 s.
            for (int i = 0; i < 15 && !output.contains("wins over .env"); ++i) {
                server.waitForReadyRead(100);
                output += server.readAll();
            }
            const QUrl base(u"http://127.0.0.1:%1"_s.arg(port));
            static const QRegularExpression generated(u"this admin token was generated and saved: ([0-9A-Za-z]{32})"_s);
            const auto m = generated.match(QString::fromUtf8(output));
            if (run == 0) {
                QVERIFY2(m.hasMatch(), output.constData());
                token = m.captured(1).toLatin1();
                QCOMPARE(output.count(token), 1);  // once
                // The client token is not an admin token (no fallback).
                QCOMPARE(status(call(nam, "GET", base.resolved(QUrl(u"/api/config"_s)), {}, "client-tok")), 401);
                QNetworkReply *put = call(nam, "PUT", base.resolved(QUrl(u"/api/config"_s)),
                                          "{\"TEST_MODEL\": \"model-saved-by-admin\"}", token);
                QCOMPARE(status(put), 200);
                QTest::qWait(300);  // the write goes through the query thread
            } else {
                QVERIFY2(!m.hasMatch(), "a token was generated again");
                QVERIFY(!output.contains(token));
                QNetworkReply *config = call(nam, "GET", base.resolved(QUrl(u"/api/config"_s)), {}, token);
                QCOMPARE(status(config), 200);
                const QJsonObject json = QJsonDocument::fromJson(config->readAll()).object();
                QCOMPARE(json.value(u"TEST_MODEL"_s).toString(), u"model-saved-by-admin"_s);  // saved beats environment
                QVERIFY(!json.value(u"AUTH_TOKEN"_s).toString().contains(QString::fromLatin1(token)));
                QNetworkReply *schema = call(nam, "GET", base.resolved(QUrl(u"/api/config/schema"_s)), {}, token);
                const QJsonObject s = QJsonDocument::fromJson(schema->readAll()).object();
                QCOMPARE(s.value(u"TEST_MODEL"_s)[u"source"_s].toString(), u"saved"_s);
                QCOMPARE(s.value(u"AUTH_TOKEN"_s)[u"source"_s].toString(), u"saved"_s);
            }
            ::kill(pid_t(server.processId()), SIGTERM);
            QVERIFY(server.waitForFinished(10000));
            output += server.readAll();
            QCOMPARE(server.exitCode(), 0);
            if (run == 1)
                QVERIFY(!output.contains(token));
        }
    }
};

QTEST_GUILESS_MAIN(TestAdminToken)
#include "tst_admintoken.moc"
