#pragma once

#include "keys/FailureClassifier.h"
#include "keys/KeyPool.h"
#include "relay/RelayTypes.h"
#include "store/LogRecords.h"
#include "settings/SettingsValues.h"

#include <QElapsedTimer>
#include "upstream/UpstreamReply.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <array>
#include <memory>

namespace gb {

class Relay;
class ResponseSink;
class StreamFramer;

// One client call in flight: its attempts, its stream state and its response.
// Deletes itself when the client has its answer or has gone.
class RelayCall final : public QObject
{
    Q_OBJECT
public:
    RelayCall(Relay *relay, RelayRequest request, ResponseSink *sink);
    ~RelayCall() override;

    void start();

private:
    void startAttempt();
    void onReadyRead();
    void onFinished();
    void onClientGone();
    void onDrained();

    void forwardSuccessData(const QByteArray &data);
    void sendStreamHeaders();
    void writeContent(const QByteArray &bytes);
    void startHeartbeat();
    void handleHttpError(int status);
    void handleNetworkError(UpstreamReply::Error error, const QString &errorString);
    void respondError(int status, const QByteArray &body, const QByteArray &contentType);
    void respondLastError();
    void respondNoKey(const KeyChoice &choice);
    void finish(int status);
    void releaseReply();
    QByteArray redactedBody(const QByteArray &body) const;
    void logAttempt(int status, bool success, const QString &errorText);
    void noteUsage(const QByteArray &upstreamBytes);
    TokenUsage keptUsage() const;  // the last usage report in the pieces kept by noteUsage()

    Relay *m_relay;
    RelayRequest m_request;
    QPointer<ResponseSink> m_sink;
    std::shared_ptr<const SettingsValues> m_settings;

    QSet<QString> m_triedKeys;
    QString m_key;
    int m_attempts = 0;
    QPointer<UpstreamReply> m_reply;
    QElapsedTimer m_attemptTimer;
    qint64 m_attemptStartedMs = 0;  // epoch ms
    std::array<QByteArray, 2> m_usagePieces;  // a stream's last two pieces with a report, read when logged

    std::unique_ptr<StreamFramer> m_framer;
    QByteArray m_body;          // unary success body, or the error body of this attempt
    bool m_headersSent = false; // the client's stream has started (content or just a heartbeat)
    bool m_begun = false;       // content reached the client: no more retries
    QTimer *m_heartbeat = nullptr;  // fake streams: keep-alive chunks until the answer is there
    bool m_paused = false;      // waiting for the client to drain
    bool m_done = false;

    // The last failed attempt, answered to the client when no attempt succeeds.
    int m_lastStatus = 0;
    QByteArray m_lastErrorBody;
    QByteArray m_lastErrorContentType;
    QString m_lastNetworkError;
    bool m_lastWasTimeout = false;
    qint64 m_retryAfterMs = 0;  // when the pool says keys are resting: the soonest is ready then
};

} // namespace gb
