// Head parsing of HttpRequestParser: request line, header fields, and the framing,
// keep-alive and expectation rules decided once the head is complete.

#include "http/HttpRequestParser.h"

#include "http/HttpSyntax.h"

#include <cstring>
#include <limits>

namespace gb {

using namespace http::syntax;

namespace {

constexpr qint64 kBodyReserveCap = 1024 * 1024;

} // namespace

HttpRequestParser::Status HttpRequestParser::parseHead(const char *head, qsizetype size)
{
    qsizetype pos = 0;
    bool first = true;
    while (pos < size) {
        const void *found = std::memchr(head + pos, '\n', size_t(size - pos));
        if (!found)
            break;  // cannot happen: the head ends with a LF
        const qsizetype lf = static_cast<const char *>(found) - head;
        qsizetype len = lf - pos;
        if (len > 0 && head[lf - 1] == '\r')
            --len;
        const char *line = head + pos;
        pos = lf + 1;
        if (first) {
            if (!parseRequestLine(line, len))
                return Status::Error;
            first = false;
            continue;
        }
        if (len == 0)
            break;
        if (!parseHeaderLine(line, len))
            return Status::Error;
    }
    return finishHead();
}

bool HttpRequestParser::parseRequestLine(const char *line, qsizetype size)
{
    const char *end = line + size;
    const char *s = line;
    while (s < end && is(*s, Tchar))
        ++s;
    if (s == line || s == end || *s != ' ') {
        fail(400, "Malformed request line");
        return false;
    }
    const char *methodEnd = s;

    const char *target = ++s;
    while (s < end && is(*s, TargetChar))
        ++s;
    if (s == target || s == end || *s != ' ') {
        fail(400, "Malformed request line");
        return false;
    }
    const char *targetEnd = s;

    const char *v = ++s;
    if (end - v != 8 || std::memcmp(v, "HTTP/", 5) != 0 || v[5] < '0' || v[5] > '9' || v[6] != '.'
        || v[7] < '0' || v[7] > '9') {
        fail(400, "Malformed HTTP version in request line");
        return false;
    }
    const int major = v[5] - '0';
    const int minor = v[7] - '0';
    if (major != 1 || minor > 1) {
        fail(505, "HTTP version not supported (use HTTP/1.1 or HTTP/1.0)");
        return false;
    }
    m_request.versionMajor = major;
    m_request.versionMinor = minor;
    m_request.method = QByteArray(line, methodEnd - line);

    // Request target: origin-form, asterisk-form (OPTIONS only) or absolute-form.
    const char *origin = target;
    const qsizetype targetSize = targetEnd - target;
    if (*target == '/') {
        m_request.target = QByteArray(target, targetSize);
    } else if (targetSize == 1 && *target == '*') {
        if (m_request.method != "OPTIONS") {
            fail(400, "The asterisk request target is only allowed with OPTIONS");
            return false;
        }
        m_request.target = QByteArrayLiteral("*");
        m_request.path = m_request.target;
        return true;
    } else {
        qsizetype schemeSize = 0;
        if (targetSize > 7 && equalsLower(target, 7, "http://"))
            schemeSize = 7;
        else if (targetSize > 8 && equalsLower(target, 8, "https://"))
            schemeSize = 8;
        if (schemeSize == 0) {
            fail(400, "Invalid request target");
            return false;
        }
        const char *authority = target + schemeSize;
        origin = authority;
        while (origin < targetEnd && *origin != '/' && *origin != '?')
            ++origin;
        if (origin == authority) {
            fail(400, "Invalid request target: empty authority");
            return false;
        }
        if (origin == targetEnd || *origin == '?') {
            m_request.target = QByteArrayLiteral("/");
            m_request.target.append(origin, targetEnd - origin);
        } else {
            m_request.target = QByteArray(origin, targetEnd - origin);
        }
    }

    const qsizetype q = m_request.target.indexOf('?');
    if (q < 0) {
        m_request.path = m_request.target;
    } else {
        m_request.path = m_request.target.left(q);
        m_request.query = m_request.target.mid(q + 1);
    }
    return true;
}

bool HttpRequestParser::parseHeaderLine(const char *line, qsizetype size)
{
    if (isOws(line[0])) {
        fail(400, "Obsolete header line folding is not allowed");
        return false;
    }
    const char *end = line + size;
    const char *s = line;
    while (s < end && is(*s, Tchar))
        ++s;
    if (s == end) {
        fail(400, "Header field without a colon");
        return false;
    }
    if (*s != ':') {
        fail(400, isOws(*s) ? "Whitespace between header field name and colon"
                            : "Invalid character in header field name");
        return false;
    }
    if (s == line) {
        fail(400, "Empty header field name");
        return false;
    }
    if (++m_headerCount > m_limits.maxHeaderCount) {
        fail(431, "Too many header fields");
        return false;
    }
    const char *name = line;
    const qsizetype nameSize = s - line;

    const char *v = s + 1;
    while (v < end && isOws(*v))
        ++v;
    const char *ve = end;
    while (ve > v && isOws(ve[-1]))
        --ve;
    for (const char *c = v; c < ve; ++c) {
        if (!is(*c, ValueChar)) {
            fail(400, "Invalid character in header field value");
            return false;
        }
    }
    const qsizetype valueSize = ve - v;

    switch (nameSize) {
    case 4:
        if (equalsLower(name, nameSize, "host"))
            ++m_hostCount;
        break;
    case 6:
        if (equalsLower(name, nameSize, "expect") && valueSize > 0) {
            if (!m_expect.isEmpty())
                m_expect.append(", ");
            m_expect.append(v, valueSize);
        }
        break;
    case 10:
        if (equalsLower(name, nameSize, "connection")) {
            forEachListElement(v, valueSize, [this](const char *t, qsizetype n) {
                if (equalsLower(t, n, "close"))
                    m_connectionClose = true;
                else if (equalsLower(t, n, "keep-alive"))
                    m_connectionKeepAlive = true;
            });
        }
        break;
    case 14:
        if (equalsLower(name, nameSize, "content-length")) {
            qint64 value = 0;
            if (valueSize == 0)
                m_contentLengthInvalid = true;
            for (const char *c = v; c < ve; ++c) {
                if (*c < '0' || *c > '9') {
                    m_contentLengthInvalid = true;
                    break;
                }
                const int d = *c - '0';
                if (value > (std::numeric_limits<qint64>::max() - d) / 10)
                    value = std::numeric_limits<qint64>::max();  // saturate: over any limit anyway
                else
                    value = value * 10 + d;
            }
            if (m_hasContentLength && value != m_contentLength)
                m_contentLengthConflict = true;
            m_hasContentLength = true;
            m_contentLength = value;
        }
        break;
    case 17:
        if (equalsLower(name, nameSize, "transfer-encoding")) {
            m_hasTransferEncoding = true;
            forEachListElement(v, valueSize, [this](const char *t, qsizetype n) {
                const bool chunked = equalsLower(t, n, "chunked");
                if (chunked)
                    ++m_teChunkedCount;
                else
                    m_teOtherCoding = true;
                m_teChunkedLast = chunked;
            });
        }
        break;
    default:
        break;
    }

    m_request.headers.add(QByteArray(name, nameSize), QByteArray(v, valueSize));
    return true;
}

HttpRequestParser::Status HttpRequestParser::finishHead()
{
    const bool http11 = m_request.isHttp11();
    if (m_hostCount > 1 || (http11 && m_hostCount == 0)) {
        fail(400, m_hostCount ? "Multiple Host header fields" : "Missing Host header field");
        return Status::Error;
    }
    if (m_hasTransferEncoding && m_hasContentLength) {
        fail(400, "Both Transfer-Encoding and Content-Length are present");
        return Status::Error;
    }
    if (m_contentLengthInvalid) {
        fail(400, "Invalid Content-Length");
        return Status::Error;
    }
    if (m_contentLengthConflict) {
        fail(400, "Conflicting Content-Length values");
        return Status::Error;
    }
    if (m_hasTransferEncoding) {
        if (m_teOtherCoding) {
            fail(501, "Unsupported transfer coding: only chunked is implemented");
            return Status::Error;
        }
        if (m_teChunkedCount != 1 || !m_teChunkedLast) {
            fail(400, "Invalid Transfer-Encoding");
            return Status::Error;
        }
        m_chunked = true;
    }

    m_keepAlive = http11 ? !m_connectionClose : (m_connectionKeepAlive && !m_connectionClose);
    if (m_chunked && !http11)
        m_keepAlive = false;  // RFC 9112 6.1: framing of an HTTP/1.0 message with TE is unreliable

    const qint64 maxBody = m_limits.maxBodyBytes;
    if (!m_chunked && m_contentLength > maxBody) {
        const QString message =
            m_contentLength == std::numeric_limits<qint64>::max()
                ? QStringLiteral("Request body exceeds the limit of %1 bytes.").arg(maxBody)
                : QStringLiteral("Request body of %1 bytes exceeds the limit of %2 bytes.")
                      .arg(m_contentLength)
                      .arg(maxBody);
        return refuse(413, message);
    }
    if (!m_expect.isEmpty()) {
        if (equalsLower(m_expect.constData(), m_expect.size(), "100-continue"))
            m_expectContinue = http11;  // RFC 9110 10.1.1: ignored in HTTP/1.0
        else
            return refuse(417, QStringLiteral("Unsupported Expect header value: only 100-continue is supported."));
    }

    if (m_chunked) {
        m_contentLength = -1;
        m_state = State::ChunkSize;
        return Status::HeadComplete;
    }
    if (m_contentLength == 0) {
        m_expectContinue = false;
        m_state = State::Complete;
        return Status::Complete;
    }
    m_remaining = m_contentLength;
    m_request.body.reserve(qsizetype(qMin(m_contentLength, kBodyReserveCap)));
    m_state = State::Body;
    return Status::HeadComplete;
}

} // namespace gb
