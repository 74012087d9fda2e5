#include "upstream/Http1ResponseParser.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr int kMaxLineBytes = 8 * 1024;

bool parseHex(const QByteArray &text, qint64 *value)
{
    if (text.isEmpty() || text.size() > 15)
        return false;
    qint64 v = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return false;
        v = v * 16 + digit;
    }
    *value = v;
    return true;
}

bool tokenListContains(QByteArrayView list, QByteArrayView token)
{
    while (!list.isEmpty()) {
        qsizetype comma = list.indexOf(',');
        if (comma < 0)
            comma = list.size();
        if (list.first(comma).trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
        list = list.sliced(qMin(comma + 1, list.size()));
    }
    return false;
}
} // namespace

Http1ResponseParser::State Http1ResponseParser::fail(const QString &why)
{
    m_error = why;
    m_state = State::Error;
    return m_state;
}

bool Http1ResponseParser::parseHead(const QByteArray &head)
{
    // Line by line over views of `head`: only the header names and values are copied.
    const QByteArrayView text(head);
    qsizetype lineStart = 0;
    const auto nextLine = [&]() -> std::optional<QByteArrayView> {
        if (lineStart >= text.size())
            return std::nullopt;
        qsizetype end = text.indexOf('\n', lineStart);
        if (end < 0)
            end = text.size();
        QByteArrayView line = text.sliced(lineStart, end - lineStart);
        lineStart = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        return line;
    };
    const QByteArrayView statusLine = nextLine().value_or(QByteArrayView());
    // HTTP/1.x SP 3DIGIT [SP reason]
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine[8] != ' ')
        return fail(u"malformed status line from the upstream"_s), false;
    bool ok = false;
    const int status = statusLine.sliced(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 599)
        return fail(u"malformed status code from the upstream"_s), false;
    const bool http10 = statusLine[7] == '0';
    HttpHeaders headers;
    while (const std::optional<QByteArrayView> next = nextLine()) {
        const QByteArrayView line = *next;
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.front() == ' ' || line.front() == '\t')
            return fail(u"malformed header line from the upstream"_s), false;
        headers.add(line.first(colon).trimmed().toByteArray(), line.sliced(colon + 1).trimmed().toByteArray());
    }
    m_status = status;
    m_headers = std::move(headers);
    const QByteArray connection = m_headers.combinedValue("connection");
    m_keepAlive = http10 ? tokenListContains(connection, "keep-alive") : !tokenListContains(connection, "close");

    if (m_head || status == 204 || status == 304 || status < 200) {
        m_framing = Framing::None;
    } else if (tokenListContains(m_headers.combinedValue("transfer-encoding"), "chunked")) {
        m_framing = Framing::Chunked;
        m_chunk = ChunkState::Size;
    } else if (m_headers.contains("content-length")) {
        const QList<QByteArray> values = m_headers.combinedValue("content-length").split(',');
        qint64 length = -1;
        for (const QByteArray &v : values) {
            bool isNumber = false;
            const qint64 n = v.trimmed().toLongLong(&isNumber);
            if (!isNumber || n < 0 || (length >= 0 && n != length))
                return fail(u"invalid Content-Length from the upstream"_s), false;
            length = n;
        }
        m_framing = Framing::Length;
        m_remaining = length;
    } else {
        m_framing = Framing::UntilClose;
        m_keepAlive = false;
    }
    return true;
}

