#pragma once

#include "upstream/Http1ResponseParser.h"
#include "upstream/HttpTarget.h"
#include "upstream/UpstreamReply.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSet>

#include <memory>

class QTcpSocket;
class QTimer;

namespace gb {

class Http1Client;
class Http1Connection;
class WriteBatch;

// A reply of Http1Client.
class Http1Reply final : public UpstreamReply
{
    Q_OBJECT
public:
    ~Http1Reply() override;

    int status() const override { return m_parser.status(); }
    QByteArray contentType() const override { return m_parser.headers().value("content-type"); }
    const HttpHeaders &headers() const { return m_parser.headers(); }
    qint64 bytesAvailable() const override { return m_body.size(); }
    QByteArray read(qint64 maxSize) override;
    QByteArray readAll() override;
    void setReadBufferSize(qint64 size) override { m_readBufferSize = size; }
    bool isRunning() const override { return !m_finished; }
    void abort() override;
    Error error() const override { return m_error; }
    QString errorString() const override { return m_errorString; }
    QByteArray protocol() const override { return QByteArrayLiteral("HTTP/1.1"); }
    QString proxy() const override { return {}; }

private:
    friend class Http1Client;
    friend class Http1Connection;
    Http1Reply(Http1Client *client, QByteArray origin, QByteArray request, int timeoutMs, bool headRequest);

    bool wantsMore() const { return m_readBufferSize <= 0 || m_body.size() < m_readBufferSize; }
    void finish(Error error, const QString &why);

    QPointer<Http1Client> m_client;
    QByteArray m_origin;        // host:port
    QByteArray m_request;       // the serialized request, kept for one retry on a stale connection
    int m_timeoutMs;
    Http1ResponseParser m_parser;
    QByteArray m_body;          // received, not yet read
    qint64 m_readBufferSize = 0;
    Http1Connection *m_connection = nullptr;
    bool m_finished = false;
    bool m_retried = false;
    Error m_error = Error::None;
    QString m_errorString;
};

// GemBalance's own HTTP/1.1 client for plain http:// upstreams (tests, benchmarks, a local
// gateway): keep-alive connections pooled per host:port, as many in parallel as there are
// requests (up to maxConnectionsPerOrigin, then they queue), each read in as few system
// calls as the kernel allows. Qt 6.4's client caps HTTP/1.1 at 6 connections per host and
// reads a response head in many small pieces; this one does neither. HTTPS, HTTP/2 and
// proxies stay with QNetworkAccessManager (UpstreamPool decides).
// Lives on the proxy thread.
class Http1Client : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray verb = "POST";
        HttpTarget to;            // host, port, /path?query
        HttpHeaders headers;      // Host, Content-Length and Connection are set here
        QByteArray body;
        int timeoutMs = 300'000;  // connect, and then inactivity
    };

    explicit Http1Client(QObject *parent = nullptr);
    ~Http1Client() override;

    void setMaxConnectionsPerOrigin(int n) { m_maxPerOrigin = qMax(1, n); }
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }
    // Requests are flushed at the end of the event that sent them, and the events of the
    // connections (an answer arriving) are Scopes of it (not owned; null: Qt's next pass).
    void setWriteBatch(WriteBatch *batch) { m_writeBatch = batch; }

    // Starts the request; the caller owns the reply (deleteLater it when done).
    Http1Reply *send(const Request &request);

    int openConnections() const;
    int liveReplies() const { return m_liveReplies; }  // sent and not deleted yet
    int idleConnections() const;
    int queuedRequests() const;

private:
    friend class Http1Connection;
    friend class Http1Reply;

    struct Origin
    {
        QString host;
        quint16 port = 80;
        QList<Http1Connection *> idle;  // most recently used last
        int active = 0;
        QQueue<QPointer<Http1Reply>> waiting;
    };

    void dispatch(Http1Reply *reply, bool allowReuse);
    void connectionDone(Http1Connection *connection, bool reusable);
    void replyGone(Http1Reply *reply);
    void sweepIdle();

    QHash<QByteArray, Origin> m_origins;
    QSet<Http1Connection *> m_connections;  // every live connection, busy or idle
    QSet<Http1Connection *> m_doomed;       // closed, deleted on the next event-loop turn
    void retire(Http1Connection *connection);
    WriteBatch *m_writeBatch = nullptr;
    int m_maxPerOrigin = 512;
    int m_idleTimeoutMs = 30'000;
    int m_liveReplies = 0;
    QTimer *m_sweep;
};

} // namespace gb
