#include "relay/RelayCall.h"

#include "common/LogCategories.h"
#include "common/Redact.h"
#include "common/ResponseSink.h"
#include "keys/KeyPolicy.h"
#include "keys/KeyPool.h"
#include "relay/AttemptLog.h"
#include "relay/Relay.h"
#include "relay/StreamFramer.h"
#include "relay/TokenUsageParser.h"
#include "settings/Settings.h"
#include "store/KeyStateStore.h"
#include "upstream/UpstreamPool.h"

#include <QByteArrayMatcher>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr qint64 kHighWaterBytes = 4 * 1024 * 1024;  // stop reading upstream above this
constexpr qint64 kMaxErrorBody = 1024 * 1024;
constexpr qint64 kUpstreamReadBuffer = 1024 * 1024;
constexpr qsizetype kMaxLoggedRequestBody = 64 * 1024;  // ERROR_LOG_RECORD_REQUEST_BODY keeps this much

bool isStream(RelayRequest::Mode mode)
{
    return mode != RelayRequest::Mode::Unary;
}

// A JSON answer that does not end like a JSON document was cut short.
bool looksWhole(const QByteArray &body, const QByteArray &contentType)
{
    if (!contentType.contains("json"))
        return true;
    const QByteArray trimmed = body.trimmed();
    return trimmed.endsWith('}') || trimmed.endsWith(']');
}
} // namespace

RelayCall::RelayCall(Relay *relay, RelayRequest request, ResponseSink *sink)
    : QObject(relay), m_relay(relay), m_request(std::move(request)), m_sink(sink),
      m_settings(relay->settings()->snapshot())
{
    ++m_relay->m_active;
    connect(sink, &ResponseSink::canceled, this, &RelayCall::onClientGone);
    connect(sink, &QObject::destroyed, this, &RelayCall::onClientGone);
    connect(sink, &ResponseSink::drained, this, &RelayCall::onDrained);
}

RelayCall::~RelayCall()
{
    releaseReply();
    --m_relay->m_active;
}

void RelayCall::start()
{
    if (m_sink->isCanceled()) {
        onClientGone();
        return;
    }
    if (m_request.fakeStreamHeartbeatMs > 0 && m_request.transformer)
        startHeartbeat();
    startAttempt();
}

void RelayCall::startHeartbeat()
{
    sendStreamHeaders();
    m_heartbeat = new QTimer(this);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        if (m_sink && !m_done)
            m_sink->write(m_request.transformer->heartbeat());
    });
    m_heartbeat->start(m_request.fakeStreamHeartbeatMs);
}

