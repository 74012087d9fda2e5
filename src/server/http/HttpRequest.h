#pragma once

#include "common/HttpHeaders.h"

#include <QByteArray>
#include <QHostAddress>

namespace gb {

// One parsed HTTP/1.x request, owned by value: safe to keep after the handler returns.
struct HttpRequest
{
    QByteArray method;        // as received, e.g. "GET", "POST" (methods are case-sensitive)
    QByteArray target;        // the raw request-target, e.g. "/v1beta/models?key=abc"
    QByteArray path;          // target up to '?', still percent-encoded, e.g. "/v1beta/models"
    QByteArray query;         // target after '?', without the '?', still percent-encoded
    int versionMajor = 1;
    int versionMinor = 1;
    HttpHeaders headers;
    QByteArray body;          // the whole body (chunked request bodies are already de-chunked)
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    bool overTls = false;     // received on the server's TLS (https) listener

    // Set by the front end when it refuses the request itself but still hands it to the
    // handler, so the error is written in the API's own format. 0 = no error.
    // Used for: 413 (body over the limit; body is empty), 417 (unsupported Expect).
    int refusalStatus = 0;
    QString refusalMessage;

    bool isHttp11() const { return versionMajor == 1 && versionMinor >= 1; }
    QByteArray header(const QByteArray &name) const { return headers.value(name); }
};

} // namespace gb
