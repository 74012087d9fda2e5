#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;
class QTcpServer;

namespace gb {
class HttpServer;
}

namespace gb::test {

// Test-only forward proxies on 127.0.0.1:0 for checking that upstream traffic really
// leaves through PROXIES. Each records what passed through it: connections accepted,
// requests (HTTP) or tunnels (SOCKS5) relayed, and the API key of every request it saw
// (the x-goog-api-key request header). Both live in the thread that created them.
class TestProxy : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual bool start() = 0;  // listens on 127.0.0.1:0
    virtual quint16 port() const = 0;
    virtual QString scheme() const = 0;  // "http" or "socks5"

    // Require these credentials (Basic Proxy-Authorization / RFC 1929); empty user: none.
    void setCredentials(const QString &user, const QString &password);
    // A PROXIES entry for this proxy: scheme://[user:password@]127.0.0.1:port.
    QString url(const QString &user = QString(), const QString &password = QString()) const;

    int connectionsAccepted() const { return m_connections; }
    int relayed() const { return m_relayed;  }  // HTTP: requests forwarded; SOCKS5: tunnels opened
    int authFailures() const { return m_authFailures; }
    QStringList keys() const { return m_keys; }  // one entry per request seen, in order
    int countForKey(const QString &key) const { return int(m_keys.count(key)); }
    // Responses (HTTP) / tunnels (SOCKS5) whose client went away before the upstream ended.
    int clientAborts() const { return m_clientAborts; }
    void resetCounters();

protected:
    bool checkCredentials(const QByteArray &user, const QByteArray &password) const;
    bool requiresAuth() const { return !m_user.isEmpty(); }

    QString m_user;
    QString m_password;
    int m_connections = 0;
    int m_relayed = 0;
    int m_authFailures = 0;
    int m_clientAborts = 0;
    QStringList m_keys;
};

// An HTTP/1.1 forward proxy for plain-http targets (absolute-form requests, as Qt sends
// them to an HttpProxy), built on the product's HTTP engine (keep-alive, several requests
// per connection, chunked request bodies) plus a QNetworkAccessManager to the target.
// Responses are relayed as they arrive; a client that goes away aborts the upstream call.
// Adds "Via: 1.1 <name>" to each forwarded request, so the upstream can tell which proxy
// a request passed. Answers 407 without the right Proxy-Authorization, 502 when the
// target cannot be reached. No CONNECT (the fake upstream is plain http).
class TestHttpProxy : public TestProxy
{
    Q_OBJECT
public:
    explicit TestHttpProxy(const QString &name = QStringLiteral("gb-test-proxy"), QObject *parent = nullptr);
    ~TestHttpProxy() override;

    bool start() override;
    quint16 port() const override;
    QString scheme() const override { return QStringLiteral("http"); }
    QString name() const { return m_name; }

    QList<int> responseWrites() const { return m_responseWrites; }  // body pieces per relayed response
    int inFlight() const { return m_inFlight; }

private:
    class Exchange;
    friend class Exchange;

    QString m_name;
    HttpServer *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    int m_openConnections = 0;
    int m_inFlight = 0;
    QList<int> m_responseWrites;
};

// A SOCKS5 proxy (RFC 1928 CONNECT, no-auth or RFC 1929 username/password, IPv4 and
// domain-name address types; "localhost" resolves to 127.0.0.1, other names are refused so
// tests never use DNS) and a byte pipe in both directions. When either side closes, what it
// sent is flushed to the other side, which is then closed too.
class TestSocks5Proxy : public TestProxy
{
    Q_OBJECT
public:
    explicit TestSocks5Proxy(QObject *parent = nullptr);
    ~TestSocks5Proxy() override;

    bool start() override;
    quint16 port() const override;
    QString scheme() const override { return QStringLiteral("socks5"); }

    // CONNECT targets as asked for: "127.0.0.1:8080" (IPv4) or "localhost:8080" (domain name).
    QStringList targets() const { return m_targets; }
    QList<int> addressTypes() const { return m_addressTypes; }  // 1 IPv4, 3 domain name
    int openTunnels() const { return m_openTunnels; }

private:
    class Session;
    friend class Session;

    QTcpServer *m_server = nullptr;
    QStringList m_targets;
    QList<int> m_addressTypes;
    int m_openTunnels = 0;
};

// Scans a byte stream for "x-goog-api-key:" header lines, across reads.
class ApiKeyScanner
{
public:
    QStringList feed(const QByteArray &data);  // keys completed by this piece

private:
    QByteArray m_line;
};

} // namespace gb::test