Http1ResponseParser::State Http1ResponseParser::feed(const char *data, qsizetype size, QByteArray &body,
                                                     qsizetype *consumed)
{
    qsizetype pos = 0;
    // Every exit reports how far it got, errors included.
    struct Report
    {
        qsizetype *out;
        const qsizetype &pos;
        ~Report()
        {
            if (out)
                *out = pos;
        }
    } report{consumed, pos};
    while (pos < size && (m_state == State::Head || m_state == State::Body)) {
        if (m_state == State::Head) {
            // Look for the blank line that ends the head, across feeds.
            const qsizetype before = m_pending.size();
            const qsizetype take = qMin<qsizetype>(size - pos, kMaxHeadBytes + 4 - before);
            m_pending.append(data + pos, take);
            const qsizetype searchFrom = qMax<qsizetype>(0, before - 3);
            qsizetype end = m_pending.indexOf("\r\n\r\n", searchFrom);
            qsizetype endLength = 4;
            if (end < 0) {
                end = m_pending.indexOf("\n\n", qMax<qsizetype>(0, before - 1));
                endLength = 2;
            }
            if (end < 0) {
                if (m_pending.size() > kMaxHeadBytes)
                    return fail(u"the upstream's response head is too large"_s);
                pos += take;
                continue;
            }
            const qsizetype headEnd = end + endLength;
            pos += headEnd - before;
            const QByteArray head = m_pending.left(end);
            m_pending.clear();
            if (!parseHead(head))
                return m_state;
            if (m_status < 200) {
                m_status = 0;  // interim (100 Continue...): the real head follows
                m_headers = {};
                continue;
            }
            if (m_framing == Framing::None || (m_framing == Framing::Length && m_remaining == 0))
                m_state = State::Complete;
            else
                m_state = State::Body;
            continue;
        }
        // Body.
        switch (m_framing) {
        case Framing::Length: {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, size - pos));
            body.append(data + pos, n);
            pos += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::Complete;
            break;
        }
        case Framing::UntilClose:
            body.append(data + pos, size - pos);
            pos = size;
            break;
        case Framing::Chunked: {
            if (m_chunk == ChunkState::Data) {
                const qsizetype n = qsizetype(qMin<qint64>(m_remaining, size - pos));
                body.append(data + pos, n);
                pos += n;
                m_remaining -= n;
                if (m_remaining == 0)
                    m_chunk = ChunkState::DataEnd;
                break;
            }
            // A line: chunk size, the CRLF after data, or a trailer line.
            const char *nl = static_cast<const char *>(memchr(data + pos, '\n', size_t(size - pos)));
            if (!nl) {
                m_pending.append(data + pos, size - pos);
                pos = size;
                if (m_pending.size() > kMaxLineBytes)
                    return fail(u"malformed chunked body from the upstream"_s);
                break;
            }
            const qsizetype lineEnd = nl - data;
            m_pending.append(data + pos, lineEnd - pos);
            pos = lineEnd + 1;
            QByteArray line = std::exchange(m_pending, {});
            if (line.endsWith('\r'))
                line.chop(1);
            if (m_chunk == ChunkState::DataEnd) {
                if (!line.isEmpty())
                    return fail(u"malformed chunked body from the upstream"_s);
                m_chunk = ChunkState::Size;
            } else if (m_chunk == ChunkState::Size) {
                const qsizetype semicolon = line.indexOf(';');
                qint64 chunkSize = 0;
                if (!parseHex((semicolon >= 0 ? line.left(semicolon) : line).trimmed(), &chunkSize))
                    return fail(u"malformed chunk size from the upstream"_s);
                if (chunkSize == 0) {
                    m_chunk = ChunkState::Trailer;
                } else {
                    m_remaining = chunkSize;
                    m_chunk = ChunkState::Data;
                }
            } else {  // Trailer: lines until an empty one
                if (line.isEmpty())
                    m_state = State::Complete;
            }
            break;
        }
        case Framing::None:
            m_state = State::Complete;
            break;
        }
    }
    return m_state;
}

Http1ResponseParser::State Http1ResponseParser::finishOnClose()
{
    if (m_state == State::Body && m_framing == Framing::UntilClose) {
        m_state = State::Complete;
        return m_state;
    }
    if (m_state == State::Head || m_state == State::Body)
        return fail(m_state == State::Head && m_pending.isEmpty() && m_status == 0
                        ? u"the upstream closed the connection without answering"_s
                        : u"the upstream closed the connection in the middle of its answer"_s);
    return m_state;
}

} // namespace gb
