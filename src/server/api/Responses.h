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

// The error format of the API a path belongs to: OpenAI's under /v1/, /hf/v1/ and
// /openai/, Gemini's elsewhere.
ErrorFormat errorFormatFor(const QByteArray &path);

void sendJson(ResponseSink *sink, int status, const QByteArray &json);
void sendJson(ResponseSink *sink, int status, const QJsonDocument &json);
void sendError(ResponseSink *sink, ErrorFormat format, int status, const QString &message);

} // namespace gb
