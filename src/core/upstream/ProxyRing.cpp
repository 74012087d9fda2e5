#include "upstream/ProxyRing.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <algorithm>

namespace gb {

quint64 ProxyRing::stableHash(const QByteArray &data)
{
    const QByteArray d = QCryptographicHash::hash(data, QCryptographicHash::Sha1);
    return qFromBigEndian<quint64>(d.constData());
}

ProxyRing::ProxyRing(const QStringList &proxies, int virtualNodes) : m_proxies(proxies)
{
    m_points.reserve(proxies.size() * virtualNodes);
    for (int p = 0; p < proxies.size(); ++p) {
        const QByteArray base = proxies.at(p).toUtf8();
        for (int v = 0; v < virtualNodes; ++v)
            m_points.append({stableHash(base + '#' + QByteArray::number(v)), p});
    }
    std::sort(m_points.begin(), m_points.end());
}

int ProxyRing::indexFor(const QString &key) const
{
    if (m_points.isEmpty())
        return -1;
    const quint64 h = stableHash(key.toUtf8());
    auto it = std::lower_bound(m_points.cbegin(), m_points.cend(), std::pair<quint64, int>{h, -1});
    if (it == m_points.cend())
        it = m_points.cbegin();
    return it->second;
}

} // namespace gb
