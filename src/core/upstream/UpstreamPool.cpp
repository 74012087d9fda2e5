#include "upstream/UpstreamPool.h"

#include "common/LogCategories.h"
#include "common/Redact.h"
#include "upstream/Http1Client.h"
#include "upstream/QtNetworkCompat.h"
#include "upstream/ProxyUrl.h"
#include "upstream/QtUpstreamReply.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace gb {


UpstreamPool::UpstreamPool(QObject *parent) : QObject(parent)
{
    setProxies({}, true);
}

UpstreamPool::~UpstreamPool()
{
    m_destroying = true;  // replies deleted with their managers must not call back
    for (Route &route : m_routes)
        m_retired += route.managers;
    for (Manager *m : std::as_const(m_retired)) {
        delete m->nam;
        delete m;
    }
}

void UpstreamPool::setProxies(const QStringList &proxies, bool consistentByKey)
{
    m_consistent = consistentByKey;
    for (const QString &p : proxies)
        if (p.startsWith(u"https://"_s, Qt::CaseInsensitive))
            qCWarning(lcUpstream).noquote() << "proxy" << redactedProxyUrl(p)
                                            << "is used as a plain HTTP proxy: Qt cannot speak TLS to a proxy, so "
                                               "credentials to it travel unencrypted (the upstream traffic itself "
                                               "stays TLS)";
    QList<Route> next;
    if (proxies.isEmpty())
        next.append(Route{});
    for (const QString &p : proxies)
        next.append(Route{p, {}});
    // Keep the managers of routes that remain (their connections are warm).
    for (Route &n : next) {
        for (Route &old : m_routes) {
            if (old.proxy == n.proxy && !old.managers.isEmpty()) {
                n.managers = std::exchange(old.managers, {});
                break;
            }
        }
    }
    for (Route &old : m_routes)
        retire(old);
    m_routes = std::move(next);
    m_ring = ProxyRing(proxies);
    if (!proxies.isEmpty())
        qCInfo(lcUpstream) << "upstream traffic leaves through" << proxies.size() << "proxies"
                           << (consistentByKey ? "(fixed per key)" : "(random)");
}

void UpstreamPool::setMaxManagersPerRoute(int h1Managers, int h2Managers)
{
    m_maxH1 = qMax(1, h1Managers);
    m_maxH2 = qMax(1, h2Managers);
}

void UpstreamPool::retire(Route &route)
{
    for (Manager *m : std::exchange(route.managers, {})) {
        if (m->inFlight == 0) {
            delete m->nam;
            delete m;
        } else {
            m_retired.append(m);
        }
    }
}

int UpstreamPool::routeIndexFor(const QString &apiKey) const
{
    if (m_routes.size() <= 1)
        return 0;
    if (m_consistent)
        return m_ring.indexFor(apiKey);
    return int(QRandomGenerator::global()->bounded(m_routes.size()));
}

QString UpstreamPool::proxyFor(const QString &apiKey) const
{
    if (!m_consistent && m_routes.size() > 1)
        return {};
    const QString proxy = m_routes.value(routeIndexFor(apiKey)).proxy;
    return proxy.isEmpty() ? QString() : redactedProxyUrl(proxy);
}

QString UpstreamPool::proxyOf(const QNetworkReply *reply)
{
    const QNetworkAccessManager *nam = reply ? reply->manager() : nullptr;
    if (!nam)
        return {};
    const QNetworkProxy proxy = nam->proxy();
    if (proxy.type() != QNetworkProxy::HttpProxy && proxy.type() != QNetworkProxy::Socks5Proxy)
        return {};
    return u"%1://%2:%3"_s.arg(proxy.type() == QNetworkProxy::Socks5Proxy ? u"socks5"_s : u"http"_s,
                               proxy.hostName())
        .arg(proxy.port());
}

UpstreamPool::Manager *UpstreamPool::createManager(const QString &proxy)
{
    auto *m = new Manager;
    m->nam = new QNetworkAccessManager;
    m->nam->setProxy(proxy.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : networkProxyFromUrl(proxy));
    m->nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m->nam->setAutoDeleteReplies(false);
    return m;
}

UpstreamPool::Manager *UpstreamPool::pickManager(Route &route, bool http2)
{
    const int capacity = qtcompat::concurrentRequestsPerManager(http2);
    const int maxManagers = http2 ? m_maxH2 : m_maxH1;
    Manager *best = nullptr;
    for (Manager *m : std::as_const(route.managers))
        if (!best || m->inFlight < best->inFlight)
            best = m;
    if (best && (best->inFlight < capacity || route.managers.size() >= maxManagers))
        return best;
    Manager *m = createManager(route.proxy);
    route.managers.append(m);
    qCDebug(lcUpstream) << "route" << (route.proxy.isEmpty() ? u"direct"_s : redactedProxyUrl(route.proxy))
                        << "now has" << route.managers.size() << "connection managers";
    return m;
}

