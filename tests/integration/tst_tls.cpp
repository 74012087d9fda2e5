// The built-in server over https (TLS_CERT_FILE / TLS_KEY_FILE), with a self-signed
// certificate made by the openssl command at test time: unary and SSE calls, keep-alive,
// Secure cookies, plain http to the TLS port, a stalled handshake, and the real binary
// refusing to start with a key that is not the certificate's.

#include "GemBalanceProcess.h"
#include "ProxyHarness.h"
#include "ProxyService.h"
#include "http/TlsFiles.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

const QString kGenerate = u"/v1beta/models/gemini-2.5-flash:generateContent"_s;
const QString kSse = u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s;
const QByteArray kBody = QByteArrayLiteral("{\"contents\":[{\"parts\":[{\"text\":\"Hello\"}]}]}");
const QByteArray kAdminToken = QByteArrayLiteral("admin-token-for-the-tls-test");

bool runOpenssl(const QStringList &args, const QString &dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(u"openssl"_s, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << "openssl" << args.join(u' ') << "failed:" << p.readAll();
        return false;
    }
    return true;
}

// One response read from a raw connection: status line, headers, Content-Length body;
// the event loop runs meanwhile.
struct RawReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
};

RawReply readReply(QTcpSocket &socket, int timeoutMs = 5000)
{
    RawReply r;
    QByteArray buffer;
    QElapsedTimer t;
    t.start();
    qsizetype headEnd = -1;
    qsizetype length = -1;
    while (t.elapsed() < timeoutMs) {
        buffer += socket.readAll();
        if (headEnd < 0 && (headEnd = buffer.indexOf("\r\n\r\n")) >= 0) {
            r.head = buffer.left(headEnd);
            r.status = r.head.mid(9, 3).toInt();
            for (const QByteArray &line : r.head.split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
        }
        if (headEnd >= 0 && length >= 0 && buffer.size() >= headEnd + 4 + length) {
            r.body = buffer.mid(headEnd + 4, length);
            return r;
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        QTest::qWait(10);  // the event loop runs: the server may live on this thread
    }
    r.status = -1;  // incomplete
    return r;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cert, m_key, m_otherKey, m_garbageKey;
    QSslCertificate m_certificate;
    QByteArray m_keySecretLine;  // a line of the private key's base64, which must never be printed

    std::unique_ptr<ProxyHarness> tlsHarness(const QString &keyFile = {})
    {
        const QString cert = m_cert, key = keyFile.isEmpty() ? m_key : keyFile;
        auto h = std::make_unique<ProxyHarness>([&](SettingsValues &s) {
            s.tlsCertFile = cert;
            s.tlsKeyFile = key;
            s.authToken = QString::fromLatin1(kAdminToken);
        });
        h->trustCertificate(m_certificate);
        return h;
    }

    // An encrypted connection that trusts only the test certificate.
    bool connectTls(QSslSocket &socket, quint16 port)
    {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.setCaCertificates({m_certificate});
        socket.setSslConfiguration(c);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        // Not waitForEncrypted(): it would block the server when it runs on this thread.
        return QTest::qWaitFor([&] { return socket.isEncrypted(); }, 5000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!QStandardPaths::findExecutable(u"openssl"_s).isEmpty(),
                 "the openssl command is needed (packaging/install-deps.sh --test installs it)");
        QVERIFY(QSslSocket::supportsSsl());
        const QString dir = m_dir.path();
        QVERIFY(runOpenssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"key.pem"_s,
                            u"-out"_s, u"cert.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
                            u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s},
                           dir));
        QVERIFY(runOpenssl({u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:2048"_s,
                            u"-out"_s, u"other.pem"_s},
                           dir));
        m_cert = m_dir.filePath(u"cert.pem"_s);
        m_key = m_dir.filePath(u"key.pem"_s);
        m_otherKey = m_dir.filePath(u"other.pem"_s);
        m_garbageKey = m_dir.filePath(u"garbage.pem"_s);
        QFile garbage(m_garbageKey);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("-----BEGIN PRIVATE KEY-----\nnot really a key at all\n-----END PRIVATE KEY-----\n");
        garbage.close();
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(m_cert);
        QCOMPARE(certs.size(), 1);
        m_certificate = certs.first();
        QFile key(m_otherKey);
        QVERIFY(key.open(QIODevice::ReadOnly));
        m_keySecretLine = key.readAll().split('\n').value(2);
        QCOMPARE(m_keySecretLine.size(), 64);
    }

    void loadChecksTheFiles()
    {
        QVERIFY(loadServerTls({}, {}).ok());
        QVERIFY(!loadServerTls({}, {}).value().has_value());  // neither: plain http
        const auto ok = loadServerTls(m_cert, m_key);
        QVERIFY2(ok.ok(), qPrintable(ok.error()));
        QVERIFY(ok.value().has_value());
        QCOMPARE(ok.value()->localCertificate(), m_certificate);

        const struct
        {
            QString cert, key, mustName;
        } bad[] = {
            {m_cert, {}, u"TLS_KEY_FILE"_s},
            {{}, m_key, u"TLS_CERT_FILE"_s},
            {m_dir.filePath(u"missing.pem"_s), m_key, u"TLS_CERT_FILE"_s},
            {m_key, m_key, u"TLS_CERT_FILE"_s},  // a key is no certificate
            {m_cert, m_garbageKey, u"TLS_KEY_FILE"_s},
            {m_cert, m_otherKey, u"TLS_KEY_FILE"_s},  // not the certificate's key
        };
        for (const auto &b : bad) {
            const auto r = loadServerTls(b.cert, b.key);
            QVERIFY2(!r.ok(), qPrintable(b.cert + u' ' + b.key));
            QVERIFY2(r.error().startsWith(b.mustName), qPrintable(r.error()));
            QVERIFY(!r.error().contains(QString::fromLatin1(m_keySecretLine)));
        }
    }

    void unaryAndStreamOverHttps()
    {
        auto h = tlsHarness();
        QVERIFY(h->isReady());
        QVERIFY(h->proxy().isTls());
        QCOMPARE(h->url(u"/"_s).scheme(), u"https"_s);

        const ClientReply unary = h->post(kGenerate, kBody);
        QVERIFY(unary.finished);
        QCOMPARE(unary.error, QNetworkReply::NoError);
        QCOMPARE(unary.status, 200);
        QVERIFY2(unary.json().value(u"candidates"_s).isArray(), unary.body.constData());

        const ClientReply sse = h->post(kSse, kBody);
        QVERIFY(sse.finished);
        QCOMPARE(sse.status, 200);
        QVERIFY(sse.header("content-type").startsWith("text/event-stream"));
        QVERIFY2(sse.body.count("data: ") >= 2, sse.body.constData());
        QVERIFY(sse.body.contains("\"finishReason\""));
    }

    void keepAliveReusesTheTlsConnection()
    {
        auto h = tlsHarness();
        QVERIFY(h->isReady());
        QSslSocket socket;
        QVERIFY2(connectTls(socket, h->port()), qPrintable(socket.errorString()));
        const QByteArray request = "POST " + kGenerate.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-goog-api-key: "
                                   + ProxyHarness::kClientToken.toUtf8()
                                   + "\r\nContent-Type: application/json\r\nContent-Length: "
                                   + QByteArray::number(kBody.size()) + "\r\n\r\n" + kBody;
        for (int i = 0; i < 3; ++i) {
            socket.write(request);
            const RawReply r = readReply(socket);
            QCOMPARE(r.status, 200);
            QVERIFY(r.body.contains("candidates"));
            QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);  // the same connection, kept
        }
        QCOMPARE(h->fake().requests().size(), qsizetype(3));
    }

    void sessionCookieIsSecure()
    {
        auto h = tlsHarness();
        QVERIFY(h->isReady());
        QSslSocket socket;
        QVERIFY2(connectTls(socket, h->port()), qPrintable(socket.errorString()));
        const QByteArray form = "auth_token=" + kAdminToken;
        socket.write("POST /auth HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: "
                     + QByteArray::number(form.size()) + "\r\n\r\n" + form);
        const RawReply r = readReply(socket);
        QCOMPARE(r.status, 302);
        int cookies = 0;
        for (const QByteArray &line : r.head.split('\n')) {
            if (!line.toLower().startsWith("set-cookie:"))
                continue;
            ++cookies;
            QVERIFY2(line.contains("; Secure"), line.constData());
        }
        QCOMPARE(cookies, 2);
    }

    void plainHttpToTheTlsPortIsDroppedCleanly()
    {
        auto h = tlsHarness();
        QVERIFY(h->isReady());
        QTcpSocket plain;
        plain.connectToHost(u"127.0.0.1"_s, h->port());
        QVERIFY(plain.waitForConnected(5000));
        plain.write("GET /v1beta/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { return plain.state() == QAbstractSocket::UnconnectedState; }, 5000));
        QVERIFY(!plain.readAll().contains("HTTP/1.1"));  // no plain answer, nothing served in clear
        // The server goes on serving https.
        const ClientReply after = h->post(kGenerate, kBody);
        QCOMPARE(after.status, 200);
    }

    void stalledHandshakeIsDroppedWhileOthersAreServed()
    {
        auto h = tlsHarness();
        QVERIFY(h->isReady());
        h->proxy().setTlsHandshakeTimeout(1000);
        QVERIFY(h->proxy().start(QHostAddress(QHostAddress::LocalHost), 0));  // again, with the shorter bound
        QTcpSocket stalled;
        QElapsedTimer t;
        t.start();
        stalled.connectToHost(u"127.0.0.1"_s, h->port());
        QVERIFY(stalled.waitForConnected(5000));
        // Sends nothing. Meanwhile other clients are served.
        for (int i = 0; i < 3; ++i) {
            const ClientReply r = h->post(kGenerate, kBody);
            QCOMPARE(r.status, 200);
        }
        QVERIFY(QTest::qWaitFor([&] { return stalled.state() == QAbstractSocket::UnconnectedState; }, 8000));
        QVERIFY2(t.elapsed() >= 900, qPrintable(QString::number(t.elapsed())));
        const ClientReply after = h->post(kGenerate, kBody);
        QCOMPARE(after.status, 200);
    }

    void binaryServesHttpsAndLogsTheHttpsUrl()
    {
        QTemporaryDir home;
        QProcessEnvironment env = cleanGemBalanceEnvironment(home.path());
        env.insert(u"TLS_CERT_FILE"_s, m_cert);
        env.insert(u"TLS_KEY_FILE"_s, m_key);
        env.insert(u"AUTH_TOKEN"_s, QString::fromLatin1(kAdminToken));
        QProcess process;
        QByteArray output;
        const quint16 port = startGemBalance(
            process, {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, home.filePath(u"data"_s)}, env, &output);
        QVERIFY2(port != 0, output.constData());
        QVERIFY2(output.contains("listening on https://127.0.0.1:" + QByteArray::number(port)), output.constData());
        QSslSocket socket;
        QVERIFY2(connectTls(socket, port), qPrintable(socket.errorString()));
        socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const RawReply r = readReply(socket);
        QVERIFY2(r.status > 0 && r.status < 500, r.head.constData());
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
    }

    void binaryRefusesAKeyThatIsNotTheCertificates_data()
    {
        QTest::addColumn<QString>("keyFile");
        QTest::newRow("other key") << m_otherKey;
        QTest::newRow("not a key") << m_garbageKey;
        QTest::newRow("missing") << m_dir.filePath(u"no-such-key.pem"_s);
    }

    void binaryRefusesAKeyThatIsNotTheCertificates()
    {
        QFETCH(QString, keyFile);
        QTemporaryDir home;
        QProcessEnvironment env = cleanGemBalanceEnvironment(home.path());
        env.insert(u"TLS_CERT_FILE"_s, m_cert);
        env.insert(u"TLS_KEY_FILE"_s, keyFile);
        QProcess process;
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(GB_BINARY_PATH),
                      {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, home.filePath(u"data"_s)});
        QVERIFY(process.waitForFinished(15000));
        const QByteArray output = process.readAll();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() != 0, output.constData());
        QVERIFY2(output.contains("cannot start") && output.contains("TLS_KEY_FILE"), output.constData());
        QVERIFY2(!output.contains("listening on"), output.constData());  // no fallback to plain http
        QVERIFY(!output.contains(m_keySecretLine));
        QVERIFY(!output.contains("PRIVATE KEY"));
    }
};

QTEST_MAIN(TestTls)
#include "tst_tls.moc"
