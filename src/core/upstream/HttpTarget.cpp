#include "upstream/HttpTarget.h"

#include <QUrl>

namespace gb {

namespace {

bool isHostByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// Bytes QUrl keeps as they are in a path or query (unreserved, sub-delims, ':', '@', '/', '?').
bool isPlainTargetByte(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '-': case '.': case '_': case '~': case '!': case '$': case '&': case '\'': case '(': case ')':
    case '*': case '+': case ',': case ';': case '=': case ':': case '@': case '/': case '?':
        return true;
    default:
        return false;
    }
}

// QUrl reads hosts of numbers as IPv4 addresses in any of their forms ("127.1", "0", "0x7f.1"):
// a host with a label that starts with a digit and could be a number (hex digits and 'x') is
// kept as written only when it is the canonical dotted quad.
bool mayBeNumericHost(QByteArrayView host)
{
    bool labelStart = true, numeric = false;
    for (char c : host) {
        if (c == '.') {
            if (numeric)
                return true;
            labelStart = true;
            continue;
        }
        const bool digit = c >= '0' && c <= '9';
        const bool hexish = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'x' || c == 'X';
        if (labelStart)
            numeric = digit;
        else if (!hexish)
            numeric = false;
        labelStart = false;
    }
    return numeric;
}

// Labels of 1 to 63 bytes that neither start nor end with '-' (QUrl refuses the rest).
bool hasPlainLabels(QByteArrayView host)
{
    qsizetype start = 0;
    while (start <= host.size()) {
        qsizetype end = host.indexOf('.', start);
        if (end < 0)
            end = host.size();
        const qsizetype len = end - start;
        if (len == 0 || len > 63 || host[start] == '-' || host[end - 1] == '-')
            return false;
        start = end + 1;
    }
    return true;
}

bool isCanonicalIpv4(QByteArrayView host)
{
    int parts = 0;
    qsizetype i = 0;
    while (i <= host.size()) {
        qsizetype j = i;
        int value = 0;
        while (j < host.size() && host[j] != '.') {
            if (host[j] < '0' || host[j] > '9')
                return false;
            value = value * 10 + (host[j++] - '0');
        }
        const qsizetype len = j - i;
        if (len == 0 || len > 3 || value > 255 || (len > 1 && host[i] == '0'))
            return false;
        ++parts;
        i = j + 1;
    }
    return parts == 4;
}

} // namespace

HttpTarget httpTargetOf(const QUrl &url)
{
    HttpTarget t;
    t.host = url.host();
    t.port = quint16(url.port(80));
    t.target = url.path(QUrl::FullyEncoded).toUtf8();
    if (t.target.isEmpty())
        t.target = "/";
    if (url.hasQuery())
        t.target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return t;
}

std::optional<HttpTarget> splitPlainHttpUrl(QByteArrayView url)
{
    constexpr QByteArrayView scheme("http://");
    if (url.size() <= scheme.size() || url.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QByteArrayView rest = url.sliced(scheme.size());
    qsizetype end = 0;  // end of the authority
    while (end < rest.size() && rest[end] != '/' && rest[end] != '?')
        ++end;
    const QByteArrayView authority = rest.first(end);
    const qsizetype colon = authority.indexOf(':');
    const QByteArrayView host = colon < 0 ? authority : authority.first(colon);
    if (host.isEmpty() || host.size() > 253 || !hasPlainLabels(host) || (mayBeNumericHost(host) && !isCanonicalIpv4(host)))
        return std::nullopt;
    bool upper = false;
    for (char c : host) {
        if (!isHostByte(c))
            return std::nullopt;
        upper |= c >= 'A' && c <= 'Z';
    }
    HttpTarget t;
    t.host = QString::fromLatin1(host);
    if (upper)
        t.host = std::move(t.host).toLower();
    if (colon >= 0) {
        const QByteArrayView digits = authority.sliced(colon + 1);
        if (digits.size() > 5)
            return std::nullopt;
        int port = 0;
        for (char c : digits) {
            if (c < '0' || c > '9')
                return std::nullopt;
            port = port * 10 + (c - '0');
        }
        if (port > 65535)
            return std::nullopt;
        t.port = digits.isEmpty() ? 80 : quint16(port);
    }
    const QByteArrayView target = rest.sliced(end);
    for (char c : target)
        if (!isPlainTargetByte(c))
            return std::nullopt;
    if (target.isEmpty() || target.front() == '?')
        t.target = '/' + target.toByteArray();
    else
        t.target = target.toByteArray();
    return t;
}

} // namespace gb
