#include "TestDatabases.h"
#include "store/Database.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

// Collects every log line, from any thread.
struct LogCapture
{
    static inline QMutex mutex;
    static inline QStringList lines;
    static inline QtMessageHandler previous = nullptr;
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        {
            QMutexLocker lock(&mutex);
            lines << message;
        }
        previous(type, context, message);
    }
    LogCapture()
    {
        QMutexLocker lock(&mutex);
        lines.clear();
        previous = qInstallMessageHandler(&handler);
    }
    ~LogCapture() { qInstallMessageHandler(previous); }
    QString all() const
    {
        QMutexLocker lock(&mutex);
        return lines.join(u'\n');
    }
};

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.handle());
    if (!q.exec(sql) || !q.next())
        return QVariant();
    return q.value(0);
}

// The leading columns of every index (primary keys and unique ones included) of a table.
QStringList indexes(Database &db, const QString &table)
{
    QStringList result;
    QSqlQuery q(db.handle());
    if (db.dialect() == u"mysql"_s) {
        // Key_name, Seq_in_index, Column_name: grouped by index in order.
        if (!q.exec(u"SHOW INDEX FROM "_s + table))
            return {u"error: "_s + q.lastError().text()};
        QMap<QString, QMap<int, QString>> byName;
        while (q.next())
            byName[q.value(2).toString()][q.value(3).toInt()] = q.value(4).toString();
        for (const auto &columns : std::as_const(byName))
            result << columns.values().join(u',');
        return result;
    }
    if (!q.exec(u"PRAGMA index_list(%1)"_s.arg(table)))
        return {u"error: "_s + q.lastError().text()};
    QStringList names;
    while (q.next())
        names << q.value(1).toString();
    for (const QString &name : std::as_const(names)) {
        QSqlQuery info(db.handle());
        info.exec(u"PRAGMA index_info(%1)"_s.arg(name));
        QMap<int, QString> columns;
        while (info.next())
            columns[info.value(0).toInt()] = info.value(2).toString();
        result << columns.values().join(u',');
    }
    // An INTEGER PRIMARY KEY is the rowid: no index of its own, but indexed.
    QSqlQuery pk(db.handle());
    pk.exec(u"PRAGMA table_info(%1)"_s.arg(table));
    while (pk.next())
        if (pk.value(5).toInt() == 1 && pk.value(2).toString().compare(u"INTEGER"_s, Qt::CaseInsensitive) == 0)
            result << pk.value(1).toString();
    return result;
}

