#include "relay/StreamFramer.h"

#include "common/LineEnds.h"

namespace gb {

// --- SSE -------------------------------------------------------------------------

SseFramer::SseFramer(QList<QByteArray> finalMarkers) : m_finalMarkers(std::move(finalMarkers))
{
    for (const QByteArray &marker : std::as_const(m_finalMarkers))
        m_finalMatchers.append(QByteArrayMatcher(marker));
}

QByteArray SseFramer::feed(const QByteArray &data)
{
    const qsizetype base = m_buffer.size();
    qsizetype boundary = -1;
    // The state in locals (a member store per byte otherwise: `data` is char, which may alias
    // them), and runs without CR or LF skipped with memchr: they leave the same state as one byte.
    bool pendingCR = m_pendingCR, atLineStart = m_atLineStart, boundaryAtCR = m_boundaryAtCR;
    const char *const p = data.constData();
    const qsizetype n = data.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        if (pendingCR && c == '\n') {  // the LF of a CRLF whose CR was already counted
            pendingCR = false;
            if (boundaryAtCR)
                boundary = base + i + 1;
            continue;
        }
        pendingCR = false;
        if (c == '\r' || c == '\n') {
            if (atLineStart) {  // an empty line: the event is complete
                boundary = base + i + 1;
                boundaryAtCR = c == '\r';
            } else {
                boundaryAtCR = false;
            }
            atLineStart = true;
            pendingCR = c == '\r';
            continue;
        }
        atLineStart = false;
        boundaryAtCR = false;
        i = nextLineEnd(p, i, n) - 1;  // the last byte before the next CR or LF (or the end)
    }
    m_pendingCR = pendingCR;
    m_atLineStart = atLineStart;
    m_boundaryAtCR = boundaryAtCR;
    m_buffer += data;
    if (boundary < 0)
        return {};
    QByteArray out = m_buffer.left(boundary);
    m_buffer.remove(0, boundary);
    for (qsizetype i = 0; i < m_finalMatchers.size() && !m_sawFinal; ++i)
        m_sawFinal = m_finalMatchers.at(i).indexIn(out) >= 0;
    return out;
}

QByteArray SseFramer::finish()
{
    return std::exchange(m_buffer, {});
}

bool SseFramer::isComplete() const
{
    const QByteArray rest = m_buffer.trimmed();
    if (rest.isEmpty())
        return m_sawFinal;
    // A last event without its blank line: whole if it is a final event that parses to its end.
    if (!rest.endsWith('}'))
        return false;
    for (const QByteArray &marker : m_finalMarkers)
        if (rest.contains(marker))
            return true;
    return false;
}

QByteArray SseFramer::errorUnit(const QByteArray &errorJson) const
{
    // A torn event is dropped by the relay, so this starts on a fresh line.
    return QByteArrayLiteral("data: ") + errorJson + QByteArrayLiteral("\r\n\r\n");
}

// --- JSON array ----------------------------------------------------------------------

QByteArray JsonArrayFramer::feed(const QByteArray &data)
{
    const qsizetype base = m_buffer.size();
    qsizetype boundary = -1;
    for (qsizetype i = 0; i < data.size() && !m_closed; ++i) {
        const char c = data[i];
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            continue;
        }
        switch (c) {
        case '"':
            m_inString = true;
            break;
        case '{':
        case '[':
            ++m_depth;
            break;
        case '}':
        case ']':
            if (m_depth > 0)
                --m_depth;
            if (m_depth == 1) {  // an element of the top-level array is complete
                boundary = base + i + 1;
                m_anyElement = true;
            } else if (m_depth == 0) {  // the array itself is complete
                boundary = base + i + 1;
                m_closed = true;
            }
            break;
        default:
            break;
        }
    }
    m_buffer += data;
    if (m_closed) {  // forward everything, including trailing whitespace
        boundary = m_buffer.size();
    }
    if (boundary < 0)
        return {};
    QByteArray out = m_buffer.left(boundary);
    m_buffer.remove(0, boundary);
    return out;
}

QByteArray JsonArrayFramer::finish()
{
    return std::exchange(m_buffer, {});
}

QByteArray JsonArrayFramer::errorUnit(const QByteArray &errorJson) const
{
    if (m_closed)
        return {};
    return (m_anyElement ? QByteArrayLiteral(",\r\n") : QByteArrayLiteral("[")) + errorJson + QByteArrayLiteral("\n]");
}

} // namespace gb
