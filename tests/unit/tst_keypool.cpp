#include "keys/KeyPool.h"

#include <QSignalSpy>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestKeyPool : public QObject
{
    Q_OBJECT
private slots:
    void roundRobinInOrder()
    {
        KeyPool pool;
        pool.setKeys({u"k1"_s, u"k2"_s, u"k3"_s});
        QStringList seen;
        for (int i = 0; i < 7; ++i)
            seen << pool.next();
        QCOMPARE(seen, QStringList({u"k1"_s, u"k2"_s, u"k3"_s, u"k1"_s, u"k2"_s, u"k3"_s, u"k1"_s}));
    }

    void duplicatesAndBlanksDropped()
    {
        KeyPool pool;
        pool.setKeys({u" k1 "_s, u"k1"_s, QString(), u"k2"_s});
        QCOMPARE(pool.size(), 2);
        QCOMPARE(pool.next(), u"k1"_s);
    }

    void excludeSkipsTriedKeys()
    {
        KeyPool pool;
        pool.setKeys({u"k1"_s, u"k2"_s, u"k3"_s});
        QCOMPARE(pool.next({u"k1"_s}), u"k2"_s);
        QCOMPARE(pool.next({u"k3"_s, u"k1"_s}), u"k2"_s);
        QCOMPARE(pool.next({u"k1"_s, u"k2"_s, u"k3"_s}), QString());
    }

    void maxFailuresDisablesAndSuccessResets()
    {
        KeyPool pool;
        pool.setMaxFailures(2);
        pool.setKeys({u"k1"_s, u"k2"_s});
        QSignalSpy disabled(&pool, &KeyPool::keyDisabled);
        pool.reportFailure(u"k1"_s, 1, u"429"_s);
        QCOMPARE(pool.usableCount(), 2);
        pool.reportSuccess(u"k1"_s);
        QCOMPARE(pool.state(u"k1"_s).failures, 0);
        pool.reportFailure(u"k1"_s, 1, u"400 invalid key"_s);
        pool.reportFailure(u"k1"_s, 1, u"400 invalid key"_s);
        QCOMPARE(disabled.count(), 1);
        QVERIFY(pool.state(u"k1"_s).disabled);
        QCOMPARE(pool.state(u"k1"_s).lastError, u"400 invalid key"_s);
        QCOMPARE(pool.usableCount(), 1);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(pool.next(), u"k2"_s);
    }

    void zeroWeightIsRecordedNotCounted()
    {
        KeyPool pool;
        pool.setMaxFailures(1);
        pool.setKeys({u"k1"_s});
        pool.reportFailure(u"k1"_s, 0, u"503 overloaded"_s);
        QCOMPARE(pool.usableCount(), 1);
        QCOMPARE(pool.state(u"k1"_s).failuresTotal, quint64(1));
    }

    void setKeysKeepsStateOfRemainingKeys()
    {
        KeyPool pool;
        pool.setMaxFailures(1);
        pool.setKeys({u"k1"_s, u"k2"_s, u"k3"_s});
        pool.reportFailure(u"k2"_s, 1, u"bad"_s);
        QCOMPARE(pool.next(), u"k1"_s);  // cursor now on k2 (disabled) -> k3 next
        pool.setKeys({u"k2"_s, u"k3"_s, u"k4"_s});
        QVERIFY(pool.state(u"k2"_s).disabled);
        QCOMPARE(pool.next(), u"k3"_s);
        QCOMPARE(pool.next(), u"k4"_s);
        QVERIFY(!pool.contains(u"k1"_s));
    }

    void raisingMaxFailuresReEnables()
    {
        KeyPool pool;
        pool.setMaxFailures(1);
        pool.setKeys({u"k1"_s});
        pool.reportFailure(u"k1"_s, 1, u"x"_s);
        QCOMPARE(pool.next(), QString());
        pool.setMaxFailures(5);
        QCOMPARE(pool.next(), u"k1"_s);
    }

    void emptyPool()
    {
        KeyPool pool;
        QCOMPARE(pool.next(), QString());
        QCOMPARE(pool.usableCount(), 0);
        pool.reportFailure(u"unknown"_s, 1, u"x"_s);  // harmless
    }
};

QTEST_GUILESS_MAIN(TestKeyPool)
#include "tst_keypool.moc"
