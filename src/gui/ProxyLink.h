#pragma once

#include "ServerSnapshot.h"
#include "keys/KeyChecker.h"
#include "upstream/ProxyChecker.h"

#include <QObject>
#include <QJsonArray>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace gb {

class ProxyService;
class Settings;
struct VerifyRun;

// The window's one door to the proxy thread. Every call is queued to the proxy's thread
// and every answer is queued back here, so a busy proxy never freezes the window and a
// frozen window never stalls a request. Snapshots of the server and the key pool arrive
// on a timer (and after each operation) through snapshotReady().
class ProxyLink : public QObject
{
    Q_OBJECT
public:
    enum class KeyOperation { Verify, ResetFailures, Enable, Disable };
    Q_ENUM(KeyOperation)

    // `proxy` lives on its own thread; `settings` on this one. Neither is owned.
    ProxyLink(ProxyService *proxy, Settings *settings, QObject *parent = nullptr);

    const ServerSnapshot &snapshot() const { return m_snapshot; }
    Settings *settings() const { return m_settings; }
    void setRefreshInterval(int ms) { m_timer.setInterval(ms); }

    // Asks for a new snapshot now (snapshotReady follows).
    void refresh();

    // Runs `operation` on `keys` on the proxy thread. Verification goes in batches of
    // KEY_CHECK_CONCURRENCY, with progress after each; the others are instant. One
    // operation at a time: false when one is running.
    bool runKeyOperation(KeyOperation operation, const QStringList &keys);
    bool isBusy() const { return m_busy; }

    // API_KEYS changes, saved (SettingSource::Saved). The error text is empty on success.
    QString addKeys(const QStringList &keys);
    QString removeKeys(const QStringList &keys);

    // Stops or restarts listening on the last address and port; the proxy thread stays.
    void startServer();
    void stopServer();
    // The server did not start with the application: reported like a failed Start.
    void noteStartFailure(const QString &error) { emit serverStateChanged(false, error); }
    // Listens on another address and port from now on (stop, then start there);
    // serverStateChanged reports a failure, and the snapshot the new place.
    void listenOn(const QHostAddress &address, quint16 port);

    // The model list the server serves on /v1beta/models (FILTERED_MODELS removed, the
    // -search/-image/-non-thinking aliases added), fetched on the proxy thread: modelsReady.
    void fetchModels();
    // Tests each of `proxies` on the proxy thread (a GET of BASE_URL/models through it, no
    // key sent): proxiesChecked.
    void checkProxies(const QStringList &proxies);

signals:
    void snapshotReady(const gb::ServerSnapshot &snapshot);
    void operationProgress(int done, int total);
    // `failed`: the keys the operation did not succeed for (verify: invalid keys, with
    // their errors in `errors`; others: keys no longer in the pool).
    void operationFinished(gb::ProxyLink::KeyOperation operation, int succeeded, const QStringList &failed,
                           const QStringList &errors);
    void serverStateChanged(bool listening, const QString &error);
    // `served`: the model objects as /v1beta/models lists them; `filtered`: the upstream's
    // model names (without "models/") that FILTERED_MODELS hides; `error` set when the
    // upstream list could not be fetched.
    void modelsReady(const QJsonArray &served, const QStringList &filtered, const QString &error);
    void proxiesChecked(const QList<gb::ProxyCheckResult> &results);

private:
    void takeSnapshot(const ServerSnapshot &snapshot);
    void verifyNext(const std::shared_ptr<VerifyRun> &run);

    ProxyService *m_proxy;  // on the proxy thread: only ever a context for queued calls
    Settings *m_settings;
    ServerSnapshot m_snapshot;
    QTimer m_timer;
    bool m_busy = false;
    bool m_refreshPending = false;
};

} // namespace gb
