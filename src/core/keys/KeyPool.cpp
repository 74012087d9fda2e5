#include "keys/KeyPool.h"

#include "common/Clock.h"
#include "common/LogCategories.h"
#include "common/Redact.h"
#include "keys/KeyPool_p.h"

#include <QMutexLocker>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace gb {

using keypool::ModelView;
using keypool::Toggle;

KeyPool::KeyPool(const Clock *clock, QObject *parent)
    : QObject(parent), m_clock(clock), d(std::make_unique<Private>())
{
    Q_ASSERT(clock);
}

KeyPool::~KeyPool() = default;

void KeyPool::setKeys(const QStringList &keys)
{
    QStringList clean;
    QSet<QString> seen;
    for (const QString &raw : keys) {
        const QString key = raw.trimmed();
        if (key.isEmpty() || seen.contains(key))
            continue;
        seen.insert(key);
        clean.append(key);
    }
    QMutexLocker lock(&m_mutex);
    const QStringList old = d->keyNames();
    if (clean == old)
        return;

    // The round-robin cursor stays on its key, or moves to the next key that remains.
    QString cursorKey;
    for (qsizetype step = 0; step < old.size(); ++step) {
        const QString &k = old.at((d->cursor + step) % old.size());
        if (seen.contains(k)) {
            cursorKey = k;
            break;
        }
    }

    QList<std::pair<QString, Toggle>> toggled;  // restored states the MAX_FAILURES rule changed
    std::vector<KeyState> next;
    std::vector<quint64> nextUseOrder(size_t(clean.size()), 0);
    next.reserve(size_t(clean.size()));
    QHash<QString, int> index;
    index.reserve(clean.size());
    for (const QString &key : clean) {
        const int i = d->find(key);
        if (i >= 0) {
            nextUseOrder[next.size()] = d->useOrder[size_t(i)];
            next.push_back(std::move(d->keys[size_t(i)]));
        } else if (d->restored.contains(key)) {
            next.push_back(d->fromStorage(d->restored.take(key), key));
            if (const Toggle t = keypool::applyMaxFailures(next.back(), d->maxFailures); t != Toggle::None)
                toggled.append({key, t});
        } else {
            KeyState s;
            s.key = key;
            next.push_back(std::move(s));
        }
        index.insert(key, int(next.size()) - 1);
    }
    d->views.clear();  // positions change: views are rebuilt lazily, O(n log n) each
    d->keys = std::move(next);
    d->useOrder = std::move(nextUseOrder);
    d->index = std::move(index);
    d->recountEnabled();
    d->cursor = cursorKey.isEmpty() ? 0 : d->index.value(cursorKey);
    qCInfo(lcKeys) << "key pool has" << d->keys.size() << "keys," << d->enabled << "enabled";
    lock.unlock();

    emit keysChanged();
    keypool::emitToggled(this, toggled);
}

// Replaces the state of keys in the pool and keeps the rest for setKeys(). Emits no signal
// for the restored states themselves (they come from storage), only keyDisabled/keyEnabled
// and stateChanged where the current MAX_FAILURES changes a restored key's state.
void KeyPool::restoreStates(const QList<KeyState> &states)
{
    QList<std::pair<QString, Toggle>> toggled;
    QMutexLocker lock(&m_mutex);
    for (const KeyState &stored : states) {
        const QString key = stored.key.trimmed();
        if (key.isEmpty())
            continue;
        const int i = d->find(key);
        if (i < 0) {
            d->restored.insert(key, stored);
            continue;
        }
        KeyState &s = d->keys[size_t(i)];
        s = d->fromStorage(stored, key);
        if (const Toggle t = keypool::applyMaxFailures(s, d->maxFailures); t != Toggle::None)
            toggled.append({key, t});
    }
    d->recountEnabled();
    d->views.clear();
    lock.unlock();
    keypool::emitToggled(this, toggled);
}

void KeyPool::setMaxFailures(int maxFailures)
{
    QMutexLocker lock(&m_mutex);
    d->maxFailures = qMax(1, maxFailures);
    const qint64 now = m_clock->nowMs();
    QList<std::pair<QString, Toggle>> toggled;
    for (int i = 0; i < int(d->keys.size()); ++i) {
        const Toggle t = keypool::applyMaxFailures(d->keys[size_t(i)], d->maxFailures);
        if (t == Toggle::None)
            continue;
        d->enabled += t == Toggle::Enabled ? 1 : -1;
        d->syncAll(i, now);
        toggled.append({d->keys[size_t(i)].key, t});
    }
    lock.unlock();
    keypool::emitToggled(this, toggled);
}

