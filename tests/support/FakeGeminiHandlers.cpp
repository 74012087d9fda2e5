// Routing and replies of the fake Gemini upstream.

#include "FakeGemini.h"
#include "FakeGeminiPrivate.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace gb::test {


static QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

static QString stripModelsPrefix(QString model)
{
    if (model.startsWith("models/"_L1))
        model.remove(0, 7);
    return model;
}

RecordedRequest FakeGemini::Private::capture(const QHttpServerRequest &request, QTcpSocket *socket)
{
    static const char connectionProperty[] = "gbFakeGeminiConnectionId";
    RecordedRequest rec;
    rec.id = nextRequestId++;
    QVariant connectionId = socket->property(connectionProperty);
    if (!connectionId.isValid()) {
        connectionId = QVariant::fromValue(nextConnectionId++);
        socket->setProperty(connectionProperty, connectionId);
        ++connectionsAccepted;
    }
    rec.connectionId = connectionId.toULongLong();
    rec.method = methodName(request.method());
    const QUrl url = request.url();
    rec.path = url.path(QUrl::FullyEncoded).toUtf8();
    rec.query = url.query(QUrl::FullyEncoded).toUtf8();
    rec.headers = request.headers();
    rec.body = request.body();
    rec.receivedAt = QDateTime::currentDateTimeUtc();
    rec.receivedMs = clock.elapsed();

    const QUrlQuery query(url);
    rec.queryKey = query.queryItemValue(u"key"_s, QUrl::FullyDecoded);
    rec.headerKey = QString::fromUtf8(rec.header("x-goog-api-key"));
    const QByteArray auth = rec.header("authorization");
    const QString bearer = auth.toLower().startsWith("bearer ") ? QString::fromUtf8(auth.mid(7).trimmed()) : QString();
    if (!rec.queryKey.isEmpty()) {
        rec.key = rec.queryKey;
        rec.keySource = KeySource::Query;
    } else if (!rec.headerKey.isEmpty()) {
        rec.key = rec.headerKey;
        rec.keySource = KeySource::Header;
    } else if (!bearer.isEmpty()) {
        rec.key = bearer;
        rec.keySource = KeySource::Bearer;
    }
    rec.sse = query.queryItemValue(u"alt"_s) == "sse"_L1;

    const QString path = url.path();
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    if (!path.startsWith("/v1beta/"_L1))
        return rec;
    const QString rest = path.mid(8);
    if (rest == "models"_L1) {
        if (get)
            rec.action = FakeAction::ListModels;
    } else if (rest.startsWith("models/"_L1)) {
        const QString spec = rest.mid(7);
        if (spec.isEmpty() || spec.contains(u'/'))
            return rec;
        const qsizetype colon = spec.indexOf(u':');
        if (colon < 0) {
            if (get) {
                rec.action = FakeAction::GetModel;
                rec.model = spec;
            }
            return rec;
        }
        if (!post)
            return rec;
        const QString method = spec.mid(colon + 1);
        static const QHash<QString, FakeAction> methods = {
            {u"generateContent"_s, FakeAction::GenerateContent},
            {u"streamGenerateContent"_s, FakeAction::StreamGenerateContent},
            {u"countTokens"_s, FakeAction::CountTokens},
            {u"embedContent"_s, FakeAction::EmbedContent},
            {u"batchEmbedContents"_s, FakeAction::BatchEmbedContents},
        };
        rec.action = methods.value(method, FakeAction::Unknown);
        if (rec.action != FakeAction::Unknown)
            rec.model = spec.left(colon);
    } else if (rest == "openai/models"_L1) {
        if (get)
            rec.action = FakeAction::OpenAiModels;
    } else if (rest == "openai/chat/completions"_L1) {
        if (post) {
            rec.action = FakeAction::OpenAiChat;
            rec.model = stripModelsPrefix(
                QJsonDocument::fromJson(rec.body).object().value("model"_L1).toString());
        }
    }
    return rec;
}

