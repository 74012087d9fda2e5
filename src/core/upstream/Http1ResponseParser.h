#pragma once

#include "common/HttpHeaders.h"

#include <QByteArray>

namespace gb {

// Parses one HTTP/1.x response from bytes as they arrive (the upstream side of the own
// HTTP/1.1 client). Framing per RFC 9112: Content-Length, chunked (trailers skipped), or
// until the connection closes; no body for HEAD, 1xx, 204 and 304. Interim 1xx responses
// are skipped. Pure: no I/O, so it is unit-tested and fuzzed on its own.
class Http1ResponseParser
{
public:
    enum class State { Head, Body, Complete, Error };

    static constexpr int kMaxHeadBytes = 64 * 1024;

    // `headRequest`: the request was HEAD (no body whatever the headers say).
    explicit Http1ResponseParser(bool headRequest = false) : m_head(headRequest) {}

    // Consumes `data`; body bytes are appended to `body`. Returns the state after it.
    // Bytes after the end of the response are left unconsumed: `consumed` says how many
    // were used (a well-behaved server sends none before the next request).
    State feed(const char *data, qsizetype size, QByteArray &body, qsizetype *consumed = nullptr);
    // The connection closed: completes a close-delimited body, otherwise an error unless
    // already complete.
    State finishOnClose();

    State state() const { return m_state; }
    bool hasHead() const { return m_state != State::Head && m_status != 0; }
    int status() const { return m_status; }
    const HttpHeaders &headers() const { return m_headers; }
    // The server keeps the connection open after this response (HTTP/1.1 without
    // "Connection: close", and a self-delimited body).
    bool keepAlive() const { return m_keepAlive; }
    QString errorString() const { return m_error; }

private:
    enum class Framing { None, Length, Chunked, UntilClose };
    enum class ChunkState { Size, Data, DataEnd, Trailer };

    bool parseHead(QByteArrayView head);
    bool takeHead(QByteArrayView head);  // parseHead, then the state it leads to
    State fail(const QString &why);

    bool m_head;
    State m_state = State::Head;
    QByteArray m_pending;  // head bytes, or a partial chunk-size/trailer line
    int m_status = 0;
    HttpHeaders m_headers;
    bool m_keepAlive = false;
    Framing m_framing = Framing::None;
    qint64 m_remaining = 0;
    ChunkState m_chunk = ChunkState::Size;
    QString m_error;
};

} // namespace gb
