#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class QUrl;

namespace gb {

// Where an http:// request goes and what its request line names: host (lower case; an IPv6
// address without brackets), port, and the origin-form target ("/path?query").
struct HttpTarget
{
    QString host;
    quint16 port = 80;
    QByteArray target = "/";

    friend bool operator==(const HttpTarget &, const HttpTarget &) = default;
};

// The QUrl way, for any URL: what QUrl makes of host, port and the fully encoded path and query.
HttpTarget httpTargetOf(const QUrl &url);

// The same without QUrl (a parse and two re-encodings cost ~8,000 instructions per upstream
// attempt), for the URLs the relay builds: "http://" + host[:port] + path[?query] in bytes
// QUrl leaves as they are (letters, digits, -._~!$&'()*+,;=:@/?). Anything else (https,
// userinfo, IPv6 literals, '%', '#', other bytes) is nullopt: parse it with QUrl.
std::optional<HttpTarget> splitPlainHttpUrl(QByteArrayView url);

} // namespace gb
