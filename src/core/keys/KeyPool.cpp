#include "keys/KeyPool.h"

#include "common/LogCategories.h"
#include "common/Redact.h"

namespace gb {

KeyPool::KeyPool(QObject *parent) : QObject(parent) {}

void KeyPool::setKeys(const QStringList &keys)
{
    const QString current = m_keys.isEmpty() ? QString() : m_keys.at(m_cursor % m_keys.size()).key;
    QVector<KeyState> next;
    QHash<QString, int> index;
    for (const QString &raw : keys) {
        const QString key = raw.trimmed();
        if (key.isEmpty() || index.contains(key))
            continue;
        const auto old = m_index.constFind(key);
        KeyState s;
        if (old != m_index.constEnd())
            s = m_keys.at(*old);
        else
            s.key = key;
        s.disabled = s.failures >= m_maxFailures;
        index.insert(key, int(next.size()));
        next.append(s);
    }
    m_keys = std::move(next);
    m_index = std::move(index);
    m_cursor = m_index.value(current, 0);
    qCInfo(lcKeys) << "key pool has" << m_keys.size() << "keys," << usableCount() << "usable";
    emit stateChanged();
}

void KeyPool::setMaxFailures(int maxFailures)
{
    m_maxFailures = qMax(1, maxFailures);
    for (KeyState &s : m_keys)
        s.disabled = s.failures >= m_maxFailures;
    emit stateChanged();
}

int KeyPool::usableCount() const
{
    int n = 0;
    for (const KeyState &s : m_keys)
        n += s.disabled ? 0 : 1;
    return n;
}

QString KeyPool::next(const QSet<QString> &exclude)
{
    const int n = int(m_keys.size());
    for (int step = 0; step < n; ++step) {
        const int i = (m_cursor + step) % n;
        const KeyState &s = m_keys.at(i);
        if (s.disabled || exclude.contains(s.key))
            continue;
        m_cursor = (i + 1) % n;
        return s.key;
    }
    return {};
}

void KeyPool::reportSuccess(const QString &key)
{
    const auto it = m_index.constFind(key);
    if (it == m_index.constEnd())
        return;
    KeyState &s = m_keys[*it];
    ++s.successes;
    if (s.failures == 0)
        return;
    s.failures = 0;
    emit stateChanged();
}

void KeyPool::reportFailure(const QString &key, int weight, const QString &error)
{
    const auto it = m_index.constFind(key);
    if (it == m_index.constEnd())
        return;
    KeyState &s = m_keys[*it];
    ++s.failuresTotal;
    s.lastError = error;
    s.failures += qMax(0, weight);
    if (!s.disabled && s.failures >= m_maxFailures) {
        s.disabled = true;
        qCWarning(lcKeys).noquote() << "key" << redact::secret(key) << "disabled after" << s.failures
                                    << "failures; last error:" << error;
        emit keyDisabled(key);
    }
    emit stateChanged();
}

QList<KeyState> KeyPool::states() const
{
    return QList<KeyState>(m_keys.cbegin(), m_keys.cend());
}

KeyState KeyPool::state(const QString &key) const
{
    const auto it = m_index.constFind(key);
    return it == m_index.constEnd() ? KeyState{} : m_keys.at(*it);
}

} // namespace gb
