#include "TestProxies.h"

#include "common/ResponseSink.h"
#include "http/HttpServer.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QtEndian>

#include <utility>

using namespace Qt::StringLiterals;

namespace gb::test {

namespace {

bool sameName(const QByteArray &a, const char *lower)
{
    return a.compare(QByteArray(lower), Qt::CaseInsensitive) == 0;
}

// Hop-by-hop fields (RFC 9110 7.6.1) and the framing, which each hop sets itself.
bool isHopByHop(const QByteArray &name)
{
    static const char *const names[] = {"connection", "proxy-connection", "keep-alive", "proxy-authorization",
                                        "proxy-authenticate", "te", "trailer", "transfer-encoding",
                                        "upgrade", "content-length", "host"};
    for (const char *n : names)
        if (sameName(name, n))
            return true;
    return false;
}

} // namespace

// ---- TestProxy -----------------------------------------------------------------------

void TestProxy::setCredentials(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
}

QString TestProxy::url(const QString &user, const QString &password) const
{
    QUrl u;
    u.setScheme(scheme());
    u.setHost(u"127.0.0.1"_s);
    u.setPort(port());
    if (!user.isEmpty()) {
        u.setUserName(user);
        u.setPassword(password);
    }
    return u.toString();
}

void TestProxy::resetCounters()
{
    m_connections = m_relayed = m_authFailures = m_clientAborts = 0;
    m_keys.clear();
}

bool TestProxy::checkCredentials(const QByteArray &user, const QByteArray &password) const
{
    return user == m_user.toUtf8() && password == m_password.toUtf8();
}

QStringList ApiKeyScanner::feed(const QByteArray &data)
{
    static const QByteArray header = QByteArrayLiteral("x-goog-api-key:");
    constexpr qsizetype kMaxLine = 16 * 1024;  // longer lines (bodies) are not headers
    QStringList found;
    for (char c : data) {
        if (c != '\n') {
            if (m_line.size() < kMaxLine)
                m_line.append(c);
            continue;
        }
        if (m_line.size() > header.size() && m_line.left(header.size()).compare(header, Qt::CaseInsensitive) == 0)
            found << QString::fromLatin1(m_line.mid(header.size()).trimmed());
        m_line.clear();
    }
    return found;
}

// ---- TestHttpProxy -------------------------------------------------------------------

// One request relayed to its target: the upstream reply and the client's sink.
class TestHttpProxy::Exchange : public QObject
{
public:
    Exchange(TestHttpProxy *proxy, QNetworkReply *reply, ResponseSink *sink)
        : QObject(proxy), m_proxy(proxy), m_reply(reply), m_sink(sink)
    {
        ++m_proxy->m_inFlight;
        connect(reply, &QNetworkReply::readyRead, this, &Exchange::onData);
        connect(reply, &QNetworkReply::finished, this, &Exchange::onFinished);
        connect(sink, &ResponseSink::canceled, this, &Exchange::onClientGone);
        connect(sink, &QObject::destroyed, this, &Exchange::onClientGone);
    }

private:
    // Starts the client's response once the upstream status is known.
    bool begin()
    {
        if (m_begun)
            return true;
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status <= 0 || !m_sink)
            return false;
        HttpHeaders headers;
        for (const auto &[name, value] : m_reply->rawHeaderPairs())
            if (!isHopByHop(name))
                headers.add(name, value);
        bool lengthOk = false;
        const qint64 length = m_reply->rawHeader("Content-Length").toLongLong(&lengthOk);
        m_sink->begin(status, headers, lengthOk ? length : ResponseSink::Streamed);
        m_begun = true;
        return true;
    }

    void onData()
    {
        if (!begin())
            return;
        const QByteArray data = m_reply->readAll();
        if (data.isEmpty())
            return;
        ++m_writes;
        m_sink->write(data);  // as it arrives: streams stay streams
    }

    void onFinished()
    {
        const QNetworkReply::NetworkError error = m_reply->error();
        // Codes below 200 are transport or proxy failures; above, QNAM's names for HTTP statuses.
        const bool transportError = error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied;
        if (m_sink) {
            if (!transportError && begin()) {
                onData();
                m_sink->end();
            } else if (m_begun) {
                m_sink->abort();  // the upstream cut the answer: the client must see it cut too
            } else {
                m_sink->send(502, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")}},
                             "test proxy: the target failed: " + m_reply->errorString().toUtf8());
            }
        }
        done();
    }

