#pragma once

// Private to KeyPool: the per-model availability index behind O(log n) selection.

#include "keys/KeyState.h"

#include <QString>
#include <QtGlobal>

#include <set>
#include <utility>
#include <vector>

namespace gb::keypool {

// Test hook: counts inner-loop steps of the index (Fenwick walks, expiry pops, skips over
// excluded keys), so a test can assert the cost per selection structurally rather than by
// wall-clock time. Single-threaded like the pool.
extern quint64 g_steps;

// Fenwick (binary indexed) tree over 0-based positions: point add, prefix sums, and
// "smallest position whose inclusive prefix sum reaches a target", all O(log n).
template<typename T>
class Fenwick
{
public:
    // O(n) build from the initial values.
    void reset(const std::vector<T> &values)
    {
        const int n = int(values.size());
        m_tree.assign(size_t(n) + 1, T(0));
        for (int i = 1; i <= n; ++i) {
            m_tree[size_t(i)] += values[size_t(i - 1)];
            const int parent = i + (i & -i);
            if (parent <= n)
                m_tree[size_t(parent)] += m_tree[size_t(i)];
        }
        m_total = 0;
        for (const T &v : values)
            m_total += v;
        m_topBit = 1;
        while (m_topBit * 2 <= n)
            m_topBit *= 2;
    }
    int size() const { return m_tree.empty() ? 0 : int(m_tree.size()) - 1; }
    T total() const { return m_total; }
    void add(int pos, T delta)
    {
        m_total += delta;
        for (int i = pos + 1; i < int(m_tree.size()); i += i & -i) {
            ++g_steps;
            m_tree[size_t(i)] += delta;
        }
    }
    // Sum of the values at positions [0, count).
    T prefix(int count) const
    {
        T sum = 0;
        for (int i = count; i > 0; i -= i & -i) {
            ++g_steps;
            sum += m_tree[size_t(i)];
        }
        return sum;
    }
    // The smallest position p with prefix(p + 1) >= target (target >= 1, values >= 0);
    // size() when the total is below target.
    int lowerBound(T target) const
    {
        const int n = size();
        int pos = 0;
        for (int step = n > 0 ? m_topBit : 0; step > 0; step /= 2) {
            ++g_steps;
            if (pos + step <= n && m_tree[size_t(pos + step)] < target) {
                pos += step;
                target -= m_tree[size_t(pos)];
            }
        }
        return pos;
    }

private:
    std::vector<T> m_tree;  // 1-based
    T m_total = 0;
    int m_topBit = 1;
};

// Which keys can serve one model right now, indexed for every selection strategy.
// A key is usable in the view when it is enabled and not cooling for the model (the view
// for the empty model ignores cooldowns). Cooling keys wait in an ordered set by untilMs
// and become usable lazily, when refresh() runs past their time.
//
// The view reads the owner's key states and use order (both indexed by position), which
// must outlive it; the owner rebuilds its views when positions change. Invariants per
// position i: coolingUntil[i] > 0 iff the key is enabled and the view holds a cooldown for
// it (in `cooling`, possibly past its time until the next refresh()); usable[i] iff enabled
// and coolingUntil[i] == 0; usable keys count 1 in `m_count`, their weight in `m_weight`
// and sit in `m_lru` (when tracked). The owner reports every change of a key's enabled state, cooldowns,
// weight or use, before changing the weight or use (the view reads the old values).
class ModelView
{
public:
    // trackLru: keep the least-recently-used order (only needed by that strategy).
    ModelView(const QString &model, bool ignoresCooldowns, bool trackLru, const std::vector<KeyState> &keys,
              const std::vector<quint64> &useOrder);

    const QString &model() const { return m_model; }
    void build(qint64 nowMs);  // O(n log n)

    // Re-reads key i's enabled state and cooldown for the model.
    void sync(int i, qint64 nowMs);
    // Call before key i's weight, or its lastUsedMs and use order, change.
    void weightChanging(int i, int newWeight);
    void useChanging(int i, qint64 newLastUsedMs, quint64 newUseOrder);
    // Makes keys whose cooldown ended by nowMs usable. Amortised O(log n) per key.
    void refresh(qint64 nowMs);

    int usableCount() const { return m_count.total(); }
    bool isUsable(int i) const { return m_usable[size_t(i)] != 0; }
    // Takes usable keys out of selection for one choice (exclusion); unmask() puts them back.
    std::vector<int> mask(const std::vector<int> &positions);
    void unmask(const std::vector<int> &masked);

    // The first usable position at or after `start`, wrapping; -1 if none.
    int firstUsableFrom(int start) const;
    // The usable key with the smallest (lastUsedMs, use order, position); -1 if none.
    // Requires trackLru.
    int leastRecentlyUsed() const;
    // The usable position whose cumulative weight range holds `ticket` (0 <= ticket < totalWeight()).
    int byWeight(qint64 ticket) const;
    qint64 totalWeight() const { return m_weight.total(); }
    // The soonest untilMs of an enabled cooling key for which skip(position) is false; 0 if none.
    template<typename Skip>
    qint64 soonestCooling(Skip skip) const
    {
        for (const auto &[untilMs, i] : m_cooling) {
            ++g_steps;
            if (!skip(i))
                return untilMs;
        }
        return 0;
    }

    quint64 lastAccess = 0;  // for evicting the least recently used view

private:
    struct LruEntry
    {
        qint64 lastUsedMs;
        quint64 useOrder;
        int position;
        bool operator<(const LruEntry &o) const
        {
            if (lastUsedMs != o.lastUsedMs)
                return lastUsedMs < o.lastUsedMs;
            if (useOrder != o.useOrder)
                return useOrder < o.useOrder;
            return position < o.position;
        }
    };
    LruEntry lruEntry(int i) const { return {(*m_keys)[size_t(i)].lastUsedMs, (*m_useOrder)[size_t(i)], i}; }
    void setUsable(int i, bool usable);

    QString m_model;
    bool m_ignoresCooldowns;
    bool m_trackLru;
    const std::vector<KeyState> *m_keys;
    const std::vector<quint64> *m_useOrder;
    std::vector<char> m_usable;
    std::vector<qint64> m_coolingUntil;
    Fenwick<int> m_count;
    Fenwick<qint64> m_weight;
    std::set<std::pair<qint64, int>> m_cooling;  // (untilMs, position) of enabled cooling keys
    std::set<LruEntry> m_lru;                    // usable keys, least recently used first
};

} // namespace gb::keypool
