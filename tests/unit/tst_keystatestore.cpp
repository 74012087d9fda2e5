#include "TestDatabases.h"
#include "common/Clock.h"
#include "store/Database.h"
#include "store/KeyStateRecorder.h"
#include "store/KeyStateStore.h"
#include "store/StoreThread.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

// Shaped like real Google API keys (AIza + 35), so redaction recognises them too.
const QString kKeyA = u"AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"_s;
const QString kKeyB = u"AIzaSyB_zyxwvutsrqponmlkjihgfedcba98765"_s;
const QString kKeyC = u"AIzaSyC-0123456789ABCDEFGHIJKLMNOPQRSTU"_s;
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

// The store writes a null string as "" (the columns are NOT NULL).
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

KeyState fullState(const QString &key)
{
    KeyState s;
    s.key = key;
    s.weight = 7;
    s.failures = 2;
    s.disabled = DisableReason::Suspended;
    s.lastError = u"403 CONSUMER_SUSPENDED — «ключ» приостановлен"_s;
    s.lastUsedMs = 1'767'225'600'123;
    s.lastSuccessMs = 1'767'225'500'456;
    s.lastFailureMs = 1'767'225'600'789;
    s.successes = 5'000'000'000'123ULL;          // beyond 32 bits
    s.failuresTotal = 9'007'199'254'740'993ULL;  // 2^53 + 1: beyond a double's exact integers
    s.cooldowns.insert(u"gemini-2.5-pro"_s, Cooldown{1'767'229'200'000, 3, true, u"429 per-day quota"_s});
    s.cooldowns.insert(u"gemini-2.5-flash"_s, Cooldown{9'007'199'254'740'993LL, 1, false, QString()});
    return s;
}

void compareStates(const KeyState &actual, const KeyState &expected)
{
    QCOMPARE(actual.key, expected.key);
    QCOMPARE(actual.weight, expected.weight);
    QCOMPARE(actual.failures, expected.failures);
    QCOMPARE(int(actual.disabled), int(expected.disabled));
    QCOMPARE(actual.lastError, text(expected.lastError));
    QCOMPARE(actual.lastUsedMs, expected.lastUsedMs);
    QCOMPARE(actual.lastSuccessMs, expected.lastSuccessMs);
    QCOMPARE(actual.lastFailureMs, expected.lastFailureMs);
    QCOMPARE(actual.successes, expected.successes);
    QCOMPARE(actual.failuresTotal, expected.failuresTotal);
    QCOMPARE(actual.cooldowns.keys().size(), expected.cooldowns.size());
    for (auto it = expected.cooldowns.cbegin(); it != expected.cooldowns.cend(); ++it) {
        QVERIFY2(actual.cooldowns.contains(it.key()), qPrintable(it.key()));
        const Cooldown &c = actual.cooldowns[it.key()];
        QCOMPARE(c.untilMs, it->untilMs);
        QCOMPARE(c.level, it->level);
        QCOMPARE(c.perDay, it->perDay);
        QCOMPARE(c.reason, text(it->reason));
    }
}

// Queued, as the proxy thread does it: returns at once.
void queueSave(StoreThread &t, const QList<KeyState> &states)
{
    KeyStateStore *store = t.keyStates();
    QVERIFY(store);
    QVERIFY(QMetaObject::invokeMethod(store, "save", Qt::QueuedConnection, Q_ARG(QList<gb::KeyState>, states)));
}

int rowCount(const DatabaseConfig &config)
{
    Database db(u"count"_s);
    if (!db.open(config))
        return -1;
    QSqlQuery q(db.handle());
    if (!q.exec(u"SELECT COUNT(*) FROM gb_key_state"_s) || !q.next())
        return -1;
    return q.value(0).toInt();
}

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

} // namespace

// Stands in for KeyPool (whose implementation is not on this branch): the same signal,
// and states by key.
class FakePool : public QObject
{
    Q_OBJECT
public:
    QHash<QString, KeyState> states;
    KeyState state(const QString &key) const { return states.value(key); }
    QList<KeyState> all() const { return states.values(); }
    void change(const QString &key, int failures)
    {
        states[key].key = key;
        states[key].failures = failures;
        emit stateChanged(key);
    }
signals:
    void stateChanged(const QString &key);
};

class TestKeyStateStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::ScratchDatabase> m_scratch;
    DatabaseConfig m_config;

    bool mysql() const { return m_config.type == u"mysql"_s; }

    // Runs one statement on a connection of its own (as another process would).
    void execOther(const QString &sql)
    {
        Database db(u"other"_s);
        QVERIFY(db.open(m_config).ok());
        QSqlQuery q(db.handle());
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
    }

private slots:
    // Every test runs on SQLite and on MySQL/MariaDB (see TestBackends).
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : test::TestBackends::names())
            QTest::newRow(qPrintable(b)) << b;
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_scratch = GB_SCRATCH_DATABASE(backend);
        m_config = m_scratch->config();
        Database db(u"migrate"_s);
        QVERIFY(db.open(m_config).ok());
        const auto version = db.migrate();
        QVERIFY2(version.ok(), qPrintable(version.error()));
        QVERIFY(version.value() >= 2);
    }

    void cleanup() { m_scratch.reset(); }

    void migrationCreatesTheTable()
    {
        Database db(u"inspect"_s);
        QVERIFY(db.open(m_config).ok());
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"SELECT * FROM gb_key_state"_s));
        const QSqlRecord r = q.record();
        const QStringList expected = {u"key_id"_s,          u"key_hint"_s,        u"weight"_s,
                                      u"failures"_s,        u"disabled_reason"_s, u"last_error"_s,
                                      u"last_used_at"_s,    u"last_success_at"_s, u"last_failure_at"_s,
                                      u"successes_total"_s, u"failures_total"_s,  u"cooldowns"_s,
                                      u"updated_at"_s};
        QCOMPARE(r.count(), expected.size());
        for (const QString &c : expected)
            QVERIFY2(r.indexOf(c) >= 0, qPrintable(c));
        QVERIFY(q.exec(mysql() ? u"SHOW INDEX FROM gb_key_state WHERE Key_name = 'gb_key_state_updated_at'"_s
                               : u"SELECT name FROM sqlite_master WHERE type='index' AND name='gb_key_state_updated_at'"_s));
        QVERIFY(q.next());
        QCOMPARE(db.migrate().value(), db.schemaVersion());  // nothing applied twice
    }

    void keyIdIsSha256Hex()
    {
        QCOMPARE(KeyStateStore::keyId(u"abc"_s), u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
        QCOMPARE(KeyStateStore::keyHint(kKeyA), u"AIzaSy…5p6Q"_s);
    }

    void roundTripOfEveryFieldAcrossARestart()
    {
        KeyState plain;  // defaults: null strings, zero times, no cooldowns
        plain.key = kKeyB;
        {
            StoreThread t(m_config);
            QVERIFY(t.open().ok());
            queueSave(t, {fullState(kKeyA), plain});
            QVERIFY(t.flush());
            QCOMPARE(t.stats().rowsWritten, 2u);
            const auto loaded = t.loadKeyStates({kKeyA, kKeyB});
            QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
            QCOMPARE(loaded.value().size(), 2);
            compareStates(loaded.value().at(0), fullState(kKeyA));
            compareStates(loaded.value().at(1), plain);
        }
        // A new store on a new connection (a restart) reads the same.
        StoreThread t(m_config);
        QVERIFY(t.open().ok());
        const auto loaded = t.loadKeyStates({kKeyA, kKeyB});
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().size(), 2);
        compareStates(loaded.value().at(0), fullState(kKeyA));
        compareStates(loaded.value().at(1), plain);

        Database db(u"inspect"_s);
        QVERIFY(db.open(m_config).ok());
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"SELECT key_id, key_hint, disabled_reason FROM gb_key_state ORDER BY key_hint"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), KeyStateStore::keyId(kKeyA));
        QCOMPARE(q.value(1).toString(), u"AIzaSy…5p6Q"_s);
        QCOMPARE(q.value(2).toString(), u"suspended"_s);
    }

    void loadMatchesConfiguredKeysInOrder()
    {
        StoreThread t(m_config);
        QVERIFY(t.open().ok());
        queueSave(t, {fullState(kKeyA), fullState(kKeyB)});
        QVERIFY(t.flush());
        const auto loaded = t.loadKeyStates({kKeyC, kKeyB, u""_s, kKeyA, kKeyB});
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().size(), 2);  // C never stored; the duplicate B once
        QCOMPARE(loaded.value().at(0).key, kKeyB);
        QCOMPARE(loaded.value().at(1).key, kKeyA);
        QVERIFY(t.loadKeyStates({}).value().isEmpty());
    }

    void manySavesOfOneKeyAreOneRowInOneTransaction()
    {
        StoreThread t(m_config);
        t.setFlushIntervalMs(60'000);  // only the explicit flush writes
        QVERIFY(t.open().ok());
        KeyState s = fullState(kKeyA);
        for (int i = 1; i <= 100; ++i) {
            s.failures = i;
            queueSave(t, {s});
        }
        queueSave(t, {fullState(kKeyB)});
        QVERIFY(t.flush());
        const auto stats = t.stats();
        QCOMPARE(stats.saved, 101u);
        QCOMPARE(stats.commits, 1u);
        QCOMPARE(stats.rowsWritten, 2u);
        QCOMPARE(stats.pending, 0);
        QCOMPARE(rowCount(m_config), 2);
        QCOMPARE(t.loadKeyStates({kKeyA}).value().at(0).failures, 100);  // the last one wins
        QVERIFY(t.flush());
        QCOMPARE(t.stats().commits, 1u);  // nothing pending: no transaction
    }

    void theTimerWritesAboutOnceASecond()
    {
        StoreThread t(m_config);
        QVERIFY(t.open().ok());  // default interval: 1 s
        QElapsedTimer elapsed;
        elapsed.start();
        queueSave(t, {fullState(kKeyA)});
        QTest::qWait(200);
        queueSave(t, {fullState(kKeyB)});
        QTRY_COMPARE_WITH_TIMEOUT(t.stats().commits, 1u, 5000);
        QVERIFY(elapsed.elapsed() >= 900);
        QCOMPARE(t.stats().rowsWritten, 2u);  // both in the one write
        QCOMPARE(rowCount(m_config), 2);
    }

    void savesNeverWaitForTheDatabase()
    {
        StoreThread t(m_config);
        t.setFlushIntervalMs(60'000);
        QVERIFY(t.open().ok());

        // Another connection holds the write lock: the store's flush waits in SQLite's
        // busy handler (up to 5 s), or for MySQL's table lock, on the database thread.
        Database locker(u"locker"_s);
        QVERIFY(locker.open(m_config).ok());
        QSqlQuery lock(locker.handle());
        QVERIFY(lock.exec(mysql() ? u"LOCK TABLES gb_key_state WRITE"_s : u"BEGIN EXCLUSIVE"_s));
        queueSave(t, {fullState(kKeyA)});
        QVERIFY(QMetaObject::invokeMethod(t.keyStates(), "flush", Qt::QueuedConnection));
        QTest::qWait(200);
        QCOMPARE(t.stats().commits, 0u);  // stuck

        QElapsedTimer elapsed;
        elapsed.start();
        KeyState s = fullState(kKeyB);
        for (int i = 0; i < 1000; ++i) {
            s.failures = i;
            queueSave(t, {s});
        }
        QVERIFY2(elapsed.elapsed() < 200, qPrintable(QString::number(elapsed.elapsed())));

        QVERIFY(lock.exec(mysql() ? u"UNLOCK TABLES"_s : u"COMMIT"_s));
        QVERIFY(t.flush());
        QCOMPARE(rowCount(m_config), 2);
        QCOMPARE(t.loadKeyStates({kKeyB}).value().at(0).failures, 999);
    }

    void shutdownWritesEverythingPending()
    {
        {
            StoreThread t(m_config);
            t.setFlushIntervalMs(60'000);
            QVERIFY(t.open().ok());
            queueSave(t, {fullState(kKeyA), fullState(kKeyB)});
            queueSave(t, {fullState(kKeyC)});
            t.shutdown();
            QCOMPARE(t.stats().commits, 1u);
            QCOMPARE(t.stats().rowsWritten, 3u);
            QVERIFY(!t.keyStates());
            QVERIFY(!t.flush());  // after shutdown: nothing to call, no hang
        }
        StoreThread t(m_config);
        QVERIFY(t.open().ok());
        QCOMPARE(t.loadKeyStates({kKeyA, kKeyB, kKeyC}).value().size(), 3);
    }

    void theFileHoldsNoFullKey()
    {
        KeyState s = fullState(kKeyA);
        s.lastError = u"400 API key not valid: "_s + kKeyA + u" (also "_s + kKeyC + u")"_s;
        s.cooldowns[u"gemini-2.5-pro"_s].reason = u"429 for "_s + kKeyA;
        {
            StoreThread t(m_config);
            QVERIFY(t.open().ok());
            queueSave(t, {s, fullState(kKeyB)});
            t.shutdown();
        }
        QByteArray bytes;
        if (mysql()) {
            // Every column of every row, as text.
            Database db(u"scan"_s);
            QVERIFY(db.open(m_config).ok());
            QSqlQuery q(db.handle());
            QVERIFY(q.exec(u"SELECT * FROM gb_key_state"_s));
            while (q.next())
                for (int c = 0; c < q.record().count(); ++c)
                    bytes += q.value(c).toString().toUtf8() + '\n';
        } else {
            // The SQLite files themselves (database, WAL, shm).
            const QDir dir = QFileInfo(m_config.sqlitePath).dir();
            const QStringList files = dir.entryList(QDir::Files);
            QVERIFY(files.contains(QFileInfo(m_config.sqlitePath).fileName()));
            for (const QString &f : files) {
                QFile file(dir.filePath(f));
                QVERIFY(file.open(QIODevice::ReadOnly));
                bytes += file.readAll();
            }
        }
        for (const QString &key : {kKeyA, kKeyB, kKeyC}) {
            QVERIFY2(!bytes.contains(key.toUtf8()), qPrintable(KeyStateStore::keyHint(key)));
            QVERIFY(!bytes.contains(key.mid(10, 20).toUtf8()));  // not even a middle part
        }
        for (const QString &key : {kKeyA, kKeyB})  // the rows are there, by id
            QVERIFY(bytes.contains(KeyStateStore::keyId(key).toUtf8()));
        QVERIFY(bytes.contains(u"AIzaSy…5p6Q"_s.toUtf8()));

        StoreThread t(m_config);
        QVERIFY(t.open().ok());
        const KeyState loaded = t.loadKeyStates({kKeyA}).value().value(0);
        QVERIFY(loaded.lastError.startsWith(u"400 API key not valid: AIzaSy…"_s));
        QVERIFY(!loaded.lastError.contains(kKeyC));
    }

    void rowsUntouchedFor90DaysArePrunedAtStartUp()
    {
        ManualClock clock;
        const qint64 t0 = clock.nowMs();
        {
            StoreThread t(m_config, &clock);
            QVERIFY(t.open().ok());
            queueSave(t, {fullState(kKeyA), fullState(kKeyC)});  // written at t0
            t.shutdown();
        }
        clock.setMs(t0 + 50 * kDayMs);
        {
            StoreThread t(m_config, &clock);
            QVERIFY(t.open().ok());
            QCOMPARE(t.loadKeyStates({}).value().size(), 0);  // 50 days: nothing pruned
            QCOMPARE(rowCount(m_config), 2);
            queueSave(t, {fullState(kKeyB)});  // written at t0 + 50 d
            t.shutdown();
        }
        clock.setMs(t0 + 91 * kDayMs);
        StoreThread t(m_config, &clock);
        QVERIFY(t.open().ok());
        // A: 91 days old, not configured -> pruned. C: as old, but configured -> kept.
        // B: 41 days old -> kept.
        const auto loaded = t.loadKeyStates({kKeyB, kKeyC});
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().size(), 2);
        QCOMPARE(rowCount(m_config), 2);
        Database db(u"inspect"_s);
        QVERIFY(db.open(m_config).ok());
        QSqlQuery q(db.handle());
        q.prepare(u"SELECT COUNT(*) FROM gb_key_state WHERE key_id = ?"_s);
        q.addBindValue(KeyStateStore::keyId(kKeyA));
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void aWriteErrorIsReportedAndRetried()
    {
        LogCapture log;
        StoreThread t(m_config);
        t.setFlushIntervalMs(100);
        QVERIFY(t.open().ok());
        {
            // The database refuses writes (root ignores file modes, so no read-only file:
            // a trigger). Its message even carries a key, which must not reach the log.
            execOther(mysql() ? u"CREATE TRIGGER gb_test_refuse BEFORE INSERT ON gb_key_state FOR EACH ROW "
                                "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for %1'"_s.arg(kKeyA)
                              : u"CREATE TRIGGER gb_test_refuse BEFORE INSERT ON gb_key_state "
                                "BEGIN SELECT RAISE(ABORT, 'refused for %1'); END"_s.arg(kKeyA));
        }
        queueSave(t, {fullState(kKeyA)});
        QVERIFY(!t.flush());
        auto stats = t.stats();
        QVERIFY(stats.errors >= 1);
        QCOMPARE(stats.commits, 0u);
        QCOMPARE(stats.pending, 1);  // kept for the next attempt
        QTRY_VERIFY(log.all().contains(u"key states: write failed"_s));
        QVERIFY(log.all().contains(u"refused for AIzaSy…"_s));
        QVERIFY(!log.all().contains(kKeyA));

        {
            Database db(u"inject"_s);
            QVERIFY(db.open(m_config).ok());
            QSqlQuery q(db.handle());
            QVERIFY(q.exec(u"DROP TRIGGER gb_test_refuse"_s));
        }
        // The retry timer writes it without being asked.
        QTRY_COMPARE_WITH_TIMEOUT(t.stats().commits, 1u, 10'000);
        QCOMPARE(t.stats().pending, 0);
        compareStates(t.loadKeyStates({kKeyA}).value().value(0), fullState(kKeyA));
    }

    void aMissingTableFailsTheLoadWithoutACrash()
    {
        {
            Database db(u"inject"_s);
            QVERIFY(db.open(m_config).ok());
            QSqlQuery q(db.handle());
            QVERIFY(q.exec(u"DROP TABLE gb_key_state"_s));
        }
        StoreThread t(m_config);
        QVERIFY(t.open().ok());
        const auto loaded = t.loadKeyStates({kKeyA});
        QVERIFY(!loaded.ok());
        QVERIFY(!loaded.error().isEmpty());
        queueSave(t, {fullState(kKeyA)});
        QVERIFY(!t.flush());
        QVERIFY(t.stats().errors >= 2);
        t.shutdown();  // gives up on what is pending, says so, ends
    }

    void anUnopenableDatabaseIsAnError()
    {
        DatabaseConfig c = m_config;
        c.sqlitePath = u"/proc/gembalance-cannot-be-here/x.db"_s;
        c.mysqlPort = 1;  // nothing listens there
        StoreThread t(c);
        const auto r = t.open();
        QVERIFY(!r.ok());
        QVERIFY(!r.error().isEmpty());
        QVERIFY(!t.keyStates());
        QVERIFY(!t.loadKeyStates({kKeyA}).ok());
        QVERIFY(!t.flush());
        t.shutdown();
    }

    // MySQL: the server drops the store's session (as a restart or wait_timeout does); the
    // next write fails, the retry reconnects and writes. SQLite has no connection to lose.
    void aLostMysqlConnectionIsReopened()
    {
        if (!mysql())
            QSKIP("MySQL only: an SQLite file has no connection to lose");
        StoreThread t(m_config);
        t.setFlushIntervalMs(100);
        QVERIFY(t.open().ok());
        queueSave(t, {fullState(kKeyA)});
        QVERIFY(t.flush());
        {
            // Kill every other session on this scratch database: the store's.
            Database killer(u"killer"_s);
            QVERIFY(killer.open(m_config).ok());
            QSqlQuery q(killer.handle());
            QVERIFY(q.exec(u"SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '%1' AND ID <> CONNECTION_ID()"_s.arg(
                m_config.mysqlDatabase)));
            QList<qint64> ids;
            while (q.next())
                ids << q.value(0).toLongLong();
            QVERIFY(!ids.isEmpty());
            for (qint64 id : std::as_const(ids))
                QVERIFY2(q.exec(u"KILL %1"_s.arg(id)), qPrintable(q.lastError().text()));
        }
        queueSave(t, {fullState(kKeyB)});
        t.flush();  // may fail: the session is gone
        QTRY_COMPARE_WITH_TIMEOUT(t.stats().pending, 0, 10'000);
        QCOMPARE(t.loadKeyStates({kKeyA, kKeyB}).value().size(), 2);
    }

    // -- KeyStateRecorder ------------------------------------------------------------

    void recorderBatchesDirtyKeys()
    {
        FakePool pool;
        KeyStateRecorder recorder([&pool](const QString &k) { return pool.state(k); });
        recorder.setIntervalMs(100);
        connect(&pool, &FakePool::stateChanged, &recorder, &KeyStateRecorder::markDirty);
        QSignalSpy spy(&recorder, &KeyStateRecorder::batchReady);
        for (int i = 1; i <= 50; ++i)
            pool.change(kKeyA, i);
        pool.change(kKeyB, 7);
        pool.change(kKeyC, 1);
        pool.states.remove(kKeyC);  // gone from the pool before the batch
        QCOMPARE(spy.count(), 0);
        QTRY_COMPARE(spy.count(), 1);
        const auto batch = spy.at(0).at(0).value<QList<KeyState>>();
        QCOMPARE(batch.size(), 2);
        for (const KeyState &s : batch)
            QCOMPARE(s.failures, s.key == kKeyA ? 50 : 7);
        QTest::qWait(250);
        QCOMPARE(spy.count(), 1);  // nothing dirty: no more batches
        QCOMPARE(recorder.dirtyCount(), 0);
    }

    // The proxy's event loops mark keys on their own threads, directly: the marks of all of
    // them go into one batch, on the recorder's thread.
    void recorderTakesMarksFromOtherThreads()
    {
        KeyStateRecorder recorder([](const QString &k) {
            KeyState s;
            s.key = k;
            return s;
        });
        recorder.setIntervalMs(100);
        QSignalSpy spy(&recorder, &KeyStateRecorder::batchReady);
        QThread *batchThread = nullptr;
        connect(&recorder, &KeyStateRecorder::batchReady, &recorder, [&] { batchThread = QThread::currentThread(); });
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([&recorder, t] {
                for (int i = 0; i < 2000; ++i)
                    recorder.markDirty(u"key-%1-%2"_s.arg(t).arg(i % 25));
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            QVERIFY(t->wait(30000));
        QCOMPARE(recorder.dirtyCount(), 100);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QList<KeyState>>().size(), 100);
        QCOMPARE(batchThread, QThread::currentThread());
        QCOMPARE(recorder.dirtyCount(), 0);
        QTest::qWait(250);
        QCOMPARE(spy.count(), 1);
    }

    void recorderFlushNowAndTheLastUsedSweep()
    {
        FakePool pool;
        pool.states[kKeyA].key = kKeyA;
        pool.states[kKeyA].lastUsedMs = 1000;  // restored: the baseline
        pool.states[kKeyB].key = kKeyB;
        KeyStateRecorder recorder([&pool](const QString &k) { return pool.state(k); });
        recorder.setIntervalMs(60'000);
        recorder.setSweep([&pool] { return pool.all(); });
        connect(&pool, &FakePool::stateChanged, &recorder, &KeyStateRecorder::markDirty);
        QSignalSpy spy(&recorder, &KeyStateRecorder::batchReady);

        recorder.flushNow();
        QCOMPARE(spy.count(), 0);  // nothing changed since the baseline

        pool.change(kKeyA, 3);
        recorder.flushNow();  // at once, not after the interval
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QList<KeyState>>().size(), 1);

        pool.states[kKeyB].lastUsedMs = 5000;  // used, no stateChanged
        recorder.flushNow();
        QCOMPARE(spy.count(), 2);
        const auto batch = spy.at(1).at(0).value<QList<KeyState>>();
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.at(0).key, kKeyB);
        QCOMPARE(batch.at(0).lastUsedMs, 5000);

        recorder.flushNow();
        QCOMPARE(spy.count(), 2);  // saved once
    }

    // The shutdown order of Runtime: the recorder flushes on the proxy thread, then the
    // store flushes (blocking) and its thread ends; a restart loads what was recorded.
    void recorderToStoreAcrossThreads()
    {
        QThread proxyThread;
        FakePool *pool = new FakePool;
        auto *recorder = new KeyStateRecorder([pool](const QString &k) { return pool->state(k); });
        recorder->setIntervalMs(60'000);
        pool->moveToThread(&proxyThread);
        recorder->moveToThread(&proxyThread);
        connect(pool, &FakePool::stateChanged, recorder, &KeyStateRecorder::markDirty);

        {
            StoreThread store(m_config);
            store.setFlushIntervalMs(60'000);
            QVERIFY(store.open().ok());
            connect(recorder, &KeyStateRecorder::batchReady, store.keyStates(), &KeyStateStore::save);
            proxyThread.start();
            QMetaObject::invokeMethod(pool, [pool] {
                for (int i = 1; i <= 10; ++i) {
                    pool->change(kKeyA, i);
                    pool->change(kKeyB, 100 + i);
                }
            }, Qt::BlockingQueuedConnection);
            QMetaObject::invokeMethod(recorder, &KeyStateRecorder::flushNow, Qt::BlockingQueuedConnection);
            store.shutdown();
            QCOMPARE(store.stats().commits, 1u);
            QCOMPARE(store.stats().rowsWritten, 2u);
        }
        proxyThread.quit();
        proxyThread.wait();
        delete recorder;
        delete pool;

        StoreThread store(m_config);
        QVERIFY(store.open().ok());
        const auto loaded = store.loadKeyStates({kKeyA, kKeyB}).value();
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0).failures, 10);
        QCOMPARE(loaded.at(1).failures, 110);
    }
};

QTEST_GUILESS_MAIN(TestKeyStateStore)
#include "tst_keystatestore.moc"
