#pragma once

#include "common/WriteBatch.h"

#include <QObject>
#include <QStringList>

#include <initializer_list>
#include <memory>

namespace gb {

class ApiRouter;
class AttemptLog;
class HttpServer;
class KeyPool;
class ModelCatalog;
class OverloadGate;
class Relay;
class RelayRoutes;
class Settings;
class UpstreamPool;
struct HttpServerLimits;
struct SettingsValues;

// Whether a settings change (Settings::changed's names; empty: the first application, all)
// touches any of `keys`.
bool settingsChanged(const QStringList &names, std::initializer_list<const char16_t *> keys);

// Every loop's HTTP server asks `routes` before reading a body: under overload, relayed
// requests are turned away (503) with their bodies unread.
void screenOverloadedHeads(HttpServer *http, const RelayRoutes *routes);

// What every proxy event loop applies of a settings change to its own parts: the upstream
// proxies and HTTP/2 mode, the model list, the request body limit. `names` empty: all.
void applyLoopSettings(const SettingsValues &s, const QStringList &names, UpstreamPool *upstream,
                       ModelCatalog *catalog, HttpServer *http);

// One more proxy event loop, on a thread of its own. The first loop (ProxyService) accepts
// every connection and hands some to each ProxyLoop, which serves them whole: its own HTTP
// connections, relay, upstream connection pool, model list and overload gate. It shares the
// key pool, the settings, the request log and the overload budget with the first loop, and
// sends every request that is not relayed (admin routes, /health, /metrics) to the first
// loop's router, whose answer comes back to the client here.
class ProxyLoop : public QObject
{
    Q_OBJECT
public:
    struct Shared
    {
        Settings *settings = nullptr;
        KeyPool *keys = nullptr;                  // thread-safe
        std::shared_ptr<AttemptLog> attemptLog;   // thread-safe; may be null
        const OverloadGate *firstGate = nullptr;  // its budget is shared
        ApiRouter *firstRouter = nullptr;         // on the first loop's thread: only posted to
    };

    explicit ProxyLoop(Shared shared, QObject *parent = nullptr);
    ~ProxyLoop() override;

    // On this object's thread: builds the loop's parts with the first loop's limits. After
    // it, adopt() may be posted here.
    void start(const HttpServerLimits &limits);
    // On this object's thread: closes every connection and deletes the parts.
    void stop();

    HttpServer *server() const { return m_http; }

private:
    void applySettings(const QStringList &names);

    Shared m_shared;
    WriteBatch m_writeBatch;
    UpstreamPool *m_upstream = nullptr;
    Relay *m_relay = nullptr;
    ModelCatalog *m_catalog = nullptr;
    OverloadGate *m_gate = nullptr;
    RelayRoutes *m_routes = nullptr;
    HttpServer *m_http = nullptr;
};

} // namespace gb
