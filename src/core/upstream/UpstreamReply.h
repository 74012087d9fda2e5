#pragma once

#include "common/HttpHeaders.h"

#include <QObject>
#include <QString>

namespace gb {

// One upstream exchange as the relay sees it, whoever carries it: GemBalance's own
// HTTP/1.1 client (plain http:// upstreams, direct) or Qt's QNetworkAccessManager (HTTPS
// with HTTP/2, proxies). Lives on the proxy thread; the owner deleteLater()s it.
class UpstreamReply : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,
        Timeout,       // no progress within the transfer timeout
        Canceled,      // abort() was called
        Proxy,         // the proxy refused, failed or is unreachable
        Network,       // connection refused/reset/closed early, DNS, TLS, malformed answer
    };

    using QObject::QObject;

    // 0 until the response head arrived.
    virtual int status() const = 0;
    virtual QByteArray contentType() const = 0;
    virtual qint64 bytesAvailable() const = 0;
    virtual QByteArray read(qint64 maxSize) = 0;
    virtual QByteArray readAll() = 0;
    // Bytes buffered before reading pauses (the relay applies backpressure with it).
    virtual void setReadBufferSize(qint64 size) = 0;
    virtual bool isRunning() const = 0;
    virtual void abort() = 0;
    virtual Error error() const = 0;
    virtual QString errorString() const = 0;
    // "HTTP/2" or "HTTP/1.1"; empty until known.
    virtual QByteArray protocol() const = 0;
    // The proxy the exchange went through (scheme://host:port, credentials never), "" = direct.
    virtual QString proxy() const = 0;

signals:
    void readyRead();
    // Once, after the response is complete or failed (error() says which).
    void finished();
};

} // namespace gb
