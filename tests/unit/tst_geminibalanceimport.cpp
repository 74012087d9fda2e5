// The import of a gemini-balance database (SQLite file or MySQL) into GemBalance's, on both
// target backends: counts, times, key ids and hints, no full key left anywhere, counters
// equal to hand-computed sums, and a second import that adds nothing.

#include "GeminiBalanceFixture.h"
#include "TestDatabases.h"
#include "common/Redact.h"
#include "settings/SettingSpec.h"
#include "store/Database.h"
#include "store/GeminiBalanceImport.h"
#include "store/KeyStateStore.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

qint64 utcMs(int month, int day, int h, int m, int s, int ms = 0)
{
    return QDateTime(QDate(2025, month, day), QTime(h, m, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

qint64 count(Database &db, const QString &table)
{
    QSqlQuery q(db.handle());
    if (!q.exec(u"SELECT COUNT(*) FROM "_s + table) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// Every counter row as "minute|key_id|model|requests|failures|sum|b0 b1 ... b15".
QStringList counterRows(Database &db)
{
    QStringList buckets;
    for (int i = 0; i < 16; ++i)
        buckets << u"lat_b%1"_s.arg(i);
    QSqlQuery q(db.handle());
    if (!q.exec(u"SELECT minute, key_id, model_name, requests, failures, latency_ms_sum, %1 FROM gb_counters_minute "
                "ORDER BY minute, key_id, model_name"_s.arg(buckets.join(u", "_s))))
        return {u"error: "_s + q.lastError().text()};
    QStringList rows;
    while (q.next()) {
        QStringList b;
        for (int i = 0; i < 16; ++i)
            b << q.value(6 + i).toString();
        rows << u"%1|%2|%3|%4|%5|%6|%7"_s.arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                               q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                                               b.join(u' '));
    }
    return rows;
}

QString expectedCounter(qint64 minute, const QString &key, const QString &model, int requests, int failures,
                        qint64 sum, const QMap<int, int> &buckets)
{
    QStringList b;
    for (int i = 0; i < 16; ++i)
        b << QString::number(buckets.value(i));
    return u"%1|%2|%3|%4|%5|%6|%7"_s.arg(minute)
        .arg(key.isEmpty() ? QString() : KeyStateStore::keyId(key), model)
        .arg(requests)
        .arg(failures)
        .arg(sum)
        .arg(b.join(u' '));
}

} // namespace

class TestGeminiBalanceImport : public QObject
{
    Q_OBJECT

    static void addTargets()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }

    static GeminiBalanceImport::Options options(QList<ImportProgress> *progress = nullptr)
    {
        GeminiBalanceImport::Options o;
        o.timeZone = QTimeZone("Asia/Shanghai");
        if (progress)
            o.progress = [progress](const ImportProgress &p) { progress->append(p); };
        return o;
    }

    // The target holds a setting already: an import leaves it alone.
    static void presetTarget(Database &target)
    {
        QSqlQuery q(target.handle());
        QVERIFY2(q.exec(u"INSERT INTO t_settings (`key`, value) VALUES ('TEST_MODEL', 'gemini-already-chosen')"_s),
                 qPrintable(q.lastError().text()));
    }

    // Everything the fixture's rows must have become. sourceIsMysql: MySQL DATETIME keeps
    // no fraction of a second.
    static void verifyImported(Database &target, const GeminiBalanceImportSummary &summary, bool sourceIsMysql)
    {
        using F = GeminiBalanceFixture;
        QCOMPARE(summary.requestRows, qint64(F::kRequestRows));
        QCOMPARE(summary.errorRows, qint64(F::kErrorRows));
        QCOMPARE(summary.settingsImported, int(F::importedSettings().size()));
        QCOMPARE(summary.settingsKept, 1);  // TEST_MODEL
        QCOMPARE(summary.skippedSettings.size(), F::skippedSettings().size());
        for (const QString &name : F::skippedSettings()) {
            const bool listed = std::any_of(summary.skippedSettings.cbegin(), summary.skippedSettings.cend(),
                                            [&](const QString &s) { return s.startsWith(name + u':'); });
            QVERIFY2(listed, qPrintable(name));
        }
        QVERIFY(summary.text().contains(u"t_request_log: 7 rows imported"_s));
        QVERIFY(summary.text().contains(u"UNKNOWN_FEATURE_FLAG"_s));

        QCOMPARE(count(target, u"t_request_log"_s), qint64(F::kRequestRows));
        QCOMPARE(count(target, u"t_error_logs"_s), qint64(F::kErrorRows));

        // Settings under our names, as normalised text.
        QSqlQuery q(target.handle());
        QVERIFY(q.exec(u"SELECT `key`, value FROM t_settings"_s));
        QHash<QString, QString> settings;
        while (q.next())
            settings.insert(q.value(0).toString(), q.value(1).toString());
        QCOMPARE(settings.value(u"TEST_MODEL"_s), u"gemini-already-chosen"_s);
        QCOMPARE(settings.value(u"SHOW_SEARCH_LINK"_s), u"false"_s);
        QCOMPARE(settings.value(u"MAX_FAILURES"_s), u"10"_s);
        QVERIFY(!settings.contains(u"MAX_RETRIES"_s));
        QVERIFY(!settings.contains(u"MYSQL_HOST"_s));
        QVERIFY(!settings.contains(u"UNKNOWN_FEATURE_FLAG"_s));
        const auto keys = parseSettingText(*findSettingSpec(u"API_KEYS"_s), settings.value(u"API_KEYS"_s));
        QVERIFY(keys.ok());
        QCOMPARE(keys.value().toStringList(), F::keys());
        const auto safety = parseSettingText(*findSettingSpec(u"SAFETY_SETTINGS"_s), settings.value(u"SAFETY_SETTINGS"_s));
        QVERIFY2(safety.ok(), qPrintable(safety.error()));

        // Request rows: epoch ms from Shanghai time, UTC text, key id and hint, NULLs kept.
        QVERIFY(q.exec(u"SELECT request_ms, request_time, api_key, key_id, status_code, latency_ms, model_name, "
                       "is_success FROM t_request_log ORDER BY id"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), utcMs(3, 1, 2, 0, 5, sourceIsMysql ? 0 : 123));
        QVERIFY2(q.value(1).toString().startsWith(u"2025-03-01"_s), qPrintable(q.value(1).toString()));
        QVERIFY2(q.value(1).toString().contains(u"02:00:05"_s), qPrintable(q.value(1).toString()));
        QCOMPARE(q.value(2).toString(), redact::secret(F::key1()));
        QCOMPARE(q.value(3).toString(), KeyStateStore::keyId(F::key1()));
        QCOMPARE(q.value(4).toInt(), 200);
        QCOMPARE(q.value(7).toInt(), 1);
        for (int i = 0; i < 3; ++i)
            QVERIFY(q.next());
        QVERIFY(q.value(4).isNull());  // row 4: no status code
        QCOMPARE(q.value(0).toLongLong(), utcMs(3, 1, 2, 0, 59));
        QCOMPARE(q.value(3).toString(), KeyStateStore::keyId(F::key2()));
        for (int i = 0; i < 3; ++i)
            QVERIFY(q.next());
        QVERIFY(q.value(5).isNull());  // row 7: no latency, no model
        QVERIFY(q.value(6).isNull());
        QCOMPARE(q.value(7).toInt(), 0);

        // Error rows: hints, redacted texts, NULL code kept.
        QVERIFY(q.exec(u"SELECT gemini_key, error_log, error_code, request_msg, request_ms, key_id FROM t_error_logs "
                       "ORDER BY id"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), redact::secret(F::key1()));
        QVERIFY(q.value(1).toString().contains(redact::secret(F::key1())));
        QVERIFY(q.value(1).toString().contains(u"API key not valid"_s));
        QCOMPARE(q.value(2).toInt(), 400);
        QVERIFY(q.value(3).toString().contains(u"hi"_s));
        QCOMPARE(q.value(4).toLongLong(), utcMs(3, 1, 2, 0, 40));
        QVERIFY(q.next());
        QVERIFY(q.value(2).isNull());
        QVERIFY(q.value(3).isNull());
        QVERIFY(q.value(1).toString().contains(u"connection reset"_s));
        QCOMPARE(q.value(5).toString(), KeyStateStore::keyId(F::key3()));
        QVERIFY(q.next());
        QVERIFY(q.value(3).toString().contains(u"models?key="_s));

        // Counters, computed by hand (minute = epoch minute of the UTC time).
        const qint64 m0 = utcMs(3, 1, 2, 0, 0) / 60'000;
        const qint64 m16 = utcMs(3, 1, 16, 0, 0) / 60'000;
        const QString flash = u"gemini-2.5-flash"_s;
        const QString pro = u"gemini-2.5-pro"_s;
        QStringList expected{
            expectedCounter(m0, F::key1(), flash, 3, 1, 1503, {{0, 1}, {2, 1}, {11, 1}}),
            expectedCounter(m0 + 1, F::key1(), flash, 1, 0, 1, {{1, 1}}),
            expectedCounter(m0 + 1, F::key1(), QString(), 1, 1, 0, {}),
            expectedCounter(m0, F::key2(), pro, 1, 1, 20000, {{15, 1}}),
            expectedCounter(m16, F::key3(), pro, 1, 0, 1023, {{10, 1}}),
        };
        QStringList actual = counterRows(target);
        expected.sort();
        actual.sort();
        QCOMPARE(actual, expected);
        QCOMPARE(summary.counterRows, qint64(expected.size()));

        // No full key in any text of any table, except the API_KEYS setting itself (where
        // the configured keys live, as in gemini-balance).
        const QStringList tables = target.handle().tables();
        QVERIFY(tables.contains(u"gb_imports"_s));
        int scanned = 0;
        for (const QString &table : tables) {
            const QSqlRecord record = target.handle().record(table);
            QSqlQuery all(target.handle());
            QVERIFY2(all.exec(u"SELECT * FROM "_s + table), qPrintable(table));
            while (all.next()) {
                const bool apiKeysSetting = table == u"t_settings"_s
                                            && all.value(record.indexOf(u"key"_s)).toString() == u"API_KEYS"_s;
                for (int c = 0; c < record.count(); ++c) {
                    const QString text = all.value(c).toString();
                    ++scanned;
                    if (apiKeysSetting && record.fieldName(c) == u"value"_s)
                        continue;
                    for (const QString &key : F::keys())
                        QVERIFY2(!text.contains(key), qPrintable(u"%1.%2 holds a full key"_s.arg(table, record.fieldName(c))));
                }
            }
        }
        QVERIFY(scanned > 100);
    }

    static void importTwice(Database &target, const DatabaseConfig &source, bool sourceIsMysql)
    {
        QList<ImportProgress> progress;
        GeminiBalanceImport import(target, options(&progress));
        const auto first = import.run(source);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        verifyImported(target, first.value(), sourceIsMysql);
        if (QTest::currentTestFailed())
            return;
        // Progress: each log table reported, ending at its total.
        for (const QString &table : {u"t_request_log"_s, u"t_error_logs"_s}) {
            auto last = std::find_if(progress.crbegin(), progress.crend(),
                                     [&](const ImportProgress &p) { return p.table == table; });
            QVERIFY2(last != progress.crend(), qPrintable(table));
            QCOMPARE(last->done, last->total);
            QVERIFY(last->total > 0);
        }

        // Again: nothing new.
        const QStringList countersBefore = counterRows(target);
        GeminiBalanceImport again(target, options());
        const auto second = again.run(source);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(second.value().requestRows, qint64(0));
        QCOMPARE(second.value().errorRows, qint64(0));
        QCOMPARE(second.value().settingsImported, 0);
        QCOMPARE(second.value().requestRowsAlreadyImported, qint64(GeminiBalanceFixture::kRequestRows));
        QCOMPARE(second.value().errorRowsAlreadyImported, qint64(GeminiBalanceFixture::kErrorRows));
        QCOMPARE(count(target, u"t_request_log"_s), qint64(GeminiBalanceFixture::kRequestRows));
        QCOMPARE(count(target, u"t_error_logs"_s), qint64(GeminiBalanceFixture::kErrorRows));
        QCOMPARE(counterRows(target), countersBefore);
    }

    // A gemini-balance SQLite file made here.
    static QString makeSqliteSource(const QTemporaryDir &dir, int bulkRows = 0)
    {
        const QString path = dir.filePath(u"default_db"_s);
        const QString name = u"gb-source-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QString error;
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            ok = db.open() && GeminiBalanceFixture::createTables(db, false, &error)
                 && (bulkRows > 0 ? GeminiBalanceFixture::fillBulkRequests(db, bulkRows, &error)
                                  : GeminiBalanceFixture::fill(db, &error));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        if (!ok)
            qWarning().noquote() << "source:" << error;
        return ok ? path : QString();
    }

private slots:
    void sourcesAreParsed()
    {
        auto mysql = GeminiBalanceImport::sourceConfig(u"mysql://gb%40user:p%40ss%3Aw0rd@db.example:3310/gemini?unix_socket=/run/mysqld/mysqld.sock"_s);
        QVERIFY2(mysql.ok(), qPrintable(mysql.error()));
        QCOMPARE(mysql.value().type, u"mysql"_s);
        QCOMPARE(mysql.value().mysqlUser, u"gb@user"_s);
        QCOMPARE(mysql.value().mysqlPassword, u"p@ss:w0rd"_s);
        QCOMPARE(mysql.value().mysqlHost, u"db.example"_s);
        QCOMPARE(mysql.value().mysqlPort, 3310);
        QCOMPARE(mysql.value().mysqlDatabase, u"gemini"_s);
        QCOMPARE(mysql.value().mysqlSocket, u"/run/mysqld/mysqld.sock"_s);
        const QString described = GeminiBalanceImport::describeSource(mysql.value());
        QVERIFY2(!described.contains(u"w0rd"_s), qPrintable(described));
        QVERIFY(described.contains(u"gemini"_s));

        auto pymysql = GeminiBalanceImport::sourceConfig(u"mysql+pymysql://u:p@h/db"_s);
        QVERIFY(pymysql.ok());
        QCOMPARE(pymysql.value().mysqlPort, 3306);

        QVERIFY(!GeminiBalanceImport::sourceConfig(u"mysql://u:p@h:3306/"_s).ok());
        QVERIFY(!GeminiBalanceImport::sourceConfig(u"postgresql://u:p@h/db"_s).ok());
        const auto missing = GeminiBalanceImport::sourceConfig(u"/nonexistent/gemini-balance/default_db"_s);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains(u"no such file"_s));
    }

    void importsFromSqlite_data() { addTargets(); }
    void importsFromSqlite()
    {
        QFETCH(QString, backend);
        QTemporaryDir dir;
        const QString sourcePath = makeSqliteSource(dir);
        QVERIFY(!sourcePath.isEmpty());
        auto scratch = GB_SCRATCH_DATABASE(backend);
        Database target(u"import-target"_s);
        QVERIFY(target.open(scratch->config()).ok());
        const auto migrated = target.migrate();
        QVERIFY2(migrated.ok(), qPrintable(migrated.error()));
        presetTarget(target);
        auto source = GeminiBalanceImport::sourceConfig(sourcePath);
        QVERIFY(source.ok());
        importTwice(target, source.value(), false);
    }

    void importsFromMysql_data() { addTargets(); }
    void importsFromMysql()
    {
        QFETCH(QString, backend);
        if (!TestBackends::names().contains(u"mysql"_s))
            QSKIP(qPrintable(u"no MySQL source: "_s + TestBackends::mysqlUnavailableReason()));
        auto sourceScratch = GB_SCRATCH_DATABASE(QString(u"mysql"_s));
        const DatabaseConfig &sc = sourceScratch->config();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, u"gb-mysql-source"_s);
            db.setHostName(sc.mysqlHost);
            db.setPort(sc.mysqlPort);
            db.setUserName(sc.mysqlUser);
            db.setPassword(sc.mysqlPassword);
            db.setDatabaseName(sc.mysqlDatabase);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QString error;
            const bool filled = GeminiBalanceFixture::createTables(db, true, &error)
                                && GeminiBalanceFixture::fill(db, &error);
            db.close();
            QVERIFY2(filled, qPrintable(error));
        }
        QSqlDatabase::removeDatabase(u"gb-mysql-source"_s);

        auto scratch = GB_SCRATCH_DATABASE(backend);
        Database target(u"import-target"_s);
        QVERIFY(target.open(scratch->config()).ok());
        QVERIFY(target.migrate().ok());
        presetTarget(target);
        QUrl url;
        url.setScheme(u"mysql"_s);
        url.setUserName(sc.mysqlUser);
        url.setPassword(sc.mysqlPassword);
        url.setHost(sc.mysqlHost);
        url.setPort(sc.mysqlPort);
        url.setPath(u"/"_s + sc.mysqlDatabase);
        auto source = GeminiBalanceImport::sourceConfig(url.toString());
        QVERIFY2(source.ok(), qPrintable(source.error()));
        importTwice(target, source.value(), true);
    }

    // 100,000 request rows from SQLite into SQLite in seconds.
    void manyRowsAreFast()
    {
        QTemporaryDir dir;
        constexpr int rows = 100'000;
        const QString sourcePath = makeSqliteSource(dir, rows);
        QVERIFY(!sourcePath.isEmpty());
        auto scratch = GB_SCRATCH_DATABASE(QString(u"sqlite"_s));
        Database target(u"import-fast"_s);
        QVERIFY(target.open(scratch->config()).ok());
        QVERIFY(target.migrate().ok());
        QElapsedTimer timer;
        timer.start();
        int reports = 0;
        GeminiBalanceImport::Options o = options();
        o.progress = [&reports](const ImportProgress &) { ++reports; };
        GeminiBalanceImport import(target, o);
        const auto result = import.run(sourcePath);
        const qint64 ms = timer.elapsed();
        QVERIFY2(result.ok(), qPrintable(result.error()));
        qInfo() << rows << "request rows imported in" << ms << "ms";
        QCOMPARE(result.value().requestRows, qint64(rows));
        QCOMPARE(count(target, u"t_request_log"_s), qint64(rows));
        QVERIFY(reports >= rows / 5000);
        QVERIFY2(ms < 20'000, "100k rows should take seconds");
        // The counters add up to the rows: every 7th row failed.
        QSqlQuery q(target.handle());
        QVERIFY(q.exec(u"SELECT SUM(requests), SUM(failures), SUM(latency_ms_sum) FROM gb_counters_minute"_s) && q.next());
        QCOMPARE(q.value(0).toLongLong(), qint64(rows));
        QCOMPARE(q.value(1).toLongLong(), qint64((rows + 6) / 7));
        qint64 latency = 0;
        for (int i = 0; i < rows; ++i)
            latency += (qint64(i) * 37) % 30000;
        QCOMPARE(q.value(2).toLongLong(), latency);
    }

    void refusesAGemBalanceDatabase()
    {
        auto scratch = GB_SCRATCH_DATABASE(QString(u"sqlite"_s));
        {
            Database ours(u"import-ours"_s);
            QVERIFY(ours.open(scratch->config()).ok());
            QVERIFY(ours.migrate().ok());
        }
        auto other = GB_SCRATCH_DATABASE(QString(u"sqlite"_s));
        Database target(u"import-target2"_s);
        QVERIFY(target.open(other->config()).ok());
        QVERIFY(target.migrate().ok());
        GeminiBalanceImport import(target, options());
        const auto result = import.run(scratch->config().sqlitePath);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(u"GemBalance database"_s), qPrintable(result.error()));
    }
};

QTEST_GUILESS_MAIN(TestGeminiBalanceImport)
#include "tst_geminibalanceimport.moc"