// A copy of the dialect's migrations in a folder of the test's, to add broken ones to.
bool copyMigrations(const QString &dialect, const QString &to)
{
    QDirIterator it(u":/sql/"_s + dialect, {u"*.sql"_s}, QDir::Files);
    bool any = false;
    while (it.hasNext()) {
        it.next();
        if (!QFile::copy(it.filePath(), to + u'/' + it.fileName()))
            return false;
        any = true;
    }
    return any;
}

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.toUtf8()) > 0;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

    static void addBackends()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : test::TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }

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

    void migratesFromThePreviousSchema_data() { addBackends(); }

    // A database left at version 2 (settings and key states, with rows) reaches the latest
    // version with its rows intact and the new tables present.
    void migratesFromThePreviousSchema()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        {
            Database db(u"v2"_s);
            QVERIFY(db.open(scratch->config()).ok());
            const auto v2 = db.migrate(2);
            QVERIFY2(v2.ok(), qPrintable(v2.error()));
            QCOMPARE(v2.value(), 2);
            QCOMPARE(db.schemaVersion(), 2);
            QSqlQuery q(db.handle());
            QVERIFY(!q.exec(u"SELECT COUNT(*) FROM t_request_log"_s));  // not yet
            QVERIFY2(q.exec(u"INSERT INTO t_settings (`key`, value) VALUES ('API_KEYS', '[\"k1\",\"k2\"]'), "
                            "('MAX_FAILURES', '5')"_s),
                     qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(u"INSERT INTO gb_key_state (key_id, key_hint, failures, last_error, cooldowns, updated_at) "
                            "VALUES ('%1', 'AIzaSy…abcd', 2, 'über quota ✓', '{}', 1767225600000)"_s.arg(
                                QString(64, u'a'))),
                     qPrintable(q.lastError().text()));
        }
        Database db(u"latest"_s);
        QVERIFY(db.open(scratch->config()).ok());
        const auto latest = db.migrate();
        QVERIFY2(latest.ok(), qPrintable(latest.error()));
        QVERIFY(latest.value() >= 4);
        QCOMPARE(db.schemaVersion(), latest.value());
        QCOMPARE(scalar(db, u"SELECT value FROM t_settings WHERE `key` = 'API_KEYS'"_s).toString(), u"[\"k1\",\"k2\"]"_s);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_settings"_s).toInt(), 2);
        QCOMPARE(scalar(db, u"SELECT last_error FROM gb_key_state"_s).toString(), u"über quota ✓"_s);
        QCOMPARE(scalar(db, u"SELECT updated_at FROM gb_key_state"_s).toLongLong(), 1767225600000LL);
        for (const QString &table : {u"t_request_log"_s, u"t_error_logs"_s, u"gb_counters_minute"_s, u"gb_imports"_s})
            QVERIFY2(scalar(db, u"SELECT COUNT(*) FROM "_s + table).isValid(), qPrintable(table));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM gb_schema_migrations"_s).toInt(), latest.value());
    }

    void aFailedMigrationKeepsTheVersionAndCanBeRerun_data() { addBackends(); }

    // A migration whose second statement fails: the recorded version stays. SQLite rolls
    // the first statement back; MySQL has committed it (DDL), so the fixed migration must
    // run again over it, which IF NOT EXISTS and the duplicate-index rule make possible.
    void aFailedMigrationKeepsTheVersionAndCanBeRerun()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        QTemporaryDir dir;
        QVERIFY(copyMigrations(backend, dir.path()));
        Database db(u"broken"_s);
        QVERIFY(db.open(scratch->config()).ok());
        const auto before = db.migrate(INT_MAX, dir.path());
        QVERIFY2(before.ok(), qPrintable(before.error()));
        const int version = before.value();

        const QString broken = dir.filePath(QString::number(version + 1).rightJustified(3, u'0') + u"_broken.sql"_s);
        const QString create = u"CREATE TABLE IF NOT EXISTS gb_test_half (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(20));\n"
                               "CREATE INDEX ix_gb_test_half_note ON gb_test_half (note);\n"_s;
        QVERIFY(writeFile(broken, create + u"INSERT INTO gb_test_missing_table VALUES (1);\n"_s));
        const auto failed = db.migrate(INT_MAX, dir.path());
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().contains(u"broken"_s), qPrintable(failed.error()));
        QCOMPARE(db.schemaVersion(), version);
        const bool tableLeft = scalar(db, u"SELECT COUNT(*) FROM gb_test_half"_s).isValid();
        QCOMPARE(tableLeft, backend == u"mysql"_s);  // only MySQL keeps half-done DDL

        // Fixed, it runs again from its start, over whatever the failed run left.
        QVERIFY(writeFile(broken, create + u"INSERT INTO gb_test_half (id, note) VALUES (1, 'done');\n"_s));
        const auto fixed = db.migrate(INT_MAX, dir.path());
        QVERIFY2(fixed.ok(), qPrintable(fixed.error()));
        QCOMPARE(fixed.value(), version + 1);
        QCOMPARE(scalar(db, u"SELECT note FROM gb_test_half"_s).toString(), u"done"_s);
    }

    void rerunningTheLatestMigrationIsHarmless_data() { addBackends(); }

    // The worst case of the above for the real files: the latest migration applied but
    // not recorded (MySQL failed on its record), then applied again.
    void rerunningTheLatestMigrationIsHarmless()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        Database db(u"rerun"_s);
        QVERIFY(db.open(scratch->config()).ok());
        const int latest = db.migrate().value();
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"DELETE FROM gb_schema_migrations WHERE version = %1"_s.arg(latest)));
        const auto again = db.migrate();
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again.value(), latest);
    }

    void everyStatsQueryHasAnIndex_data() { addBackends(); }

    // The queries of the statistics and log pages (time ranges on request_ms, a key over
    // time, a status code or error code over time, ids, counters by minute and by key)
    // each find an index whose leading columns fit.
    void everyStatsQueryHasAnIndex()
    {
        QFETCH(QString, backend);
        auto scratch = GB_SCRATCH_DATABASE(backend);
        Database db(u"indexes"_s);
        QVERIFY(db.open(scratch->config()).ok());
        QVERIFY(db.migrate().ok());
        const QList<std::pair<QString, QString>> needed{
            {u"t_request_log"_s, u"id"_s},
            {u"t_request_log"_s, u"request_ms"_s},
            {u"t_request_log"_s, u"key_id,request_ms"_s},
            {u"t_request_log"_s, u"status_code,request_ms"_s},
            {u"t_error_logs"_s, u"id"_s},
            {u"t_error_logs"_s, u"request_ms"_s},
            {u"t_error_logs"_s, u"key_id,request_ms"_s},
            {u"t_error_logs"_s, u"error_code,request_ms"_s},
            {u"gb_counters_minute"_s, u"minute,key_id,model_name"_s},
            {u"gb_counters_minute"_s, u"key_id,minute"_s},
            {u"gb_key_state"_s, u"key_id"_s},
            {u"gb_key_state"_s, u"updated_at"_s},
            {u"t_settings"_s, u"key"_s},
            {u"gb_imports"_s, u"source_id,table_name"_s},
        };
        for (const auto &[table, columns] : needed) {
            const QStringList have = indexes(db, table);
            QVERIFY2(have.contains(columns), qPrintable(u"%1 (%2): has %3"_s.arg(table, columns, have.join(u"; "_s))));
        }
        if (backend != u"sqlite"_s)
            return;
        // And SQLite's planner does use them.
        const QStringList queries{
            u"SELECT COUNT(*) FROM t_request_log WHERE request_ms >= 1 AND request_ms < 2"_s,
            u"SELECT * FROM t_request_log WHERE key_id = 'x' AND request_ms >= 1 ORDER BY request_ms DESC"_s,
            u"SELECT key_id, COUNT(*) FROM t_request_log WHERE status_code = 429 AND request_ms >= 1 GROUP BY key_id"_s,
            u"SELECT * FROM t_error_logs WHERE error_code = 400 AND request_ms >= 1 ORDER BY request_ms DESC LIMIT 10"_s,
            u"SELECT * FROM t_error_logs WHERE key_id = 'x' AND request_ms BETWEEN 1 AND 2"_s,
            u"SELECT SUM(requests) FROM gb_counters_minute WHERE minute >= 1 AND minute < 2"_s,
            u"SELECT model_name, SUM(requests) FROM gb_counters_minute WHERE key_id = 'x' AND minute >= 1 GROUP BY model_name"_s,
        };
        for (const QString &sql : queries) {
            QSqlQuery q(db.handle());
            QVERIFY2(q.exec(u"EXPLAIN QUERY PLAN "_s + sql), qPrintable(q.lastError().text()));
            QString plan;
            while (q.next())
                plan += q.value(3).toString() + u"; "_s;
            QVERIFY2(plan.contains(u"USING INDEX"_s) || plan.contains(u"USING COVERING INDEX"_s)
                         || plan.contains(u"PRIMARY KEY"_s),
                     qPrintable(sql + u" -> "_s + plan));
        }
    }

    // A wrong MySQL password: the error and the log name the server, never the password.
    void theMysqlPasswordNeverShows()
    {
        if (!test::TestBackends::names().contains(u"mysql"_s))
            QSKIP(qPrintable(u"MySQL: "_s + test::TestBackends::mysqlUnavailableReason()));
        auto scratch = GB_SCRATCH_DATABASE(QString(u"mysql"_s));
        LogCapture log;
        DatabaseConfig c = scratch->config();
        c.mysqlPassword = u"Wr0ng-P4ss-gbtest"_s;
        Database db(u"wrong"_s);
        const auto r = db.open(c);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(c.mysqlHost), qPrintable(r.error()));
        QVERIFY2(!r.error().contains(u"Wr0ng"_s), qPrintable(r.error()));
        QVERIFY(!log.all().contains(u"Wr0ng"_s));
        // The password in the driver's text (as a user name here) is scrubbed too.
        c.mysqlUser = c.mysqlPassword;
        const auto r2 = db.open(c);
        QVERIFY(!r2.ok());
        QVERIFY2(!r2.error().contains(u"Wr0ng"_s), qPrintable(r2.error()));
        // And a good connection logs where it is, without the password.
        Database good(u"good"_s);
        QVERIFY(good.open(scratch->config()).ok());
        QVERIFY(!log.all().contains(u"password"_s, Qt::CaseInsensitive));
        QVERIFY(!log.all().contains(u"=gbtest"_s));
    }

    // A session the server dropped (restart, wait_timeout, KILL) is found and replaced.
    void aLostMysqlConnectionIsReopened()
    {
        if (!test::TestBackends::names().contains(u"mysql"_s))
            QSKIP(qPrintable(u"MySQL: "_s + test::TestBackends::mysqlUnavailableReason()));
        auto scratch = GB_SCRATCH_DATABASE(QString(u"mysql"_s));
        Database db(u"lost"_s);
        QVERIFY(db.open(scratch->config()).ok());
        QVERIFY(db.ensureConnected());
        const qint64 first = scalar(db, u"SELECT CONNECTION_ID()"_s).toLongLong();
        QVERIFY(first > 0);
        {
            Database killer(u"killer"_s);
            QVERIFY(killer.open(scratch->config()).ok());
            QSqlQuery q(killer.handle());
            QVERIFY2(q.exec(u"KILL %1"_s.arg(first)), qPrintable(q.lastError().text()));
        }
        QSqlQuery broken(db.handle());
        QVERIFY(!broken.exec(u"SELECT 1"_s));
        QVERIFY2(Database::isConnectionLost(broken.lastError()), qPrintable(broken.lastError().nativeErrorCode()));
        QVERIFY(db.ensureConnected());
        const qint64 second = scalar(db, u"SELECT CONNECTION_ID()"_s).toLongLong();
        QVERIFY(second > 0);
        QVERIFY(second != first);
        // A server that is not there: bounded attempts, then false.
        DatabaseConfig nowhere = scratch->config();
        nowhere.mysqlPort = 1;
        Database gone(u"gone"_s);
        QVERIFY(!gone.open(nowhere).ok());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!gone.ensureConnected(3));
        QVERIFY(timer.elapsed() < 5000);
    }

    // MYSQL_SOCKET: the local server's Unix socket instead of host and port.
    void mysqlOverAUnixSocket()
    {
        if (!test::TestBackends::names().contains(u"mysql"_s))
            QSKIP(qPrintable(u"MySQL: "_s + test::TestBackends::mysqlUnavailableReason()));
        const QString socket = qEnvironmentVariable("GB_TEST_MYSQL_SOCKET", u"/tmp/gembalance-mariadb/mysqld.sock"_s);
        if (!QFileInfo::exists(socket))
            QSKIP(qPrintable(u"no MariaDB socket at "_s + socket + u" (tests/start-mariadb.sh makes one)"_s));
        auto scratch = GB_SCRATCH_DATABASE(QString(u"mysql"_s));
        DatabaseConfig c = scratch->config();
        c.mysqlHost = u"localhost"_s;
        c.mysqlPort = 0;
        c.mysqlSocket = socket;
        QVERIFY(c.describe().contains(socket));
        Database db(u"socket"_s);
        const auto r = db.open(c);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QVERIFY(db.migrate().ok());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM t_settings"_s).toInt(), 0);
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
