#pragma once

#include "api/AdminAuth.h"
#include "auth/TokenVerifier.h"
#include "http/HttpRequest.h"

#include <QObject>

#include <memory>

namespace gb {

class AdminSessions;
class AdminWebApi;
class ConfigApi;
class GeminiApi;
class KeyAdminApi;
class KeyChecker;
class KeyPool;
class OpenAiApi;
class RelayRoutes;
class QueryRunner;
class ModelCatalog;
class Relay;
class ResponseSink;
class Settings;
class StatsApi;
class MetricsRegistry;
class OverloadGate;

// The front door: every request from the HTTP server arrives here and goes to the API that
// owns its path. Answers CORS preflights, /health, refused requests (413...) and unknown
// routes, each in the error format of the API the path belongs to.
class ApiRouter : public QObject
{
    Q_OBJECT
public:
    // `queries` (may be null: no database) runs the admin API's database reads and writes.
    ApiRouter(Settings *settings, Relay *relay, ModelCatalog *catalog, KeyChecker *checker, QueryRunner *queries,
              QObject *parent = nullptr);
    ~ApiRouter() override;

    void handle(HttpRequest &&request, ResponseSink *sink);
    OverloadGate *overloadGate() const { return m_overload; }

    // The gate of every admin route; by default SessionAdminAuth (AUTH_TOKEN or a browser session).
    void setAdminAuth(std::unique_ptr<AdminAuth> auth);
    const AdminAuth &adminAuth() const { return *m_adminAuth; }
    const TokenVerifier &tokens() const;
    RelayRoutes *relayRoutes() const { return m_relayRoutes; }
    // The settings admin API (reload for /api/config/reset, pausable jobs) and the browser
    // sessions behind the default gate (SessionAdminAuth).
    ConfigApi *configApi() const { return m_configApi; }
    AdminSessions *adminSessions() const { return m_adminSessions; }
    // Extra values for GET /metrics (the log writer's counters, ...).
    MetricsRegistry &metrics();
    AdminWebApi *adminWeb() const { return m_adminWeb; }

private:
    void applyOverloadLimits();
    void route(HttpRequest &&request, ResponseSink *sink);

    Settings *m_settings;
    OverloadGate *m_overload;
    RelayRoutes *m_relayRoutes;  // the Gemini and OpenAI APIs
    KeyAdminApi *m_keyAdmin;
    QueryRunner *m_queries;
    AdminSessions *m_adminSessions;
    AdminWebApi *m_adminWeb;
    ConfigApi *m_configApi;
    StatsApi *m_stats;
    std::unique_ptr<AdminAuth> m_adminAuth;
};

} // namespace gb
