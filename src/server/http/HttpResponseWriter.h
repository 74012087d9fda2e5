#pragma once

#include "common/ResponseSink.h"

namespace gb {

class HttpConnection;

// The ResponseSink of one request on an HttpConnection: owns the response framing
// (Content-Length, chunked, or close-delimited for HTTP/1.0), HEAD, and the
// client-gone/backpressure signals. One writer per request; the connection deletes it
// (deleteLater) after end(), abort() or canceled(), so handlers keep it in a QPointer.
class HttpResponseWriter final : public ResponseSink
{
    Q_OBJECT
public:
    struct Context
    {
        bool headRequest = false;  // send headers only
        bool http11 = true;        // chunked streams on 1.1, close-delimited on 1.0
        bool keepAlive = true;     // the connection may stay open after this response
    };

    // pendingBytes() above the high-water mark arms drained(); it fires below the low one.
    static constexpr qint64 HighWaterBytes = 1024 * 1024;
    static constexpr qint64 LowWaterBytes = 256 * 1024;

    HttpResponseWriter(HttpConnection *connection, const Context &context);
    ~HttpResponseWriter() override;

    void begin(int status, const HttpHeaders &headers, qint64 contentLength) override;
    void write(const QByteArray &data) override;
    void end() override;
    void abort() override;

    bool hasBegun() const override { return m_begun; }
    bool isFinished() const override { return m_finished; }
    bool isCanceled() const override { return m_canceled; }
    qint64 pendingBytes() const override;

    // Connection side.
    void cancel();               // the client went away: canceled() once, writes dropped
    void onBytesWritten();       // drained() bookkeeping

    // A complete error response in Google's JSON envelope, for errors the engine answers itself.
    static QByteArray errorResponse(int status, const QString &message, const QByteArray &date);

private:
    enum class Framing { NoBody, Fixed, Chunked, CloseDelimited };

    void writeRaw(const QByteArray &bytes);

    HttpConnection *m_connection;  // null once finished or canceled
    Context m_context;
    Framing m_framing = Framing::NoBody;
    qint64 m_remaining = 0;        // Fixed: body bytes still owed
    bool m_begun = false;
    bool m_finished = false;
    bool m_canceled = false;
    bool m_sendBody = false;
    bool m_closeAfter = false;
    bool m_aboveHighWater = false;
};

} // namespace gb
