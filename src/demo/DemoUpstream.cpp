#include "DemoUpstream.h"

#include "DemoKeys.h"
#include "DemoReplies.h"
#include "api/RequestQuery.h"
#include "common/LogCategories.h"
#include "common/ResponseSink.h"
#include "http/HttpServer.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace gb::demo {

namespace {

const HttpHeaders kJson{{"Content-Type", "application/json; charset=UTF-8"}};

void sendJson(ResponseSink *sink, int status, const QJsonObject &body)
{
    sink->send(status, kJson, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString requestKey(const HttpRequest &request)
{
    const QString fromQuery = RequestQuery(request.query).value(u"key"_s);
    if (!fromQuery.isEmpty())
        return fromQuery;
    return QString::fromLatin1(request.header("x-goog-api-key").trimmed());
}

} // namespace

DemoUpstream::DemoUpstream(QObject *parent)
    : QObject(parent),
      m_server(new HttpServer([this](HttpRequest &&request, ResponseSink *sink) { handle(std::move(request), sink); }, this))
{
}

DemoUpstream::~DemoUpstream() = default;

bool DemoUpstream::start()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QString DemoUpstream::errorString() const
{
    return m_server->errorString();
}

QString DemoUpstream::baseUrl() const
{
    return u"http://127.0.0.1:%1/v1beta"_s.arg(m_server->serverPort());
}

void DemoUpstream::handle(HttpRequest &&request, ResponseSink *sink)
{
    ++m_requests;
    const QString path = QString::fromUtf8(QByteArray::fromPercentEncoding(request.path));
    static const QString prefix = u"/v1beta/models"_s;
    if (!path.startsWith(prefix))
        return sendJson(sink, 404, replies::error(404, u"NOT_FOUND"_s, u"The requested URL was not found on this server."_s));

    // The key decides before anything else, as on Google's side.
    const QString key = requestKey(request);
    if (key.isEmpty())
        return sendJson(sink, 403, replies::error(403, u"PERMISSION_DENIED"_s,
                                                  u"Method doesn't allow unregistered callers (callers without "
                                                  "established identity). Please use API Key or other form of API "
                                                  "consumer identity to call this API."_s));
    const KeyBehaviour behaviour = behaviourOf(key);
    if (behaviour == KeyBehaviour::Invalid)
        return sendJson(sink, 400, replies::invalidKeyError());

    const QString rest = path.mid(prefix.size());  // "", "/gemini-2.5-flash", "/gemini-2.5-flash:generateContent"
    if (request.method == "GET") {
        if (rest.isEmpty() || rest == u"/"_s)
            return sendJson(sink, 200, replies::modelList());
        const QJsonObject model = replies::model(rest.mid(1));
        if (model.isEmpty())
            return sendJson(sink, 404, replies::modelNotFoundError(rest.mid(1), u"getModel"_s));
        return sendJson(sink, 200, model);
    }
    if (request.method != "POST")
        return sendJson(sink, 405, replies::error(405, u"INVALID_ARGUMENT"_s, u"Method not allowed."_s));

    const qsizetype colon = rest.lastIndexOf(u':');
    if (!rest.startsWith(u'/') || colon < 0)
        return sendJson(sink, 404, replies::error(404, u"NOT_FOUND"_s, u"The requested URL was not found on this server."_s));
    const QString model = rest.mid(1, colon - 1);
    const QString method = rest.mid(colon + 1);
    if (replies::model(model).isEmpty())
        return sendJson(sink, 404, replies::modelNotFoundError(model, method));

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return sendJson(sink, 400, replies::error(400, u"INVALID_ARGUMENT"_s,
                                                  u"Invalid JSON payload received. %1 at offset %2."_s.arg(
                                                      parseError.errorString()).arg(parseError.offset)));
    const QJsonObject body = document.object();

    if (behaviour == KeyBehaviour::RateLimited)
        return sendJson(sink, 429, replies::rateLimitError(model, 45));

    const bool embedding = replies::isEmbeddingModel(model);
    if (method == u"embedContent"_s && embedding)
        return sendJson(sink, 200, replies::embedResponse(body));
    if (method == u"batchEmbedContents"_s && embedding)
        return sendJson(sink, 200, replies::batchEmbedResponse(body));
    if (method == u"countTokens"_s && !embedding)
        return sendJson(sink, 200, replies::countTokensResponse(body));
    if (method == u"generateContent"_s && !embedding) {
        if (!body.value(u"contents"_s).isArray())
            return sendJson(sink, 400, replies::error(400, u"INVALID_ARGUMENT"_s, u"* GenerateContentRequest.contents: contents is not specified\n"_s));
        return sendJson(sink, 200, replies::generateResponse(model, replies::promptText(body)));
    }
    if (method == u"streamGenerateContent"_s && !embedding)
        return stream(model, replies::promptText(body), RequestQuery(request.query).value(u"alt"_s) == u"sse"_s, sink);
    sendJson(sink, 404, replies::modelNotFoundError(model, method));
}

void DemoUpstream::stream(const QString &model, const QString &prompt, bool sse, ResponseSink *sink)
{
    const QList<QJsonObject> chunks = replies::streamResponses(model, prompt);
    sink->begin(200,
                sse ? HttpHeaders{{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}}
                    : HttpHeaders{{"Content-Type", "application/json; charset=UTF-8"}},
                ResponseSink::Streamed);
    // One chunk per tick; the timer dies with the sink, so a client that goes stops it.
    auto *timer = new QTimer(sink);
    auto next = std::make_shared<qsizetype>(0);
    QPointer<ResponseSink> target(sink);
    connect(timer, &QTimer::timeout, sink, [target, timer, chunks, next, sse] {
        if (!target || target->isCanceled())
            return timer->stop();
        const qsizetype i = (*next)++;
        const QByteArray json = QJsonDocument(chunks.at(i)).toJson(QJsonDocument::Compact);
        const bool last = i + 1 == chunks.size();
        if (sse)
            target->write("data: " + json + "\r\n\r\n");
        else  // a JSON array, written element by element
            target->write((i == 0 ? "[" : ",\r\n") + json + (last ? "]" : ""));
        if (last) {
            timer->stop();
            target->end();
        }
    });
    timer->start(m_chunkIntervalMs);
}

} // namespace gb::demo
