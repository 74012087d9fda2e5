#pragma once

#include <QNetworkProxy>
#include <QString>

namespace gb {

// A PROXIES entry (scheme://[user:password@]host:port) as Qt's proxy: http and https as an
// HTTP proxy (Qt cannot speak TLS to a proxy), socks5 resolving names locally, socks5h
// letting the proxy resolve them.
QNetworkProxy networkProxyFromUrl(const QString &text);
// The entry with its password replaced by "***", for logs and the UI.
QString redactedProxyUrl(const QString &text);

} // namespace gb
