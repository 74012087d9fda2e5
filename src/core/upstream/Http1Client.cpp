#include "upstream/Http1Client.h"

#include "common/ByteWriter.h"
#include "common/LogCategories.h"
#include "common/WriteBatch.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr qint64 kSocketReadBuffer = 256 * 1024;  // beyond it the kernel holds the upstream back

QByteArray originKey(const QString &host, quint16 port)
{
    return host.toUtf8() + ':' + QByteArray::number(port);
}

bool isFramingHeader(QByteArrayView name)
{
    for (const char *framing : {"host", "content-length", "connection", "transfer-encoding"})
        if (name.compare(framing, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// The request as bytes, written into one allocation (this runs for every call).
QByteArray serialize(const Http1Client::Request &request, const QString &host, quint16 port)
{
    const QByteArray hostBytes = host.toUtf8();
    qsizetype estimate = 128 + request.verb.size() + request.to.target.size() + hostBytes.size() + request.body.size();
    for (const auto &[name, value] : request.headers.fields())
        estimate += name.size() + value.size() + 4;
    ByteWriter out(estimate);
    out << request.verb << ' ' << request.to.target << " HTTP/1.1\r\nHost: ";
    const bool ipv6 = host.contains(u':');
    if (ipv6)
        out << '[';
    out << hostBytes;
    if (ipv6)
        out << ']';
    if (port != 80)
        (out << ':').number(port);
    out << "\r\n";
    for (const auto &[name, value] : request.headers.fields()) {
        if (isFramingHeader(name))
            continue;
        out << name << ": " << value << "\r\n";
    }
    if (!request.body.isEmpty() || request.verb == "POST" || request.verb == "PUT" || request.verb == "PATCH") {
        out << "Content-Length: ";
        out.number(request.body.size()) << "\r\n";
    }
    out << "\r\n" << request.body;
    return out.take();
}
} // namespace

// One keep-alive connection to an origin; serves one reply at a time.
class Http1Connection
{
public:
    Http1Connection(Http1Client *client, QByteArray origin, const QString &host, quint16 port)
        : m_client(client), m_origin(std::move(origin)), m_socket(new QTcpSocket), m_timer(new QTimer)
    {
        m_socket->setReadBufferSize(kSocketReadBuffer);
        m_clock.start();
        m_timer->setSingleShot(true);
        QObject::connect(m_socket, &QTcpSocket::connected, m_socket, [this] {
            const WriteBatch::Scope batch(m_client->m_writeBatch);
            m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (m_reply)
                writeRequest();
        });
        QObject::connect(m_socket, &QTcpSocket::readyRead, m_socket, [this] {
            const WriteBatch::Scope batch(m_client->m_writeBatch);
            onReadyRead();
        });
        QObject::connect(m_socket, &QTcpSocket::disconnected, m_socket, [this] { onClosed(QString()); });
        QObject::connect(m_socket, &QTcpSocket::errorOccurred, m_socket, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                onClosed(m_socket->errorString());
        });
        QObject::connect(m_timer, &QTimer::timeout, m_socket, [this] {
            const WriteBatch::Scope batch(m_client->m_writeBatch);
            onTimeout();
        });
        m_socket->connectToHost(host, port);
    }

    ~Http1Connection()
    {
        if (m_reply) {  // the client goes first (shutdown): the reply ends, silently
            m_reply->m_connection = nullptr;
            m_reply->m_finished = true;
            m_reply->m_error = UpstreamReply::Error::Canceled;
            m_reply->m_errorString = u"the upstream client stopped"_s;
        }
        if (m_client->m_writeBatch)
            m_client->m_writeBatch->remove(m_socket);
        m_socket->disconnect();
        m_socket->abort();
        m_socket->deleteLater();
        delete m_timer;
    }

    const QByteArray &origin() const { return m_origin; }
    bool isUsed() const { return m_used; }
    qint64 idleSince() const { return m_idleSince.isValid() ? m_idleSince.elapsed() : 0; }

    void start(Http1Reply *reply)
    {
        m_reply = reply;
        reply->m_connection = this;
        armTimeout();
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            writeRequest();
    }

    // The reply went or was aborted: the connection cannot be reused mid-answer.
    void detach()
    {
        m_reply = nullptr;
        m_timer->stop();
        close();
    }

    // The consumer read from a reply that had paused reading.
    void resume()
    {
        if (m_socket->bytesAvailable() > 0)
            QMetaObject::invokeMethod(m_socket, [this] { onReadyReadLater(); }, Qt::QueuedConnection);
    }

private:
    void writeRequest()
    {
        m_socket->write(m_reply->m_request);
        if (m_client->m_writeBatch)
            m_client->m_writeBatch->add(m_socket);
    }

    void onReadyReadLater()
    {
        const WriteBatch::Scope batch(m_client->m_writeBatch);
        onReadyRead();
    }

    void onReadyRead()
    {
        if (!m_reply) {  // an idle connection got bytes: the server is misbehaving or closing
            close();
            return;
        }
        if (!m_reply->wantsMore())
            return;  // paused: resume() reads on
        const QByteArray data = m_socket->read(kSocketReadBuffer);
        if (data.isEmpty())
            return;
        m_used = true;
        m_gotBytes = true;
        m_lastActivityMs = m_clock.elapsed();  // onTimeout() re-arms from it (no timer call per read)
        Http1Reply *reply = m_reply;
        const qsizetype before = reply->m_body.size();
        qsizetype consumed = 0;
        const auto state = reply->m_parser.feed(data.constData(), data.size(), reply->m_body, &consumed);
        QPointer<Http1Reply> guard(reply);
        if (reply->m_body.size() > before || state == Http1ResponseParser::State::Complete
            || (reply->m_parser.hasHead() && before == 0 && reply->m_body.isEmpty()))
            emit reply->readyRead();
        if (!guard || m_reply != reply)
            return;  // deleted or aborted from the slot
        if (state == Http1ResponseParser::State::Error) {
            fail(UpstreamReply::Error::Network, reply->m_parser.errorString());
            return;
        }
        if (state == Http1ResponseParser::State::Complete) {
            const bool reusable = reply->m_parser.keepAlive() && consumed == data.size() && m_socket->bytesAvailable() == 0;
            m_reply = nullptr;  // the timer runs on: onTimeout() ignores an idle connection
            reply->m_connection = nullptr;
            reply->finish(UpstreamReply::Error::None, {});
            m_gotBytes = false;
            m_idleSince.start();
            m_client->connectionDone(this, reusable);  // may delete this
            return;
        }
        if (m_socket->bytesAvailable() > 0 && reply->wantsMore())
            QMetaObject::invokeMethod(m_socket, [this] { onReadyReadLater(); }, Qt::QueuedConnection);
    }

    void onClosed(const QString &why)
    {
        if (m_closing)
            return;
        m_closing = true;
        Http1Reply *reply = std::exchange(m_reply, nullptr);
        m_timer->stop();
        if (reply) {
            reply->m_connection = nullptr;
            // Read what is left before judging the answer.
            const QByteArray rest = m_socket->readAll();
            if (!rest.isEmpty())
                reply->m_parser.feed(rest.constData(), rest.size(), reply->m_body);
            if (!m_gotBytes && rest.isEmpty() && m_used && !reply->m_retried) {
                // A kept-alive connection the server had closed: nothing was answered, so
                // the request goes again on a fresh connection (once).
                reply->m_retried = true;
                m_client->connectionDone(this, false);
                m_client->dispatch(reply, false);
                return;
            }
            const auto state = reply->m_parser.finishOnClose();
            m_client->connectionDone(this, false);
            if (state == Http1ResponseParser::State::Complete)
                reply->finish(UpstreamReply::Error::None, {});
            else
                reply->finish(UpstreamReply::Error::Network,
                              why.isEmpty() || reply->m_parser.hasHead() ? reply->m_parser.errorString() : why);
            return;
        }
        m_client->connectionDone(this, false);
    }

    // The reply's time without a byte is measured from m_lastActivityMs. Restarting a QTimer
    // at every read and stopping it at every answer costs ~1,700 instructions per call, so
    // the timer is armed once and, when it fires early, armed again for the time left.
    void armTimeout()
    {
        const qint64 now = m_clock.elapsed();
        m_lastActivityMs = now;
        const int timeoutMs = m_reply->m_timeoutMs;
        if (!m_timer->isActive() || m_timerDueMs > now + timeoutMs) {
            m_timer->start(timeoutMs);
            m_timerDueMs = now + timeoutMs;
        }
    }

    void onTimeout()
    {
        if (!m_reply)
            return;  // idle since the timer was armed
        const qint64 now = m_clock.elapsed();
        const qint64 left = m_lastActivityMs + m_reply->m_timeoutMs - now;
        if (left > 0) {
            m_timer->start(int(left));
            m_timerDueMs = now + left;
            return;
        }
        fail(UpstreamReply::Error::Timeout, u"the upstream did not answer in time"_s);
    }

    void fail(UpstreamReply::Error error, const QString &why)
    {
        Http1Reply *reply = std::exchange(m_reply, nullptr);
        m_closing = true;
        m_timer->stop();
        m_client->connectionDone(this, false);
        if (reply) {
            reply->m_connection = nullptr;
            reply->finish(error, why);
        }
    }

    void close()
    {
        if (m_closing)
            return;
        m_closing = true;
        m_client->connectionDone(this, false);
    }

    Http1Client *m_client;
    QByteArray m_origin;
    QTcpSocket *m_socket;
    QTimer *m_timer;
    Http1Reply *m_reply = nullptr;
    QElapsedTimer m_idleSince;
    QElapsedTimer m_clock;         // started with the connection: the timeout's time base
    qint64 m_lastActivityMs = 0;   // on m_clock: the reply's start or its last bytes
    qint64 m_timerDueMs = 0;       // on m_clock: when m_timer fires, while it is active
    bool m_used = false;      // has answered at least once (a reused connection)
    bool m_gotBytes = false;  // the current reply received bytes
    bool m_closing = false;
};

// --- Http1Reply -------------------------------------------------------------------------

Http1Reply::Http1Reply(Http1Client *client, QByteArray origin, QByteArray request, int timeoutMs, bool headRequest)
    : m_client(client), m_origin(std::move(origin)), m_request(std::move(request)), m_timeoutMs(timeoutMs),
      m_parser(headRequest)
{
}

Http1Reply::~Http1Reply()
{
    if (m_connection)
        m_connection->detach();
    if (m_client)
        --m_client->m_liveReplies;
}

QByteArray Http1Reply::read(qint64 maxSize)
{
    const QByteArray out = m_body.left(maxSize);
    m_body.remove(0, out.size());
    if (m_connection && wantsMore())
        m_connection->resume();
    return out;
}

QByteArray Http1Reply::readAll()
{
    const QByteArray out = std::exchange(m_body, {});
    if (m_connection)
        m_connection->resume();
    return out;
}

void Http1Reply::abort()
{
    if (m_finished)
        return;
    if (m_connection)
        std::exchange(m_connection, nullptr)->detach();
    finish(Error::Canceled, u"canceled"_s);
}

void Http1Reply::finish(Error error, const QString &why)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_errorString = why;
    m_request.clear();
    emit finished();
}

