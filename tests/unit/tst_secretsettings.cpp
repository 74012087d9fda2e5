// Secret settings in a SecretStore (the OS keychain on the desktop) instead of t_settings:
// reading them at start, moving database rows into the store, marker rows that never hold a
// value, the scope per data folder, and the fallbacks when the store fails or never answers.
// The store here is MemorySecretStore (tests/support); the real keychain has its own test.

#include "MemorySecretStore.h"
#include "TestDatabases.h"
#include "secrets/SecretSettings.h"
#include "settings/Settings.h"
#include "settings/SettingsLoader.h"
#include "store/Database.h"
#include "store/QueryRunner.h"
#include "store/SettingsPersister.h"
#include "store/SettingsStore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
const QString kScope = u"/data/one"_s;
const QString kKeys = u"[\"AIzaSecretOne\",\"AIzaSecretTwo\"]"_s;

QHash<QString, QString> databaseRows(QueryRunner &queries)
{
    const QVariantMap map = queries.run([](Database &db) -> QVariant {
        QVariantMap out;
        const auto all = settingsstore::loadAll(db);
        for (auto it = all.value().cbegin(); it != all.value().cend(); ++it)
            out.insert(it.key(), it.value());
        return out;
    }).toMap();
    QHash<QString, QString> rows;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        rows.insert(it.key(), it.value().toString());
    return rows;
}
} // namespace

class TestSecretSettings : public QObject
{
    Q_OBJECT
private slots:
    void markerIsNeverAValue()
    {
        QVERIFY(secretsettings::isMarker(secretsettings::marker()));
        QVERIFY(!secretsettings::isMarker(u"AIzaSecretOne"_s));
        QVERIFY(!secretsettings::isMarker(QString()));
    }

    void entriesAreScopedByDataFolder()
    {
        const QString one = secretsettings::entryKey(u"/data/one"_s, u"API_KEYS"_s);
        const QString two = secretsettings::entryKey(u"/data/two"_s, u"API_KEYS"_s);
        QVERIFY(one != two);
        QVERIFY(one.contains(u"API_KEYS"_s));
        QVERIFY(secretsettings::entryKey(u"/data/one"_s, u"AUTH_TOKEN"_s) != one);
    }

    void withoutStoreRowsStayButMarkersAreDropped()
    {
        const QHash<QString, QString> rows{{u"API_KEYS"_s, kKeys},
                                           {u"AUTH_TOKEN"_s, secretsettings::marker()},
                                           {u"MAX_RETRIES"_s, u"5"_s}};
        const auto out = secretsettings::resolveAtStart(nullptr, kScope, rows, 1000);
        QCOMPARE(out.rows.value(u"API_KEYS"_s), kKeys);
        QCOMPARE(out.rows.value(u"MAX_RETRIES"_s), u"5"_s);
        QVERIFY(!out.rows.contains(u"AUTH_TOKEN"_s));  // never used as the token itself
        QVERIFY(out.markerRows.isEmpty());
        QCOMPARE(out.warnings.size(), 1);
        QVERIFY(out.warnings.constFirst().contains(u"AUTH_TOKEN"_s));
    }

    void movesDatabaseSecretsIntoTheStore()
    {
        MemorySecretStore store;
        const QHash<QString, QString> rows{{u"API_KEYS"_s, kKeys},
                                           {u"AUTH_TOKEN"_s, u"admin-secret"_s},
                                           {u"MAX_RETRIES"_s, u"5"_s}};
        const auto out = secretsettings::resolveAtStart(&store, kScope, rows, 5000);
        QVERIFY(out.storeAnswered);
        QVERIFY(out.warnings.isEmpty());
        // Values for this start are unchanged...
        QCOMPARE(out.rows, rows);
        // ...the secrets are in the store, their rows become markers, the others stay.
        QCOMPARE(store.entries.value(secretsettings::entryKey(kScope, u"API_KEYS"_s)), kKeys);
        QCOMPARE(store.entries.value(secretsettings::entryKey(kScope, u"AUTH_TOKEN"_s)), u"admin-secret"_s);
        QCOMPARE(store.entries.size(), 2);
        QCOMPARE(out.markerRows.size(), 2);
        QVERIFY(secretsettings::isMarker(out.markerRows.value(u"API_KEYS"_s)));
        QVERIFY(!out.markerRows.contains(u"MAX_RETRIES"_s));
        QCOMPARE(QSet<QString>(out.moved.cbegin(), out.moved.cend()), (QSet<QString>{u"API_KEYS"_s, u"AUTH_TOKEN"_s}));
    }