void RelayCall::releaseReply()
{
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    if (m_reply->isRunning())
        m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

void RelayCall::startAttempt()
{
    releaseReply();
    const int maxAttempts = qMax(1, m_settings->maxRetries);
    if (m_attempts >= maxAttempts) {
        respondLastError();
        return;
    }
    if (!m_request.pinnedKey.isEmpty()) {  // a check of one given key: one attempt, that key
        if (m_attempts > 0) {
            respondLastError();
            return;
        }
        m_key = m_request.pinnedKey;
    } else {
        const KeyChoice choice = m_relay->keys()->choose(m_request.model, m_triedKeys);
        if (choice.outcome != KeyChoice::Outcome::Key) {
            m_retryAfterMs = choice.retryAfterMs;
            if (m_attempts == 0)
                respondNoKey(choice);
            else
                respondLastError();
            return;
        }
        m_key = choice.key;
    }
    ++m_attempts;
    m_triedKeys.insert(m_key);

    QByteArray url = m_settings->baseUrl.toUtf8() + '/' + m_request.path;
    if (!m_request.query.isEmpty())
        url += '?' + m_request.query;

    UpstreamRequest up;
    up.verb = m_request.verb;
    up.url = std::move(url);
    up.body = m_request.body;
    up.apiKey = m_key;
    up.transferTimeoutMs = qMax(1, m_settings->timeOut) * 1000;
    for (auto it = m_settings->customHeaders.cbegin(); it != m_settings->customHeaders.cend(); ++it)
        up.headers.set(it.key().toUtf8(), it.value().toUtf8());
    for (const auto &[name, value] : m_request.forwardHeaders.fields())
        up.headers.set(name, value);
    if (!m_request.contentType.isEmpty())
        up.headers.set("Content-Type", m_request.contentType);
    if (m_request.keyPlacement == RelayRequest::KeyPlacement::BearerHeader)
        up.headers.set("Authorization", "Bearer " + m_key.toUtf8());
    else
        up.headers.set("x-goog-api-key", m_key.toUtf8());

    m_body.clear();
    m_usagePieces = {};
    m_framer.reset();
    if (m_request.mode == RelayRequest::Mode::SseStream)
        m_framer = m_request.streamEndMarkers.isEmpty() ? std::make_unique<SseFramer>()
                                                        : std::make_unique<SseFramer>(m_request.streamEndMarkers);
    else if (m_request.mode == RelayRequest::Mode::JsonArrayStream)
        m_framer = std::make_unique<JsonArrayFramer>();

    m_attemptStartedMs = QDateTime::currentMSecsSinceEpoch();
    m_attemptTimer.start();
    m_reply = m_relay->upstream()->send(up);
    m_reply->setReadBufferSize(kUpstreamReadBuffer);
    connect(m_reply, &UpstreamReply::readyRead, this, &RelayCall::onReadyRead);
    connect(m_reply, &UpstreamReply::finished, this, &RelayCall::onFinished);
    qCDebug(lcRelay).noquote() << m_request.operation << m_request.model << "attempt" << m_attempts << "with key"
                               << redact::secret(m_key);
}

void RelayCall::onReadyRead()
{
    if (!m_reply || m_done)
        return;
    const int status = m_reply->status();
    if (status >= 400) {
        if (m_body.size() < kMaxErrorBody)
            m_body += m_reply->read(kMaxErrorBody - m_body.size());
        else
            m_reply->readAll();  // discard the rest
        return;
    }
    if (m_sink && m_sink->pendingBytes() > kHighWaterBytes) {
        m_paused = true;  // the reply's read buffer fills up and QNAM stops reading
        return;
    }
    forwardSuccessData(m_reply->readAll());
}

void RelayCall::onDrained()
{
    if (m_paused && !m_done) {
        m_paused = false;
        onReadyRead();
    }
}

void RelayCall::forwardSuccessData(const QByteArray &data)
{
    if (data.isEmpty())
        return;
    if (!m_framer) {
        m_body += data;
        return;
    }
    const QByteArray units = m_framer->feed(data);
    noteUsage(units);
    if (!units.isEmpty())
        writeContent(m_request.transformer ? m_request.transformer->transformUnits(units) : units);
}

void RelayCall::writeContent(const QByteArray &bytes)
{
    if (bytes.isEmpty() || !m_sink)
        return;
    sendStreamHeaders();
    m_begun = true;
    m_sink->write(bytes);
}

void RelayCall::sendStreamHeaders()
{
    if (m_headersSent || !m_sink)
        return;
    m_headersSent = true;
    const int status = m_reply ? m_reply->status() : 200;
    HttpHeaders headers = m_request.responseHeaders;
    QByteArray contentType;
    if (m_request.transformer)
        contentType = m_request.transformer->streamContentType();
    else if (m_reply)
        contentType = m_reply->contentType();
    if (contentType.isEmpty())
        contentType = m_request.mode == RelayRequest::Mode::SseStream ? "text/event-stream" : "application/json";
    headers.set("Content-Type", contentType);
    headers.set("Cache-Control", "no-cache");
    headers.set("X-Accel-Buffering", "no");
    m_sink->begin(status >= 200 && status < 300 ? status : 200, headers, ResponseSink::Streamed);
}

void RelayCall::onFinished()
{
    if (!m_reply || m_done)
        return;
    const int status = m_reply->status();
    const UpstreamReply::Error error = m_reply->error();
    // A proxy's own refusal (407, failed CONNECT) is not the upstream's answer: it is a
    // network failure on this route, retried on another key, never passed to the client.
    const bool proxyError = error == UpstreamReply::Error::Proxy;
    if (status >= 400 && !proxyError) {
        onReadyRead();
        handleHttpError(status);
        return;
    }
    if (error != UpstreamReply::Error::None || status == 0) {
        handleNetworkError(error, m_reply->errorString());
        return;
    }

    // The upstream says it is done; make sure the answer is whole (Qt 6.4 can report a
    // connection cut right after a chunk as a clean end).
    forwardSuccessData(m_reply->readAll());
    const QByteArray contentType = m_reply->contentType();
    if (m_framer ? !m_framer->isComplete() : !looksWhole(m_body, contentType)) {
        handleNetworkError(UpstreamReply::Error::Network,
                           u"the upstream answer ended early (incomplete %1)"_s.arg(
                               m_framer ? u"stream"_s : u"body"_s));
        return;
    }
    // The stream's held-back tail may be its last event, with the final usage report.
    const QByteArray tail = m_framer ? m_framer->finish() : QByteArray();
    noteUsage(tail);
    logAttempt(status, true, {});
    m_relay->upstream()->noteProtocol(m_reply, m_settings->baseUrl);
    m_relay->keys()->recordSuccess(m_key, m_request.model);
    if (!m_sink) {
        finish(status);
        return;
    }
    ResponseTransformer *transform = m_request.transformer.get();
    if (m_framer) {
        if (transform) {
            QByteArray out = transform->transformUnits(tail);  // in this order: the units, then the end
            out += transform->finishStream();
            writeContent(out);
        } else {
            writeContent(tail);
        }
        sendStreamHeaders();  // an empty stream still gets its (empty) response
        m_sink->end();
    } else if (m_headersSent && transform) {
        // A fake stream: the whole answer as one stream event, then the stream's end.
        const QByteArray compact = QJsonDocument::fromJson(m_body).toJson(QJsonDocument::Compact);
        QByteArray out = transform->transformUnits("data: " + compact + "\r\n\r\n");
        out += transform->finishStream();
        writeContent(out);
        m_sink->end();
    } else {
        HttpHeaders headers = m_request.responseHeaders;
        if (transform)
            headers.set("Content-Type", transform->bodyContentType());
        else
            headers.set("Content-Type", contentType.isEmpty() ? QByteArrayLiteral("application/json") : contentType);
        m_sink->send(status, headers, transform ? transform->transformBody(m_body) : m_body);
    }
    finish(status);
}

void RelayCall::handleHttpError(int status)
{
    const QByteArray body = redactedBody(m_body);
    const Failure failure = classifyHttpFailure(status, m_body);
    logAttempt(status, false, QString::fromUtf8(body));
    const QString summary = u"%1 %2: %3"_s.arg(status).arg(failureKindName(failure.kind),
                                                          redact::secretsInText(failure.message.left(200)));
    applyKeyFailure(*m_relay->keys(), m_key, m_request.model, failure, KeyPolicyConfig::fromSettings(*m_settings),
                    summary);

    m_lastStatus = status;
    m_lastErrorBody = body;
    m_lastErrorContentType = m_reply->contentType();
    m_lastNetworkError.clear();
    m_lastWasTimeout = false;

    if (!failure.isRetryable()) {
        respondLastError();
        return;
    }
    qCInfo(lcRelay).noquote() << m_request.operation << m_request.model << "attempt" << m_attempts << "with key"
                              << redact::secret(m_key) << "failed:" << summary;
    startAttempt();
}

void RelayCall::handleNetworkError(UpstreamReply::Error error, const QString &errorString)
{
    // Our own aborts disconnect first, so a cancel here is the transfer (inactivity) timeout.
    const bool timeout = error == UpstreamReply::Error::Timeout;
    Failure failure;
    failure.kind = timeout ? FailureKind::Timeout : FailureKind::UpstreamFault;
    QString reason = timeout ? u"no data from upstream for %1 s (TIME_OUT)"_s.arg(m_settings->timeOut)
                             : redact::secretsInText(errorString);
    if (const QString proxy = m_reply ? m_reply->proxy() : QString(); !proxy.isEmpty())
        reason += u" (through proxy %1)"_s.arg(proxy);
    failure.message = reason;
    logAttempt(0, false, reason);
    applyKeyFailure(*m_relay->keys(), m_key, m_request.model, failure, KeyPolicyConfig::fromSettings(*m_settings),
                    reason);

    if (m_begun) {
        // Part of the answer is already with the client: end the stream with an error unit
        // instead of splicing in a second answer from another key.
        const int status = timeout ? 504 : 502;
        const QByteArray errorJson = apiErrorBody(m_request.errorFormat, status,
                                                  u"The upstream stream failed midway: %1"_s.arg(reason));
        qCWarning(lcRelay).noquote() << m_request.operation << m_request.model << "stream interrupted after the"
                                     << "first byte, key" << redact::secret(m_key) << ":" << reason;
        if (m_sink) {
            m_sink->write(m_request.transformer
                              ? m_request.transformer->failStream(status, u"The upstream stream failed midway: %1"_s.arg(reason))
                              : m_framer->errorUnit(errorJson));
            m_sink->end();
        }
        finish(status);
        return;
    }

    m_lastStatus = 0;
    m_lastErrorBody.clear();
    m_lastNetworkError = reason;
    m_lastWasTimeout = timeout;
    qCInfo(lcRelay).noquote() << m_request.operation << m_request.model << "attempt" << m_attempts << "with key"
                              << redact::secret(m_key) << "failed:" << reason;
    startAttempt();
}

void RelayCall::noteUsage(const QByteArray &upstreamBytes)
{
    // Only events that carry a usage report are kept (a substring search otherwise), and only
    // the last two: Gemini repeats the running totals in every event, so they are read once,
    // when the attempt is logged (the one before covers a last piece whose "usage" was text).
    static const QByteArrayMatcher usageName(QByteArrayLiteral("\"usage"));  // contains() builds one per call
    if (upstreamBytes.isEmpty() || !m_relay->attemptLog() || usageName.indexIn(upstreamBytes) < 0)
        return;
    m_usagePieces[0] = std::exchange(m_usagePieces[1], upstreamBytes);
}

TokenUsage RelayCall::keptUsage() const
{
    for (int i = 1; i >= 0; --i) {
        if (m_usagePieces[i].isEmpty())
            continue;
        if (const TokenUsage usage = lastTokenUsageIn(m_usagePieces[i]); usage.known)
            return usage;
    }
    return {};
}

void RelayCall::logAttempt(int status, bool success, const QString &errorText)
{
    AttemptLog *log = m_relay->attemptLog();
    if (!log)
        return;

    RequestLogEntry e;
    e.timeMs = m_attemptStartedMs;
    e.model = m_request.model;
    const Relay::KeyLabels &labels = m_relay->labelsOf(m_key);
    e.keyId = labels.id;
    e.keyHint = labels.hint;
    e.tokenId = m_request.clientTokenId;
    e.statusCode = status;
    e.success = success;
    e.latencyMs = int(qMin<qint64>(m_attemptTimer.elapsed(), std::numeric_limits<int>::max()));
    // A unary answer has its report near the end; a stream's is in the pieces kept.
    e.usage = success && !m_framer ? lastTokenUsageIn(m_body) : keptUsage();
    e.stream = isStream(m_request.mode);
    e.attempt = m_attempts;
    e.operation = m_request.operation;

    if (!success && status != 499) {  // a client that went away is not an upstream error
        ErrorLogEntry err;
        err.timeMs = e.timeMs;
        err.keyId = e.keyId;
        err.keyHint = e.keyHint;
        err.model = e.model;
        err.errorType = m_request.operation;
        err.errorCode = status;
        err.errorLog = errorText;  // already redacted by the caller
        if (m_settings->errorLogRecordRequestBody && !m_request.body.isEmpty())
            err.requestBody = redactedBody(m_request.body.left(kMaxLoggedRequestBody));
        log->recordError(std::move(err));
    }
    log->record(std::move(e));
}

QByteArray RelayCall::redactedBody(const QByteArray &body) const
{
    QList<QByteArray> secrets;
    for (const QString &k : std::as_const(m_triedKeys))
        secrets.append(k.toUtf8());
    return redact::secretsInText(body, secrets);
}

void RelayCall::respondError(int status, const QByteArray &body, const QByteArray &contentType)
{
    if (m_sink && m_headersSent) {
        // A fake stream already started: the error becomes its last event.
        const QJsonObject error = QJsonDocument::fromJson(body).object().value(u"error"_s).toObject();
        const QString message = error.value(u"message"_s).toString(QString::fromUtf8(body.left(500)));
        m_sink->write(m_request.transformer->failStream(status, message));
        m_sink->end();
    } else if (m_sink) {
        HttpHeaders headers = m_request.responseHeaders;
        headers.set("Content-Type", contentType.isEmpty() ? QByteArrayLiteral("application/json; charset=utf-8")
                                                          : contentType);
        if (status == 429 && m_retryAfterMs > 0)  // when the soonest key is ready again
            headers.set("Retry-After", QByteArray::number((m_retryAfterMs + 999) / 1000));
        m_sink->send(status, headers, body);
    }
    finish(status);
}

void RelayCall::respondLastError()
{
    if (m_lastStatus == 429 && m_retryAfterMs == 0) {
        // Out of attempts on a rate limit: tell the client when a key is ready again (a
        // retry right away may already find another key: then one second).
        const qint64 ready = m_relay->keys()->readyInMs(m_request.model);
        m_retryAfterMs = ready > 0 ? ready : 1000;
    }
    if (m_lastStatus > 0) {
        if (m_request.transformer)  // the upstream's error, in the client's format
            respondError(m_lastStatus, m_request.transformer->transformError(m_lastStatus, m_lastErrorBody), {});
        else
            respondError(m_lastStatus, m_lastErrorBody, m_lastErrorContentType);
        return;
    }
    const int status = m_lastWasTimeout ? 504 : 502;
    const QString message = u"The Gemini API could not be reached after %1 attempt(s): %2"_s.arg(m_attempts).arg(
        m_lastNetworkError);
    respondError(status, apiErrorBody(m_request.errorFormat, status, message), {});
}

void RelayCall::respondNoKey(const KeyChoice &choice)
{
    KeyPool *keys = m_relay->keys();
    int status = 503;
    QString message;
    switch (choice.outcome) {
    case KeyChoice::Outcome::NoKeys:
        message = u"No API keys are configured. Add Gemini API keys (API_KEYS) and try again."_s;
        break;
    case KeyChoice::Outcome::AllCooling:
        status = 429;
        message = u"All %1 usable API keys are resting after rate limits for %2; the soonest is ready again in %3 s."_s
                      .arg(keys->enabledCount())
                      .arg(m_request.model)
                      .arg((choice.retryAfterMs + 999) / 1000);
        break;
    default:
        message = u"All %1 API keys are disabled (invalid, suspended, or MAX_FAILURES reached). Verify or reset "
                  "them, or add new keys."_s.arg(keys->size());
        break;
    }
    qCWarning(lcRelay).noquote() << m_request.operation << m_request.model << "refused:" << message;
    respondError(status, apiErrorBody(m_request.errorFormat, status, message), {});
}

void RelayCall::onClientGone()
{
    if (m_done)
        return;
    qCDebug(lcRelay).noquote() << m_request.operation << m_request.model << "client went away; upstream call aborted";
    if (m_reply && m_reply->isRunning())  // the attempt in flight still used the key (and maybe tokens)
        logAttempt(499, false, {});
    releaseReply();
    m_sink = nullptr;
    finish(499);
}

void RelayCall::finish(int status)
{
    if (m_done)
        return;
    m_done = true;
    if (m_heartbeat)
        m_heartbeat->stop();
    releaseReply();
    deleteLater();
}

} // namespace gb
