#include "upstream/Http1ResponseParser.h"

#include <QByteArrayMatcher>

#include <cstring>
#include <optional>
#include <utility>

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

// Calls f with each comma-separated item of a field value (untrimmed; "" gives one item).
template <typename F>
void forEachListItem(QByteArrayView list, F &&f)
{
    while (true) {
        const qsizetype comma = list.indexOf(',');
        if (comma < 0) {
            f(list);
            return;
        }
        f(list.first(comma));
        list = list.sliced(comma + 1);
    }
}

bool tokenListContains(QByteArrayView list, QByteArrayView token)
{
    bool found = false;
    forEachListItem(list, [&](QByteArrayView item) { found = found || item.trimmed().compare(token, Qt::CaseInsensitive) == 0; });
    return found;
}

// Where the blank line that ends a head starts in `text` and its length: CRLF CRLF, else
// LF LF; the search starts a few bytes before `newFrom` (the bytes added since the last
// search), so that an end split across two feeds is found. {-1, 0} while there is none.
std::pair<qsizetype, qsizetype> headEnd(QByteArrayView text, qsizetype newFrom)
{
    static const QByteArrayMatcher crlf("\r\n\r\n");
    static const QByteArrayMatcher lf("\n\n");
    if (const qsizetype end = crlf.indexIn(text, qMax<qsizetype>(0, newFrom - 3)); end >= 0)
        return {end, 4};
    if (const qsizetype end = lf.indexIn(text, qMax<qsizetype>(0, newFrom - 1)); end >= 0)
        return {end, 2};
    return {-1, 0};
}

} // namespace

bool Http1ResponseParser::takeHead(QByteArrayView head)
{
    if (!parseHead(head))
        return false;
    if (m_status < 200) {
        m_status = 0;  // interim (100 Continue...): the real head follows
        m_headers = {};
    } else if (m_framing == Framing::None || (m_framing == Framing::Length && m_remaining == 0)) {
        m_state = State::Complete;
    } else {
        m_state = State::Body;
    }
    return true;
}

Http1ResponseParser::State Http1ResponseParser::fail(const QString &why)
{
    m_error = why;
    m_state = State::Error;
    return m_state;
}

bool Http1ResponseParser::parseHead(QByteArrayView text)
{
    // One pass over views of the head: only the header names and values are copied, and the
    // fields that frame the body are read as they go by.
    qsizetype lineStart = 0;
    const auto nextLine = [&]() -> std::optional<QByteArrayView> {
        if (lineStart >= text.size())
            return std::nullopt;
        const char *nl = static_cast<const char *>(std::memchr(text.data() + lineStart, '\n', size_t(text.size() - lineStart)));
        const qsizetype end = nl ? nl - text.data() : text.size();
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
    bool close = false, keepAlive = false, chunked = false, hasLength = false, badLength = false;
    qint64 length = -1;
    while (const std::optional<QByteArrayView> next = nextLine()) {
        const QByteArrayView line = *next;
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.front() == ' ' || line.front() == '\t')
            return fail(u"malformed header line from the upstream"_s), false;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            close = close || tokenListContains(value, "close");
            keepAlive = keepAlive || tokenListContains(value, "keep-alive");
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            chunked = chunked || tokenListContains(value, "chunked");
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            // Every value of every Content-Length field must be the same number.
            hasLength = true;
            forEachListItem(value, [&](QByteArrayView item) {
                bool isNumber = false;
                const qint64 n = item.trimmed().toLongLong(&isNumber);
                if (!isNumber || n < 0 || (length >= 0 && n != length))
                    badLength = true;
                length = n;
            });
        }
        headers.add(name.toByteArray(), value.toByteArray());
    }
    m_status = status;
    m_headers = std::move(headers);
    m_keepAlive = http10 ? keepAlive : !close;

    if (m_head || status == 204 || status == 304 || status < 200) {
        m_framing = Framing::None;
    } else if (chunked) {
        m_framing = Framing::Chunked;
        m_chunk = ChunkState::Size;
    } else if (hasLength) {
        if (badLength)
            return fail(u"invalid Content-Length from the upstream"_s), false;
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
        if (m_state == State::Head && m_pending.isEmpty()) {
            // The whole head in this feed (the usual case): parsed where it lies.
            const QByteArrayView window(data + pos, qMin<qsizetype>(size - pos, kMaxHeadBytes + 4));
            const auto [end, endLength] = headEnd(window, 0);
            if (end >= 0) {
                pos += end + endLength;
                if (!takeHead(window.first(end)))
                    return m_state;
                continue;
            }
        }
        if (m_state == State::Head) {
            // Look for the blank line that ends the head, across feeds.
            const qsizetype before = m_pending.size();
            const qsizetype take = qMin<qsizetype>(size - pos, kMaxHeadBytes + 4 - before);
            m_pending.append(data + pos, take);
            const auto [end, endLength] = headEnd(m_pending, before);
            if (end < 0) {
                if (m_pending.size() > kMaxHeadBytes)
                    return fail(u"the upstream's response head is too large"_s);
                pos += take;
                continue;
            }
            pos += end + endLength - before;
            const QByteArray head = std::exchange(m_pending, {});
            if (!takeHead(QByteArrayView(head).first(end)))
                return m_state;
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
