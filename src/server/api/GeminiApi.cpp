#include "api/GeminiApi.h"

#include "api/ClientAuth.h"
#include "api/Responses.h"
#include "common/JsonSyntax.h"
#include "common/ResponseSink.h"
#include "models/ModelAliases.h"
#include "models/ModelCatalog.h"
#include "relay/Relay.h"
#include "settings/Settings.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QPointer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr ErrorFormat kFormat = ErrorFormat::Gemini;

bool isGet(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

void methodNotAllowed(ResponseSink *sink, const QByteArray &allowed)
{
    HttpHeaders headers = corsHeaders();
    headers.add("Content-Type", "application/json; charset=utf-8");
    headers.add("Allow", allowed);
    sink->send(405, headers,
               apiErrorBody(kFormat, 405, u"Method not allowed here; use %1."_s.arg(QString::fromLatin1(allowed))));
}

// What the relay logs each method as (gemini-balance's error_type names where they exist).
QString operationName(const QByteArray &method, bool sse)
{
    if (method == "generateContent")
        return u"gemini-chat-non-stream"_s;
    if (method == "streamGenerateContent")
        return sse ? u"gemini-chat-stream"_s : u"gemini-chat-stream-json"_s;
    if (method == "countTokens")
        return u"gemini-count-tokens"_s;
    if (method == "embedContent")
        return u"gemini-embed-single"_s;
    if (method == "batchEmbedContents")
        return u"gemini-embed-batch"_s;
    return u"gemini-"_s + QString::fromLatin1(method);
}

bool isMethodName(const QByteArray &name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    return true;
}

// "models/<model>" path segments: the client's bytes when no alias applies, else the real name.
QByteArray upstreamModelSegment(const QByteArray &rawModel, const ModelRoute &route)
{
    if (route.alias == ModelAlias::None)
        return rawModel;
    return QUrl::toPercentEncoding(route.real, "-._~");
}
} // namespace

GeminiApi::GeminiApi(Settings *settings, Relay *relay, ModelCatalog *catalog, QObject *parent)
    : QObject(parent), m_settings(settings), m_relay(relay), m_catalog(catalog)
{
}

bool GeminiApi::matches(const QByteArray &path)
{
    return path == "/v1beta" || path.startsWith("/v1beta/");
}

void GeminiApi::handle(HttpRequest &&request, const QByteArray &path, const TokenVerifier &verifier,
                       ResponseSink *sink)
{
    RequestQuery query(request.query);
    QString tokenId;
    const AuthResult auth = authenticateClient(request, query, verifier, TokenPlaces::Gemini, &tokenId);
    if (auth != AuthResult::Allowed) {
        sendError(sink, kFormat, 401, authFailureMessage(auth, TokenPlaces::Gemini));
        return;
    }
    query.remove(u"key"_s);  // the client's token never goes upstream

    if (path == "/v1beta/models" || path == "/v1beta/models/") {
        if (!isGet(request.method))
            return methodNotAllowed(sink, "GET");
        listModels(query, sink);
        return;
    }
    static constexpr QByteArrayView prefix = "/v1beta/models/";
    if (!path.startsWith(prefix)) {
        sendError(sink, kFormat, 404,
                  u"No route for %1 %2."_s.arg(QString::fromLatin1(request.method), QString::fromUtf8(path)));
        return;
    }
    const QByteArray rest = path.mid(prefix.size());
    if (rest.contains('/')) {
        sendError(sink, kFormat, 404, u"No route for %1."_s.arg(QString::fromUtf8(path)));
        return;
    }
    const qsizetype colon = rest.lastIndexOf(':');
    if (colon < 0) {
        if (!isGet(request.method))
            return methodNotAllowed(sink, "GET");
        getModel(std::move(request), rest, std::move(query), tokenId, sink);
        return;
    }
    const QByteArray rawModel = rest.left(colon);
    const QByteArray method = rest.mid(colon + 1);
    if (rawModel.isEmpty() || !isMethodName(method)) {
        sendError(sink, kFormat, 404, u"No route for %1."_s.arg(QString::fromUtf8(path)));
        return;
    }
    if (request.method != "POST")
        return methodNotAllowed(sink, "POST");
    callMethod(std::move(request), rawModel, method, std::move(query), tokenId, sink);
}

void GeminiApi::listModels(const RequestQuery &query, ResponseSink *sink)
{
    QPointer<ResponseSink> guard(sink);
    bool sizeOk = false;
    const int pageSize = query.value(u"pageSize"_s).toInt(&sizeOk);
    const int offset = QByteArray::fromBase64(query.value(u"pageToken"_s).toLatin1()).toInt();
    m_catalog->fetch([this, guard, pageSize, sizeOk, offset](const ModelListResult &result) {
        if (!guard)
            return;
        if (!result.ok) {
            HttpHeaders headers = corsHeaders();
            headers.add("Content-Type", result.errorContentType.isEmpty() ? QByteArrayLiteral("application/json")
                                                                          : result.errorContentType);
            guard->send(result.status, headers, result.errorBody);
            return;
        }
        const QJsonArray all = presentModelList(result.models, *m_settings->snapshot());
        QJsonObject page;
        if (sizeOk && pageSize > 0) {  // the client pages: serve pages from the cached list
            const int start = qBound(0, offset, int(all.size()));
            const int end = int(qMin<qsizetype>(all.size(), qsizetype(start) + pageSize));
            QJsonArray slice;
            for (int i = start; i < end; ++i)
                slice.append(all.at(i));
            page.insert(u"models"_s, slice);
            if (end < all.size())
                page.insert(u"nextPageToken"_s, QString::fromLatin1(QByteArray::number(end).toBase64()));
        } else {
            page.insert(u"models"_s, all);
        }
        sendJson(guard, 200, QJsonDocument(page));
    });
}

