#pragma once

#include "common/HttpHeaders.h"
#include "upstream/ProxyRing.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace gb {

class WriteBatch;

class Http1Client;
class UpstreamReply;

struct UpstreamRequest
{
    QByteArray verb = "POST";
    QByteArray url;         // absolute and encoded: BASE_URL + "/" + path [+ "?" + query]
    HttpHeaders headers;
    QByteArray body;
    QString apiKey;         // decides the proxy (consistent hashing); never sent from here
    int transferTimeoutMs = 300'000;  // inactivity timeout
};

// Pooled upstream connections. Plain http:// upstreams reached directly go through
// GemBalance's own HTTP/1.1 client (Http1Client: keep-alive pool, no per-host cap);
// everything else through Qt's client: one group of QNetworkAccessManagers per egress route
// (direct, or one per proxy), each group growing on demand: a manager runs a limited number
// of requests at once (QtNetworkCompat.h: 6 HTTP/1.1 connections per host in Qt 6.4, 100
// HTTP/2 streams per connection), so a busy route gets more managers (each with its own
// connection pool and worker thread) instead of queueing. HTTPS upstreams negotiate
// HTTP/2 via ALPN.
// Lives on the proxy thread; replies are created there.
class UpstreamPool : public QObject
{
    Q_OBJECT
public:
    explicit UpstreamPool(QObject *parent = nullptr);
    ~UpstreamPool() override;

    // PROXIES and PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY. Replies in flight keep their manager.
    void setProxies(const QStringList &proxies, bool consistentByKey);
    void setMaxManagersPerRoute(int h1Managers, int h2Managers);

    // Starts the request; the caller owns the reply (deleteLater it when done).
    UpstreamReply *send(const UpstreamRequest &request);
    // Whether direct http:// requests use the own HTTP/1.1 client (default) or Qt's.
    void setOwnHttp1ClientEnabled(bool enabled) { m_ownHttp1 = enabled; }
    // Before the first send(): the own HTTP/1.1 client's requests are flushed at the end of
    // the event that sent them (see WriteBatch; not owned, null: on Qt's next pass).
    void setWriteBatch(WriteBatch *batch) { m_writeBatch = batch; }

    // UPSTREAM_HTTP2. Auto: https negotiates HTTP/2 (ALPN), http is HTTP/1.1. Off: HTTP/1.1
    // only. PriorKnowledge: http:// upstreams are spoken to as HTTP/2 cleartext (h2c, no
    // upgrade) through Qt's client; https as in Auto. A change starts fresh connections.
    enum class Http2Mode { Auto, Off, PriorKnowledge };
    void setHttp2Mode(Http2Mode mode);
    Http2Mode http2Mode() const { return m_http2Mode; }
    static Http2Mode http2ModeFromName(const QString &name);  // "auto" | "off" | "prior-knowledge"

    // Notes the protocol a finished reply used; the first HTTP/2 or HTTP/1.1 answer from
    // the upstream is logged once, so a user can see what the upstream offered.
    // `baseUrl` (BASE_URL) is parsed for its host only when a line is logged.
    void noteProtocol(const UpstreamReply *reply, const QString &baseUrl);

    // The proxy a key always leaves through, credentials redacted, for logs and UI; empty
    // when calls go direct or each call picks a random proxy.
    QString proxyFor(const QString &apiKey) const;
    // The proxy a reply of send() went through, as scheme://host:port ("" = direct), for
    // error messages: Qt reports a dead HTTP proxy as a plain "Connection refused".
    static QString proxyOf(const QNetworkReply *reply);
    int managerCount() const;
    int inFlight() const;

private:
    struct Manager
    {
        QNetworkAccessManager *nam = nullptr;
        int inFlight = 0;
    };
    struct Route
    {
        QString proxy;  // empty = direct
        QList<Manager *> managers;
    };

    int routeIndexFor(const QString &apiKey) const;
    Manager *pickManager(Route &route, bool http2);
    Manager *createManager(const QString &proxy);
    void retire(Route &route);
    void onReplyGone(Manager *manager);

    QList<Route> m_routes;          // index 0 is direct when there are no proxies
    ProxyRing m_ring;
    bool m_consistent = true;
    QList<Manager *> m_retired;     // managers of removed routes, deleted when idle
    int m_maxH1 = 16;
    int m_maxH2 = 8;
    bool m_destroying = false;
    bool m_ownHttp1 = true;
    WriteBatch *m_writeBatch = nullptr;
    Http2Mode m_http2Mode = Http2Mode::Auto;
    Http1Client *m_http1 = nullptr;  // created on first use
    bool m_loggedHttp2 = false;
    bool m_loggedHttp1 = false;
};

} // namespace gb
