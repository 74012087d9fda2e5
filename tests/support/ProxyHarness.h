#pragma once

#include "FakeGemini.h"
#include "common/HttpHeaders.h"
#include "settings/Settings.h"
#include "store/Database.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QUrl>

#include <functional>
#include <memory>

namespace gb {
class Clock;
class ProxyService;
class QueryRunner;
class SettingsPersister;
}

namespace gb::test {

// A client's view of one HTTP exchange.
struct ClientReply
{
    int status = 0;
    QByteArray body;
    HttpHeaders headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int reads = 0;            // readyRead signals seen (how many pieces a stream came in)
    bool finished = false;    // false: the bounded wait ran out

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    QJsonObject json() const;
};

// The real proxy (ProxyService: HTTP server, router, relay, pools) on 127.0.0.1:0 against
// a FakeGemini upstream, all on the test's thread, plus a small client.
class ProxyHarness
{
public:
    static inline const QString kClientToken = QStringLiteral("client-token-for-tests");

    // `configure` adjusts the settings before the proxy starts (keys, retries, ...).
    // `clock` (not owned) drives cooldowns; nullptr = the system clock.
    // `database`: migrated and given to the proxy's admin API through a QueryRunner
    // (a scratch database from TestDatabases.h); nullptr = no database, as before.
    explicit ProxyHarness(const std::function<void(SettingsValues &)> &configure = {},
                          const QStringList &keys = {QStringLiteral("AIzaKeyA"), QStringLiteral("AIzaKeyB"),
                                                     QStringLiteral("AIzaKeyC")},
                          const Clock *clock = nullptr, const DatabaseConfig *database = nullptr);
    ~ProxyHarness();

    bool isReady() const { return m_ready; }
    FakeGemini &fake() { return *m_fake; }
    Settings &settings() { return *m_settings; }
    ProxyService &proxy() { return *m_proxy; }
    QueryRunner *queries() const { return m_queries.get(); }  // null without a database
    quint16 port() const;
    QUrl url(const QString &pathAndQuery) const;  // https:// when the proxy serves TLS
    // https: the client trusts this (self-signed) certificate, and only it.
    void trustCertificate(const QSslCertificate &certificate) { m_trusted = certificate; }

    // Applies setting changes as the admin API will (all-or-nothing); true on success.
    bool apply(const QVariantMap &changes);

    // Synchronous calls with a bounded wait. The client token goes in x-goog-api-key unless
    // `headers` sets its own auth (pass {{"x-goog-api-key", ""}} for none).
    ClientReply get(const QString &pathAndQuery, const HttpHeaders &headers = {}, int timeoutMs = 10000);
    ClientReply post(const QString &pathAndQuery, const QByteArray &body, const HttpHeaders &headers = {},
                     int timeoutMs = 10000);
    ClientReply send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                     const HttpHeaders &headers, int timeoutMs);

    // Starts a request and returns the reply for the test to drive (abort, read...).
    QNetworkReply *start(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                         const HttpHeaders &headers = {});

    QNetworkAccessManager &client() { return m_client; }

private:
    std::unique_ptr<FakeGemini> m_fake;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<QueryRunner> m_queries;
    std::unique_ptr<SettingsPersister> m_persister;  // with a database: saves Saved changes, as Runtime does
    std::unique_ptr<ProxyService> m_proxy;
    QNetworkAccessManager m_client;
    QSslCertificate m_trusted;
    bool m_ready = false;
};

// A generateContent body with the fields gemini-balance used to drop or rewrite.
QByteArray richGenerateBody(const QString &text = QStringLiteral("Hello there"));

} // namespace gb::test
