// gembalance --headless --demo as a newcomer runs it: the built-in upstream lists models and
// answers (unary and SSE), the rate-limited sample key cools down, the invalid one is
// disabled, the demo has its own data folder and ignores the real .env, and DEMO shows on
// the login page and in /api/session.

#include <QDir>
#include <QFile>
#include <QJsonArray>
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

using namespace Qt::StringLiterals;

namespace {
const QByteArray kClientToken = "sk-demo-client";
const QByteArray kAdminToken = "demo-admin";
const QString kInvalidKey = u"AIzaDEMO-invalid-key-not-a-real-key-005"_s;
} // namespace

class TestDemo : public QObject
{
    Q_OBJECT

    struct Answer
    {
        int status = 0;
        QByteArray body;
    };

    Answer call(const QByteArray &verb, const QString &path, const QByteArray &body, const QByteArray &token)
    {
        QNetworkRequest request(QUrl(m_base + path));
        if (!token.isEmpty())
            request.setRawHeader("x-goog-api-key", token);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 15000))
            reply->abort();
        Answer a{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
        reply->deleteLater();
        return a;
    }

    // gembalance_keys{state="..."} from /metrics.
    int keysIn(const QString &state)
    {
        const Answer metrics = call("GET", u"/metrics"_s, {}, kAdminToken);
        const QRegularExpression line(u"^gembalance_keys\\{state=\"%1\"\\} (\\d+)"_s.arg(state),
                                      QRegularExpression::MultilineOption);
        const auto m = line.match(QString::fromUtf8(metrics.body));
        return m.hasMatch() ? m.captured(1).toInt() : -1;
    }

    QTemporaryDir m_data;
    QTemporaryDir m_cwd;
    QProcess m_server;
    QByteArray m_output;
    QString m_base;
    QNetworkAccessManager m_nam;

