#pragma once

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QList>

#include <memory>

namespace gb {

// Cuts an upstream stream into whole units (SSE events, JSON array elements) so the relay
// forwards only complete units, byte for byte. If the upstream dies mid-unit, the partial
// unit is dropped and a well-formed error unit is appended instead: the client never sees
// a torn event or a second answer spliced in.
class StreamFramer
{
public:
    virtual ~StreamFramer() = default;

    // Takes more upstream bytes; returns the bytes that complete whole units (maybe none).
    virtual QByteArray feed(const QByteArray &data) = 0;
    // The upstream ended cleanly: returns whatever is still held (a final "]", trailing
    // whitespace, or an unterminated last event, forwarded as the upstream sent it).
    virtual QByteArray finish() = 0;
    // An error unit to append after what feed() returned, in this stream's format.
    // `errorJson` is a complete {"error":{...}} object.
    virtual QByteArray errorUnit(const QByteArray &errorJson) const = 0;
    // Bytes held back (an incomplete unit).
    virtual qsizetype pendingSize() const = 0;
    // Whether what was forwarded ends the way a whole stream ends. Qt may report a cut
    // connection as a clean end, so the relay checks this before calling a stream done.
    virtual bool isComplete() const = 0;
};

// text/event-stream: a unit ends with a blank line (CRLF, LF or CR line ends, as the SSE
// specification allows, also split across reads).
// Complete once an event carrying one of `finalMarkers` went through (Gemini's last chunk
// has "finishReason"; a blocked prompt "blockReason"; an error event "error").
class SseFramer final : public StreamFramer
{
public:
    explicit SseFramer(QList<QByteArray> finalMarkers = {"\"finishReason\"", "\"blockReason\"", "\"error\""});
    QByteArray feed(const QByteArray &data) override;
    QByteArray finish() override;
    QByteArray errorUnit(const QByteArray &errorJson) const override;
    qsizetype pendingSize() const override { return m_buffer.size(); }
    bool isComplete() const override;

private:
    QList<QByteArray> m_finalMarkers;
    // One matcher per marker, built once: QByteArray::contains builds its skip table again
    // at every call (~3,000 instructions, three times for every relayed event).
    QList<QByteArrayMatcher> m_finalMatchers;
    bool m_sawFinal = false;
    QByteArray m_buffer;
    bool m_atLineStart = true;
    bool m_pendingCR = false;
    bool m_boundaryAtCR = false;
};

// Gemini's JSON-array stream: "[" element ("," element)* "]". A unit ends where an element
// ends (depth back to the array), tracking strings and escapes.
class JsonArrayFramer final : public StreamFramer
{
public:
    QByteArray feed(const QByteArray &data) override;
    QByteArray finish() override;
    QByteArray errorUnit(const QByteArray &errorJson) const override;
    qsizetype pendingSize() const override { return m_buffer.size(); }
    bool isComplete() const override { return m_closed; }

private:
    QByteArray m_buffer;
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    bool m_closed = false;     // the final ']' was seen
    bool m_anyElement = false; // an element has been forwarded
};

} // namespace gb
