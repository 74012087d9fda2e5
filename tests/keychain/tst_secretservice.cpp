// KeychainSecretStore against a real Secret Service (gnome-keyring on a private D-Bus
// session, see run-with-secret-service.sh): probe, write/read/remove, entries scoped by data
// folder, and the start-up move of database secrets into the keychain and back. Without a
// Secret Service (GB_NO_SECRET_SERVICE set) the keychain tests skip, saying why, and the
// probe is checked to give up quickly instead.

#include "KeychainSecretStore.h"
#include "secrets/SecretSettings.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

#include <optional>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

template <typename T>
std::optional<Result<T>> wait(std::function<void(std::function<void(Result<T>)>)> call)
{
    std::optional<Result<T>> answer;
    QEventLoop loop;
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    call([&](Result<T> r) {
        answer = std::move(r);
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return answer;
}

// The real binary on a data folder: started, used, stopped with SIGTERM.
class Server
{
public:
    bool start(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();  // the private D-Bus session
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);                     // the desktop application, no display
        env.insert(u"AUTH_TOKEN"_s, u"env-admin-token"_s);
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(GB_BINARY_PATH), args + QStringList{u"--port"_s, u"0"_s});
        if (!process.waitForStarted(5000))
            return false;
        static const QRegularExpression listening(uR"(listening on (http://127\.0\.0\.1:\d+))"_s);
        for (int i = 0; i < 150 && base.isEmpty(); ++i) {
            process.waitForReadyRead(100);
            output += process.readAll();
            if (const auto m = listening.match(QString::fromUtf8(output)); m.hasMatch())
                base = m.captured(1);
            if (process.state() != QProcess::Running)
                break;
        }
        if (base.isEmpty())
            qWarning().noquote() << "server output:" << output;
        return !base.isEmpty();
    }
    int status(const QByteArray &verb, const QString &path, const QByteArray &token, const QByteArray &body = {})
    {
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(QUrl(base + path));
        request.setRawHeader("x-goog-api-key", token);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = nam.sendCustomRequest(request, verb, body);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            reply->abort();
        const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return code;
    }
    bool stop()
    {
        ::kill(pid_t(process.processId()), SIGTERM);
        const bool stopped = process.waitForFinished(15000);
        output += process.readAll();
        return stopped && process.exitCode() == 0;
    }

    QProcess process;
    QByteArray output;
    QString base;
};

QHash<QString, QString> savedRows(const QString &databaseFile)
{
    QHash<QString, QString> rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
        db.setDatabaseName(databaseFile);
        if (db.open()) {
            QSqlQuery query(u"SELECT `key`, value FROM t_settings"_s, db);
            while (query.next())
                rows.insert(query.value(0).toString(), query.value(1).toString());
        }
    }
    QSqlDatabase::removeDatabase(u"inspect"_s);
    return rows;
}

} // namespace

class TestSecretService : public QObject
{
    Q_OBJECT

    std::unique_ptr<KeychainSecretStore> m_store;
    QString m_why;

    bool haveSecretService() const { return qEnvironmentVariableIsEmpty("GB_NO_SECRET_SERVICE"); }

private slots:
    void initTestCase()
    {
        if (!haveSecretService())
            return;
        m_store = KeychainSecretStore::probe(5000, &m_why);
    }

    void probeGivesUpQuicklyWithoutSecretService()
    {
        if (haveSecretService())
            QSKIP("a Secret Service runs here; this checks the machine without one");
        QElapsedTimer clock;
        clock.start();
        QString why;
        auto store = KeychainSecretStore::probe(2000, &why);
        QVERIFY(!store);
        QVERIFY(!why.isEmpty());
        QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    }

    void writeReadRemove()
    {
        if (!haveSecretService())
            QSKIP(qPrintable(u"no Secret Service: "_s + qEnvironmentVariable("GB_NO_SECRET_SERVICE")));
        QVERIFY2(m_store, qPrintable(u"the keychain did not answer the probe: "_s + m_why));
        const QString key = secretsettings::entryKey(u"/tmp/gembalance-test-a"_s, u"API_KEYS"_s);
        const QString other = secretsettings::entryKey(u"/tmp/gembalance-test-b"_s, u"API_KEYS"_s);
        auto written = wait<void>([&](auto done) { m_store->write(key, u"[\"AIzaKeychainTest\"]"_s, done); });
        QVERIFY(written && written->ok());
        auto read = wait<QString>([&](auto done) { m_store->read(key, done); });
        QVERIFY(read && read->ok());
        QCOMPARE(read->value(), u"[\"AIzaKeychainTest\"]"_s);
        // Another data folder's entry is another entry.
        auto missing = wait<QString>([&](auto done) { m_store->read(other, done); });
        QVERIFY(missing && !missing->ok());
        QCOMPARE(missing->error(), SecretStore::notFoundError());
        auto removed = wait<void>([&](auto done) { m_store->remove(key, done); });
        QVERIFY(removed && removed->ok());
        auto gone = wait<QString>([&](auto done) { m_store->read(key, done); });
        QVERIFY(gone && !gone->ok());
        QCOMPARE(gone->error(), SecretStore::notFoundError());
    }

