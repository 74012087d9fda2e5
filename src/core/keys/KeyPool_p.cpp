#include "keys/KeyPool_p.h"

using namespace Qt::StringLiterals;

namespace gb {

QString selectionStrategyName(SelectionStrategy strategy)
{
    switch (strategy) {
    case SelectionStrategy::RoundRobin:
        return u"round_robin"_s;
    case SelectionStrategy::LeastRecentlyUsed:
        return u"least_recently_used"_s;
    case SelectionStrategy::Weighted:
        return u"weighted"_s;
    }
    return u"round_robin"_s;
}

// Case-insensitive; anything unknown is the default, round_robin.
SelectionStrategy selectionStrategyFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"least_recently_used"_s)
        return SelectionStrategy::LeastRecentlyUsed;
    if (n == u"weighted"_s)
        return SelectionStrategy::Weighted;
    return SelectionStrategy::RoundRobin;
}

namespace keypool {

int rank(DisableReason reason)
{
    switch (reason) {
    case DisableReason::None:
        return 0;
    case DisableReason::MaxFailures:
        return 1;
    case DisableReason::Suspended:
        return 2;
    case DisableReason::Manual:
        return 3;
    }
    return 0;
}

Toggle applyMaxFailures(KeyState &s, int maxFailures)
{
    if (s.disabled == DisableReason::None && s.failures >= maxFailures) {
        s.disabled = DisableReason::MaxFailures;
        return Toggle::Disabled;
    }
    if (s.disabled == DisableReason::MaxFailures && s.failures < maxFailures) {
        s.disabled = DisableReason::None;
        return Toggle::Enabled;
    }
    return Toggle::None;
}

void emitToggled(KeyPool *pool, const QList<std::pair<QString, Toggle>> &toggled)
{
    for (const auto &[key, t] : toggled) {
        if (t == Toggle::Disabled)
            emit pool->keyDisabled(key, DisableReason::MaxFailures);
        else
            emit pool->keyEnabled(key);
        emit pool->stateChanged(key);
    }
}

} // namespace keypool

using keypool::ModelView;

QStringList KeyPool::Private::keyNames() const
{
    QStringList out;
    out.reserve(qsizetype(keys.size()));
    for (const KeyState &s : keys)
        out.append(s.key);
    return out;
}

void KeyPool::Private::recountEnabled()
{
    enabled = 0;
    for (const KeyState &s : keys)
        enabled += s.isDisabled() ? 0 : 1;
}

void KeyPool::Private::setReason(int i, DisableReason reason)
{
    KeyState &s = keys[size_t(i)];
    enabled -= s.isDisabled() ? 0 : 1;
    s.disabled = reason;
    enabled += s.isDisabled() ? 0 : 1;
}

ModelView &KeyPool::Private::view(const QString &model, qint64 nowMs)
{
    auto it = views.find(model);
    if (it == views.end()) {
        if (views.size() >= keypool::kMaxViews) {
            auto oldest = views.begin();
            for (auto v = views.begin(); v != views.end(); ++v) {
                if (v->second->lastAccess < oldest->second->lastAccess)
                    oldest = v;
            }
            views.erase(oldest);
        }
        auto v = std::make_unique<ModelView>(model, model.isEmpty(),
                                             strategy == SelectionStrategy::LeastRecentlyUsed, keys, useOrder);
        v->build(nowMs);
        it = views.emplace(model, std::move(v)).first;
    } else {
        it->second->refresh(nowMs);
    }
    it->second->lastAccess = ++viewClock;
    return *it->second;
}

void KeyPool::Private::syncAll(int i, qint64 nowMs)
{
    for (auto &[model, v] : views)
        v->sync(i, nowMs);
}

void KeyPool::Private::syncModel(int i, const QString &model, qint64 nowMs)
{
    const auto it = views.find(model);
    if (it != views.end())
        it->second->sync(i, nowMs);
}

void KeyPool::Private::markUsed(int i, qint64 nowMs)
{
    const quint64 order = ++useCounter;
    for (auto &[model, v] : views)
        v->useChanging(i, nowMs, order);
    keys[size_t(i)].lastUsedMs = nowMs;
    useOrder[size_t(i)] = order;
}

KeyState KeyPool::Private::fromStorage(const KeyState &stored, const QString &key)
{
    KeyState s = stored;
    s.key = key;
    s.weight = qBound(keypool::kMinWeight, s.weight, keypool::kMaxWeight);
    s.failures = qMax(0, s.failures);
    return s;
}

} // namespace gb
