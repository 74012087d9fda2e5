#pragma once

#include "common/ApiErrors.h"
#include "common/HttpHeaders.h"
#include "relay/ResponseTransformer.h"

#include <QByteArray>
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

} // namespace gb
