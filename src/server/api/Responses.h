#pragma once

#include "common/ApiErrors.h"
#include "common/HttpHeaders.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QString>

namespace gb {

class ResponseSink;

// Headers every API answer carries: browsers' chat apps call the proxy directly.
HttpHeaders corsHeaders();

void sendJson(ResponseSink *sink, int status, const QByteArray &json);
void sendJson(ResponseSink *sink, int status, const QJsonDocument &json);
void sendError(ResponseSink *sink, ErrorFormat format, int status, const QString &message);

} // namespace gb
