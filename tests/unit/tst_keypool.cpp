#include "common/Clock.h"
#include "keys/KeyAvailability.h"  // keypool::g_steps, the step-counting test hook
#include "keys/KeyPool.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

#include <cmath>
#include <ctime>

using namespace gb;
using namespace Qt::StringLiterals;

using Outcome = KeyChoice::Outcome;

namespace {

// CPU time of the 100,000 choices, generous: an unoptimised build takes a few hundred ms;
// a Debug build under ASan+UBSan 1.0-1.6 s (wall time on a loaded 2-core machine was up to
// 9.8 s, hence CPU time). A linear scan would take minutes; the step count is the exact check.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 kTimeBoundMs = 8000;
#else
constexpr qint64 kTimeBoundMs = 2000;
#endif

const QString kModel = u"gemini-2.5-flash"_s;
const QString kOther = u"gemini-2.5-pro"_s;

QStringList names(int n, const QString &prefix = u"k"_s)
{
    QStringList out;
    out.reserve(n);
    for (int i = 1; i <= n; ++i)
        out << prefix + QString::number(i);
    return out;
}

QStringList sequence(KeyPool &pool, int n, const QString &model = kModel, const QSet<QString> &exclude = {})
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out << pool.choose(model, exclude).key;
    return out;
}

// Runs `calls` choices for kModel over n keys, half of them cooling (their cooldowns
// ending one by one while the clock moves 1 ms per call), and returns the index steps per call.
double stepsPerChoice(SelectionStrategy strategy, int n, int calls, qint64 *elapsedMs = nullptr)
{
    ManualClock clock;
    KeyPool pool(&clock);
    pool.setStrategy(strategy);
    const QStringList keys = names(n, u"AIzaSy-scale-key-"_s);
    pool.setKeys(keys);
    for (int i = 0; i < n; i += 2) {
        // A quarter of the cooling keys come back during the run, the others stay cooling.
        const qint64 until = clock.nowMs() + (i < n / 4 ? 1 + i * 4 : 1'000'000'000);
        pool.coolDown(keys.at(i), kModel, until, false, u"429"_s);
        pool.setWeight(keys.at(i + 1), 1 + i % 7);
    }
    const QSet<QString> exclude{keys.at(1), keys.at(3), keys.at(n / 2 + 1)};
    // CPU time, not wall time: other work on the machine does not count against the bound.
    const std::clock_t started = std::clock();
    const quint64 before = keypool::g_steps;
    for (int c = 0; c < calls; ++c) {
        const KeyChoice choice = pool.choose(kModel, c % 4 == 0 ? exclude : QSet<QString>{});
        if (choice.outcome != Outcome::Key)
            return -1;
        clock.advanceMs(1);
    }
    if (elapsedMs)
        *elapsedMs = qint64(std::clock() - started) * 1000 / CLOCKS_PER_SEC;
    return double(keypool::g_steps - before) / calls;
}

} // namespace

class TestKeyPool : public QObject
{
    Q_OBJECT
private slots:
    void names_()
    {
        for (auto s : {SelectionStrategy::RoundRobin, SelectionStrategy::LeastRecentlyUsed, SelectionStrategy::Weighted})
            QCOMPARE(selectionStrategyFromName(selectionStrategyName(s)), s);
        QCOMPARE(selectionStrategyName(SelectionStrategy::LeastRecentlyUsed), u"least_recently_used"_s);
        QCOMPARE(selectionStrategyFromName(u" Weighted "_s), SelectionStrategy::Weighted);
        QCOMPARE(selectionStrategyFromName(u"bogus"_s), SelectionStrategy::RoundRobin);
        for (auto r : {DisableReason::None, DisableReason::MaxFailures, DisableReason::Suspended, DisableReason::Manual})
            QCOMPARE(disableReasonFromName(disableReasonName(r)), r);
        QCOMPARE(disableReasonName(DisableReason::MaxFailures), u"max_failures"_s);
        QCOMPARE(disableReasonName(DisableReason::None), QString());
        QCOMPARE(disableReasonFromName(u"from_the_future"_s), DisableReason::Manual);
    }

