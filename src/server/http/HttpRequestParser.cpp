#include "http/HttpRequestParser.h"

#include <array>
#include <cstring>
#include <limits>

namespace gb {

namespace {

constexpr qsizetype kMaxChunkSizeLine = 4096;  // chunk size + extensions
constexpr qint64 kBodyReserveCap = 1024 * 1024;

enum CharClass : quint8 { Tchar = 1, TargetChar = 2, ValueChar = 4, HexDigit = 8 };

constexpr std::array<quint8, 256> makeCharTable()
{
    std::array<quint8, 256> t{};
    for (int c = 0; c < 256; ++c) {
        quint8 bits = 0;
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        if (alpha || digit)
            bits |= Tchar;
        switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
        case '-': case '.': case '^': case '_': case '`': case '|': case '~':
            bits |= Tchar;
            break;
        default:
            break;
        }
        if (c > 0x20 && c < 0x7f && c != '#')
            bits |= TargetChar;
        if (c == '\t' || (c >= 0x20 && c != 0x7f))
            bits |= ValueChar;
        if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            bits |= HexDigit;
        t[size_t(c)] = bits;
    }
    return t;
}

constexpr std::array<quint8, 256> kChars = makeCharTable();

inline bool is(char c, CharClass cls) { return kChars[quint8(c)] & cls; }
inline bool isOws(char c) { return c == ' ' || c == '\t'; }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c; }

// ASCII case-insensitive comparison with a lower-case literal.
inline bool equalsLower(const char *s, qsizetype n, const char *lowerLiteral, qsizetype literalSize)
{
    if (n != literalSize)
        return false;
    for (qsizetype i = 0; i < n; ++i)
        if (lower(s[i]) != lowerLiteral[i])
            return false;
    return true;
}

template <qsizetype N>
inline bool equalsLower(const char *s, qsizetype n, const char (&literal)[N])
{
    return equalsLower(s, n, literal, N - 1);
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return lower(c) - 'a' + 10;
}

// Calls f(begin, size) for every non-empty element of a comma-separated list, OWS trimmed.
template <typename F>
void forEachListElement(const char *s, qsizetype n, F &&f)
{
    const char *end = s + n;
    while (s < end) {
        const char *comma = static_cast<const char *>(std::memchr(s, ',', size_t(end - s)));
        const char *e = comma ? comma : end;
        const char *b = s;
        const char *t = e;
        while (b < t && isOws(*b))
            ++b;
        while (t > b && isOws(t[-1]))
            --t;
        if (t > b)
            f(b, t - b);
        s = comma ? comma + 1 : end;
    }
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpParserLimits &limits)
    : m_limits(limits), m_nextLimits(limits)
{
}

void HttpRequestParser::reset()
{
    m_limits = m_nextLimits;
    m_state = State::Head;
    m_request = HttpRequest();
    m_scanned = 0;
    m_requestLineEnd = -1;
    m_methodScanned = 0;
    m_methodDone = false;
    m_contentLength = 0;
    m_remaining = 0;
    m_trailerBytes = 0;
    m_headerCount = 0;
    m_hostCount = 0;
    m_chunked = false;
    m_keepAlive = true;
    m_expectContinue = false;
    m_hasContentLength = false;
    m_contentLengthConflict = false;
    m_contentLengthInvalid = false;
    m_hasTransferEncoding = false;
    m_teChunkedCount = 0;
    m_teOtherCoding = false;
    m_teChunkedLast = false;
    m_connectionClose = false;
    m_connectionKeepAlive = false;
    m_expect.clear();
    m_errorStatus = 0;
    m_errorMessage.clear();
}

HttpRequestParser::Result HttpRequestParser::fail(int status, const char *message, qsizetype consumed)
{
    m_state = State::Error;
    m_errorStatus = status;
    m_errorMessage = QByteArray(message);
    m_keepAlive = false;
    m_expectContinue = false;
    return {Status::Error, consumed};
}

HttpRequestParser::Status HttpRequestParser::refuse(int status, const QString &message)
{
    m_request.refusalStatus = status;
    m_request.refusalMessage = message;
    m_request.body.clear();
    m_keepAlive = false;
    m_expectContinue = false;
    m_state = State::Complete;
    return Status::Complete;
}

