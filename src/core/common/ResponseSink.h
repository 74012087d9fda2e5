#pragma once

#include "common/HttpHeaders.h"

#include <QObject>

namespace gb {

// Where a handler writes its HTTP response. The HTTP front end implements it; core code
// (the relay, the admin API) only ever sees this interface, so the front end can change
// (own HTTP/1.1 server today, QHttpServer on a newer Qt) without touching core.
//
// Life cycle: begin() once, write() any number of times, then end() or abort().
// The sink may be deleted by the front end after end()/abort(), or after canceled():
// hold it in a QPointer if you keep it across event-loop turns.
class ResponseSink : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    static constexpr qint64 Streamed = -1;

    // Starts the response. With contentLength >= 0 the body has exactly that many bytes;
    // with Streamed the body is sent as it comes (chunked for HTTP/1.1 clients,
    // close-delimited for HTTP/1.0). Never put Content-Length or Transfer-Encoding
    // in headers: the sink owns the framing.
    virtual void begin(int status, const HttpHeaders &headers, qint64 contentLength) = 0;
    virtual void write(const QByteArray &data) = 0;
    // Completes the response; the connection stays usable for the next request.
    virtual void end() = 0;
    // Ends the response abnormally: the connection is closed without completing the
    // framing, so the client sees a truncated response instead of a falsely complete one.
    virtual void abort() = 0;

    virtual bool hasBegun() const = 0;
    virtual bool isFinished() const = 0;
    // True once the client has gone (disconnected or reset): writes are dropped.
    virtual bool isCanceled() const = 0;
    // Bytes accepted by write() but not yet handed to the operating system.
    virtual qint64 pendingBytes() const = 0;

    // Convenience: a complete response in one call.
    void send(int status, const HttpHeaders &headers, const QByteArray &body)
    {
        begin(status, headers, body.size());
        if (!body.isEmpty())
            write(body);
        end();
    }

signals:
    // The client went away before end(): stop producing (abort the upstream call).
    void canceled();
    // pendingBytes() dropped below the front end's low-water mark: write more.
    void drained();
};

} // namespace gb