// --- Http1Client ------------------------------------------------------------------------

Http1Client::Http1Client(QObject *parent) : QObject(parent), m_sweep(new QTimer(this))
{
    m_sweep->setInterval(5000);
    connect(m_sweep, &QTimer::timeout, this, &Http1Client::sweepIdle);
}

Http1Client::~Http1Client()
{
    for (Origin &origin : m_origins) {
        for (const QPointer<Http1Reply> &waiting : std::as_const(origin.waiting))
            if (waiting)
                waiting->m_client = nullptr;
        origin.waiting.clear();
        origin.idle.clear();
    }
    m_origins.clear();
    qDeleteAll(std::exchange(m_connections, {}));
    qDeleteAll(std::exchange(m_doomed, {}));
}

// Deleted later: the connection may be inside one of its own socket's signals now.
void Http1Client::retire(Http1Connection *connection)
{
    m_connections.remove(connection);
    m_doomed.insert(connection);
    QMetaObject::invokeMethod(this, [this, connection] {
        if (m_doomed.remove(connection))
            delete connection;
    }, Qt::QueuedConnection);
}

Http1Reply *Http1Client::send(const Request &request)
{
    const QString &host = request.to.host;
    const quint16 port = request.to.port;
    const QByteArray key = originKey(host, port);
    Origin &origin = m_origins[key];
    origin.host = host;
    origin.port = port;
    auto *reply = new Http1Reply(this, key, serialize(request, host, port), request.timeoutMs, request.verb == "HEAD");
    ++m_liveReplies;
    dispatch(reply, true);
    if (!m_sweep->isActive())
        m_sweep->start();
    return reply;
}

