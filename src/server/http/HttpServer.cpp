#include "http/HttpServer.h"

#include "common/LogCategories.h"
#include "http/HttpConnection.h"

#include <QDateTime>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cstdio>
#include <memory>
#if defined(Q_OS_WIN)
#include <winsock2.h>
#else
#include <unistd.h>
#endif
#include <utility>

namespace gb {

namespace {

constexpr int kLingerMs = 2000;
constexpr int kAcceptRetryMs = 100;

QByteArray formatHttpDate(qint64 secsSinceEpoch)
{
    static const char days[7][4] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromSecsSinceEpoch(secsSinceEpoch, Qt::UTC);
    const QDate d = t.date();
    const QTime tm = t.time();
    char buf[40];
    const int n = std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                days[qBound(1, d.dayOfWeek(), 7) - 1], d.day(),
                                months[qBound(1, d.month(), 12) - 1], d.year(), tm.hour(), tm.minute(),
                                tm.second());
    return QByteArray(buf, qBound(0, n, int(sizeof buf) - 1));
}

// A plain listener that offers each accepted descriptor to the dispatch first.
class DispatchingTcpServer : public QTcpServer
{
public:
    DispatchingTcpServer(const HttpServer::Dispatch &dispatch, QObject *parent)
        : QTcpServer(parent), m_dispatch(dispatch)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (m_dispatch && m_dispatch(descriptor))
            return;
        QTcpServer::incomingConnection(descriptor);
    }

private:
    const HttpServer::Dispatch &m_dispatch;  // the server's member: it outlives its listener
};

void closeDescriptor(qintptr descriptor)
{
#if defined(Q_OS_WIN)
    ::closesocket(SOCKET(descriptor));
#else
    ::close(int(descriptor));
#endif
}

} // namespace

HttpServer::HttpServer(Handler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler)), m_sweepTimer(new QTimer(this))
{
    m_clock.start();
    createListener(false);
    connect(m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
    updateSweepInterval();
}

void HttpServer::createListener(bool tls)
{
    delete std::exchange(m_tcpServer, nullptr);
    m_listenerIsTls = tls;
    if (tls) {
        // QSslServer hands over a connection (nextPendingConnection) only once its
        // handshake is done; until then it owns the socket and drops it on a handshake
        // error, on bytes that are not a TLS ClientHello (e.g. plain HTTP), or when the
        // handshake timeout runs out.
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(*m_tls);
        ssl->setHandshakeTimeout(qMax(1, m_limits.tlsHandshakeTimeoutMs));
        connect(ssl, &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError error) {
            if (!socket->isEncrypted())
                qCDebug(lcHttp) << "TLS handshake with" << socket->peerAddress() << "failed:" << error;
        });
        m_tcpServer = ssl;
    } else {
        m_tcpServer = new DispatchingTcpServer(m_dispatch, this);
    }
    // newConnection() tells of a TCP connection; over TLS it is not available before its
    // handshake, and pendingConnectionAvailable() (Qt 6.4) tells when it is.
    if (tls)
        connect(m_tcpServer, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::onNewConnection);
    else
        connect(m_tcpServer, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    connect(m_tcpServer, &QTcpServer::acceptError, this, &HttpServer::onAcceptError);
}

HttpServer::~HttpServer()
{
    close();
    // Delete the connections while this object's members are still alive.
    const auto children = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(children);
}

void HttpServer::setLimits(const HttpServerLimits &limits)
{
    m_limits = limits;
    updateSweepInterval();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tcpServer->isListening())
        m_tcpServer->close();
    createListener(m_tls.has_value());
    m_tcpServer->setListenBacklogSize(qMax(1, m_limits.listenBacklog));
    m_tcpServer->setMaxPendingConnections(qMax(30, m_limits.listenBacklog));
    if (!m_tcpServer->listen(address, port)) {
        qCWarning(lcHttp) << "Cannot listen on" << address << port << m_tcpServer->errorString();
        return false;
    }
    qCDebug(lcHttp) << "Listening on" << m_tcpServer->serverAddress() << m_tcpServer->serverPort()
                    << (m_listenerIsTls ? "(https)" : "(http)");
    return true;
}