    void onClientGone()
    {
        if (m_done)
            return;
        m_sink = nullptr;
        ++m_proxy->m_clientAborts;
        m_reply->disconnect(this);
        m_reply->abort();  // closes the upstream connection: the target sees the client leave
        done();
    }

    void done()
    {
        if (m_done)
            return;
        m_done = true;
        if (m_sink)
            m_sink->disconnect(this);
        m_reply->disconnect(this);
        m_reply->deleteLater();
        --m_proxy->m_inFlight;
        m_proxy->m_responseWrites.append(m_writes);
        deleteLater();
    }

    TestHttpProxy *m_proxy;
    QNetworkReply *m_reply;
    QPointer<ResponseSink> m_sink;
    bool m_begun = false;
    bool m_done = false;
    int m_writes = 0;
};

TestHttpProxy::TestHttpProxy(const QString &name, QObject *parent) : TestProxy(parent), m_name(name)
{
    m_nam = new QNetworkAccessManager(this);
    m_nam->setProxy(QNetworkProxy::NoProxy);
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_nam->setAutoDeleteReplies(false);

    m_server = new HttpServer([this](HttpRequest &&request, ResponseSink *sink) {
        if (requiresAuth()) {
            const QByteArray auth = request.header("Proxy-Authorization");
            const QByteArray decoded = auth.startsWith("Basic ") ? QByteArray::fromBase64(auth.mid(6)) : QByteArray();
            const qsizetype colon = decoded.indexOf(':');
            if (colon < 0 || !checkCredentials(decoded.left(colon), decoded.mid(colon + 1))) {
                ++m_authFailures;
                sink->send(407,
                           {{QByteArrayLiteral("Proxy-Authenticate"), QByteArrayLiteral("Basic realm=\"gb-test\"")},
                            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")}},
                           QByteArrayLiteral("proxy authentication required"));
                return;
            }
        }
        // The engine keeps the path of an absolute-form target; the authority is in Host.
        const QByteArray host = request.header("Host");
        const QUrl target = QUrl::fromEncoded("http://" + host + request.target, QUrl::StrictMode);
        if (host.isEmpty() || !target.isValid()) {
            sink->send(400, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")}},
                       QByteArrayLiteral("test proxy: no target"));
            return;
        }
        ++m_relayed;
        const QByteArray key = request.header("x-goog-api-key");
        if (!key.isEmpty())
            m_keys << QString::fromLatin1(key);

        QNetworkRequest r(target);
        bool acceptEncoding = false;
        for (const auto &[name, value] : request.headers.fields()) {
            if (isHopByHop(name))
                continue;
            acceptEncoding |= sameName(name, "accept-encoding");
            r.setRawHeader(name, value);
        }
        if (!acceptEncoding)  // else QNAM asks for gzip and inflates: the relay must not change bytes
            r.setRawHeader("Accept-Encoding", "identity");
        r.setRawHeader("Via", "1.1 " + m_name.toUtf8());
        r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        r.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        r.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        QNetworkReply *reply = m_nam->sendCustomRequest(r, request.method, request.body);
        new Exchange(this, reply, sink);
    }, this);
    connect(m_server, &HttpServer::connectionCountChanged, this, [this](int count) {
        if (count > m_openConnections)
            m_connections += count - m_openConnections;
        m_openConnections = count;
    });
}

TestHttpProxy::~TestHttpProxy()
{
    // The server (and with it every client sink) first: open exchanges abort their replies
    // while the manager that owns them is still alive.
    delete std::exchange(m_server, nullptr);
}

bool TestHttpProxy::start()
{
    return m_server->listen(QHostAddress(QHostAddress::LocalHost), 0);
}

quint16 TestHttpProxy::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

// ---- TestSocks5Proxy -----------------------------------------------------------------

// One client connection: the SOCKS5 handshake, then the pipe.
class TestSocks5Proxy::Session : public QObject
{
public:
    Session(TestSocks5Proxy *proxy, QTcpSocket *client) : QObject(proxy), m_proxy(proxy), m_client(client)
    {
        client->setParent(this);
        connect(client, &QTcpSocket::readyRead, this, &Session::onClientData);
        connect(client, &QTcpSocket::disconnected, this, &Session::onClientClosed);
        connect(client, &QTcpSocket::errorOccurred, this, &Session::onClientClosed);
    }

private:
    enum class State { Greeting, Auth, Request, Connecting, Piping, Closed };

    static constexpr char kVersion = 5;

    void onClientData()
    {
        m_in += m_client->readAll();
        for (;;) {
            const State before = m_state;
            const qsizetype consumedBefore = m_in.size();
            switch (m_state) {
            case State::Greeting: greeting(); break;
            case State::Auth: auth(); break;
            case State::Request: request(); break;
            case State::Connecting: return;  // keep early bytes until the tunnel is up
            case State::Piping: pipeClientBytes(); return;
            case State::Closed: m_in.clear(); return;
            }
            if (m_state == before && m_in.size() == consumedBefore)
                return;  // needs more bytes
        }
    }

    void greeting()
    {
        // VER NMETHODS METHODS...
        if (m_in.size() < 2)
            return;
        if (m_in.at(0) != kVersion)
            return fail();
        const int n = quint8(m_in.at(1));
        if (m_in.size() < 2 + n)
            return;
        const QByteArray methods = m_in.mid(2, n);
        m_in.remove(0, 2 + n);
        const char wanted = m_proxy->requiresAuth() ? '\x02' : '\x00';
        if (!methods.contains(wanted)) {
            if (m_proxy->requiresAuth())
                ++m_proxy->m_authFailures;
            m_client->write(QByteArray::fromRawData("\x05\xff", 2));
            return fail();
        }
        m_client->write(QByteArray(1, kVersion) + wanted);
        m_state = m_proxy->requiresAuth() ? State::Auth : State::Request;
    }

    void auth()
    {
        // RFC 1929: VER(1) ULEN UNAME PLEN PASSWD
        if (m_in.size() < 2)
            return;
        if (m_in.at(0) != '\x01')
            return fail();
        const int ulen = quint8(m_in.at(1));
        if (m_in.size() < 2 + ulen + 1)
            return;
        const int plen = quint8(m_in.at(2 + ulen));
        if (m_in.size() < 3 + ulen + plen)
            return;
        const QByteArray user = m_in.mid(2, ulen);
        const QByteArray password = m_in.mid(3 + ulen, plen);
        m_in.remove(0, 3 + ulen + plen);
        if (!m_proxy->checkCredentials(user, password)) {
            ++m_proxy->m_authFailures;
            m_client->write(QByteArray::fromRawData("\x01\x01", 2));
            return fail();
        }
        m_client->write(QByteArray::fromRawData("\x01\x00", 2));
        m_state = State::Request;
    }

    void request()
    {
        // VER CMD RSV ATYP DST.ADDR DST.PORT
        if (m_in.size() < 5)
            return;
        if (m_in.at(0) != kVersion)
            return fail();
        const int atyp = quint8(m_in.at(3));
        qsizetype addrSize = 0;
        if (atyp == 1)
            addrSize = 4;
        else if (atyp == 3)
            addrSize = 1 + quint8(m_in.at(4));
        else
            return reply(8);  // address type not supported (IPv6 is not needed on 127.0.0.1)
        if (m_in.size() < 4 + addrSize + 2)
            return;
        const int cmd = quint8(m_in.at(1));
        const QByteArray addr = m_in.mid(4, addrSize);
        const quint16 port = qFromBigEndian<quint16>(m_in.constData() + 4 + addrSize);
        m_in.remove(0, 4 + addrSize + 2);
        if (cmd != 1)
            return reply(7);  // only CONNECT
        QHostAddress host;
        QString shown;
        if (atyp == 1) {
            host = QHostAddress(qFromBigEndian<quint32>(addr.constData()));
            shown = host.toString();
        } else {
            shown = QString::fromLatin1(addr.mid(1));
            if (shown.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
                host = QHostAddress(QHostAddress::LocalHost);
            else
                host = QHostAddress(shown);  // literal addresses only: no DNS in tests
        }
        m_proxy->m_targets << shown + u':' + QString::number(port);
        m_proxy->m_addressTypes << atyp;
        if (host.isNull())
            return reply(4);  // host unreachable

        m_state = State::Connecting;
        m_upstream = new QTcpSocket(this);
        connect(m_upstream, &QTcpSocket::connected, this, &Session::onUpstreamConnected);
        connect(m_upstream, &QTcpSocket::readyRead, this, &Session::onUpstreamData);
        connect(m_upstream, &QTcpSocket::disconnected, this, &Session::onUpstreamClosed);
        connect(m_upstream, &QTcpSocket::errorOccurred, this, [this] {
            if (m_state == State::Connecting)
                reply(5);  // connection refused
            else
                onUpstreamClosed();
        });
        m_upstream->connectToHost(host, port);
    }

    // A failure reply (REP != 0) ends the session.
    void reply(int rep)
    {
        QByteArray out = QByteArrayLiteral("\x05");
        out += char(rep);
        out += QByteArray("\x00\x01\x00\x00\x00\x00\x00\x00", 8);
        m_client->write(out);
        fail();
    }

    void onUpstreamConnected()
    {
        // VER REP RSV ATYP BND.ADDR BND.PORT
        QByteArray out = QByteArray("\x05\x00\x00\x01", 4);
        char addr[4];
        qToBigEndian<quint32>(m_upstream->localAddress().toIPv4Address(), addr);
        out.append(addr, 4);
        char port[2];
        qToBigEndian<quint16>(m_upstream->localPort(), port);
        out.append(port, 2);
        m_client->write(out);
        m_state = State::Piping;
        ++m_proxy->m_relayed;
        ++m_proxy->m_openTunnels;
        m_tunnelOpen = true;
        pipeClientBytes();
    }

    void pipeClientBytes()
    {
        m_in += m_client->readAll();
        if (m_in.isEmpty())
            return;
        m_proxy->m_keys += m_scanner.feed(m_in);
        m_upstream->write(m_in);
        m_in.clear();
    }

    void onUpstreamData()
    {
        if (m_state == State::Piping)
            m_client->write(m_upstream->readAll());
    }

    void onClientClosed()
    {
        if (m_state == State::Closed)
            return;
        if (m_state == State::Piping) {
            pipeClientBytes();
            if (m_upstream->state() == QAbstractSocket::ConnectedState && !m_upstreamClosed)
                ++m_proxy->m_clientAborts;  // the upstream had not finished: it sees us go
        }
        close();
    }

    void onUpstreamClosed()
    {
        if (m_state != State::Piping)
            return;
        m_upstreamClosed = true;
        m_client->write(m_upstream->readAll());
        close();
    }

    void fail()
    {
        close();
    }

    // Both sides: flush what is queued, then close.
    void close()
    {
        if (m_state == State::Closed)
            return;
        m_state = State::Closed;
        if (m_tunnelOpen) {
            m_tunnelOpen = false;
            --m_proxy->m_openTunnels;
        }
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->disconnectFromHost();
        }
        m_client->disconnect(this);
        m_client->disconnectFromHost();
        // disconnectFromHost() flushes before closing; give it a bounded time.
        QPointer<Session> self(this);
        auto closeWhenDone = [self] {
            if (!self)
                return;
            const bool clientDone = self->m_client->state() == QAbstractSocket::UnconnectedState;
            const bool upstreamDone = !self->m_upstream || self->m_upstream->state() == QAbstractSocket::UnconnectedState;
            if (clientDone && upstreamDone)
                self->deleteLater();
        };
        connect(m_client, &QTcpSocket::disconnected, this, closeWhenDone);
        if (m_upstream)
            connect(m_upstream, &QTcpSocket::disconnected, this, closeWhenDone);
        closeWhenDone();
        QTimer::singleShot(5000, this, [self] {
            if (!self)
                return;
            self->m_client->abort();
            if (self->m_upstream)
                self->m_upstream->abort();
            self->deleteLater();
        });
    }

    TestSocks5Proxy *m_proxy;
    QTcpSocket *m_client;
    QTcpSocket *m_upstream = nullptr;
    State m_state = State::Greeting;
    QByteArray m_in;
    ApiKeyScanner m_scanner;
    bool m_tunnelOpen = false;
    bool m_upstreamClosed = false;
};

TestSocks5Proxy::TestSocks5Proxy(QObject *parent) : TestProxy(parent)
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            ++m_connections;
            new Session(this, socket);
        }
    });
}

TestSocks5Proxy::~TestSocks5Proxy()
{
    m_server->close();
}

bool TestSocks5Proxy::start()
{
    return m_server->listen(QHostAddress(QHostAddress::LocalHost), 0);
}

quint16 TestSocks5Proxy::port() const
{
    return m_server->serverPort();
}

} // namespace gb::test
