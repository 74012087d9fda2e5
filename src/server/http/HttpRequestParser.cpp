// The state machine of HttpRequestParser: finding the head, then the body (fixed length
// or chunked, with trailers). Head parsing itself is in HttpRequestHeadParser.cpp.

#include "http/HttpRequestParser.h"

#include "http/HttpSyntax.h"

#include <cstring>

namespace gb {

using namespace http::syntax;

namespace {

constexpr qsizetype kMaxChunkSizeLine = 4096;  // chunk size + extensions

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
