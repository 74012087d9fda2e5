#include "TestDatabases.h"
#include "store/Database.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestDatabase : public QObject
{
    Q_OBJECT
private slots:
    void sqliteInDataDirWithMigrations()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SettingsValues s;
        s.sqliteDatabase = u"sub/gb.db"_s;
        const DatabaseConfig config = DatabaseConfig::fromSettings(s, dir.path());
        QCOMPARE(config.sqlitePath, dir.filePath(u"sub/gb.db"_s));
        {
            Database db(u"t1"_s);
            QVERIFY(db.open(config).ok());
            auto version = db.migrate();
            QVERIFY2(version.ok(), qPrintable(version.error()));
            QVERIFY(version.value() >= 1);
            QVERIFY(QFile::exists(config.sqlitePath));
            QSqlQuery q(db.handle());
            QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"wal"_s);
            QVERIFY(q.exec(u"INSERT INTO t_settings (`key`, value) VALUES ('API_KEYS', '[]')"_s));
        }
        // Re-opening applies nothing twice and keeps the data.
        Database db(u"t2"_s);
        QVERIFY(db.open(config).ok());
        const int before = db.schemaVersion();
        QCOMPARE(db.migrate().value(), before);
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"SELECT value FROM t_settings WHERE `key`='API_KEYS'"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"[]"_s);
    }

    void migratesAnEmptyDatabase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : test::TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }

    // Every backend reaches the same schema version from empty, and again is a no-op.
    void migratesAnEmptyDatabase()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        int reached = 0;
        {
            Database db(u"m1"_s);
            QVERIFY2(db.open(scratch->config()).ok(), "open");
            const auto version = db.migrate();
            QVERIFY2(version.ok(), qPrintable(version.error()));
            reached = version.value();
            QVERIFY(reached >= 3);
            for (const QString &table : {u"t_settings"_s, u"t_request_log"_s, u"t_error_logs"_s, u"gb_counters_minute"_s}) {
                QSqlQuery q(db.handle());
                QVERIFY2(q.exec(u"SELECT COUNT(*) FROM "_s + table) && q.next(), qPrintable(table));
                QCOMPARE(q.value(0).toInt(), 0);
            }
        }
        Database again(u"m2"_s);
        QVERIFY(again.open(scratch->config()).ok());
        QCOMPARE(again.migrate().value(), reached);
    }

    void unwritableLocationIsAClearError()
    {
        DatabaseConfig c;
        c.sqlitePath = u"/proc/gembalance-cannot-be-here/x.db"_s;
        Database db(u"t3"_s);
        const auto r = db.open(c);
        QVERIFY(!r.ok());
        QVERIFY(!r.error().isEmpty());
    }

    void describeNeverShowsThePassword()
    {
        DatabaseConfig c;
        c.type = u"mysql"_s;
        c.mysqlHost = u"db"_s;
        c.mysqlUser = u"gb"_s;
        c.mysqlPassword = u"s3cret-pass"_s;
        c.mysqlDatabase = u"gembalance"_s;
        QVERIFY(!c.describe().contains(u"s3cret"_s));
        QVERIFY(c.describe().contains(u"db:3306"_s));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
