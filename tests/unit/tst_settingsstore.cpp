// Saved settings in t_settings on SQLite and MariaDB: round trip, saved values win over
// .env and the environment with source Saved, reset (forget), unusable rows skipped, and
// SettingsPersister writing every Saved change through the QueryRunner.

#include "TestDatabases.h"
#include "settings/Settings.h"
#include "settings/SettingsLoader.h"
#include "store/Database.h"
#include "store/QueryRunner.h"
#include "store/SettingsPersister.h"
#include "store/SettingsStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
std::unique_ptr<Database> migrated(const DatabaseConfig &config, const QString &name)
{
    auto db = std::make_unique<Database>(name);
    if (!db->open(config).ok() || !db->migrate().ok())
        return nullptr;
    return db;
}
} // namespace

class TestSettingsStore : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data() { backends(); }
    void roundTrip()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        auto db = migrated(scratch->config(), u"settings-roundtrip"_s);
        QVERIFY(db);
        const QString unicode = u"modèle «ключ» 模型"_s;
        QVERIFY(settingsstore::save(*db, {{u"MAX_RETRIES"_s, u"7"_s},
                                          {u"API_KEYS"_s, u"[\"AIzaA\",\"AIzaB\"]"_s},
                                          {u"TEST_MODEL"_s, unicode}}).ok());
        auto rows = settingsstore::loadAll(*db);
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 3);
        QCOMPARE(rows.value().value(u"MAX_RETRIES"_s), u"7"_s);
        QCOMPARE(rows.value().value(u"TEST_MODEL"_s), unicode);

        // Saving again updates in place (also with an unchanged value).
        QVERIFY(settingsstore::save(*db, {{u"MAX_RETRIES"_s, u"8"_s}, {u"TEST_MODEL"_s, unicode}}).ok());
        rows = settingsstore::loadAll(*db);
        QCOMPARE(rows.value().size(), 3);
        QCOMPARE(rows.value().value(u"MAX_RETRIES"_s), u"8"_s);

        QVERIFY(settingsstore::remove(*db, {u"TEST_MODEL"_s}).ok());
        QCOMPARE(settingsstore::loadAll(*db).value().keys().size(), 2);
        // Reset: all but the kept ones.
        QVERIFY(settingsstore::remove(*db, {}, {u"API_KEYS"_s}).ok());
        QCOMPARE(settingsstore::loadAll(*db).value().keys(), QStringList{u"API_KEYS"_s});
    }

    void savedWinsOverEnvironmentAndDotEnv_data() { backends(); }
    void savedWinsOverEnvironmentAndDotEnv()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        auto db = migrated(scratch->config(), u"settings-overlay"_s);
        QVERIFY(db);
        QTemporaryDir dir;
        QFile env(dir.filePath(u".env"_s));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("TIME_OUT=20\nTEST_MODEL=from-dotenv\nSHOW_SEARCH_LINK=false\n");
        env.close();
        QProcessEnvironment environment;
        environment.insert(u"MAX_RETRIES"_s, u"5"_s);
        environment.insert(u"TEST_MODEL"_s, u"from-environment"_s);

        // gemini-balance wrote lists as JSON; comma text is accepted too.
        QVERIFY(settingsstore::save(*db, {{u"MAX_RETRIES"_s, u"9"_s},
                                          {u"TIME_OUT"_s, u"30"_s},
                                          {u"API_KEYS"_s, u"AIzaA, AIzaB"_s},
                                          {u"SEARCH_MODELS"_s, u"[\"m1\",\"m2\"]"_s}}).ok());
        LoadedSettings loaded = loadSettings(environment, env.fileName());
        QVERIFY2(loaded.errors.isEmpty(), qPrintable(loaded.errors.join(u'\n')));
        const QStringList taken = settingsstore::overlay(loaded, settingsstore::loadAll(*db).value());
        QCOMPARE(taken.size(), 4);
        Settings settings(loaded.values, loaded.sources);
        const auto s = settings.snapshot();
        QCOMPARE(s->maxRetries, 9);
        QCOMPARE(s->timeOut, 30);
        QCOMPARE(s->apiKeys, (QStringList{u"AIzaA"_s, u"AIzaB"_s}));
        QCOMPARE(s->searchModels, (QStringList{u"m1"_s, u"m2"_s}));
        QCOMPARE(settings.source(u"MAX_RETRIES"_s), SettingSource::Saved);   // over the environment
        QCOMPARE(settings.source(u"TIME_OUT"_s), SettingSource::Saved);      // over .env
        QCOMPARE(settings.source(u"TEST_MODEL"_s), SettingSource::Environment);
        QCOMPARE(s->testModel, u"from-environment"_s);
        QCOMPARE(settings.source(u"SHOW_SEARCH_LINK"_s), SettingSource::DotEnv);
        QCOMPARE(settings.source(u"BASE_URL"_s), SettingSource::Default);
    }

    void unusableSavedValuesAreSkipped_data() { backends(); }
    void unusableSavedValuesAreSkipped()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        auto db = migrated(scratch->config(), u"settings-bad"_s);
        QVERIFY(db);
        QVERIFY(settingsstore::save(*db, {{u"MAX_RETRIES"_s, u"lots"_s},
                                          {u"NOT_A_SETTING"_s, u"1"_s},
                                          {u"DATABASE_TYPE"_s, u"mysql"_s},
                                          {u"TIME_OUT"_s, u"45"_s}}).ok());
        LoadedSettings loaded = loadSettings(QProcessEnvironment(), QString());
        loaded.warnings.clear();
        const QStringList taken = settingsstore::overlay(loaded, settingsstore::loadAll(*db).value());
        QCOMPARE(taken, QStringList{u"TIME_OUT"_s});
        QCOMPARE(loaded.values.maxRetries, 3);
        QCOMPARE(loaded.values.timeOut, 45);
        QCOMPARE(loaded.values.databaseType, u"sqlite"_s);  // the connection never comes from the database
        QCOMPARE(loaded.sources.value(u"MAX_RETRIES"_s), SettingSource::Default);
        QCOMPARE(loaded.warnings.size(), 2);
        QVERIFY(loaded.warnings.join(u'\n').contains(u"MAX_RETRIES"_s));
        QVERIFY(loaded.warnings.join(u'\n').contains(u"NOT_A_SETTING"_s));
        QVERIFY(loaded.errors.isEmpty());
    }

    void persisterSavesEverySavedChange_data() { backends(); }
    void persisterSavesEverySavedChange()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        QVERIFY(migrated(scratch->config(), u"settings-persist-migrate"_s));
        QueryRunner queries(scratch->config());
        QVERIFY(queries.start().ok());
        Settings settings;
        SettingsPersister persister(&settings, &queries);
        QSignalSpy saved(&persister, &SettingsPersister::saved);

        // Whoever applies with source Saved (admin API, GUI) gets it stored.
        QVERIFY(settings.apply({{u"MAX_RETRIES"_s, 8}, {u"SEARCH_MODELS"_s, QStringList{u"x"_s, u"y"_s}}},
                               SettingSource::Saved).ok());
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 5000);
        QCOMPARE(saved.at(0).at(1).toString(), QString());
        // Other sources are not stored.
        QVERIFY(settings.apply({{u"TIME_OUT"_s, 99}}, SettingSource::Environment).ok());
        QTest::qWait(50);
        const auto rows = queries.run([](Database &db) -> QVariant {
            QVariantMap out;
            const auto all = settingsstore::loadAll(db);
            for (auto it = all.value().cbegin(); it != all.value().cend(); ++it)
                out.insert(it.key(), it.value());
            return out;
        }).toMap();
        QCOMPARE(rows.value(u"MAX_RETRIES"_s).toString(), u"8"_s);
        QCOMPARE(rows.value(u"SEARCH_MODELS"_s).toString(), u"[\"x\",\"y\"]"_s);
        QVERIFY(!rows.contains(u"TIME_OUT"_s));

        // Forget all but AUTH_TOKEN, after the writes posted before.
        QVERIFY(settings.apply({{u"AUTH_TOKEN"_s, u"kept-admin-token"_s}}, SettingSource::Saved).ok());
        QString forgetError = u"pending"_s;
        persister.forgetAll({u"AUTH_TOKEN"_s}, this, [&](const QString &error) { forgetError = error; });
        QTRY_COMPARE_WITH_TIMEOUT(forgetError, QString(), 5000);
        const QStringList left = queries.run([](Database &db) -> QVariant {
            return QStringList(settingsstore::loadAll(db).value().keys());
        }).toStringList();
        QCOMPARE(left, QStringList{u"AUTH_TOKEN"_s});
        queries.stop();
    }

private:
    void backends()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
