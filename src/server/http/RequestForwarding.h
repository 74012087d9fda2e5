#pragma once

#include "http/HttpRequest.h"

#include <functional>

class QObject;

namespace gb {

class ResponseSink;

// Hands a request received on one thread to a handler on another and carries the answer
// back: the handler writes to a sink of its own thread, and every begin/write/end/abort
// reaches `client` (a sink of the calling thread) queued and in order. The client going
// away reaches the handler as that sink's canceled(); pendingBytes() counts what is on
// its way plus what the client's sink still holds, and drained() follows the client's.
// `handler` runs on `context`'s thread; if `context` goes first, the client's response is
// aborted. The proxy's other event loops send the admin routes to the first loop this way.
using ForwardedHandler = std::function<void(HttpRequest &&request, ResponseSink *sink)>;
void forwardRequest(HttpRequest &&request, ResponseSink *client, QObject *context, ForwardedHandler handler);

} // namespace gb