void FakeGemini::Private::decideFaults(FakeGeminiExchange *ex, int *delayMs)
{
    const RecordedRequest &r = ex->request;
    auto it = keys.constFind(r.key);
    if (it != keys.constEnd())
        *delayMs += it->delayMs;
    for (qsizetype i = 0; i < faults.size();) {
        Fault &f = faults[i];
        const bool matches = (f.model.isEmpty() || f.model == r.model) && (f.key.isEmpty() || f.key == r.key)
            && (!f.action || *f.action == r.action);
        const bool isDelay = f.kind == Fault::Kind::Delay;
        if (!matches || (!isDelay && ex->hasFault)) {
            ++i;
            continue;
        }
        *delayMs += qMax(0, f.delayMs);
        if (!isDelay) {
            ex->hasFault = true;
            ex->fault = f;
        }
        if (f.count > 0 && --f.count == 0)
            faults.removeAt(i);
        else
            ++i;
    }
}

void FakeGemini::Private::respond(FakeGeminiExchange *ex)
{
    if (ex->finished)
        return;
    if (!ex->alive()) {
        clientGone(ex);
        return;
    }
    if (ex->hasFault) {
        const Fault &f = ex->fault;
        switch (f.kind) {
        case Fault::Kind::Stall:
            return;  // until the client disconnects or the fake is deleted
        case Fault::Kind::Reset:
        case Fault::Kind::Close: {
            const QPointer<QTcpSocket> socket = ex->socket;
            finish(ex, ResponseOutcome::ResetByFake);
            if (socket) {
                if (f.kind == Fault::Kind::Reset)
                    resetConnection(socket);
                else
                    socket->disconnectFromHost();
            }
            return;
        }
        case Fault::Kind::HttpError:
            sendError(ex, f.status, fake::errorForStatus(f.status, ex->request.model, ex->request.key));
            return;
        case Fault::Kind::Raw:
            if (f.rawChunks.isEmpty())
                sendBody(ex, f.rawStatus, f.rawContentType, f.rawBody);
            else
                startStream(ex, f.rawContentType, f.rawChunks, QByteArray(), f.rawStatus);
            return;
        case Fault::Kind::CutStream:
            ex->cutAfter = qMax(0, f.cutAfterChunks);
            ex->cutMode = f.cutMode;
            break;
        case Fault::Kind::Delay:
            break;
        }
    }
    dispatch(ex);
}

void FakeGemini::Private::dispatch(FakeGeminiExchange *ex)
{
    switch (ex->request.action) {
    case FakeAction::Unknown:
        sendBody(ex, 404, "text/html; charset=UTF-8", fake::notFoundHtml(ex->request.path));
        return;
    case FakeAction::ListModels:
        if (checkKey(ex, false))
            listModels(ex);
        return;
    case FakeAction::GetModel:
        if (checkKey(ex, false))
            getModel(ex);
        return;
    case FakeAction::GenerateContent:
    case FakeAction::StreamGenerateContent:
        if (checkKey(ex, true))
            generate(ex);
        return;
    case FakeAction::CountTokens:
        if (checkKey(ex, true))
            countTokens(ex);
        return;
    case FakeAction::EmbedContent:
    case FakeAction::BatchEmbedContents:
        if (checkKey(ex, true))
            embed(ex, ex->request.action == FakeAction::BatchEmbedContents);
        return;
    case FakeAction::OpenAiModels:
        if (checkKey(ex, false))
            sendBody(ex, 200, "application/json", fake::openAiModels(models).toCompact());
        return;
    case FakeAction::OpenAiChat:
        if (checkKey(ex, true))
            openAiChat(ex);
        return;
    }
}

