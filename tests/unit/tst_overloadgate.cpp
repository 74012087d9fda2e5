// OverloadGate: counts a request from admit() until its sink is gone; refuses beyond the
// limit, or lets a bounded number wait a bounded time; waiting clients that leave free
// their place.

#include "api/OverloadGate.h"
#include "common/CollectingSink.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <memory>

using namespace gb;

class TestOverloadGate : public QObject
{
    Q_OBJECT

    struct Probe
    {
        int started = 0;
        int refused = 0;
    };

    static void admit(OverloadGate &gate, CollectingSink *sink, Probe &probe)
    {
        gate.admit(sink, [&probe] { ++probe.started; }, [&probe] { ++probe.refused; });
    }

private slots:
    void unlimitedAdmitsEverything()
    {
        OverloadGate gate;
        gate.setLimits(0, 0);
        Probe p;
        std::vector<std::unique_ptr<CollectingSink>> sinks;
        for (int i = 0; i < 50; ++i) {
            sinks.push_back(std::make_unique<CollectingSink>());
            admit(gate, sinks.back().get(), p);
        }
        QCOMPARE(p.started, 50);
        QCOMPARE(gate.inFlight(), 50);
        QVERIFY(!gate.wouldRefuse());
        sinks.clear();
        QCOMPARE(gate.inFlight(), 0);
    }

    void refusesBeyondTheLimitUntilASinkGoes()
    {
        OverloadGate gate;
        gate.setLimits(2, 0);
        Probe p;
        auto a = std::make_unique<CollectingSink>();
        auto b = std::make_unique<CollectingSink>();
        CollectingSink c;
        admit(gate, a.get(), p);
        admit(gate, b.get(), p);
        QVERIFY(gate.wouldRefuse());
        admit(gate, &c, p);
        QCOMPARE(p.started, 2);
        QCOMPARE(p.refused, 1);
        QCOMPARE(gate.refused(), quint64(1));
        a.reset();  // answered and deleted: the slot is free
        QCOMPARE(gate.inFlight(), 1);
        QVERIFY(!gate.wouldRefuse());
        CollectingSink d;
        admit(gate, &d, p);
        QCOMPARE(p.started, 3);
        gate.countRefusal();
        QCOMPARE(gate.refused(), quint64(2));
    }

    void waitingIsBoundedInTimeAndNumber()
    {
        OverloadGate gate;
        gate.setLimits(1, 200);
        Probe p;
        auto running = std::make_unique<CollectingSink>();
        admit(gate, running.get(), p);
        CollectingSink waiting, full;
        admit(gate, &waiting, p);        // waits (one may wait per slot)
        QCOMPARE(gate.queued(), 1);
        QVERIFY(gate.wouldRefuse());
        admit(gate, &full, p);           // no room to wait: refused at once
        QCOMPARE(p.refused, 1);
        QElapsedTimer t;
        t.start();
        QTRY_COMPARE_WITH_TIMEOUT(p.refused, 2, 3000);  // the wait ran out
        QVERIFY2(t.elapsed() >= 150, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(gate.queued(), 0);
        QCOMPARE(p.started, 1);
    }

    void aFreedSlotStartsTheWaitingRequest()
    {
        OverloadGate gate;
        gate.setLimits(1, 5000);
        Probe p;
        auto running = std::make_unique<CollectingSink>();
        admit(gate, running.get(), p);
        auto waiting = std::make_unique<CollectingSink>();
        admit(gate, waiting.get(), p);
        QCOMPARE(p.started, 1);
        running.reset();
        QTRY_COMPARE_WITH_TIMEOUT(p.started, 2, 2000);
        QCOMPARE(gate.inFlight(), 1);
        QCOMPARE(gate.queued(), 0);
        QCOMPARE(p.refused, 0);
    }

    void aClientThatLeavesWhileWaitingFreesItsPlace()
    {
        OverloadGate gate;
        gate.setLimits(1, 5000);
        Probe p;
        auto running = std::make_unique<CollectingSink>();
        admit(gate, running.get(), p);
        CollectingSink leaving;
        admit(gate, &leaving, p);
        QCOMPARE(gate.queued(), 1);
        leaving.cancel();
        QCOMPARE(gate.queued(), 0);
        running.reset();
        QTest::qWait(50);
        QCOMPARE(p.started, 1);  // never started for a client that left
        QCOMPARE(p.refused, 0);
        QCOMPARE(gate.inFlight(), 0);
    }

    void raisingTheLimitStartsWaitingRequests()
    {
        OverloadGate gate;
        gate.setLimits(1, 5000);
        Probe p;
        CollectingSink a, b;
        admit(gate, &a, p);
        admit(gate, &b, p);
        QCOMPARE(p.started, 1);
        gate.setLimits(2, 5000);
        QCOMPARE(p.started, 2);
        QCOMPARE(gate.inFlight(), 2);
    }

    // The proxy's event loops each have a gate; they share one budget.
    void gatesOfOtherLoopsShareTheBudget()
    {
        OverloadGate first;
        first.setLimits(2, 5000);
        QThread thread;
        thread.start();
        OverloadGate *other = nullptr;
        Probe p;  // touched on the other thread only while this one waits
        auto a = std::make_unique<CollectingSink>();
        admit(first, a.get(), p);
        QCOMPARE(first.inFlight(), 1);
        // The other loop's gate, on its thread: one slot left, then its request waits.
        std::unique_ptr<CollectingSink> b;
        std::unique_ptr<CollectingSink> c;
        QObject context;
        context.moveToThread(&thread);
        QMetaObject::invokeMethod(&context, [&] {
            other = new OverloadGate(&first);
            b = std::make_unique<CollectingSink>();
            c = std::make_unique<CollectingSink>();
            admit(*other, b.get(), p);
            admit(*other, c.get(), p);
        }, Qt::BlockingQueuedConnection);
        QCOMPARE(p.started, 2);
        QCOMPARE(first.inFlight(), 2);
        QCOMPARE(first.queued(), 1);
        QVERIFY(first.wouldRefuse() == false);  // room to wait: the limit is 2, one waits
        // A slot freed on this loop starts the request waiting on the other.
        a.reset();
        QVERIFY(QTest::qWaitFor([&] {
            int started = 0;
            QMetaObject::invokeMethod(&context, [&] { started = p.started; }, Qt::BlockingQueuedConnection);
            return started == 3;
        }, 5000));
        QCOMPARE(first.queued(), 0);
        QCOMPARE(first.inFlight(), 2);
        QCOMPARE(first.admitted(), quint64(3));
        QMetaObject::invokeMethod(&context, [&] {
            b.reset();
            c.reset();
            delete other;
        }, Qt::BlockingQueuedConnection);
        QCOMPARE(first.inFlight(), 0);
        thread.quit();
        thread.wait();
    }
};

QTEST_GUILESS_MAIN(TestOverloadGate)
#include "tst_overloadgate.moc"
