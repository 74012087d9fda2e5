#pragma once

#include "http/HttpRequest.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include <optional>

#include <functional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace gb {

class ResponseSink;
class HttpConnection;
class WriteBatch;

struct HttpServerLimits
{
    qint64 maxBodyBytes = 32LL * 1024 * 1024;  // larger bodies: 413, refused before upload
    int maxHeaderBytes = 64 * 1024;            // request line + headers: 431 (414 for the line)
    int maxHeaderCount = 200;
    int idleTimeoutMs = 120'000;               // keep-alive connection with no request in progress
    int requestTimeoutMs = 60'000;             // a started request whose head/body does not complete
    int listenBacklog = 1024;
    int maxPipelinedBytes = 1024 * 1024;       // buffered bytes of later requests while one is in flight
    int tlsHandshakeTimeoutMs = 10'000;        // https: a client that does not finish its TLS handshake is dropped
};

// A small HTTP/1.1 server on QTcpServer (or QSslServer for https): keep-alive, in-order pipelining, chunked
// request and response bodies, Expect: 100-continue, body/header limits enforced before
// the body is read, idle and request timeouts, and a clean signal when a client goes.
// Lives in (and must be used from) one thread; every connection is served on that thread.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    // Called once per complete request, on the server's thread. The handler must finish
    // the response through the sink (now or later): send()/begin..end()/abort().
    using Handler = std::function<void(HttpRequest &&request, ResponseSink *sink)>;

    explicit HttpServer(Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    // Looks at the head of a request that has a body, before the body is read (and before
    // "100 Continue"). A non-zero status refuses it: the body is not read, the handler gets
    // the request with refusalStatus/refusalMessage set, and the connection closes after
    // the answer. Used to turn clients away under overload without buffering their bodies.
    struct Refusal
    {
        int status = 0;
        QString message;
    };
    using HeadScreen = std::function<Refusal(const HttpRequest &head)>;
    void setHeadScreen(HeadScreen screen) { m_headScreen = std::move(screen); }

    // Before listen(): writes of a response (and whatever else goes out while a client's
    // bytes are handled) are flushed at the end of the event that caused them (not owned;
    // the same batch as the upstream client's; null: on Qt's next event-loop pass).
    void setWriteBatch(WriteBatch *batch) { m_writeBatch = batch; }
    WriteBatch *writeBatch() const { return m_writeBatch; }

    void setLimits(const HttpServerLimits &limits);  // applies to new requests
    const HttpServerLimits &limits() const { return m_limits; }

    // Before listen(): serve https with this configuration (local certificate and private
    // key set), or plain http when none (the default). Applies at the next listen().
    void setTlsConfiguration(std::optional<QSslConfiguration> tls) { m_tls = std::move(tls); }
    bool isTls() const { return m_listenerIsTls; }

    bool listen(const QHostAddress &address, quint16 port);
    void close();  // stops listening and closes every connection
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;

    int connectionCount() const;

    // Before listen(): who serves each plain-http connection accepted here. Given the
    // accepted socket descriptor, it returns true when it took the connection over (another
    // event loop's server adopts it), false to serve it here. Not used over https.
    using Dispatch = std::function<bool(qintptr descriptor)>;
    void setDispatch(Dispatch dispatch) { m_dispatch = std::move(dispatch); }
    // Serves a connection another server accepted (its dispatch); on this server's thread.
    void adopt(qintptr descriptor);
    // The same from any thread: posted to this server's thread. A connection the server
    // never adopts (it was deleted first) is closed.
    void adoptLater(qintptr descriptor);

signals:
    void connectionCountChanged(int count);

private:
    friend class HttpConnection;
    void createListener(bool tls);
    void onNewConnection();
    void onConnectionClosed(HttpConnection *connection);
    void onAcceptError();
    void sweep();
    void updateSweepInterval();
    qint64 nowMs() const { return m_clock.elapsed(); }
    const QByteArray &httpDate() const;  // RFC 9110 IMF-fixdate, formatted once per second

    void addConnection(QTcpSocket *socket);

    Handler m_handler;
    HeadScreen m_headScreen;
    Dispatch m_dispatch;
    HttpServerLimits m_limits;
    WriteBatch *m_writeBatch = nullptr;
    std::optional<QSslConfiguration> m_tls;
    QTcpServer *m_tcpServer = nullptr;  // a QSslServer when m_listenerIsTls
    bool m_listenerIsTls = false;
    QList<QPointer<HttpConnection>> m_connections;
    QTimer *m_sweepTimer = nullptr;  // one timer runs every connection's deadlines
    QElapsedTimer m_clock;
    mutable qint64 m_dateSecond = -1;
    mutable QByteArray m_date;
};

} // namespace gb