    void readsMarkedSecretsAtStart()
    {
        MemorySecretStore store;
        store.entries.insert(secretsettings::entryKey(kScope, u"ALLOWED_TOKENS"_s), u"[\"sk-one\"]"_s);
        const QHash<QString, QString> rows{{u"ALLOWED_TOKENS"_s, secretsettings::marker()}};
        const auto out = secretsettings::resolveAtStart(&store, kScope, rows, 5000);
        QCOMPARE(out.rows.value(u"ALLOWED_TOKENS"_s), u"[\"sk-one\"]"_s);
        QCOMPARE(out.fromStore, QStringList{u"ALLOWED_TOKENS"_s});
        QVERIFY(out.markerRows.isEmpty());
        // The overlay then takes the value from the store as a saved one.
        LoadedSettings loaded = loadSettings(QProcessEnvironment());
        settingsstore::overlay(loaded, out.rows);
        QCOMPARE(loaded.values.allowedTokens, QStringList{u"sk-one"_s});
        QCOMPARE(loaded.sources.value(u"ALLOWED_TOKENS"_s), SettingSource::Saved);
    }

    void anotherDataFoldersMarkerIsSkipped()
    {
        MemorySecretStore store;
        store.entries.insert(secretsettings::entryKey(u"/data/two"_s, u"AUTH_TOKEN"_s), u"theirs"_s);
        const auto out =
            secretsettings::resolveAtStart(&store, kScope, {{u"AUTH_TOKEN"_s, secretsettings::marker()}}, 5000);
        QVERIFY(!out.rows.contains(u"AUTH_TOKEN"_s));
        QVERIFY(out.storeAnswered);  // a missing entry is not a broken keychain
        QCOMPARE(out.warnings.size(), 1);
        QVERIFY(!out.warnings.constFirst().contains(u"theirs"_s));
    }

    void failingStoreKeepsTheDatabaseRows()
    {
        MemorySecretStore store;
        store.setMode(MemorySecretStore::Mode::Fails);
        const QHash<QString, QString> rows{{u"API_KEYS"_s, kKeys}, {u"AUTH_TOKEN"_s, secretsettings::marker()}};
        const auto out = secretsettings::resolveAtStart(&store, kScope, rows, 5000);
        QVERIFY(!out.storeAnswered);
        QVERIFY(out.markerRows.isEmpty());            // nothing is rewritten: API_KEYS stays in the database
        QCOMPARE(out.rows.value(u"API_KEYS"_s), kKeys);
        QVERIFY(!out.rows.contains(u"AUTH_TOKEN"_s));  // the marked one cannot be read
        QCOMPARE(out.warnings.size(), 2);
        for (const QString &w : out.warnings)
            QVERIFY2(!w.contains(u"AIzaSecret"_s), qPrintable(w));  // never a value in a message
    }

    void hangingStoreIsWaitedForBoundedly()
    {
        MemorySecretStore store;
        store.setMode(MemorySecretStore::Mode::Hangs);
        const QHash<QString, QString> rows{{u"API_KEYS"_s, kKeys},
                                           {u"AUTH_TOKEN"_s, secretsettings::marker()},
                                           {u"ALLOWED_TOKENS"_s, secretsettings::marker()}};
        QElapsedTimer clock;
        clock.start();
        const auto out = secretsettings::resolveAtStart(&store, kScope, rows, 300);
        const qint64 waited = clock.elapsed();
        QVERIFY2(waited >= 250 && waited < 3000, qPrintable(QString::number(waited)));  // one deadline for all calls
        QCOMPARE(store.calls, 3);
        QVERIFY(!out.storeAnswered);
        QCOMPARE(out.rows.value(u"API_KEYS"_s), kKeys);
        QVERIFY(!out.rows.contains(u"AUTH_TOKEN"_s));
        QVERIFY(out.markerRows.isEmpty());
        QCOMPARE(out.warnings.size(), 3);
        QVERIFY(out.warnings.join(u'\n').contains(u"did not answer"_s));
    }

    // The start sequence Runtime runs, twice: the first start with a keychain moves the
    // secrets out of the database, the second reads them back from the keychain only.
    void startMovesThenLoadsFromTheStore()
    {
        auto scratch = GB_SCRATCH_DATABASE(u"sqlite"_s);
        Database db(u"secret-start"_s);
        QVERIFY(db.open(scratch->config()).ok());
        QVERIFY(db.migrate().ok());
        QVERIFY(settingsstore::save(db, {{u"API_KEYS"_s, kKeys}, {u"MAX_RETRIES"_s, u"6"_s}}).ok());
        MemorySecretStore store;

        auto first = secretsettings::resolveAtStart(&store, kScope, settingsstore::loadAll(db).value(), 5000);
        QVERIFY(settingsstore::save(db, first.markerRows).ok());
        const auto stored = settingsstore::loadAll(db).value();
        QVERIFY(secretsettings::isMarker(stored.value(u"API_KEYS"_s)));
        QCOMPARE(stored.value(u"MAX_RETRIES"_s), u"6"_s);
        for (const QString &value : stored)
            QVERIFY(!value.contains(u"AIzaSecret"_s));

        auto second = secretsettings::resolveAtStart(&store, kScope, stored, 5000);
        QVERIFY(second.markerRows.isEmpty());
        LoadedSettings loaded = loadSettings(QProcessEnvironment());
        settingsstore::overlay(loaded, second.rows);
        QCOMPARE(loaded.values.apiKeys, (QStringList{u"AIzaSecretOne"_s, u"AIzaSecretTwo"_s}));
        QCOMPARE(loaded.values.maxRetries, 6);
    }