private slots:
    void initTestCase()
    {
        m_nam.setProxy(QNetworkProxy::NoProxy);
        // A real .env and real settings in the environment: the demo must use neither.
        QFile dotEnv(m_cwd.filePath(u".env"_s));
        QVERIFY(dotEnv.open(QIODevice::WriteOnly));
        dotEnv.write("API_KEYS=[\"AIzaRealKeyThatTheDemoMustNotUse\"]\nALLOWED_TOKENS=[\"real-token\"]\n");
        dotEnv.close();
        QProcessEnvironment env;
        env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        env.insert(u"HOME"_s, m_cwd.path());
        env.insert(u"AUTH_TOKEN"_s, u"real-admin-token"_s);
        m_server.setProcessEnvironment(env);
        m_server.setWorkingDirectory(m_cwd.path());
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        m_server.start(QStringLiteral(GB_BINARY_PATH),
                       {u"--headless"_s, u"--demo"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, m_data.path()});
        QVERIFY(m_server.waitForStarted(5000));
        static const QRegularExpression listening(uR"(listening on (http://127\.0\.0\.1:\d+))"_s);
        for (int i = 0; i < 150 && m_base.isEmpty(); ++i) {
            m_server.waitForReadyRead(100);
            m_output += m_server.readAll();
            if (const auto m = listening.match(QString::fromUtf8(m_output)); m.hasMatch())
                m_base = m.captured(1);
            if (m_server.state() != QProcess::Running)
                break;
        }
        QVERIFY2(!m_base.isEmpty(), m_output.constData());
    }

    void startsMarkedDemoWithItsOwnDataFolder()
    {
        QVERIFY2(m_output.contains("DEMO"), m_output.constData());
        const QDir demoDir(m_data.filePath(u"demo"_s));
        QVERIFY(QFile::exists(demoDir.filePath(u"gembalance.db"_s)));
        QVERIFY(QFile::exists(demoDir.filePath(u"demo.env"_s)));
        QVERIFY(!QFile::exists(m_data.filePath(u"gembalance.db"_s)));  // the real data folder stays untouched
        QVERIFY2(!m_output.contains("AIzaRealKeyThatTheDemoMustNotUse"), m_output.constData());
    }

    void ignoresTheRealSettings()
    {
        QCOMPARE(call("GET", u"/v1beta/models"_s, {}, "real-token").status, 401);
        const Answer keys = call("GET", u"/api/keys/all"_s, {}, kAdminToken);
        QCOMPARE(keys.status, 200);
        QVERIFY(!keys.body.contains("AIzaRealKey"));
        QCOMPARE(QJsonDocument::fromJson(keys.body).object().value(u"total_count"_s).toInt(), 5);
        QCOMPARE(call("GET", u"/api/keys/all"_s, {}, "real-admin-token").status, 401);
    }

    void listsModels()
    {
        const Answer models = call("GET", u"/v1beta/models"_s, {}, kClientToken);
        QCOMPARE(models.status, 200);
        QStringList names;
        for (const QJsonValue &m : QJsonDocument::fromJson(models.body).object().value(u"models"_s).toArray())
            names << m.toObject().value(u"name"_s).toString();
        QVERIFY2(names.contains(u"models/gemini-2.5-flash"_s), qPrintable(names.join(u", "_s)));
        QVERIFY(names.contains(u"models/text-embedding-004"_s));
    }

    void answersUnaryAndStreamingCalls()
    {
        const QByteArray body = R"({"contents":[{"role":"user","parts":[{"text":"hello demo"}]}]})";
        const Answer unary = call("POST", u"/v1beta/models/gemini-2.5-flash:generateContent"_s, body, kClientToken);
        QCOMPARE(unary.status, 200);
        const QJsonObject response = QJsonDocument::fromJson(unary.body).object();
        QVERIFY(response.value(u"candidates"_s).toArray().first().toObject().value(u"content"_s).toObject()
                    .value(u"parts"_s).toArray().first().toObject().value(u"text"_s).toString()
                    .contains(u"hello demo"_s));
        QVERIFY(response.value(u"usageMetadata"_s).toObject().value(u"totalTokenCount"_s).toInt() > 0);

        const Answer stream =
            call("POST", u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s, body, kClientToken);
        QCOMPARE(stream.status, 200);
        QVERIFY(stream.body.count("data: ") >= 3);
        QVERIFY(stream.body.contains("\"finishReason\":\"STOP\""));
        QVERIFY(stream.body.contains("\"candidatesTokenCount\""));

        const Answer count = call("POST", u"/v1beta/models/gemini-2.5-flash:countTokens"_s, body, kClientToken);
        QCOMPARE(count.status, 200);
        QVERIFY(QJsonDocument::fromJson(count.body).object().value(u"totalTokens"_s).toInt() > 0);

        const Answer missing = call("POST", u"/v1beta/models/gemini-0.0-none:generateContent"_s, body, kClientToken);
        QCOMPARE(missing.status, 404);
        QVERIFY(missing.body.contains("NOT_FOUND"));
    }

    void rateLimitedKeyCoolsDownAndInvalidKeyIsDisabled()
    {
        const QByteArray body = R"({"contents":[{"parts":[{"text":"rotate"}]}]})";
        // Every call succeeds (failed attempts are retried on another key) while the pool
        // meets the rate-limited and the invalid key in rotation.
        int calls = 0;
        for (; calls < 40 && (keysIn(u"cooling"_s) < 1 || keysIn(u"disabled"_s) < 1); ++calls)
            QCOMPARE(call("POST", u"/v1beta/models/gemini-2.5-flash:generateContent"_s, body, kClientToken).status, 200);
        QVERIFY2(keysIn(u"cooling"_s) >= 1, qPrintable(u"after %1 calls"_s.arg(calls)));
        QVERIFY2(keysIn(u"disabled"_s) >= 1, qPrintable(u"after %1 calls"_s.arg(calls)));
        QCOMPARE(keysIn(u"active"_s), 3);  // the good ones
        const QJsonArray invalid =
            QJsonDocument::fromJson(call("GET", u"/api/keys/all"_s, {}, kAdminToken).body).object().value(u"invalid_keys"_s).toArray();
        QCOMPARE(invalid.size(), 1);
        QCOMPARE(invalid.at(0).toString(), kInvalidKey);
    }

    void webAdminShowsDemo()
    {
        const Answer login = call("GET", u"/"_s, {}, {});
        QCOMPARE(login.status, 200);
        QVERIFY(login.body.contains("id=\"demo-banner\""));
        QVERIFY(login.body.contains("DEMO"));
        const Answer session = call("GET", u"/api/session"_s, {}, {});
        QCOMPARE(session.status, 200);
        QCOMPARE(QJsonDocument::fromJson(session.body).object().value(u"demo"_s), QJsonValue(true));
    }

    void trafficGeneratorSendsCalls()
    {
        // With no calls from this test, the request log still grows: the built-in traffic
        // sends one call every 12 s (the first 2 s after the start) and logs its answer.
        const auto queued = [this] {
            const QRegularExpression line(u"^gembalance_log_entries_queued_total (\\d+)"_s, QRegularExpression::MultilineOption);
            const auto m = line.match(QString::fromUtf8(call("GET", u"/metrics"_s, {}, kAdminToken).body));
            return m.hasMatch() ? m.captured(1).toLongLong() : -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT((m_output += m_server.readAll()).contains("demo traffic: /v1beta/models/gemini-2.5-flash:generateContent -> 200"), 15000);
        const qint64 before = queued();
        QVERIFY(before >= 0);
        // The next call (the SSE stream) comes within the 12 s interval.
        QTRY_VERIFY_WITH_TIMEOUT(queued() > before, 20000);
        QTRY_VERIFY_WITH_TIMEOUT((m_output += m_server.readAll()).contains("demo traffic: /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse -> 200"), 5000);
    }

    void cleanupTestCase()
    {
        if (m_server.state() == QProcess::Running) {
            ::kill(pid_t(m_server.processId()), SIGTERM);
            QVERIFY(m_server.waitForFinished(15000));
            QCOMPARE(m_server.exitCode(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