void Http1Client::dispatch(Http1Reply *reply, bool allowReuse)
{
    Origin &origin = m_origins[reply->m_origin];
    if (allowReuse && !origin.idle.isEmpty()) {
        Http1Connection *connection = origin.idle.takeLast();
        ++origin.active;
        connection->start(reply);
        return;
    }
    if (origin.active >= m_maxPerOrigin) {
        origin.waiting.enqueue(reply);
        return;
    }
    ++origin.active;
    auto *connection = new Http1Connection(this, reply->m_origin, origin.host, origin.port);
    m_connections.insert(connection);
    connection->start(reply);
}

void Http1Client::connectionDone(Http1Connection *connection, bool reusable)
{
    auto it = m_origins.find(connection->origin());
    if (it == m_origins.end() || !m_connections.contains(connection))
        return;
    Origin &origin = *it;
    if (origin.idle.removeOne(connection)) {
        // An idle connection closed: it held no slot.
        retire(connection);
        return;
    }
    --origin.active;
    if (reusable) {
        origin.idle.append(connection);
    } else {
        retire(connection);
    }
    while (!origin.waiting.isEmpty() && origin.active < m_maxPerOrigin) {
        QPointer<Http1Reply> next = origin.waiting.dequeue();
        if (next && !next->m_finished)
            dispatch(next, true);
    }
}

void Http1Client::sweepIdle()
{
    bool any = false;
    for (Origin &origin : m_origins) {
        for (qsizetype i = origin.idle.size() - 1; i >= 0; --i) {
            if (origin.idle[i]->idleSince() >= m_idleTimeoutMs) {
                Http1Connection *connection = origin.idle.takeAt(i);
                m_connections.remove(connection);
                delete connection;
            }
        }
        any = any || !origin.idle.isEmpty() || origin.active > 0;
    }
    if (!any)
        m_sweep->stop();
}

int Http1Client::openConnections() const
{
    int n = 0;
    for (const Origin &origin : m_origins)
        n += origin.active + int(origin.idle.size());
    return n;
}

int Http1Client::idleConnections() const
{
    int n = 0;
    for (const Origin &origin : m_origins)
        n += int(origin.idle.size());
    return n;
}

int Http1Client::queuedRequests() const
{
    int n = 0;
    for (const Origin &origin : m_origins)
        n += int(origin.waiting.size());
    return n;
}

} // namespace gb