    void roundRobinInOrder()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setKeys(names(3));
        QCOMPARE(sequence(pool, 7), QStringList({u"k1"_s, u"k2"_s, u"k3"_s, u"k1"_s, u"k2"_s, u"k3"_s, u"k1"_s}));
        // One cursor shared by all models (and the empty model).
        QCOMPARE(pool.choose(kOther).key, u"k2"_s);
        QCOMPARE(pool.choose(QString()).key, u"k3"_s);
    }

    void setKeysDedupesAndTrims()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        QSignalSpy changed(&pool, &KeyPool::keysChanged);
        QSignalSpy stateChanged(&pool, &KeyPool::stateChanged);
        pool.setKeys({u" k1 "_s, u"k1"_s, QString(), u"  "_s, u"k2"_s});
        QCOMPARE(pool.keys(), QStringList({u"k1"_s, u"k2"_s}));
        QCOMPARE(pool.size(), 2);
        QVERIFY(pool.contains(u"k1"_s));
        QCOMPARE(changed.count(), 1);
        pool.setKeys({u"k1"_s, u"k2"_s});  // same list: nothing changed
        QCOMPARE(changed.count(), 1);
        QCOMPARE(stateChanged.count(), 0);
    }

    void roundRobinCursorAcrossSetKeys()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setKeys(names(3));
        QCOMPARE(pool.choose(kModel).key, u"k1"_s);  // cursor on k2
        pool.setKeys({u"k4"_s, u"k3"_s, u"k2"_s});   // k2 remains: the cursor stays on it
        QCOMPARE(sequence(pool, 4), QStringList({u"k2"_s, u"k4"_s, u"k3"_s, u"k2"_s}));
        // Cursor on k4; k4 goes: the cursor moves on to the next remaining key, k3.
        pool.setKeys({u"k1"_s, u"k2"_s, u"k3"_s});
        QCOMPARE(sequence(pool, 2), QStringList({u"k3"_s, u"k1"_s}));
    }

    void roundRobinSkipsUnusableAndExcluded()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setKeys(names(4));
        pool.disable(u"k2"_s, DisableReason::Manual, {});
        pool.coolDown(u"k3"_s, kModel, clock.nowMs() + 1000, false, u"429"_s);
        QCOMPARE(sequence(pool, 3), QStringList({u"k1"_s, u"k4"_s, u"k1"_s}));
        QCOMPARE(pool.choose(kModel, {u"k4"_s}).key, u"k1"_s);  // cursor past k1, k4 excluded: wraps to k1
        QCOMPARE(pool.choose(kModel, {u"k1"_s, u"unknown"_s}).key, u"k4"_s);
        QCOMPARE(pool.choose(kOther).key, u"k1"_s);
        QCOMPARE(pool.choose(kOther).key, u"k3"_s);  // k3 only rests for kModel
    }

    void outcomes()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        QCOMPARE(pool.choose(kModel).outcome, Outcome::NoKeys);
        QCOMPARE(pool.usableCount(kModel), 0);

        pool.setKeys(names(3));
        KeyChoice c = pool.choose(kModel, {u"k1"_s, u"k2"_s, u"k3"_s});
        QCOMPARE(c.outcome, Outcome::AllTried);
        QCOMPARE(c.retryAfterMs, 0);
        QVERIFY(c.key.isEmpty());

        const qint64 t0 = clock.nowMs();
        pool.coolDown(u"k1"_s, kModel, t0 + 5000, false, u"429"_s);
        pool.coolDown(u"k2"_s, kModel, t0 + 3000, false, u"429"_s);
        // k3 usable but tried, the others only resting: AllTried with the soonest untried key's time.
        c = pool.choose(kModel, {u"k3"_s});
        QCOMPARE(c.outcome, Outcome::AllTried);
        QCOMPARE(c.retryAfterMs, 3000);
        c = pool.choose(kModel, {u"k3"_s, u"k2"_s});
        QCOMPARE(c.outcome, Outcome::AllTried);
        QCOMPARE(c.retryAfterMs, 5000);

        pool.coolDown(u"k3"_s, kModel, t0 + 4000, false, u"429"_s);
        c = pool.choose(kModel);
        QCOMPARE(c.outcome, Outcome::AllCooling);
        QCOMPARE(c.retryAfterMs, 3000);
        clock.advanceMs(2999);
        QCOMPARE(pool.choose(kModel).retryAfterMs, 1);  // never below 1
        QCOMPARE(pool.choose(kModel, {u"k2"_s}).outcome, Outcome::AllCooling);
        QCOMPARE(pool.usableCount(kModel), 0);
        QCOMPARE(pool.usableCount(QString()), 3);
        QCOMPARE(pool.choose(QString()).outcome, Outcome::Key);  // empty model: cooldowns ignored

        for (const QString &k : names(3))
            pool.disable(k, DisableReason::Suspended, u"403"_s);
        QCOMPARE(pool.choose(kModel).outcome, Outcome::AllDisabled);
        QCOMPARE(pool.choose(QString()).outcome, Outcome::AllDisabled);
        QCOMPARE(pool.enabledCount(), 0);
    }

    void cooldownPerModelAndExpiry()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setKeys(names(2));
        QCOMPARE(pool.usableCount(kModel), 2);  // the view exists before the cooldown
        pool.coolDown(u"k1"_s, kModel, clock.nowMs() + 60'000, false, u"429 per-minute quota"_s);
        QVERIFY(pool.state(u"k1"_s).isCooling(kModel, clock.nowMs()));
        QCOMPARE(pool.usableCount(kModel), 1);
        QCOMPARE(pool.usableCount(kOther), 2);
        QCOMPARE(sequence(pool, 3), QStringList({u"k2"_s, u"k2"_s, u"k2"_s}));
        QCOMPARE(sequence(pool, 2, kOther), QStringList({u"k1"_s, u"k2"_s}));

        clock.advanceMs(59'999);
        QCOMPARE(pool.usableCount(kModel), 1);
        clock.advanceMs(1);  // untilMs reached: usable again without anyone calling anything
        QCOMPARE(pool.usableCount(kModel), 2);
        QCOMPARE(sequence(pool, 2), QStringList({u"k1"_s, u"k2"_s}));

        // A cooldown given while disabled still holds after enable().
        pool.disable(u"k1"_s, DisableReason::Manual, {});
        pool.coolDown(u"k1"_s, kModel, clock.nowMs() + 50, false, u"429"_s);
        QCOMPARE(pool.usableCount(kModel), 1);
        pool.enable(u"k1"_s);
        QCOMPARE(pool.usableCount(kModel), 1);
        QCOMPARE(pool.usableCount(kOther), 2);
        clock.advanceMs(50);
        QCOMPARE(pool.usableCount(kModel), 2);

        // A cooldown set before the model's view exists, expiring before the first choice.
        pool.coolDown(u"k2"_s, u"fresh-model"_s, clock.nowMs() + 10, true, u"daily"_s);
        clock.advanceMs(10);
        QCOMPARE(pool.usableCount(u"fresh-model"_s), 2);
        QVERIFY(pool.state(u"k2"_s).cooldowns.value(u"fresh-model"_s).perDay);
    }

    void cooldownLevels()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setKeys(names(2));
        QCOMPARE(pool.cooldownLevel(u"k1"_s, kModel), 0);
        pool.coolDown(u"k1"_s, kModel, clock.nowMs() + 1000, false, u"429"_s);
        pool.coolDown(u"k1"_s, kModel, clock.nowMs() + 2000, false, u"429"_s);
        pool.coolDown(u"k1"_s, kOther, clock.nowMs() + 1000, false, u"429"_s);
        QCOMPARE(pool.cooldownLevel(u"k1"_s, kModel), 2);
        QCOMPARE(pool.state(u"k1"_s).cooldowns.value(kModel).untilMs, clock.nowMs() + 2000);
        clock.advanceMs(5000);
        QCOMPARE(pool.usableCount(kModel), 2);
        QCOMPARE(pool.cooldownLevel(u"k1"_s, kModel), 2);  // kept after expiry, for the backoff
        pool.coolDown(u"k1"_s, kModel, clock.nowMs() + 4000, false, u"429"_s);
        QCOMPARE(pool.cooldownLevel(u"k1"_s, kModel), 3);
        QCOMPARE(pool.usableCount(kModel), 1);

        pool.recordSuccess(u"k1"_s, kOther);  // another model: kModel's level stays
        QCOMPARE(pool.cooldownLevel(u"k1"_s, kModel), 3);
        QCOMPARE(pool.cooldownLevel(u"k1"_s, kOther), 0);
        pool.recordSuccess(u"k1"_s, kModel);
        QCOMPARE(pool.cooldownLevel(u"k1"_s, kModel), 0);
        QCOMPARE(pool.usableCount(kModel), 2);

        pool.coolDown(u"k2"_s, kModel, clock.nowMs() + 4000, false, u"429"_s);
        pool.coolDown(u"k2"_s, kOther, clock.nowMs() + 4000, false, u"429"_s);
        QSignalSpy changed(&pool, &KeyPool::stateChanged);
        pool.clearCooldowns(u"k2"_s);
        QCOMPARE(changed.count(), 1);
        QVERIFY(pool.state(u"k2"_s).cooldowns.isEmpty());
        QCOMPARE(pool.usableCount(kModel), 2);
        QCOMPARE(pool.usableCount(kOther), 2);
        pool.coolDown(u"k2"_s, QString(), clock.nowMs() + 4000, false, u"429"_s);  // ignored
        QVERIFY(pool.state(u"k2"_s).cooldowns.isEmpty());
    }

    void leastRecentlyUsed()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setStrategy(SelectionStrategy::LeastRecentlyUsed);
        pool.setKeys(names(3));
        QStringList seen;
        for (int i = 0; i < 3; ++i) {  // never used: ties in configured order
            seen << pool.choose(kModel).key;
            clock.advanceMs(10);
        }
        QCOMPARE(seen, QStringList({u"k1"_s, u"k2"_s, u"k3"_s}));
        QCOMPARE(pool.state(u"k1"_s).lastUsedMs, clock.nowMs() - 30);
        QCOMPARE(pool.choose(kModel).key, u"k1"_s);  // the oldest
        clock.advanceMs(10);
        QCOMPARE(pool.choose(kModel, {u"k2"_s}).key, u"k3"_s);
        clock.advanceMs(10);
        pool.coolDown(u"k2"_s, kModel, clock.nowMs() + 100, false, u"429"_s);
        QCOMPARE(pool.choose(kModel).key, u"k1"_s);  // k2 is older but resting
        clock.advanceMs(100);
        QCOMPARE(pool.choose(kModel).key, u"k2"_s);  // back, and still the oldest
        QCOMPARE(pool.choose(kModel).key, u"k3"_s);
        QCOMPARE(pool.choose(kModel).key, u"k1"_s);
        // All used in the same millisecond: the one chosen first is the least recent.
        QCOMPARE(sequence(pool, 4), QStringList({u"k2"_s, u"k3"_s, u"k1"_s, u"k2"_s}));

        // A burst within one millisecond still rotates; the order survives setKeys().
        KeyPool burst(&clock);
        burst.setStrategy(SelectionStrategy::LeastRecentlyUsed);
        burst.setKeys(names(3));
        QCOMPARE(sequence(burst, 4), QStringList({u"k1"_s, u"k2"_s, u"k3"_s, u"k1"_s}));
        burst.setKeys({u"k3"_s, u"k2"_s, u"k1"_s, u"k4"_s});
        QCOMPARE(sequence(burst, 4), QStringList({u"k4"_s, u"k2"_s, u"k3"_s, u"k1"_s}));
    }

    void weightedDistribution()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setStrategy(SelectionStrategy::Weighted);
        pool.setKeys({u"k1"_s, u"k2"_s, u"k3"_s});
        pool.setWeight(u"k2"_s, 3);
        pool.disable(u"k3"_s, DisableReason::Manual, {});
        QCOMPARE(pool.state(u"k2"_s).weight, 3);
        const int draws = 20'000;
        int k2 = 0;
        for (int i = 0; i < draws; ++i) {
            const QString key = pool.choose(kModel).key;
            QVERIFY(key == u"k1"_s || key == u"k2"_s);
            k2 += key == u"k2"_s ? 1 : 0;
        }
        const double share = double(k2) / draws;  // expected 0.75, sigma ~0.003
        QVERIFY2(share > 0.72 && share < 0.78, qPrintable(QString::number(share)));
        for (int i = 0; i < 50; ++i)
            QCOMPARE(pool.choose(kModel, {u"k2"_s}).key, u"k1"_s);

        pool.setWeight(u"k1"_s, 0);
        QCOMPARE(pool.state(u"k1"_s).weight, 1);
        pool.setWeight(u"k1"_s, 5000);
        QCOMPARE(pool.state(u"k1"_s).weight, 1000);
        pool.setWeight(u"k2"_s, 1000);
        pool.coolDown(u"k2"_s, kModel, clock.nowMs() + 10, false, u"429"_s);
        for (int i = 0; i < 50; ++i)
            QCOMPARE(pool.choose(kModel).key, u"k1"_s);
    }

    void chooseMarksUsedWithoutStateChanged()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setKeys(names(2));
        QSignalSpy changed(&pool, &KeyPool::stateChanged);
        clock.advanceMs(1234);
        QCOMPARE(pool.choose(kModel).key, u"k1"_s);
        QCOMPARE(pool.state(u"k1"_s).lastUsedMs, clock.nowMs());
        QCOMPARE(pool.state(u"k2"_s).lastUsedMs, 0);
        QCOMPARE(changed.count(), 0);
    }

    void maxFailuresAndSuccess()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setMaxFailures(2);
        pool.setKeys(names(2));
        QSignalSpy disabled(&pool, &KeyPool::keyDisabled);
        QSignalSpy changed(&pool, &KeyPool::stateChanged);
        pool.recordFailure(u"k1"_s, 0, u"503 overloaded"_s);  // recorded, not counted
        KeyState s = pool.state(u"k1"_s);
        QCOMPARE(s.failures, 0);
        QCOMPARE(s.failuresTotal, quint64(1));
        QCOMPARE(s.lastError, u"503 overloaded"_s);
        QCOMPARE(s.lastFailureMs, clock.nowMs());
        pool.recordFailure(u"k1"_s, 1, u"500"_s);
        clock.advanceMs(5);
        pool.recordSuccess(u"k1"_s, kModel);
        s = pool.state(u"k1"_s);
        QCOMPARE(s.failures, 0);
        QCOMPARE(s.successes, quint64(1));
        QCOMPARE(s.lastSuccessMs, clock.nowMs());
        QCOMPARE(s.lastError, u"500"_s);  // kept
        pool.recordFailure(u"k1"_s, 1, u"400 invalid key"_s);
        QCOMPARE(disabled.count(), 0);
        pool.recordFailure(u"k1"_s, 1, u"400 invalid key"_s);
        QCOMPARE(disabled.count(), 1);
        QCOMPARE(disabled.at(0).at(0).toString(), u"k1"_s);
        QCOMPARE(disabled.at(0).at(1).value<DisableReason>(), DisableReason::MaxFailures);
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::MaxFailures);
        QCOMPARE(pool.enabledCount(), 1);
        QCOMPARE(pool.usableCount(kModel), 1);
        QCOMPARE(sequence(pool, 3), QStringList({u"k2"_s, u"k2"_s, u"k2"_s}));
        pool.recordFailure(u"k1"_s, 1, u"again"_s);  // already disabled: no second signal
        QCOMPARE(disabled.count(), 1);
        QCOMPARE(pool.state(u"k1"_s).failures, 3);
        pool.recordSuccess(u"k1"_s, kModel);  // does not re-enable
        QVERIFY(pool.state(u"k1"_s).isDisabled());
        QCOMPARE(changed.count(), 7);  // every record*() call
    }

    void disableReasonPrecedence()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setMaxFailures(1);
        pool.setKeys(names(2));
        QSignalSpy disabled(&pool, &KeyPool::keyDisabled);
        pool.recordFailure(u"k1"_s, 1, u"x"_s);
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::MaxFailures);
        pool.disable(u"k1"_s, DisableReason::Suspended, u"403 CONSUMER_SUSPENDED"_s);
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::Suspended);
        QCOMPARE(pool.state(u"k1"_s).lastError, u"403 CONSUMER_SUSPENDED"_s);
        pool.disable(u"k1"_s, DisableReason::MaxFailures, {});
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::Suspended);
        pool.disable(u"k1"_s, DisableReason::Manual, {});
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::Manual);
        QCOMPARE(pool.state(u"k1"_s).lastError, u"403 CONSUMER_SUSPENDED"_s);  // empty error: kept
        pool.disable(u"k1"_s, DisableReason::Suspended, {});
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::Manual);
        QCOMPARE(disabled.count(), 1);  // only when it went from enabled to disabled

        pool.disable(u"k2"_s, DisableReason::None, {});  // not a way to enable or disable
        QVERIFY(!pool.state(u"k2"_s).isDisabled());
        pool.disable(u"k2"_s, DisableReason::Manual, u"admin"_s);
        QCOMPARE(disabled.count(), 2);
        QCOMPARE(disabled.at(1).at(1).value<DisableReason>(), DisableReason::Manual);
        QCOMPARE(pool.choose(kModel).outcome, Outcome::AllDisabled);
    }

    void enableAndReset()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setMaxFailures(2);
        pool.setKeys(names(3));
        for (const QString &k : names(3))
            pool.recordFailure(k, 2, u"x"_s);
        pool.disable(u"k2"_s, DisableReason::Suspended, {});
        pool.disable(u"k3"_s, DisableReason::Manual, {});
        QCOMPARE(pool.enabledCount(), 0);
        QSignalSpy enabled(&pool, &KeyPool::keyEnabled);
        QSignalSpy changed(&pool, &KeyPool::stateChanged);

        QVERIFY(pool.resetFailures(u"k1"_s));  // MaxFailures: back in rotation
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::None);
        QVERIFY(pool.resetFailures(u"k2"_s));  // Suspended: count reset, stays disabled
        QCOMPARE(pool.state(u"k2"_s).failures, 0);
        QCOMPARE(pool.state(u"k2"_s).disabled, DisableReason::Suspended);
        QVERIFY(!pool.resetFailures(u"unknown"_s));
        QCOMPARE(enabled.count(), 1);
        QCOMPARE(changed.count(), 2);

        pool.enable(u"k3"_s);  // any reason, and the count
        QCOMPARE(pool.state(u"k3"_s).disabled, DisableReason::None);
        QCOMPARE(pool.state(u"k3"_s).failures, 0);
        QCOMPARE(enabled.count(), 2);
        QCOMPARE(enabled.at(1).at(0).toString(), u"k3"_s);
        pool.enable(u"k3"_s);  // nothing to do: no signals
        QCOMPARE(enabled.count(), 2);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(pool.enabledCount(), 2);
        QCOMPARE(sequence(pool, 3), QStringList({u"k1"_s, u"k3"_s, u"k1"_s}));
    }

    void resetFailuresByFilter()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setMaxFailures(5);
        pool.setKeys(names(5));
        pool.recordFailure(u"k1"_s, 2, u"x"_s);
        pool.recordFailure(u"k2"_s, 5, u"x"_s);                // MaxFailures
        pool.disable(u"k3"_s, DisableReason::Suspended, {});   // disabled, 0 failures
        // Valid = enabled keys k1, k4, k5 (counted whether or not they had failures).
        QCOMPARE(pool.resetFailures(KeyPool::KeyFilter::Valid), 3);
        QCOMPARE(pool.state(u"k1"_s).failures, 0);
        QCOMPARE(pool.state(u"k2"_s).failures, 5);
        QCOMPARE(pool.resetFailures(KeyPool::KeyFilter::Invalid), 2);
        QCOMPARE(pool.state(u"k2"_s).disabled, DisableReason::None);
        QCOMPARE(pool.state(u"k3"_s).disabled, DisableReason::Suspended);
        QCOMPARE(pool.resetFailures(KeyPool::KeyFilter::All), 5);
        QCOMPARE(pool.enabledCount(), 4);
    }

    void setMaxFailuresReevaluates()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setMaxFailures(3);
        pool.setKeys(names(3));
        pool.recordFailure(u"k1"_s, 2, u"x"_s);
        pool.recordFailure(u"k2"_s, 2, u"x"_s);
        pool.disable(u"k2"_s, DisableReason::Suspended, {});
        QCOMPARE(pool.usableCount(kModel), 2);
        QSignalSpy disabled(&pool, &KeyPool::keyDisabled);
        QSignalSpy enabled(&pool, &KeyPool::keyEnabled);
        pool.setMaxFailures(2);
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::MaxFailures);
        QCOMPARE(pool.state(u"k2"_s).disabled, DisableReason::Suspended);
        QCOMPARE(disabled.count(), 1);
        QCOMPARE(pool.usableCount(kModel), 1);
        pool.setMaxFailures(0);  // clamped to 1: nothing more to disable (k3 has 0 failures)
        QCOMPARE(pool.usableCount(kModel), 1);
        pool.setMaxFailures(5);
        QCOMPARE(pool.state(u"k1"_s).disabled, DisableReason::None);
        QCOMPARE(pool.state(u"k1"_s).failures, 2);
        QCOMPARE(pool.state(u"k2"_s).disabled, DisableReason::Suspended);
        QCOMPARE(enabled.count(), 1);
        QCOMPARE(pool.usableCount(kModel), 2);
    }

    void restoreStates()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setMaxFailures(3);
        pool.setKeys({u"k1"_s, u"k2"_s});
        QCOMPARE(pool.usableCount(kModel), 2);

        KeyState a;
        a.key = u"k1"_s;
        a.weight = 7;
        a.failures = 1;
        a.successes = 40;
        a.lastUsedMs = clock.nowMs() - 100;
        a.cooldowns.insert(kModel, Cooldown{clock.nowMs() + 1000, 2, false, u"429"_s});
        KeyState b;
        b.key = u"k3"_s;  // not configured yet
        b.disabled = DisableReason::Manual;
        b.lastError = u"admin"_s;
        KeyState c;
        c.key = u"k4"_s;  // stored at MAX_FAILURES without the flag: disabled when added
        c.failures = 4;
        KeyState never;
        never.key = u"k9"_s;
        QSignalSpy changed(&pool, &KeyPool::stateChanged);
        pool.restoreStates({a, b, c, never});
        QCOMPARE(changed.count(), 0);  // loaded from storage: nothing to save back

        KeyState s = pool.state(u"k1"_s);
        QCOMPARE(s.weight, 7);
        QCOMPARE(s.successes, quint64(40));
        QCOMPARE(pool.cooldownLevel(u"k1"_s, kModel), 2);
        QCOMPARE(pool.usableCount(kModel), 1);
        QCOMPARE(pool.usableCount(kOther), 2);
        QVERIFY(!pool.contains(u"k3"_s));

        QSignalSpy disabled(&pool, &KeyPool::keyDisabled);
        pool.setKeys({u"k1"_s, u"k2"_s, u"k3"_s, u"k4"_s});
        QCOMPARE(pool.state(u"k3"_s).disabled, DisableReason::Manual);
        QCOMPARE(pool.state(u"k3"_s).lastError, u"admin"_s);
        QCOMPARE(pool.state(u"k4"_s).disabled, DisableReason::MaxFailures);
        QCOMPARE(disabled.count(), 1);
        QCOMPARE(pool.enabledCount(), 2);
        QVERIFY(!pool.contains(u"k9"_s));
        clock.advanceMs(1000);
        QCOMPARE(pool.usableCount(kModel), 2);
    }

    void setKeysKeepsStateAndDropsRemoved()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setMaxFailures(5);
        pool.setKeys(names(3));
        pool.recordFailure(u"k2"_s, 2, u"bad"_s);
        pool.setWeight(u"k2"_s, 9);
        pool.coolDown(u"k2"_s, kModel, clock.nowMs() + 1000, false, u"429"_s);
        pool.disable(u"k3"_s, DisableReason::Manual, {});
        QCOMPARE(pool.usableCount(kModel), 1);
        pool.setKeys({u"k4"_s, u"k3"_s, u"k2"_s});
        const KeyState s = pool.state(u"k2"_s);
        QCOMPARE(s.failures, 2);
        QCOMPARE(s.weight, 9);
        QCOMPARE(pool.cooldownLevel(u"k2"_s, kModel), 1);
        QCOMPARE(pool.state(u"k3"_s).disabled, DisableReason::Manual);
        QCOMPARE(pool.state(u"k4"_s).failures, 0);
        QVERIFY(pool.state(u"k1"_s).key.isEmpty());
        QCOMPARE(pool.enabledCount(), 2);
        QCOMPARE(pool.usableCount(kModel), 1);
        QCOMPARE(pool.usableCount(kOther), 2);
        for (const QString &model : {kModel, kOther, QString()}) {
            pool.setStrategy(SelectionStrategy::RoundRobin);
            QVERIFY(!sequence(pool, 6, model).contains(u"k1"_s));
            pool.setStrategy(SelectionStrategy::LeastRecentlyUsed);
            QVERIFY(!sequence(pool, 6, model).contains(u"k1"_s));
            pool.setStrategy(SelectionStrategy::Weighted);
            QVERIFY(!sequence(pool, 20, model).contains(u"k1"_s));
        }
        QCOMPARE(pool.states().size(), 3);
        QCOMPARE(pool.states().at(0).key, u"k4"_s);
        pool.setKeys({});
        QCOMPARE(pool.choose(kModel).outcome, Outcome::NoKeys);
    }

    void unknownKeysAreIgnored()
    {
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setKeys(names(1));
        QSignalSpy changed(&pool, &KeyPool::stateChanged);
        pool.recordFailure(u"nope"_s, 1, u"x"_s);
        pool.recordSuccess(u"nope"_s, kModel);
        pool.disable(u"nope"_s, DisableReason::Manual, {});
        pool.enable(u"nope"_s);
        pool.coolDown(u"nope"_s, kModel, clock.nowMs() + 1, false, {});
        pool.setWeight(u"nope"_s, 3);
        pool.clearCooldowns(u"nope"_s);
        QCOMPARE(pool.cooldownLevel(u"nope"_s, kModel), 0);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(pool.usableCount(kModel), 1);
    }

    void manyModelsEvictViews()
    {
        // More models than the pool keeps views for: evicted views are rebuilt correctly.
        ManualClock clock;
        KeyPool pool(&clock);
        pool.setKeys(names(3));
        for (int m = 0; m < 200; ++m)
            pool.coolDown(u"k1"_s, u"model-%1"_s.arg(m), clock.nowMs() + 1000 + m, false, u"429"_s);
        for (int round = 0; round < 2; ++round) {
            for (int m = 0; m < 200; ++m) {
                const QString model = u"model-%1"_s.arg(m);
                QCOMPARE(pool.usableCount(model), 2);
                QVERIFY(pool.choose(model).key != u"k1"_s);
            }
        }
        pool.disable(u"k2"_s, DisableReason::Manual, {});
        QCOMPARE(pool.usableCount(u"model-3"_s), 1);
        clock.advanceMs(1000 + 200);
        QCOMPARE(pool.usableCount(u"model-3"_s), 2);
        QCOMPARE(pool.usableCount(u"model-199"_s), 2);
    }

    void scale_data()
    {
        QTest::addColumn<SelectionStrategy>("strategy");
        QTest::newRow("round_robin") << SelectionStrategy::RoundRobin;
        QTest::newRow("least_recently_used") << SelectionStrategy::LeastRecentlyUsed;
        QTest::newRow("weighted") << SelectionStrategy::Weighted;
    }

    void scale()
    {
        // 10,000 keys, half cooling for the model (expiring while the test runs), 100,000
        // choices: fast, and O(log n) by the index's own step count.
        QFETCH(SelectionStrategy, strategy);
        qint64 elapsedMs = 0;
        const double big = stepsPerChoice(strategy, 10'000, 100'000, &elapsedMs);
        const double small = stepsPerChoice(strategy, 1'000, 100'000);
        qInfo("%s: %.1f steps per choice at 10,000 keys, %.1f at 1,000; 100,000 choices in %lld ms",
              qPrintable(selectionStrategyName(strategy)), big, small, elapsedMs);
        QVERIFY(big > 0 && small > 0);
        QVERIFY2(elapsedMs < kTimeBoundMs, qPrintable(QString::number(elapsedMs)));
        QVERIFY2(big < 10 * std::log2(10'000.0), qPrintable(QString::number(big)));  // a linear scan would be thousands
        QVERIFY2(big / small < 2.0, qPrintable(QString::number(big / small)));     // log ratio ~1.33; linear 10
    }

    // The proxy's event loops share one pool: calls from several threads at once keep it
    // whole (run under ASan+UBSan in CI), and every outcome is counted once.
    void callsFromSeveralThreadsAtOnce()
    {
        SystemClock clock;
        KeyPool pool(&clock);
        const QStringList keys = names(20, u"AIzaSy-thread-key-"_s);
        pool.setKeys(keys);
        pool.setMaxFailures(1000000);
        constexpr int kThreads = 4;
        constexpr int kCalls = 5000;
        std::atomic<int> successes{0};
        std::atomic<int> failures{0};
        std::atomic<int> chosen{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&, t] {
                for (int i = 0; i < kCalls; ++i) {
                    const KeyChoice c = pool.choose(i % 2 ? kModel : kOther);
                    if (c.outcome != Outcome::Key)
                        continue;
                    ++chosen;
                    if ((i + t) % 5 == 0) {
                        pool.recordFailure(c.key, 1, u"boom"_s);
                        ++failures;
                    } else {
                        pool.recordSuccess(c.key, kModel);
                        ++successes;
                    }
                    if (i % 97 == 0)
                        pool.coolDown(c.key, kOther, clock.nowMs() + 1, false, u"429"_s);
                }
            }));
            threads.back()->start();
        }
        // Meanwhile this thread reads and changes the pool as the admin routes do.
        for (int i = 0; i < 200; ++i) {
            QCOMPARE(pool.states().size(), keys.size());
            pool.setWeight(keys.at(i % keys.size()), 1 + i % 5);
            QVERIFY(pool.usableCount(kModel) <= keys.size());
            pool.clearCooldowns(keys.at((i * 7) % keys.size()));
        }
        for (auto &t : threads)
            QVERIFY(t->wait(60000));
        quint64 s = 0;
        quint64 f = 0;
        for (const KeyState &state : pool.states()) {
            s += state.successes;
            f += state.failuresTotal;
        }
        QCOMPARE(int(s), successes.load());
        QCOMPARE(int(f), failures.load());
        QCOMPARE(successes + failures, chosen.load());
        QVERIFY(chosen.load() > kThreads * kCalls / 2);
    }
};

QTEST_GUILESS_MAIN(TestKeyPool)
#include "tst_keypool.moc"
