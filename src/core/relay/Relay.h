#pragma once

#include "relay/RelayTypes.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace gb {

class AttemptLog;
class KeyPool;
class ResponseSink;
class Settings;
class UpstreamPool;

// Carries client calls to the Gemini API with pooled keys: picks a key, relays the body
// exactly, retries a failed attempt on another key (only before the first byte reached the
// client), passes upstream errors through with their status, and streams SSE / JSON-array
// responses unit by unit. Lives on the proxy thread.
class Relay : public QObject
{
    Q_OBJECT
public:
    Relay(Settings *settings, KeyPool *keys, UpstreamPool *upstream, QObject *parent = nullptr);
    ~Relay() override;

    // Starts the call; the sink gets the whole answer (success or error), now or later.
    void start(RelayRequest request, ResponseSink *sink);

    int activeCalls() const { return m_active; }

    // Where every upstream attempt is logged (request log, error log); null: nowhere.
    // Set it before calls start; the log must be thread-safe and never block (LogQueue).
    void setAttemptLog(std::shared_ptr<AttemptLog> log) { m_attemptLog = std::move(log); }
    AttemptLog *attemptLog() const { return m_attemptLog.get(); }
    // How the request log names a key: KeyStateStore::keyId(key) and redact::secret(key),
    // remembered per key (a SHA-256 per logged attempt cost ~5 % of a request).
    struct KeyLabels
    {
        QString id;
        QString hint;
    };
    const KeyLabels &labelsOf(const QString &key);

    Settings *settings() const { return m_settings; }
    KeyPool *keys() const { return m_keys; }
    UpstreamPool *upstream() const { return m_upstream; }

private:
    friend class RelayCall;
    Settings *m_settings;
    KeyPool *m_keys;
    UpstreamPool *m_upstream;
    int m_active = 0;
    std::shared_ptr<AttemptLog> m_attemptLog;
    QHash<QString, KeyLabels> m_keyLabels;  // cleared when it outgrows the pool
};

} // namespace gb
