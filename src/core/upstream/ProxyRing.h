#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <utility>

namespace gb {

// Consistent hashing of API keys onto proxies: the same key always leaves through the same
// proxy, across restarts (the hash is SHA-1 based, not a per-process salted hash), and
// adding or removing one proxy moves only about 1/n of the keys.
class ProxyRing
{
public:
    explicit ProxyRing(const QStringList &proxies = {}, int virtualNodes = 160);

    bool isEmpty() const { return m_proxies.isEmpty(); }
    const QStringList &proxies() const { return m_proxies; }
    // Index into proxies() for this key; -1 when the ring is empty.
    int indexFor(const QString &key) const;

    static quint64 stableHash(const QByteArray &data);
    // What a proxy is known by on the ring: scheme, host and port, without credentials, so
    // a changed password or a trailing '/' does not move keys to other proxies.
    static QByteArray identity(const QString &proxy);

private:
    QStringList m_proxies;
    QVector<std::pair<quint64, int>> m_points;  // sorted by hash
};

} // namespace gb