void GeminiApi::getModel(HttpRequest &&request, const QByteArray &rawModel, RequestQuery query, const QString &tokenId,
                         ResponseSink *sink)
{
    const auto settings = m_settings->snapshot();
    const QString model = percentDecode(rawModel);
    if (isFilteredModel(model, *settings)) {
        sendError(sink, kFormat, 404, u"models/%1 is not available on this server (FILTERED_MODELS)."_s.arg(model));
        return;
    }
    const ModelRoute route = resolveModel(model, *settings);
    if (route.alias != ModelAlias::None) {
        QPointer<ResponseSink> guard(sink);
        m_catalog->fetch([guard, route](const ModelListResult &result) {
            if (!guard)
                return;
            if (!result.ok) {
                HttpHeaders headers = corsHeaders();
                headers.add("Content-Type", "application/json");
                guard->send(result.status, headers, result.errorBody);
                return;
            }
            for (const QJsonValue &v : result.models) {
                if (v.toObject().value(u"name"_s).toString() == u"models/"_s + route.real) {
                    sendJson(guard, 200, QJsonDocument(aliasModelEntry(v.toObject(), route.alias)));
                    return;
                }
            }
            sendError(guard, kFormat, 404, u"models/%1 is not found for API version v1beta."_s.arg(route.requested));
        });
        return;
    }
    RelayRequest relay;
    relay.verb = "GET";
    relay.path = "models/" + rawModel;
    relay.query = query.toEncoded();
    relay.model = model;
    relay.operation = u"gemini-get-model"_s;
    relay.clientTokenId = tokenId;
    relay.responseHeaders = corsHeaders();
    const QByteArray apiClient = request.header("x-goog-api-client");
    if (!apiClient.isEmpty())
        relay.forwardHeaders.set("x-goog-api-client", apiClient);
    m_relay->start(std::move(relay), sink);
}

void GeminiApi::callMethod(HttpRequest &&request, const QByteArray &rawModel, const QByteArray &method,
                           RequestQuery query, const QString &tokenId, ResponseSink *sink)
{
    // The one-pass syntax check is strict and cheap (~1,200 instructions for a short body
    // against ~10,500 for a QJsonDocument); on what it rejects QJsonDocument has the last word
    // and gives the error message.
    if (!request.body.isEmpty() && !jsonsyntax::isObject(request.body)) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError) {
            sendError(sink, kFormat, 400,
                      u"Invalid JSON payload received: %1 at byte %2."_s.arg(error.errorString()).arg(error.offset));
            return;
        }
        if (!doc.isObject()) {
            sendError(sink, kFormat, 400, u"Invalid JSON payload received: the body must be a JSON object."_s);
            return;
        }
    }
    const auto settings = m_settings->snapshot();
    const QString model = percentDecode(rawModel);
    if (isFilteredModel(model, *settings)) {
        sendError(sink, kFormat, 404, u"models/%1 is not available on this server (FILTERED_MODELS)."_s.arg(model));
        return;
    }
    const ModelRoute route = resolveModel(model, *settings);
    const bool stream = method == "streamGenerateContent";
    const bool sse = stream && query.value(u"alt"_s) == u"sse"_s;

    RelayRequest relay;
    relay.verb = "POST";
    relay.path = "models/" + upstreamModelSegment(rawModel, route) + ':' + method;
    relay.query = query.toEncoded();
    relay.body = (method == "generateContent" || stream) ? applyAliasToBody(route.alias, route.real, request.body)
                                                          : std::move(request.body);
    relay.contentType = request.header("content-type");
    if (relay.contentType.isEmpty())
        relay.contentType = "application/json";
    for (const QByteArray &name : {QByteArrayLiteral("x-goog-api-client"), QByteArrayLiteral("user-agent")}) {
        const QByteArray value = request.header(name);
        if (!value.isEmpty())
            relay.forwardHeaders.set(name, value);
    }
    relay.mode = !stream ? RelayRequest::Mode::Unary
                 : sse   ? RelayRequest::Mode::SseStream
                         : RelayRequest::Mode::JsonArrayStream;
    relay.model = route.real;
    relay.operation = operationName(method, sse);
    relay.clientTokenId = tokenId;
    relay.responseHeaders = corsHeaders();
    m_relay->start(std::move(relay), sink);
}

} // namespace gb