void HttpServer::close()
{
    m_tcpServer->close();
    const QList<QPointer<HttpConnection>> connections = m_connections;
    for (const QPointer<HttpConnection> &c : connections)
        if (c)
            c->closeNow();
}

bool HttpServer::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_tcpServer->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_tcpServer->serverAddress();
}

QString HttpServer::errorString() const
{
    return m_tcpServer->errorString();
}

int HttpServer::connectionCount() const
{
    return int(m_connections.size());
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection())
        addConnection(socket);
}

void HttpServer::adopt(qintptr descriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcHttp) << "Cannot take over an accepted connection:" << socket->errorString();
        delete socket;
        closeDescriptor(descriptor);
        return;
    }
    addConnection(socket);
}

void HttpServer::adoptLater(qintptr descriptor)
{
    // Owns the descriptor until adopt() takes it; dropped with the call if this server goes.
    struct Pending
    {
        qintptr descriptor = -1;
        ~Pending()
        {
            if (descriptor >= 0)
                closeDescriptor(descriptor);
        }
    };
    auto pending = std::make_shared<Pending>();
    pending->descriptor = descriptor;
    QMetaObject::invokeMethod(
        this, [this, pending] { adopt(std::exchange(pending->descriptor, -1)); }, Qt::QueuedConnection);
}

void HttpServer::addConnection(QTcpSocket *socket)
{
    auto *connection = new HttpConnection(socket, this);
    connection->setServerIndex(int(m_connections.size()));
    m_connections.append(connection);
    if (!m_sweepTimer->isActive())
        m_sweepTimer->start();
    connection->start();  // may finish at once if the peer is already gone
    emit connectionCountChanged(connectionCount());
}

void HttpServer::onAcceptError()
{
    // QTcpServer pauses accepting on a non-temporary error (e.g. out of file
    // descriptors); retry shortly instead of going deaf for good.
    qCWarning(lcHttp) << "Accept failed:" << m_tcpServer->errorString();
    QTimer::singleShot(kAcceptRetryMs, this, [this] {
        if (m_tcpServer->isListening())
            m_tcpServer->resumeAccepting();
    });
}

void HttpServer::onConnectionClosed(HttpConnection *connection)
{
    qsizetype i = connection->serverIndex();
    if (i < 0 || i >= m_connections.size() || m_connections.at(i) != connection)
        i = m_connections.indexOf(connection);
    if (i < 0)
        return;
    const QPointer<HttpConnection> last = m_connections.takeLast();
    if (i < m_connections.size()) {
        m_connections[i] = last;
        if (last)
            last->setServerIndex(int(i));
    }
    connection->setServerIndex(-1);
    if (m_connections.isEmpty())
        m_sweepTimer->stop();
    emit connectionCountChanged(connectionCount());
}

void HttpServer::sweep()
{
    const qint64 now = nowMs();
    // Backwards: a connection that closes is swapped with the last one, already visited.
    for (qsizetype i = m_connections.size() - 1; i >= 0; --i) {
        if (i >= m_connections.size())
            continue;
        if (HttpConnection *c = m_connections.at(i).data())
            c->checkDeadline(now);
    }
}

void HttpServer::updateSweepInterval()
{
    int shortest = kLingerMs;
    for (int t : {m_limits.idleTimeoutMs, m_limits.requestTimeoutMs})
        if (t > 0)
            shortest = qMin(shortest, t);
    m_sweepTimer->setInterval(qBound(10, shortest / 8, 500));
}

const QByteArray &HttpServer::httpDate() const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != m_dateSecond) {
        m_dateSecond = now;
        m_date = formatHttpDate(now);
    }
    return m_date;
}

} // namespace gb