qsizetype HttpRequestParser::findLineEnd(const char *data, qsizetype size)
{
    const qsizetype from = qMin(m_scanned, size);
    if (from < size) {
        if (const void *lf = std::memchr(data + from, '\n', size_t(size - from))) {
            m_scanned = 0;
            return static_cast<const char *>(lf) - data;
        }
    }
    m_scanned = size;
    return -1;
}

HttpRequestParser::Result HttpRequestParser::parse(const char *data, qsizetype size)
{
    if (size < 0 || (!data && size > 0))
        return fail(500, "Invalid parser input");
    switch (m_state) {
    case State::Head:
        return parseHeadState(data, size);
    case State::Complete:
        return {Status::Complete, 0};
    case State::Error:
        return {Status::Error, 0};
    default:
        break;
    }

    qsizetype pos = 0;
    for (;;) {
        const char *p = data + pos;
        const qsizetype n = size - pos;
        switch (m_state) {
        case State::Body:
        case State::ChunkData: {
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, n));
            if (take > 0)
                m_request.body.append(p, take);
            pos += take;
            m_remaining -= take;
            if (m_remaining > 0)
                return {Status::NeedMore, pos};
            if (m_state == State::Body) {
                m_state = State::Complete;
                return {Status::Complete, pos};
            }
            m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            if (n == 0)
                return {Status::NeedMore, pos};
            if (p[0] == '\n') {
                pos += 1;
            } else if (p[0] == '\r') {
                if (n < 2)
                    return {Status::NeedMore, pos};
                if (p[1] != '\n')
                    return fail(400, "Missing line end after chunk data", pos);
                pos += 2;
            } else {
                return fail(400, "Missing line end after chunk data", pos);
            }
            m_state = State::ChunkSize;
            break;
        case State::ChunkSize: {
            const Result r = parseChunkSizeLine(p, n);
            pos += r.consumed;
            if (r.status != Status::NeedMore || m_state == State::ChunkSize)
                return {r.status, pos};
            break;
        }
        case State::Trailers: {
            const Result r = parseTrailers(p, n);
            pos += r.consumed;
            if (r.status != Status::NeedMore || r.consumed == 0)
                return {r.status, pos};
            break;
        }
        case State::Head:
        case State::Complete:
        case State::Error:
            return {Status::Error, pos};  // unreachable
        }
    }
}

HttpRequestParser::Result HttpRequestParser::parseHeadState(const char *data, qsizetype size)
{
    qsizetype start = 0;
    if (m_scanned == 0) {
        // RFC 9112 2.2: ignore empty lines received before the request line.
        while (start < size) {
            if (data[start] == '\n') {
                ++start;
            } else if (data[start] == '\r' && start + 1 < size && data[start + 1] == '\n') {
                start += 2;
            } else {
                break;
            }
        }
        if (start == size || (start + 1 == size && data[start] == '\r'))
            return {Status::NeedMore, start};
    }

    // Find the blank line that ends the head (CRLF CRLF, or bare LFs).
    const char *p = data + start;
    const qsizetype n = size - start;
    qsizetype headEnd = -1;
    qsizetype i = qMin(m_scanned, n);
    while (i < n) {
        const void *found = std::memchr(p + i, '\n', size_t(n - i));
        if (!found) {
            i = n;
            break;
        }
        const qsizetype j = static_cast<const char *>(found) - p;
        if (m_requestLineEnd < 0)
            m_requestLineEnd = j;
        if (j + 1 >= n || (p[j + 1] == '\r' && j + 2 >= n)) {
            i = j;  // undecided until the next bytes arrive
            break;
        }
        if (p[j + 1] == '\n') {
            headEnd = j + 2;
            break;
        }
        if (p[j + 1] == '\r' && p[j + 2] == '\n') {
            headEnd = j + 3;
            break;
        }
        i = j + 1;
    }

    // Reject garbage (e.g. a TLS ClientHello) at once instead of waiting for a line end.
    if (!m_methodDone) {
        const qsizetype limit = m_requestLineEnd < 0 ? n : m_requestLineEnd;
        for (qsizetype k = m_methodScanned; k < limit; ++k) {
            if (p[k] == ' ' && k > 0) {
                m_methodDone = true;
                break;
            }
            if (!is(p[k], Tchar))
                return fail(400, "Malformed request line");
        }
        m_methodScanned = limit;
    }

    const qsizetype maxHead = m_limits.maxHeaderBytes;
    const bool lineTooLong = m_requestLineEnd < 0 ? n > maxHead : m_requestLineEnd + 1 > maxHead;
    if (headEnd < 0) {
        m_scanned = i;
        if (n > maxHead)
            return lineTooLong ? fail(414, "Request line too long")
                               : fail(431, "Request header fields too large");
        return {Status::NeedMore, start};
    }
    if (headEnd > maxHead)
        return lineTooLong ? fail(414, "Request line too long")
                           : fail(431, "Request header fields too large");

    m_scanned = 0;
    m_requestLineEnd = -1;
    m_methodScanned = 0;
    m_methodDone = false;
    const Status st = parseHead(p, headEnd);
    return {st, st == Status::Error ? 0 : start + headEnd};
}

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