void KeyPool::setStrategy(SelectionStrategy strategy)
{
    QMutexLocker lock(&m_mutex);
    if (d->strategy == strategy)
        return;
    // Views keep the least-recently-used order only for that strategy: rebuild them.
    if (strategy == SelectionStrategy::LeastRecentlyUsed || d->strategy == SelectionStrategy::LeastRecentlyUsed)
        d->views.clear();
    d->strategy = strategy;
}

void KeyPool::setWeight(const QString &key, int weight)
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    if (i < 0)
        return;
    weight = qBound(keypool::kMinWeight, weight, keypool::kMaxWeight);
    KeyState &s = d->keys[size_t(i)];
    if (s.weight == weight)
        return;
    for (auto &[model, v] : d->views)
        v->weightChanging(i, weight);
    s.weight = weight;
    lock.unlock();
    emit stateChanged(key);
}

qint64 KeyPool::readyInMs(const QString &model) const
{
    QMutexLocker lock(&m_mutex);
    if (d->enabled == 0)
        return -1;
    const qint64 now = m_clock->nowMs();
    ModelView &view = d->view(model, now);
    if (view.usableCount() > 0)
        return 0;
    return qMax<qint64>(1, view.soonestCooling([](int) { return false; }) - now);
}

KeyChoice KeyPool::choose(const QString &model, const QSet<QString> &exclude)
{
    KeyChoice choice;
    QMutexLocker lock(&m_mutex);
    const int n = int(d->keys.size());
    if (n == 0) {
        choice.outcome = KeyChoice::Outcome::NoKeys;
        return choice;
    }
    if (d->enabled == 0) {
        choice.outcome = KeyChoice::Outcome::AllDisabled;
        return choice;
    }
    const qint64 now = m_clock->nowMs();
    ModelView &view = d->view(model, now);
    if (view.usableCount() == 0) {  // enabled keys exist, so every one of them is cooling
        choice.outcome = KeyChoice::Outcome::AllCooling;
        choice.retryAfterMs = qMax<qint64>(1, view.soonestCooling([](int) { return false; }) - now);
        return choice;
    }

    std::vector<int> excluded;
    excluded.reserve(size_t(exclude.size()));
    for (const QString &key : exclude) {
        if (const int i = d->find(key); i >= 0)
            excluded.push_back(i);
    }
    const std::vector<int> masked = view.mask(excluded);
    int pick = -1;
    if (view.usableCount() > 0) {
        switch (d->strategy) {
        case SelectionStrategy::RoundRobin:
            pick = view.firstUsableFrom(d->cursor);
            break;
        case SelectionStrategy::LeastRecentlyUsed:
            pick = view.leastRecentlyUsed();
            break;
        case SelectionStrategy::Weighted:
            pick = view.byWeight(qint64(QRandomGenerator::global()->bounded(quint64(view.totalWeight()))));
            break;
        }
    }
    view.unmask(masked);

    if (pick < 0) {
        // Every usable key was tried. If untried keys are only resting, say when the
        // soonest is back (the header: AllTried carries retryAfterMs then); else 0.
        choice.outcome = KeyChoice::Outcome::AllTried;
        const qint64 soonest =
            view.soonestCooling([&](int i) { return exclude.contains(d->keys[size_t(i)].key); });
        choice.retryAfterMs = soonest > 0 ? qMax<qint64>(1, soonest - now) : 0;
        return choice;
    }
    d->markUsed(pick, now);
    if (d->strategy == SelectionStrategy::RoundRobin)
        d->cursor = (pick + 1) % n;
    choice.outcome = KeyChoice::Outcome::Key;
    choice.key = d->keys[size_t(pick)].key;
    return choice;
}

void KeyPool::recordSuccess(const QString &key, const QString &model)
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    if (i < 0)
        return;
    KeyState &s = d->keys[size_t(i)];
    ++s.successes;
    s.failures = 0;
    s.lastSuccessMs = m_clock->nowMs();
    if (s.cooldowns.remove(model) > 0)
        d->syncModel(i, model, s.lastSuccessMs);
    lock.unlock();
    emit stateChanged(key);
}

void KeyPool::recordFailure(const QString &key, int weight, const QString &error)
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    if (i < 0)
        return;
    const qint64 now = m_clock->nowMs();
    KeyState &s = d->keys[size_t(i)];
    ++s.failuresTotal;
    s.lastFailureMs = now;
    s.lastError = error;
    s.failures += qMax(0, weight);
    const bool disable = !s.isDisabled() && s.failures >= d->maxFailures;
    if (disable) {
        d->setReason(i, DisableReason::MaxFailures);
        d->syncAll(i, now);
        qCWarning(lcKeys).noquote() << "key" << redact::secret(key) << "disabled after" << s.failures
                                    << "failures; last error:" << error;
    }
    lock.unlock();
    if (disable)
        emit keyDisabled(key, DisableReason::MaxFailures);
    emit stateChanged(key);
}