    void persisterWritesSecretsToTheStore()
    {
        auto scratch = GB_SCRATCH_DATABASE(u"sqlite"_s);
        {
            Database db(u"secret-persist-migrate"_s);
            QVERIFY(db.open(scratch->config()).ok());
            QVERIFY(db.migrate().ok());
        }
        QueryRunner queries(scratch->config());
        QVERIFY(queries.start().ok());
        Settings settings;
        SettingsPersister persister(&settings, &queries);
        MemorySecretStore store;
        persister.setSecretStore(&store, kScope);
        QSignalSpy saved(&persister, &SettingsPersister::saved);

        QVERIFY(settings.apply({{u"ALLOWED_TOKENS"_s, QStringList{u"sk-new-token"_s}}, {u"MAX_RETRIES"_s, 4}},
                               SettingSource::Saved).ok());
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, 5000);  // the plain row, then the marker row
        const auto rows = databaseRows(queries);
        QCOMPARE(rows.value(u"MAX_RETRIES"_s), u"4"_s);
        QVERIFY(secretsettings::isMarker(rows.value(u"ALLOWED_TOKENS"_s)));
        QCOMPARE(store.entries.value(secretsettings::entryKey(kScope, u"ALLOWED_TOKENS"_s)), u"[\"sk-new-token\"]"_s);

        // A store that refuses: the value falls back to the database, so nothing is lost.
        store.setMode(MemorySecretStore::Mode::Fails);
        QVERIFY(settings.apply({{u"AUTH_TOKEN"_s, u"fallback-admin"_s}}, SettingSource::Saved).ok());
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 3, 5000);
        QCOMPARE(databaseRows(queries).value(u"AUTH_TOKEN"_s), u"fallback-admin"_s);
        queries.stop();
    }

    // Shutting down: the writes in flight are waited for, boundedly.
    void persisterWaitsForSecretWritesAtShutdown()
    {
        auto scratch = GB_SCRATCH_DATABASE(u"sqlite"_s);
        {
            Database db(u"secret-wait-migrate"_s);
            QVERIFY(db.open(scratch->config()).ok());
            QVERIFY(db.migrate().ok());
        }
        QueryRunner queries(scratch->config());
        QVERIFY(queries.start().ok());
        Settings settings;
        SettingsPersister persister(&settings, &queries);
        MemorySecretStore store;
        persister.setSecretStore(&store, kScope);
        QVERIFY(persister.waitForSecretWrites(1000));  // nothing in flight

        QVERIFY(settings.apply({{u"AUTH_TOKEN"_s, u"admin-at-exit"_s}}, SettingSource::Saved).ok());
        QVERIFY(persister.waitForSecretWrites(5000));  // no test event loop ran before this
        QCOMPARE(store.entries.value(secretsettings::entryKey(kScope, u"AUTH_TOKEN"_s)), u"admin-at-exit"_s);
        QTRY_VERIFY_WITH_TIMEOUT(secretsettings::isMarker(databaseRows(queries).value(u"AUTH_TOKEN"_s)), 5000);

        store.setMode(MemorySecretStore::Mode::Hangs);
        QVERIFY(settings.apply({{u"AUTH_TOKEN"_s, u"never-confirmed"_s}}, SettingSource::Saved).ok());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!persister.waitForSecretWrites(300));
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(secretsettings::isMarker(databaseRows(queries).value(u"AUTH_TOKEN"_s)));  // the previous row stays
        queries.stop();
    }

    void persisterWithoutStoreKeepsSecretsInTheDatabase()
    {
        auto scratch = GB_SCRATCH_DATABASE(u"sqlite"_s);
        {
            Database db(u"secret-nostore-migrate"_s);
            QVERIFY(db.open(scratch->config()).ok());
            QVERIFY(db.migrate().ok());
        }
        QueryRunner queries(scratch->config());
        QVERIFY(queries.start().ok());
        Settings settings;
        SettingsPersister persister(&settings, &queries);
        QSignalSpy saved(&persister, &SettingsPersister::saved);
        QVERIFY(settings.apply({{u"ALLOWED_TOKENS"_s, QStringList{u"sk-db"_s}}}, SettingSource::Saved).ok());
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 5000);
        QCOMPARE(databaseRows(queries).value(u"ALLOWED_TOKENS"_s), u"[\"sk-db\"]"_s);
        queries.stop();
    }
};

QTEST_GUILESS_MAIN(TestSecretSettings)
#include "tst_secretsettings.moc"