HttpRequestParser::Result HttpRequestParser::parseChunkSizeLine(const char *data, qsizetype size)
{
    const qsizetype lf = findLineEnd(data, size);
    if (lf < 0) {
        if (size > kMaxChunkSizeLine)
            return fail(400, "Chunk size line too long");
        return {Status::NeedMore, 0};
    }
    if (lf > kMaxChunkSizeLine)
        return fail(400, "Chunk size line too long");
    const qsizetype consumed = lf + 1;
    const char *s = data;
    const char *end = data + (lf > 0 && data[lf - 1] == '\r' ? lf - 1 : lf);

    // Overflow-safe: stop accumulating once the chunk cannot fit under the body limit.
    const quint64 room = quint64(qMax<qint64>(0, m_limits.maxBodyBytes - m_request.body.size()));
    quint64 value = 0;
    bool exceeded = false;
    const char *digits = s;
    for (; s < end && is(*s, HexDigit); ++s) {
        if (exceeded)
            continue;
        if (value > (room >> 4)) {
            exceeded = true;
            continue;
        }
        const quint64 next = (value << 4) + quint64(hexValue(*s));
        if (next > room)
            exceeded = true;
        else
            value = next;
    }
    if (s == digits)
        return fail(400, "Invalid chunk size", consumed);
    while (s < end && isOws(*s))
        ++s;
    if (s < end) {
        if (*s != ';')
            return fail(400, "Invalid chunk size", consumed);
        for (; s < end; ++s)
            if (!is(*s, ValueChar))
                return fail(400, "Invalid chunk extension", consumed);
    }
    if (exceeded) {
        refuse(413, QStringLiteral("Chunked request body exceeds the limit of %1 bytes.")
                        .arg(m_limits.maxBodyBytes));
        return {Status::Complete, consumed};
    }
    if (value == 0) {
        m_state = State::Trailers;
    } else {
        m_remaining = qint64(value);
        m_state = State::ChunkData;
    }
    return {Status::NeedMore, consumed};
}

HttpRequestParser::Result HttpRequestParser::parseTrailers(const char *data, qsizetype size)
{
    // Trailer fields are read and dropped; only their total size is limited.
    const qsizetype lf = findLineEnd(data, size);
    if (lf < 0) {
        if (m_trailerBytes + size > m_limits.maxHeaderBytes)
            return fail(431, "Trailer section too large");
        return {Status::NeedMore, 0};
    }
    const qsizetype len = lf > 0 && data[lf - 1] == '\r' ? lf - 1 : lf;
    if (len == 0) {
        m_state = State::Complete;
        return {Status::Complete, lf + 1};
    }
    m_trailerBytes += lf + 1;
    if (m_trailerBytes > m_limits.maxHeaderBytes)
        return fail(431, "Trailer section too large", lf + 1);
    return {Status::NeedMore, lf + 1};
}

} // namespace gb
