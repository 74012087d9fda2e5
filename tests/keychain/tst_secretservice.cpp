// KeychainSecretStore against a real Secret Service (gnome-keyring on a private D-Bus
// session, see run-with-secret-service.sh): probe, write/read/remove, entries scoped by data
// folder, and the start-up move of database secrets into the keychain and back. Without a
// Secret Service (GB_NO_SECRET_SERVICE set) the keychain tests skip, saying why, and the
// probe is checked to give up quickly instead.

#include "KeychainSecretStore.h"
#include "secrets/SecretSettings.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

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
};

QTEST_GUILESS_MAIN(TestSecretService)
#include "tst_secretservice.moc"
