#pragma once

#include <QByteArray>
#include <QString>

namespace gb {

// Turns the upstream's answer into the client's format (e.g. Gemini -> OpenAI). Without one
// the relay passes bytes through exactly. One instance per client call; the relay calls it
// from the proxy thread only.
class ResponseTransformer
{
public:
    virtual ~ResponseTransformer() = default;

    // A successful unary answer.
    virtual QByteArray transformBody(const QByteArray &upstreamBody) = 0;
    virtual QByteArray bodyContentType() const { return QByteArrayLiteral("application/json"); }

    // A stream: whole upstream units (SSE events, as the framer cut them) -> client bytes.
    virtual QByteArray transformUnits(const QByteArray &units) = 0;
    // The upstream stream ended cleanly: whatever the client is still owed.
    virtual QByteArray finishStream() = 0;
    // The upstream failed after the client's stream began.
    virtual QByteArray failStream(int httpStatus, const QString &message) = 0;
    // Sent every heartbeat interval while a fake stream waits for its unary answer.
    virtual QByteArray heartbeat() { return {}; }
    virtual QByteArray streamContentType() const { return QByteArrayLiteral("text/event-stream"); }

    // The upstream's error answer (status kept) in the client's format.
    virtual QByteArray transformError(int httpStatus, const QByteArray &upstreamBody) = 0;
};

} // namespace gb