bool FakeGemini::Private::checkKey(FakeGeminiExchange *ex, bool modelCall)
{
    const RecordedRequest &r = ex->request;
    if (r.key.isEmpty()) {
        sendError(ex, 403, fake::missingKeyError());
        return false;
    }
    const auto it = keys.constFind(r.key);
    if (it == keys.constEnd()) {
        if (acceptAnyKey || (!validKeyPrefix.isEmpty() && r.key.startsWith(validKeyPrefix)))
            return true;
        sendError(ex, 400, fake::apiKeyInvalidError());
        return false;
    }
    const KeyBehavior &b = *it;
    switch (b.state) {
    case KeyBehavior::State::Valid:
        return true;
    case KeyBehavior::State::Invalid:
        sendError(ex, 400, fake::apiKeyInvalidError());
        return false;
    case KeyBehavior::State::Suspended:
        sendError(ex, 403, fake::suspendedKeyError(r.key));
        return false;
    case KeyBehavior::State::RateLimited:
    case KeyBehavior::State::ServerError: {
        if (!modelCall || (!b.model.isEmpty() && b.model != r.model))
            return true;
        int &used = limitedUse[r.key + u'\n' + b.model];
        if (used < b.allowedRequests) {
            ++used;
            return true;
        }
        if (b.state == KeyBehavior::State::RateLimited) {
            const QString model = r.model.isEmpty() ? u"gemini-2.5-flash"_s : r.model;
            sendError(ex, 429, fake::rateLimitError(model, b.quota == QuotaWindow::PerDay, b.retryDelaySec));
        } else {
            sendError(ex, b.errorStatus, fake::errorForStatus(b.errorStatus, r.model, r.key));
        }
        return false;
    }
    }
    return true;
}

