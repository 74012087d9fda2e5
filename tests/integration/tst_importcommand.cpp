// `gembalance --import-gemini-balance <source>` as a user runs it: the real binary imports a
// gemini-balance database made here into the configured database (SQLite in --data-dir, or
// MySQL from the MYSQL_* settings), prints a summary and exits 0; a bad source exits 1.

#include "GemBalanceProcess.h"
#include "GeminiBalanceFixture.h"
#include "TestDatabases.h"
#include "store/Database.h"

#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

qint64 count(Database &db, const QString &table)
{
    QSqlQuery q(db.handle());
    if (!q.exec(u"SELECT COUNT(*) FROM "_s + table) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestImportCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = cleanGemBalanceEnvironment(m_home.path());
        env.insert(u"TIMEZONE"_s, u"Asia/Shanghai"_s);
        return env;
    }

    Run gembalance(const QStringList &args, const QProcessEnvironment &env)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_home.path());  // no stray ./.env
        p.start(QStringLiteral(GB_BINARY_PATH), args);
        Run run;
        if (!p.waitForStarted(5000) || !p.waitForFinished(120'000)) {
            p.kill();
            p.waitForFinished(5000);
            run.err = u"did not finish"_s;
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        run.out = QString::fromUtf8(p.readAllStandardOutput());
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

    QString makeSource(const QTemporaryDir &dir)
    {
        const QString path = dir.filePath(u"default_db"_s);
        QString error;
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"cli-source"_s);
            db.setDatabaseName(path);
            ok = db.open() && GeminiBalanceFixture::createTables(db, false, &error)
                 && GeminiBalanceFixture::fill(db, &error);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"cli-source"_s);
        if (!ok)
            qWarning().noquote() << "source:" << error;
        return ok ? path : QString();
    }

private slots:
    void importsIntoTheSqliteDatabase()
    {
        QTemporaryDir sourceDir;
        QTemporaryDir dataDir;
        const QString source = makeSource(sourceDir);
        QVERIFY(!source.isEmpty());
        const QStringList args{u"--data-dir"_s, dataDir.path(), u"--import-gemini-balance"_s, source};

        const Run first = gembalance(args, environment());
        QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
        QVERIFY2(first.out.contains(u"t_request_log: 7 rows imported"_s), qPrintable(first.out));
        QVERIFY(first.out.contains(u"t_error_logs: 3 rows imported"_s));
        QVERIFY(first.out.contains(u"t_settings: 7 imported"_s));
        QVERIFY(first.out.contains(u"skipped setting UNKNOWN_FEATURE_FLAG"_s));
        QVERIFY(first.out.contains(u"skipped setting MAX_RETRIES"_s));
        QVERIFY2(first.err.contains(u"t_request_log: 7 of 7"_s), qPrintable(first.err));  // progress
        for (const QString &key : GeminiBalanceFixture::keys())
            QVERIFY(!(first.out + first.err).contains(key));

        {
            DatabaseConfig c;
            c.sqlitePath = dataDir.filePath(u"gembalance.db"_s);
            Database db(u"cli-check"_s);
            QVERIFY2(db.open(c).ok(), "the import made no database in the data dir");
            QCOMPARE(count(db, u"t_request_log"_s), qint64(7));
            QCOMPARE(count(db, u"t_error_logs"_s), qint64(3));
            QSqlQuery q(db.handle());
            QVERIFY(q.exec(u"SELECT value FROM t_settings WHERE `key` = 'MAX_FAILURES'"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"10"_s);
        }

        const Run second = gembalance(args, environment());
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.out.contains(u"t_request_log: 0 rows imported (7 from an earlier import left out)"_s),
                 qPrintable(second.out));
        QVERIFY(second.out.contains(u"t_settings: 0 imported, 7 kept"_s));
    }

    void aBadSourceFails()
    {
        QTemporaryDir dataDir;
        const Run missing = gembalance({u"--data-dir"_s, dataDir.path(), u"--import-gemini-balance"_s,
                                        dataDir.filePath(u"no-such-file.db"_s)},
                                       environment());
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(u"import failed: no such file"_s), qPrintable(missing.err));

        if (!TestBackends::names().contains(u"mysql"_s))
            return;
        // A MySQL source with a wrong password: a clear failure that never shows it.
        const Run refused = gembalance({u"--data-dir"_s, dataDir.path(), u"--import-gemini-balance"_s,
                                        u"mysql://gbtest:N0t-Th3-P4ss@127.0.0.1:3307/gbtest_nothing"_s},
                                       environment());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"import failed"_s), qPrintable(refused.err));
        QVERIFY2(!(refused.out + refused.err).contains(u"N0t-Th3"_s), qPrintable(refused.err));
    }

    // The configured database is MySQL (DATABASE_TYPE and MYSQL_* in the environment).
    void importsIntoTheMysqlDatabase()
    {
        if (!TestBackends::names().contains(u"mysql"_s))
            QSKIP(qPrintable(u"MySQL: "_s + TestBackends::mysqlUnavailableReason()));
        QTemporaryDir sourceDir;
        QTemporaryDir dataDir;
        const QString source = makeSource(sourceDir);
        QVERIFY(!source.isEmpty());
        auto scratch = GB_SCRATCH_DATABASE(QString(u"mysql"_s));
        const DatabaseConfig &c = scratch->config();
        QProcessEnvironment env = environment();
        env.insert(u"DATABASE_TYPE"_s, u"mysql"_s);
        env.insert(u"MYSQL_HOST"_s, c.mysqlHost);
        env.insert(u"MYSQL_PORT"_s, QString::number(c.mysqlPort));
        env.insert(u"MYSQL_USER"_s, c.mysqlUser);
        env.insert(u"MYSQL_PASSWORD"_s, c.mysqlPassword);
        env.insert(u"MYSQL_DATABASE"_s, c.mysqlDatabase);
        const Run run = gembalance({u"--data-dir"_s, dataDir.path(), u"--import-gemini-balance"_s, source}, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(u"t_request_log: 7 rows imported"_s));
        Database db(u"cli-mysql"_s);
        QVERIFY(db.open(c).ok());
        QCOMPARE(count(db, u"t_request_log"_s), qint64(7));
        QCOMPARE(count(db, u"t_error_logs"_s), qint64(3));
        QVERIFY(count(db, u"gb_counters_minute"_s) == 5);
    }
};

QTEST_GUILESS_MAIN(TestImportCommand)
#include "tst_importcommand.moc"
