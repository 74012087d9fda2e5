#pragma once

// Private to KeyPool: its state and the bookkeeping shared by its operations.

#include "keys/KeyAvailability.h"
#include "keys/KeyPool.h"

#include <QHash>
#include <QList>

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace gb {

namespace keypool {

constexpr int kMinWeight = 1;
constexpr int kMaxWeight = 1000;
// Model views are created for every model seen; beyond this many, the least recently used
// one is dropped (and rebuilt in O(n log n) if its model comes back). Guards memory and the
// O(models x log n) cost of key updates against clients inventing model names.
constexpr size_t kMaxViews = 64;

// Precedence of disable reasons: a stronger one replaces a weaker one, never the reverse.
int rank(DisableReason reason);

enum class Toggle { None, Disabled, Enabled };
// The MAX_FAILURES rule: enabled keys at or over the limit are disabled, MaxFailures keys
// under it are enabled again (other reasons are untouched).
Toggle applyMaxFailures(KeyState &s, int maxFailures);
// Emits keyDisabled/keyEnabled and stateChanged for keys the rule changed.
void emitToggled(KeyPool *pool, const QList<std::pair<QString, Toggle>> &toggled);

} // namespace keypool

struct KeyPool::Private
{
    std::vector<KeyState> keys;         // configured order
    // Per position: when the key was last chosen in this process (a counter), so keys
    // chosen within the same millisecond still rotate under least-recently-used; 0 = not yet,
    // and then ties go by configured order.
    std::vector<quint64> useOrder;
    quint64 useCounter = 0;
    QHash<QString, int> index;          // key -> position in `keys`
    QHash<QString, KeyState> restored;  // restoreStates() entries for keys not yet configured
    std::map<QString, std::unique_ptr<keypool::ModelView>> views;  // by model; "" ignores cooldowns
    quint64 viewClock = 0;
    int cursor = 0;                     // round-robin: the position to look at first
    int maxFailures = 3;
    int enabled = 0;
    SelectionStrategy strategy = SelectionStrategy::RoundRobin;

    int find(const QString &key) const { return index.value(key, -1); }
    QStringList keyNames() const;  // in configured order
    void recountEnabled();
    void setReason(int i, DisableReason reason);  // keeps `enabled` right; views: syncAll()
    // The view for `model`, created on first use and refreshed to nowMs.
    keypool::ModelView &view(const QString &model, qint64 nowMs);
    // After key i's enabled state or cooldowns changed: every view, or the model's only.
    void syncAll(int i, qint64 nowMs);
    void syncModel(int i, const QString &model, qint64 nowMs);
    void markUsed(int i, qint64 nowMs);
    // A stored state made safe for key: weight clamped, failures >= 0.
    static KeyState fromStorage(const KeyState &stored, const QString &key);
};

} // namespace gb