    void startMovesSecretsIntoTheKeychainAndBack()
    {
        if (!haveSecretService())
            QSKIP(qPrintable(u"no Secret Service: "_s + qEnvironmentVariable("GB_NO_SECRET_SERVICE")));
        QVERIFY2(m_store, qPrintable(u"the keychain did not answer the probe: "_s + m_why));
        const QString scope = u"/tmp/gembalance-test-start"_s;
        const QHash<QString, QString> rows{{u"AUTH_TOKEN"_s, u"keychain-admin"_s}, {u"MAX_RETRIES"_s, u"3"_s}};
        const auto first = secretsettings::resolveAtStart(m_store.get(), scope, rows, 5000);
        QVERIFY2(first.warnings.isEmpty(), qPrintable(first.warnings.join(u'\n')));
        QCOMPARE(first.moved, QStringList{u"AUTH_TOKEN"_s});
        QVERIFY(secretsettings::isMarker(first.markerRows.value(u"AUTH_TOKEN"_s)));

        QHash<QString, QString> stored = rows;
        stored.insert(first.markerRows);
        const auto second = secretsettings::resolveAtStart(m_store.get(), scope, stored, 5000);
        QVERIFY(second.storeAnswered);
        QCOMPARE(second.rows.value(u"AUTH_TOKEN"_s), u"keychain-admin"_s);
        QCOMPARE(second.fromStore, QStringList{u"AUTH_TOKEN"_s});
        wait<void>([&](auto done) { m_store->remove(secretsettings::entryKey(scope, u"AUTH_TOKEN"_s), done); });
    }

    // The real binary: a secret saved by the headless server (in the database) moves into
    // the keychain at the first desktop start, is read from there at the next, and a
    // headless start (no keychain) goes on without it instead of using the marker.
    void binaryMovesSavedSecretsIntoTheKeychain()
    {
        if (!haveSecretService())
            QSKIP(qPrintable(u"no Secret Service: "_s + qEnvironmentVariable("GB_NO_SECRET_SERVICE")));
        QTemporaryDir data;
        const QString dbFile = data.filePath(u"gembalance.db"_s);
        const QByteArray token = "sk-keychain-client-token";
        {
            Server headless;
            QVERIFY(headless.start({u"--headless"_s, u"--data-dir"_s, data.path()}));
            QCOMPARE(headless.status("PUT", u"/api/config"_s, "env-admin-token",
                                     R"({"ALLOWED_TOKENS":["sk-keychain-client-token"]})"), 200);
            QVERIFY(headless.stop());
        }
        QCOMPARE(savedRows(dbFile).value(u"ALLOWED_TOKENS"_s), u"[\"sk-keychain-client-token\"]"_s);
        {
            Server desktop;
            QVERIFY(desktop.start({u"--data-dir"_s, data.path()}));
            QVERIFY2(desktop.output.contains("moved from the database into the system keychain"), desktop.output.constData());
            QVERIFY(desktop.status("GET", u"/v1beta/models"_s, token) != 401);
            QCOMPARE(desktop.status("GET", u"/v1beta/models"_s, "sk-some-other-token"), 401);
            QVERIFY(desktop.stop());
            QVERIFY(!desktop.output.contains(token));
        }
        const auto rows = savedRows(dbFile);
        QVERIFY(secretsettings::isMarker(rows.value(u"ALLOWED_TOKENS"_s)));
        for (const QString &value : rows)
            QVERIFY2(!value.contains(QString::fromLatin1(token)), qPrintable(value));
        {
            Server desktop;
            QVERIFY(desktop.start({u"--data-dir"_s, data.path()}));
            QVERIFY2(desktop.output.contains("read from the system keychain"), desktop.output.constData());
            QVERIFY(desktop.status("GET", u"/v1beta/models"_s, token) != 401);
            QVERIFY(desktop.stop());
        }
        {
            Server headless;
            QVERIFY(headless.start({u"--headless"_s, u"--data-dir"_s, data.path()}));
            QVERIFY2(headless.output.contains("ALLOWED_TOKENS was saved in the system keychain"), headless.output.constData());
            QCOMPARE(headless.status("GET", u"/v1beta/models"_s, token), 401);  // the marker is no token
            QVERIFY(headless.stop());
        }
        // Tidy the throw-away keyring too.
        wait<void>([&](auto done) {
            m_store->remove(secretsettings::entryKey(QDir(data.path()).absolutePath(), u"ALLOWED_TOKENS"_s), done);
        });
    }
};

QTEST_GUILESS_MAIN(TestSecretService)
#include "tst_secretservice.moc"
