#pragma once

#include "keys/KeyState.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace gb {

class Clock;

enum class SelectionStrategy { RoundRobin, LeastRecentlyUsed, Weighted };
// "round_robin", "least_recently_used", "weighted" (the KEY_SELECTION_STRATEGY values)
QString selectionStrategyName(SelectionStrategy strategy);
SelectionStrategy selectionStrategyFromName(const QString &name);

// The answer to "which key serves this call?"
struct KeyChoice
{
    enum class Outcome {
        Key,          // `key` is the one to use
        NoKeys,       // no keys are configured
        AllDisabled,  // every key is disabled
        AllCooling,   // every enabled key rests for this model; retryAfterMs says how long the soonest needs
        AllTried,     // every usable key is in `exclude` (the call already tried them)
    };
    Outcome outcome = Outcome::NoKeys;
    QString key;
    qint64 retryAfterMs = 0;  // AllCooling (and AllTried when the untried keys are cooling): time until the soonest key is ready
};

// The pool of Gemini API keys: selection (round-robin, least-recently-used or weighted)
// over keys that are enabled and not resting for the requested model, failure counting,
// disabling and per key x model cooldowns. Mechanism only: what a failure means is decided
// by KeyPolicy. Selection costs O(log n) (10,000 keys cost no measurable time).
// Thread-safe: the proxy's event loops share one pool. Every call holds its lock for its
// own work only; signals are emitted after it is released, on the calling thread (so a
// receiver on another thread gets them queued).
class KeyPool : public QObject
{
    Q_OBJECT
public:
    explicit KeyPool(const Clock *clock, QObject *parent = nullptr);
    ~KeyPool() override;

    // Replaces the key list (blanks and duplicates dropped, order kept). Keys that remain
    // keep their state; new keys start fresh (or from restoreStates()).
    void setKeys(const QStringList &keys);
    // States loaded from storage at start-up. Applied to keys in the pool now and kept
    // for keys added later (matched by key); ignored for keys never configured.
    void restoreStates(const QList<KeyState> &states);
    void setMaxFailures(int maxFailures);      // re-evaluates MaxFailures disabling
    void setStrategy(SelectionStrategy strategy);
    void setWeight(const QString &key, int weight);  // clamped to 1..1000

    // Picks a key for `model` (an empty model: any enabled key, cooldowns ignored) that is
    // not in `exclude`, and marks it used now.
    KeyChoice choose(const QString &model, const QSet<QString> &exclude = {});

    // Outcomes, applied by KeyPolicy. Unknown keys are ignored.
    void recordSuccess(const QString &key, const QString &model);  // failures = 0, cooldown level for the model reset
    // Adds `weight` counted failures (0: records the error only); disables with MaxFailures
    // when the count reaches MAX_FAILURES.
    void recordFailure(const QString &key, int weight, const QString &error);
    void disable(const QString &key, DisableReason reason, const QString &error);
    // Rests the key for `model` until untilMs; the backoff level goes up by one.
    void coolDown(const QString &key, const QString &model, qint64 untilMs, bool perDay, const QString &reason);

    // Admin operations.
    void enable(const QString &key);            // clears any disable reason and the failure count
    bool resetFailures(const QString &key);     // failures = 0; re-enables a MaxFailures key; false if unknown
    enum class KeyFilter { All, Valid, Invalid };  // Valid = not disabled, Invalid = disabled
    int resetFailures(KeyFilter filter);        // returns how many keys were reset
    void clearCooldowns(const QString &key);

    // Queries.
    int size() const;
    bool contains(const QString &key) const;
    QStringList keys() const;                   // in configured order
    int cooldownLevel(const QString &key, const QString &model) const;
    int enabledCount() const;
    int usableCount(const QString &model) const;  // enabled and not cooling for model
    // When a key can serve `model` again: 0 = now, > 0 = ms until the soonest resting key is
    // back, -1 = never by itself (no enabled key).
    qint64 readyInMs(const QString &model) const;
    KeyState state(const QString &key) const;     // key empty if unknown
    QList<KeyState> states() const;               // in configured order
    const Clock *clock() const { return m_clock; }

signals:
    // Any change of a key's persisted state (for storage and the UI). Not emitted for
    // lastUsedMs alone (that is saved with the next other change, or periodically).
    void stateChanged(const QString &key);
    void keyDisabled(const QString &key, gb::DisableReason reason);
    void keyEnabled(const QString &key);
    void keysChanged();  // setKeys() changed the list

private:
    struct Private;
    const Clock *m_clock;
    mutable QMutex m_mutex;
    std::unique_ptr<Private> d;
};

} // namespace gb
