#include "upstream/ProxyUrl.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace gb {

QNetworkProxy networkProxyFromUrl(const QString &text)
{
    const QUrl url(text);
    const QString scheme = url.scheme().toLower();
    const bool socks = scheme.startsWith(u"socks5"_s);
    QNetworkProxy proxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
                        quint16(url.port(socks ? 1080 : 8080)), url.userName(QUrl::FullyDecoded),
                        url.password(QUrl::FullyDecoded));
    // socks5:// resolves host names locally, socks5h:// lets the proxy resolve them (curl's
    // convention); Qt's default is the latter.
    if (scheme == u"socks5"_s)
        proxy.setCapabilities(proxy.capabilities() & ~QNetworkProxy::HostNameLookupCapability);
    return proxy;
}

QString redactedProxyUrl(const QString &text)
{
    QUrl url(text);
    if (!url.password().isEmpty())
        url.setPassword(u"***"_s);
    return url.toString();
}

} // namespace gb
