#include "api/Responses.h"

#include "common/ResponseSink.h"

namespace gb {

HttpHeaders corsHeaders()
{
    // Built once: a copy shares its list and bytes (every answer starts from these).
    static const HttpHeaders headers{{"Access-Control-Allow-Origin", "*"}};
    return headers;
}

ErrorFormat errorFormatFor(const QByteArray &path)
{
    if (path.startsWith("/v1/") || path.startsWith("/hf/v1/") || path.startsWith("/openai/"))
        return ErrorFormat::OpenAI;
    return ErrorFormat::Gemini;
}

void sendJson(ResponseSink *sink, int status, const QByteArray &json)
{
    if (!sink)
        return;
    HttpHeaders headers = corsHeaders();
    headers.add("Content-Type", "application/json; charset=utf-8");
    sink->send(status, headers, json);
}

void sendJson(ResponseSink *sink, int status, const QJsonDocument &json)
{
    sendJson(sink, status, json.toJson(QJsonDocument::Compact));
}

void sendError(ResponseSink *sink, ErrorFormat format, int status, const QString &message)
{
    sendJson(sink, status, apiErrorBody(format, status, message));
}

} // namespace gb