UpstreamPool::Http2Mode UpstreamPool::http2ModeFromName(const QString &name)
{
    if (name.compare(u"off"_s, Qt::CaseInsensitive) == 0)
        return Http2Mode::Off;
    if (name.compare(u"prior-knowledge"_s, Qt::CaseInsensitive) == 0)
        return Http2Mode::PriorKnowledge;
    return Http2Mode::Auto;
}

void UpstreamPool::setHttp2Mode(Http2Mode mode)
{
    if (mode == m_http2Mode)
        return;
    m_http2Mode = mode;
    // Pooled connections were opened for the old protocol: new managers, new connections.
    for (Route &route : m_routes)
        retire(route);
    m_loggedHttp1 = m_loggedHttp2 = false;
    qCInfo(lcUpstream) << "upstream HTTP/2:"
                       << (mode == Http2Mode::Off ? "off"
                                                  : mode == Http2Mode::PriorKnowledge ? "prior knowledge (h2c for http://)"
                                                                                      : "auto");
}

UpstreamReply *UpstreamPool::send(const UpstreamRequest &request)
{
    // The own HTTP/1.1 client's common case (a plain http:// BASE_URL) is taken apart without
    // QUrl; everything else is parsed by QUrl once.
    std::optional<HttpTarget> plain = splitPlainHttpUrl(request.url);
    const QUrl url = plain ? QUrl() : QUrl::fromEncoded(request.url);
    const bool isHttp = plain || url.scheme() == u"http"_s;
    const bool https = !plain && url.scheme() == u"https"_s;
    const bool h2c = m_http2Mode == Http2Mode::PriorKnowledge && isHttp;
    const bool http2 = m_http2Mode != Http2Mode::Off && (https || h2c);
    Route &route = m_routes[qBound(0, routeIndexFor(request.apiKey), int(m_routes.size()) - 1)];
    if (m_ownHttp1 && !h2c && route.proxy.isEmpty() && isHttp) {
        if (!m_http1) {
            m_http1 = new Http1Client(this);
            m_http1->setWriteBatch(m_writeBatch);
        }
        Http1Client::Request r;
        r.verb = request.verb;
        r.to = plain ? std::move(*plain) : httpTargetOf(url);
        r.headers = request.headers;
        r.body = request.body;
        r.timeoutMs = request.transferTimeoutMs;
        return m_http1->send(r);
    }
    Manager *manager = pickManager(route, http2);

    QNetworkRequest r(plain ? QUrl::fromEncoded(request.url) : url);
    for (const auto &[name, value] : request.headers.fields())
        r.setRawHeader(name, value);
    r.setTransferTimeout(request.transferTimeoutMs);
    qtcompat::prepareRequest(r);
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, http2);
    if (h2c)
        r.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    r.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    r.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    QNetworkReply *reply = manager->nam->sendCustomRequest(r, request.verb, request.body);
    ++manager->inFlight;
    connect(reply, &QObject::destroyed, this, [this, manager] { onReplyGone(manager); });
    return new QtUpstreamReply(reply, proxyOf(reply));
}

void UpstreamPool::noteProtocol(const UpstreamReply *reply, const QString &baseUrl)
{
    const bool http2 = reply->protocol() == "HTTP/2";
    bool &logged = http2 ? m_loggedHttp2 : m_loggedHttp1;
    if (logged)
        return;
    logged = true;
    qCInfo(lcUpstream).noquote() << "upstream" << QUrl(baseUrl).host() << "answers over" << (http2 ? u"HTTP/2"_s : u"HTTP/1.1"_s)
                                 << (http2 || reply->proxy().isEmpty() ? u""_s : u"(through a proxy)"_s);
}

void UpstreamPool::onReplyGone(Manager *manager)
{
    if (m_destroying)
        return;
    --manager->inFlight;
    if (manager->inFlight == 0 && m_retired.removeOne(manager)) {
        manager->nam->deleteLater();
        delete manager;
    }
}

int UpstreamPool::managerCount() const
{
    int n = 0;
    for (const Route &r : m_routes)
        n += int(r.managers.size());
    return n;
}

int UpstreamPool::inFlight() const
{
    int n = 0;
    for (const Route &r : m_routes)
        for (const Manager *m : r.managers)
            n += m->inFlight;
    for (const Manager *m : m_retired)
        n += m->inFlight;
    return n + (m_http1 ? m_http1->liveReplies() : 0);
}

} // namespace gb