const FakeModel *FakeGemini::Private::findModel(const QString &name) const
{
    for (const FakeModel &m : models) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

static QString pageToken(int offset)
{
    return QString::fromLatin1(QByteArray("offset:" + QByteArray::number(offset))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void FakeGemini::Private::listModels(FakeGeminiExchange *ex)
{
    const QUrlQuery query(QString::fromUtf8(ex->request.query));
    bool ok = false;
    int pageSize = query.queryItemValue(u"pageSize"_s).toInt(&ok);
    if (!ok || pageSize <= 0)
        pageSize = 50;
    pageSize = qMin(pageSize, 1000);
    int offset = 0;
    const QString token = query.queryItemValue(u"pageToken"_s, QUrl::FullyDecoded);
    if (!token.isEmpty()) {
        const QByteArray raw = QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
        offset = raw.startsWith("offset:") ? raw.mid(7).toInt(&ok) : -1;
        if (!ok || offset < 0 || offset > models.size()) {
            sendError(ex, 400, fake::invalidArgumentError(u"Invalid page token."_s));
            return;
        }
    }
    Json list = Json::array();
    const int end = int(qMin<qsizetype>(models.size(), qsizetype(offset) + pageSize));
    for (int i = offset; i < end; ++i)
        list.append(models.at(i).toJson());
    Json body = Json::object({{"models", list}});
    if (end < models.size())
        body.add("nextPageToken", pageToken(end));
    sendJson(ex, 200, body);
}

void FakeGemini::Private::getModel(FakeGeminiExchange *ex)
{
    if (const FakeModel *m = findModel(ex->request.model))
        sendJson(ex, 200, m->toJson());
    else
        sendError(ex, 404, fake::modelNotFoundError(ex->request.model, u"GetModel"_s));
}

bool FakeGemini::Private::parseBody(FakeGeminiExchange *ex, QJsonObject *out)
{
    const QByteArray &body = ex->request.body;
    if (body.trimmed().isEmpty()) {
        *out = QJsonObject();
        return true;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(ex, 400, fake::badJsonError(body, error.error == QJsonParseError::NoError ? 0 : error.offset));
        return false;
    }
    *out = doc.object();
    return true;
}

void FakeGemini::Private::generate(FakeGeminiExchange *ex)
{
    const RecordedRequest &r = ex->request;
    const bool streamed = r.action == FakeAction::StreamGenerateContent;
    const QString method = streamed ? u"streamGenerateContent"_s : u"generateContent"_s;
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    const FakeModel *model = findModel(r.model);
    if (!model || !model->supports(method)) {
        sendError(ex, 404, fake::modelNotFoundError(r.model, method));
        return;
    }
    const fake::GenerateRequestInfo info = fake::parseGenerateRequest(body);
    if (!info.hasContents) {
        sendError(ex, 400, fake::invalidArgumentError(u"* GenerateContentRequest.contents: contents is not specified\n"_s));
        return;
    }
    const fake::ReplyPlan plan = fake::planReply(model->name, info, reply.thoughts && model->thinking, reply.fixedText);
    if (!streamed) {
        sendJson(ex, 200, fake::generateResponse(plan));
        return;
    }
    const QList<Json> events = fake::streamResponses(plan, stream.chunks, stream.usageOnlyEvent);
    QList<QByteArray> pieces;
    if (r.sse) {
        for (const Json &e : events)
            pieces << "data: " + e.toStreamLine() + "\r\n\r\n";
        startStream(ex, "text/event-stream", pieces, QByteArray());
    } else {
        for (qsizetype i = 0; i < events.size(); ++i)
            pieces << (i == 0 ? QByteArray("[") : QByteArray("\n,\r\n")) + events.at(i).toPretty();
        startStream(ex, "application/json; charset=UTF-8", pieces, "]");
    }
}

void FakeGemini::Private::countTokens(FakeGeminiExchange *ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    const FakeModel *model = findModel(ex->request.model);
    if (!model || !model->supports(u"countTokens"_s)) {
        sendError(ex, 404, fake::modelNotFoundError(ex->request.model, u"countTokens"_s));
        return;
    }
    const QJsonObject source = body.contains("generateContentRequest"_L1)
        ? body.value("generateContentRequest"_L1).toObject()
        : body;
    const fake::GenerateRequestInfo info = fake::parseGenerateRequest(source);
    sendJson(ex, 200, fake::countTokensResponse(info.hasContents ? info.promptTokens : 0));
}

static QString contentText(const QJsonObject &content)
{
    QStringList texts;
    const QJsonArray parts = content.value("parts"_L1).toArray();
    for (const QJsonValue &p : parts)
        texts << p.toObject().value("text"_L1).toString();
    return texts.join(u' ');
}

void FakeGemini::Private::embed(FakeGeminiExchange *ex, bool batch)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    const QString method = batch ? u"batchEmbedContents"_s : u"embedContent"_s;
    const FakeModel *model = findModel(ex->request.model);
    if (!model || !model->supports(method)) {
        sendError(ex, 404, fake::modelNotFoundError(ex->request.model, method));
        return;
    }
    auto dims = [&](const QJsonObject &req) {
        const int wanted = req.value("outputDimensionality"_L1).toInt(0);
        return wanted > 0 ? qMin(wanted, model->embeddingDimensions) : model->embeddingDimensions;
    };
    if (!batch) {
        if (!body.contains("content"_L1)) {
            sendError(ex, 400, fake::invalidArgumentError(u"* EmbedContentRequest.content: content is not specified\n"_s));
            return;
        }
        const QString text = contentText(body.value("content"_L1).toObject());
        sendJson(ex, 200, Json::object({{"embedding", fake::embeddingJson(fake::embeddingValues(text, dims(body)))}}));
        return;
    }
    const QJsonArray requests = body.value("requests"_L1).toArray();
    if (requests.isEmpty()) {
        sendError(ex, 400, fake::invalidArgumentError(u"* BatchEmbedContentsRequest.requests: requests is not specified\n"_s));
        return;
    }
    Json embeddings = Json::array();
    for (const QJsonValue &v : requests) {
        const QJsonObject req = v.toObject();
        const QString text = contentText(req.value("content"_L1).toObject());
        embeddings.append(fake::embeddingJson(fake::embeddingValues(text, dims(req))));
    }
    sendJson(ex, 200, Json::object({{"embeddings", embeddings}}));
}

void FakeGemini::Private::openAiChat(FakeGeminiExchange *ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    const QString modelName = ex->request.model;
    const FakeModel *model = findModel(modelName);
    if (!model || !model->supports(u"generateContent"_s)) {
        sendError(ex, 404, fake::modelNotFoundError(modelName, u"generateContent"_s));
        return;
    }
    fake::GenerateRequestInfo info;
    info.lastUserText = fake::openAiLastUserText(body, &info.promptTokens);
    const fake::ReplyPlan plan = fake::planReply(model->name, info, false, reply.fixedText);
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    if (!body.value("stream"_L1).toBool()) {
        sendBody(ex, 200, "application/json", fake::openAiCompletion(plan, created).toCompact());
        return;
    }
    QList<QByteArray> pieces;
    const QList<Json> chunks = fake::openAiStreamChunks(plan, created, stream.chunks);
    for (const Json &c : chunks)
        pieces << "data: " + c.toCompact() + "\n\n";
    startStream(ex, "text/event-stream", pieces, "data: [DONE]\n\n");
}

} // namespace gb::test
