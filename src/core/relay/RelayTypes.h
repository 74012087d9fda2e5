#pragma once

#include "common/ApiErrors.h"
#include "common/HttpHeaders.h"
#include "keys/FailureClassifier.h"
#include "relay/ResponseTransformer.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <memory>


namespace gb {

// One client call for the relay to carry out with a pooled key.
struct RelayRequest
{
    enum class Mode { Unary, SseStream, JsonArrayStream };
    enum class KeyPlacement { GoogApiKeyHeader, BearerHeader };

    QByteArray verb = "POST";
    QByteArray path;              // relative to BASE_URL, percent-encoded: "models/gemini-2.5-flash:generateContent"
    QByteArray query;             // forwarded query string without '?', client credentials removed
    QByteArray body;              // relayed exactly as given
    QByteArray contentType;       // of the body; empty for none
    HttpHeaders forwardHeaders;   // client headers passed on (e.g. x-goog-api-client)
    Mode mode = Mode::Unary;
    KeyPlacement keyPlacement = KeyPlacement::GoogApiKeyHeader;
    ErrorFormat errorFormat = ErrorFormat::Gemini;
    HttpHeaders responseHeaders;  // added to the client's response (e.g. CORS)

    // Set: the answer is converted for the client (e.g. to OpenAI's format); unset: relayed exactly.
    std::shared_ptr<ResponseTransformer> transformer;
    // Unary upstream call shown to the client as a stream (FAKE_STREAM_ENABLED): the stream
    // starts at once and carries the transformer's heartbeat every this many ms until the
    // answer is there. 0 = off. Needs a transformer.
    int fakeStreamHeartbeatMs = 0;
    // What marks the end of a whole SSE stream from this upstream (Gemini: a chunk with a
    // finishReason; OpenAI-style: [DONE]). Empty = Gemini's.
    QList<QByteArray> streamEndMarkers;

    QString model;                // the real model name, for logs and per-model key state ("" = none)
    QString clientTokenId;        // which client token made the call (for the request log)
    QString pinnedKey;            // set: exactly one attempt with this key (key checks), no selection
    QString operation;            // what this is, for logs: "gemini-chat-stream", "gemini-count-tokens", ...
};

// One upstream attempt (a client call makes 1..MAX_RETRIES of them).
struct AttemptRecord
{
    QDateTime startedAt;
    QString key;              // full key: consumers must redact before showing or logging it
    QString model;
    QString operation;
    int httpStatus = 0;       // 0 when no HTTP answer came (connection error, timeout)
    bool success = false;
    Failure failure;          // when !success
    QString networkError;     // when httpStatus == 0
    qint64 latencyMs = 0;
    bool stream = false;
    QByteArray upstreamErrorBody;  // redacted
};

// The end of one client call.
struct RelayOutcome
{
    QString model;
    QString operation;
    int status = 0;           // what the client got (499 when the client went away first)
    int attempts = 0;
    qint64 latencyMs = 0;
    bool stream = false;
    bool clientCanceled = false;
    bool streamInterrupted = false;  // the upstream failed after the first byte reached the client
    QString lastKey;          // full key: redact before use
};

} // namespace gb

Q_DECLARE_METATYPE(gb::AttemptRecord)
Q_DECLARE_METATYPE(gb::RelayOutcome)
