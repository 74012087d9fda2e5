#include "upstream/ProxyRing.h"

#include <QCryptographicHash>
#include <QUrl>
#include <QtEndian>

using namespace Qt::StringLiterals;

#include <algorithm>

namespace gb {

quint64 ProxyRing::stableHash(const QByteArray &data)
{
    const QByteArray d = QCryptographicHash::hash(data, QCryptographicHash::Sha1);
    return qFromBigEndian<quint64>(d.constData());
}

QByteArray ProxyRing::identity(const QString &proxy)
{
    const QUrl url(proxy.trimmed());
    if (!url.isValid() || url.host().isEmpty())
        return proxy.trimmed().toUtf8();
    return (url.scheme().toLower() + u"://"_s + url.host().toLower() + u':' + QString::number(url.port(-1)))
        .toUtf8();
}

ProxyRing::ProxyRing(const QStringList &proxies, int virtualNodes) : m_proxies(proxies)
{
    m_points.reserve(proxies.size() * virtualNodes);
    for (int p = 0; p < proxies.size(); ++p) {
        const QByteArray base = identity(proxies.at(p));
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
