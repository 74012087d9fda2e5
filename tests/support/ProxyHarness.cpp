#include "ProxyHarness.h"

#include "ProxyService.h"
#include "store/QueryRunner.h"
#include "store/SettingsPersister.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace gb::test {

QJsonObject ClientReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

ProxyHarness::ProxyHarness(const std::function<void(SettingsValues &)> &configure, const QStringList &keys,
                           const Clock *clock, const DatabaseConfig *database)
    : m_fake(std::make_unique<FakeGemini>())
{
    m_client.setProxy(QNetworkProxy::NoProxy);
    if (!m_fake->start())
        return;
    SettingsValues values;
    values.baseUrl = m_fake->baseUrl().toString();
    values.apiKeys = keys;
    values.allowedTokens = {kClientToken};
    values.timeOut = 10;
    // One event loop, so tests can look at its relay and upstream pool; tst_proxyloops
    // sets more.
    values.proxyThreads = 1;
    if (configure)
        configure(values);
    m_settings = std::make_unique<Settings>(values, QHash<QString, SettingSource>{});
    m_proxy = std::make_unique<ProxyService>(m_settings.get(), clock);
    if (database) {
        Database migrator(u"harness-migrate"_s);
        if (auto r = migrator.open(*database); !r) {
            qWarning().noquote() << "harness database:" << r.error();
            return;
        }
        if (auto r = migrator.migrate(); !r) {
            qWarning().noquote() << "harness database:" << r.error();
            return;
        }
        m_queries = std::make_unique<QueryRunner>(*database);
        if (auto r = m_queries->start(); !r) {
            qWarning().noquote() << "harness database:" << r.error();
            return;
        }
        m_proxy->setQueryRunner(m_queries.get());
        m_persister = std::make_unique<SettingsPersister>(m_settings.get(), m_queries.get());
    }
    m_ready = m_proxy->start(QHostAddress(QHostAddress::LocalHost), 0);
}

ProxyHarness::~ProxyHarness()
{
    m_proxy.reset();
    m_persister.reset();
    m_queries.reset();
    m_fake.reset();
}

quint16 ProxyHarness::port() const
{
    return m_proxy ? m_proxy->port() : 0;
}

QUrl ProxyHarness::url(const QString &pathAndQuery) const
{
    const bool tls = m_proxy && m_proxy->isTls();
    return QUrl((tls ? u"https://127.0.0.1:%1%2"_s : u"http://127.0.0.1:%1%2"_s).arg(port()).arg(pathAndQuery),
                QUrl::StrictMode);
}

bool ProxyHarness::apply(const QVariantMap &changes)
{
    const bool ok = m_settings->apply(changes, SettingSource::Saved).ok();
    QCoreApplication::processEvents();  // deliver changed() to the proxy's objects
    return ok;
}

QNetworkReply *ProxyHarness::start(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                                   const HttpHeaders &headers)
{
    QNetworkRequest request(url(pathAndQuery));
    bool ownAuth = false;
    for (const auto &[name, value] : headers.fields()) {
        const QByteArray lower = name.toLower();
        ownAuth |= lower == "x-goog-api-key" || lower == "authorization";
        if (!value.isEmpty())
            request.setRawHeader(name, value);
    }
    if (!ownAuth && !pathAndQuery.contains(u"key="_s))
        request.setRawHeader("x-goog-api-key", kClientToken.toUtf8());
    if (!body.isEmpty() && !headers.contains("content-type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_trusted.isNull()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_trusted});
        request.setSslConfiguration(tls);
    }
    return m_client.sendCustomRequest(request, verb, body);
}

ClientReply ProxyHarness::send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                               const HttpHeaders &headers, int timeoutMs)
{
    ClientReply out;
    QNetworkReply *reply = start(verb, pathAndQuery, body, headers);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        ++out.reads;
        out.body += reply->readAll();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    out.finished = reply->isFinished();
    out.body += reply->readAll();
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        out.headers.add(name, value);
    if (!out.finished)
        reply->abort();
    reply->deleteLater();
    return out;
}

ClientReply ProxyHarness::get(const QString &pathAndQuery, const HttpHeaders &headers, int timeoutMs)
{
    return send("GET", pathAndQuery, {}, headers, timeoutMs);
}

ClientReply ProxyHarness::post(const QString &pathAndQuery, const QByteArray &body, const HttpHeaders &headers,
                               int timeoutMs)
{
    return send("POST", pathAndQuery, body, headers, timeoutMs);
}

QByteArray richGenerateBody(const QString &text)
{
    // Unknown fields, a thoughtSignature, the client's own safety settings and generation
    // config, odd spacing and key order: all must reach the upstream byte for byte.
    return QByteArrayLiteral("{\"contents\": [{\"role\":\"user\",\"parts\":[{\"text\":\"") + text.toUtf8()
           + QByteArrayLiteral("\"}]},\n"
                               "  {\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"lookup\",\"args\":{\"q\":1}},"
                               "\"thoughtSignature\":\"c2lnbmF0dXJlLWJ5dGVz\"}]},\n"
                               "  {\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"lookup\",\"response\":{\"ok\":true}}}]}],"
                               "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_LOW_AND_ABOVE\"}],"
                               "\"generationConfig\":{\"seed\":42,\"responseJsonSchema\":{\"type\":\"object\"},"
                               "\"thinkingConfig\":{\"thinkingLevel\":\"high\"},\"mediaResolution\":\"MEDIA_RESOLUTION_LOW\"},"
                               "\"tools\":[{\"functionDeclarations\":[{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\","
                               "\"properties\":{\"q\":{\"type\":\"integer\"}}}}]}],"
                               "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"AUTO\"}},"
                               "\"cachedContent\":null,\"labels\":{\"team\":\"x\"},\"futureField\":[1,2.50,\"\\u00e9\"]}");
}

} // namespace gb::test
