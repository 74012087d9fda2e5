// The web admin pages in a real browser: the gembalance binary runs against the fake
// upstream with five keys (one invalid) and some traffic, and tests/web/admin-check.mjs
// drives Debian's headless Chromium through sign-in, /keys, /config, /logs and sign-out
// (puppeteer-core, pinned in tests/web). Afterwards the admin API shows what the pages did.
//
// Needs node >= 20, `npm ci` in tests/web and the chromium package (tests/run-tests.sh
// installs and runs all of them); missing any fails with the reason.

#include "FakeGemini.h"
#include "GemBalanceProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

const QString kWebDir = QStringLiteral(GB_WEB_TEST_DIR);
const QByteArray kAdminToken = "web-admin-token-0123456789abcdef";
const QByteArray kClientToken = "web-client-token";

// 39 characters like a real key: "AIza" + 35.
QString fakeKey(const QString &tag)
{
    return (u"AIza"_s + tag).leftJustified(39, u'0');
}

} // namespace

class TestWebAdmin : public QObject
{
    Q_OBJECT

    QString m_node;
    QString m_chromium;
    QNetworkAccessManager m_nam;
    QUrl m_base;

    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &token, const QByteArray &body = {})
    {
        QNetworkRequest request(m_base.resolved(QUrl(path)));
        request.setRawHeader("Authorization", "Bearer " + token);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 15'000))
            reply->abort();
        reply->deleteLater();
        return reply;
    }

    QJsonDocument adminGet(const QString &path)
    {
        return QJsonDocument::fromJson(send("GET", path, kAdminToken)->readAll());
    }

private slots:
    void initTestCase()
    {
        m_nam.setProxy(QNetworkProxy::NoProxy);
        m_node = qEnvironmentVariable("GB_NODE");
        if (m_node.isEmpty())
            m_node = QStandardPaths::findExecutable(u"node"_s);
        QVERIFY2(!m_node.isEmpty(), "node is not installed (packaging/install-deps.sh --test installs it)");
        m_chromium = qEnvironmentVariable("GB_CHROMIUM");
        if (m_chromium.isEmpty())
            m_chromium = QStandardPaths::findExecutable(u"chromium"_s);
        QVERIFY2(!m_chromium.isEmpty(), "chromium is not installed (packaging/install-deps.sh --test installs it)");
        QVERIFY2(QFile::exists(kWebDir + u"/node_modules/puppeteer-core/package.json"_s),
                 qPrintable(u"puppeteer-core is missing: run `npm ci --no-audit --no-fund` in %1 (tests/run-tests.sh does)"_s
                                .arg(kWebDir)));
    }

    void pagesWorkInChromium()
    {
        FakeGemini fake;
        QVERIFY(fake.start());
        const QStringList keys{fakeKey(u"WebGoodA"_s), fakeKey(u"WebGoodB"_s), fakeKey(u"WebGoodC"_s),
                               fakeKey(u"WebGoodD"_s), fakeKey(u"WebBadE"_s)};
        fake.setKeyInvalid(keys.last());
        const QStringList newKeys{fakeKey(u"WebNewF"_s), fakeKey(u"WebNewG"_s)};

        QTemporaryDir data, home;
        QProcessEnvironment env = cleanGemBalanceEnvironment(home.path());
        env.insert(u"API_KEYS"_s, keys.join(u','));
        env.insert(u"ALLOWED_TOKENS"_s, QString::fromLatin1(kClientToken));
        env.insert(u"AUTH_TOKEN"_s, QString::fromLatin1(kAdminToken));
        env.insert(u"BASE_URL"_s, fake.baseUrl().toString());
        env.insert(u"ERROR_LOG_RECORD_REQUEST_BODY"_s, u"true"_s);
        QProcess server;
        QByteArray output;
        const quint16 port = startGemBalance(server, {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, data.path()},
                                             env, &output);
        QVERIFY2(port != 0, output.constData());
        m_base = QUrl(u"http://127.0.0.1:%1"_s.arg(port));

        // Traffic: round robin over the five keys, so the invalid one is tried (and logged).
        for (int i = 0; i < 10; ++i) {
            QNetworkReply *r = send("POST", u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kClientToken,
                                    "{\"contents\":[{\"parts\":[{\"text\":\"hello from the web test\"}]}]}");
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        }
        // The log writer batches within 500 ms: wait (bounded) for the error row.
        QVERIFY(QTest::qWaitFor([&] { return adminGet(u"/api/logs/errors"_s).object().value(u"total"_s).toInt() > 0; },
                                10'000));

        QProcessEnvironment nodeEnv;
        nodeEnv.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        nodeEnv.insert(u"HOME"_s, home.path());
        nodeEnv.insert(u"GB_BASE_URL"_s, m_base.toString());
        nodeEnv.insert(u"GB_ADMIN_TOKEN"_s, QString::fromLatin1(kAdminToken));
        nodeEnv.insert(u"GB_CHROMIUM"_s, m_chromium);
        nodeEnv.insert(u"GB_KEYS"_s, keys.join(u','));
        nodeEnv.insert(u"GB_NEW_KEYS"_s, newKeys.join(u','));
        QProcess node;
        node.setProcessEnvironment(nodeEnv);
        node.setWorkingDirectory(kWebDir);
        node.setProcessChannelMode(QProcess::MergedChannels);
        QElapsedTimer timer;
        timer.start();
        node.start(m_node, {kWebDir + u"/admin-check.mjs"_s});
        // The fake upstream lives on this thread: keep the event loop turning while node runs.
        const bool finished = QTest::qWaitFor([&] { return node.state() == QProcess::NotRunning; }, 150'000);
        if (!finished) {
            node.kill();
            node.waitForFinished(5000);
        }
        const QByteArray log = node.readAll();
        qInfo().noquote() << log.trimmed();
        qInfo() << "browser run took" << timer.elapsed() << "ms";
        QVERIFY2(finished, "the browser checks did not finish in 150 s");
        QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0, "a browser check failed (see above)");
        QVERIFY(log.contains("all web admin checks passed"));

        // What the pages did, seen through the admin API.
        const QJsonObject all = adminGet(u"/api/keys/all"_s).object();
        QStringList configured;
        for (const char *list : {"valid_keys", "invalid_keys"})
            for (const QJsonValue &v : all.value(QLatin1StringView(list)).toArray())
                configured << v.toString();
        QVERIFY2(!configured.contains(newKeys.at(0)), "the key deleted on the page is still configured");
        QVERIFY2(configured.contains(newKeys.at(1)), "the key added on the page is not configured");
        QCOMPARE(configured.size(), keys.size() + 1);
        QCOMPARE(adminGet(u"/api/config"_s).object().value(u"MAX_FAILURES"_s).toInt(), 7);

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10'000));
        QCOMPARE(server.exitCode(), 0);
        QVERIFY2(!server.readAll().contains(kAdminToken), "the admin token reached the log");
    }
};

QTEST_MAIN(TestWebAdmin)
#include "tst_webadmin.moc"
