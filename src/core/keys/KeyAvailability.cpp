#include "keys/KeyAvailability.h"

namespace gb::keypool {

quint64 g_steps = 0;

namespace {
// The end of the cooldown a view honours for `state`, or 0 when the key is not cooling.
qint64 activeCooldown(const KeyState &state, const QString &model, bool ignoresCooldowns, qint64 nowMs)
{
    if (ignoresCooldowns || state.isDisabled())
        return 0;
    const auto it = state.cooldowns.constFind(model);
    return it != state.cooldowns.constEnd() && it->untilMs > nowMs ? it->untilMs : 0;
}
} // namespace

ModelView::ModelView(const QString &model, bool ignoresCooldowns, bool trackLru, const std::vector<KeyState> &keys,
                     const std::vector<quint64> &useOrder)
    : m_model(model), m_ignoresCooldowns(ignoresCooldowns), m_trackLru(trackLru), m_keys(&keys), m_useOrder(&useOrder)
{
}

void ModelView::build(qint64 nowMs)
{
    const std::vector<KeyState> &keys = *m_keys;
    const size_t n = keys.size();
    m_usable.assign(n, 0);
    m_coolingUntil.assign(n, 0);
    m_cooling.clear();
    m_lru.clear();
    std::vector<int> counts(n, 0);
    std::vector<qint64> weights(n, 0);
    for (size_t i = 0; i < n; ++i) {
        const KeyState &s = keys[i];
        const qint64 until = activeCooldown(s, m_model, m_ignoresCooldowns, nowMs);
        if (until > 0) {
            m_coolingUntil[i] = until;
            m_cooling.emplace(until, int(i));
        } else if (!s.isDisabled()) {
            m_usable[i] = 1;
            counts[i] = 1;
            weights[i] = s.weight;
            if (m_trackLru)
                m_lru.insert(lruEntry(int(i)));
        }
    }
    m_count.reset(counts);
    m_weight.reset(weights);
}

void ModelView::setUsable(int i, bool usable)
{
    char &flag = m_usable[size_t(i)];
    if (bool(flag) == usable)
        return;
    flag = usable ? 1 : 0;
    const int sign = usable ? 1 : -1;
    m_count.add(i, sign);
    m_weight.add(i, sign * qint64((*m_keys)[size_t(i)].weight));
    if (!m_trackLru)
        return;
    if (usable)
        m_lru.insert(lruEntry(i));
    else
        m_lru.erase(lruEntry(i));
}

void ModelView::sync(int i, qint64 nowMs)
{
    const KeyState &state = (*m_keys)[size_t(i)];
    const qint64 until = activeCooldown(state, m_model, m_ignoresCooldowns, nowMs);
    qint64 &current = m_coolingUntil[size_t(i)];
    if (current != until) {
        if (current > 0)
            m_cooling.erase({current, i});
        if (until > 0)
            m_cooling.emplace(until, i);
        current = until;
    }
    setUsable(i, !state.isDisabled() && until == 0);
}

void ModelView::weightChanging(int i, int newWeight)
{
    if (isUsable(i))
        m_weight.add(i, qint64(newWeight) - (*m_keys)[size_t(i)].weight);
}

void ModelView::useChanging(int i, qint64 newLastUsedMs, quint64 newUseOrder)
{
    if (!m_trackLru || !isUsable(i))
        return;
    auto node = m_lru.extract(lruEntry(i));  // reuses the node: no allocation per choice
    Q_ASSERT(!node.empty());
    node.value() = {newLastUsedMs, newUseOrder, i};
    m_lru.insert(std::move(node));
}

void ModelView::refresh(qint64 nowMs)
{
    while (!m_cooling.empty() && m_cooling.begin()->first <= nowMs) {
        ++g_steps;
        const int i = m_cooling.begin()->second;
        m_cooling.erase(m_cooling.begin());
        m_coolingUntil[size_t(i)] = 0;
        setUsable(i, !(*m_keys)[size_t(i)].isDisabled());
    }
}

std::vector<int> ModelView::mask(const std::vector<int> &positions)
{
    std::vector<int> masked;
    for (int i : positions) {
        ++g_steps;
        if (isUsable(i)) {
            setUsable(i, false);
            masked.push_back(i);
        }
    }
    return masked;
}

void ModelView::unmask(const std::vector<int> &masked)
{
    for (int i : masked)
        setUsable(i, true);
}

int ModelView::firstUsableFrom(int start) const
{
    const int total = m_count.total();
    if (total == 0)
        return -1;
    const int before = start > 0 ? m_count.prefix(start) : 0;
    return m_count.lowerBound(before < total ? before + 1 : 1);
}

int ModelView::leastRecentlyUsed() const
{
    Q_ASSERT(m_trackLru);
    return m_lru.empty() ? -1 : m_lru.begin()->position;
}

int ModelView::byWeight(qint64 ticket) const
{
    return m_weight.lowerBound(ticket + 1);
}

} // namespace gb::keypool