void KeyPool::disable(const QString &key, DisableReason reason, const QString &error)
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    if (i < 0 || reason == DisableReason::None)  // None is enable()'s job
        return;
    KeyState &s = d->keys[size_t(i)];
    const bool wasEnabled = !s.isDisabled();
    bool changed = false;
    if (keypool::rank(reason) > keypool::rank(s.disabled)) {
        d->setReason(i, reason);
        changed = true;
    }
    if (!error.isEmpty() && error != s.lastError) {
        s.lastError = error;
        changed = true;
    }
    if (wasEnabled) {
        d->syncAll(i, m_clock->nowMs());
        qCWarning(lcKeys).noquote() << "key" << redact::secret(key) << "disabled:" << disableReasonName(reason)
                                    << error;
    }
    lock.unlock();
    if (wasEnabled)
        emit keyDisabled(key, reason);
    if (changed)
        emit stateChanged(key);
}

void KeyPool::coolDown(const QString &key, const QString &model, qint64 untilMs, bool perDay, const QString &reason)
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    if (i < 0 || model.isEmpty())  // the empty model means "any model": it never cools
        return;
    Cooldown &c = d->keys[size_t(i)].cooldowns[model];
    c.untilMs = untilMs;
    ++c.level;
    c.perDay = perDay;
    c.reason = reason;
    const qint64 now = m_clock->nowMs();
    d->syncModel(i, model, now);
    qCDebug(lcKeys).noquote() << "key" << redact::secret(key) << "rests for" << model << (untilMs - now)
                              << "ms, level" << c.level << reason;
    lock.unlock();
    emit stateChanged(key);
}

void KeyPool::enable(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    if (i < 0)
        return;
    KeyState &s = d->keys[size_t(i)];
    const bool wasDisabled = s.isDisabled();
    if (!wasDisabled && s.failures == 0)
        return;
    s.failures = 0;
    if (wasDisabled) {
        d->setReason(i, DisableReason::None);
        d->syncAll(i, m_clock->nowMs());
        qCInfo(lcKeys).noquote() << "key" << redact::secret(key) << "enabled";
    }
    lock.unlock();
    if (wasDisabled)
        emit keyEnabled(key);
    emit stateChanged(key);
}

bool KeyPool::resetFailures(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    if (i < 0)
        return false;
    KeyState &s = d->keys[size_t(i)];
    const bool reenable = s.disabled == DisableReason::MaxFailures;
    if (!reenable && s.failures == 0)
        return true;
    s.failures = 0;
    if (reenable) {
        d->setReason(i, DisableReason::None);
        d->syncAll(i, m_clock->nowMs());
    }
    lock.unlock();
    if (reenable)
        emit keyEnabled(key);
    emit stateChanged(key);
    return true;
}

// Returns the number of keys matching the filter (when the call starts), whether or not
// their count or state actually changed, like gemini-balance's reset_count.
int KeyPool::resetFailures(KeyFilter filter)
{
    QStringList matching;
    {
        QMutexLocker lock(&m_mutex);
        for (const KeyState &s : d->keys) {
            if (filter == KeyFilter::All || (filter == KeyFilter::Valid) == !s.isDisabled())
                matching.append(s.key);
        }
    }
    for (const QString &key : std::as_const(matching))
        resetFailures(key);
    return int(matching.size());
}

void KeyPool::clearCooldowns(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    if (i < 0 || d->keys[size_t(i)].cooldowns.isEmpty())
        return;
    d->keys[size_t(i)].cooldowns.clear();
    d->syncAll(i, m_clock->nowMs());
    lock.unlock();
    emit stateChanged(key);
}

int KeyPool::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(d->keys.size());
}

bool KeyPool::contains(const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    return d->index.contains(key);
}

QStringList KeyPool::keys() const
{
    QMutexLocker lock(&m_mutex);
    return d->keyNames();
}

int KeyPool::cooldownLevel(const QString &key, const QString &model) const
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    return i < 0 ? 0 : d->keys[size_t(i)].cooldowns.value(model).level;
}

int KeyPool::enabledCount() const
{
    QMutexLocker lock(&m_mutex);
    return d->enabled;
}

// Logically const: creates or refreshes the model's view (a cache).
int KeyPool::usableCount(const QString &model) const
{
    QMutexLocker lock(&m_mutex);
    if (d->enabled == 0 || model.isEmpty())
        return d->enabled;
    return d->view(model, m_clock->nowMs()).usableCount();
}

// Copies; cooldowns keep expired entries, whose level drives the backoff until a success.
KeyState KeyPool::state(const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    const int i = d->find(key);
    return i < 0 ? KeyState{} : d->keys[size_t(i)];
}

QList<KeyState> KeyPool::states() const
{
    QMutexLocker lock(&m_mutex);
    return QList<KeyState>(d->keys.cbegin(), d->keys.cend());
}

} // namespace gb
