#include "FakeGemini.h"
#include "FakeGeminiPrivate.h"

#include <QHttpServerRequest>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace gb::test {

QString fakeActionName(FakeAction action)
{
    switch (action) {
    case FakeAction::Unknown: return u"unknown"_s;
    case FakeAction::ListModels: return u"listModels"_s;
    case FakeAction::GetModel: return u"getModel"_s;
    case FakeAction::GenerateContent: return u"generateContent"_s;
    case FakeAction::StreamGenerateContent: return u"streamGenerateContent"_s;
    case FakeAction::CountTokens: return u"countTokens"_s;
    case FakeAction::EmbedContent: return u"embedContent"_s;
    case FakeAction::BatchEmbedContents: return u"batchEmbedContents"_s;
    case FakeAction::OpenAiChat: return u"openai.chatCompletions"_s;
    case FakeAction::OpenAiModels: return u"openai.models"_s;
    }
    return QString();
}

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool RecordedRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// --- FakeGemini ---

FakeGemini::FakeGemini(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    qRegisterMetaType<gb::test::ResponseOutcome>();
    d->clock.start();
}

FakeGemini::~FakeGemini()
{
    d->destroying = true;
    if (d->tcp)
        d->tcp->close();
    const auto exchanges = d->exchanges;
    for (FakeGeminiExchange *ex : exchanges) {
        ex->finished = true;
        ex->detachSocket();
        if (RecordedResponse *r = responseRecord(ex->request.id))
            r->outcome = ResponseOutcome::FakeDestroyed;
        if (ex->socket)
            resetConnection(ex->socket);
        delete ex;
    }
    d->exchanges.clear();
    if (d->http) {
        const auto sockets = d->http->findChildren<QTcpSocket *>();
        for (QTcpSocket *s : sockets)
            resetConnection(s);
        d->http.reset();  // deletes the QTcpServer and every socket
    }
}

bool FakeGemini::start(quint16 port)
{
    if (d->http)
        return true;
    d->http = std::make_unique<FakeGeminiHttp>(this);
    auto *tcp = new QTcpServer(d->http.get());
    tcp->setListenBacklogSize(1024);
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        qWarning("FakeGemini: cannot listen: %s", qPrintable(tcp->errorString()));
        d->http.reset();
        return false;
    }
    d->http->bind(tcp);
    d->tcp = tcp;
    return true;
}

bool FakeGemini::isRunning() const { return d->tcp && d->tcp->isListening(); }
quint16 FakeGemini::port() const { return d->tcp ? d->tcp->serverPort() : 0; }

QUrl FakeGemini::rootUrl() const
{
    QUrl u;
    u.setScheme(u"http"_s);
    u.setHost(u"127.0.0.1"_s);
    u.setPort(port());
    return u;
}

QUrl FakeGemini::baseUrl() const
{
    QUrl u = rootUrl();
    u.setPath(u"/v1beta"_s);
    return u;
}

QUrl FakeGemini::url(const QString &pathAndQuery) const
{
    return QUrl(rootUrl().toString() + pathAndQuery);
}

void FakeGemini::reset()
{
    d->validKeyPrefix = u"AIza"_s;
    d->acceptAnyKey = false;
    d->keys.clear();
    d->limitedUse.clear();
    d->faults.clear();
    d->replyDelayMs = 0;
    d->stream = StreamOptions();
    d->reply = ReplyOptions();
    d->models = defaultModelCatalogue();
    d->recording = true;
    clearRecords();
    resetCounters();
}

// --- Keys ---

void FakeGemini::setValidKeyPrefix(const QString &prefix) { d->validKeyPrefix = prefix; }
QString FakeGemini::validKeyPrefix() const { return d->validKeyPrefix; }
void FakeGemini::setAcceptAnyKey(bool accept) { d->acceptAnyKey = accept; }

void FakeGemini::addValidKey(const QString &key)
{
    KeyBehavior b = d->keys.value(key);
    b.state = KeyBehavior::State::Valid;
    d->keys.insert(key, b);
}

static void forgetUse(QHash<QString, int> &use, const QString &key)
{
    const QString prefix = key + u'\n';
    for (auto it = use.begin(); it != use.end();) {
        if (it.key().startsWith(prefix))
            it = use.erase(it);
        else
            ++it;
    }
}

void FakeGemini::setKeyBehavior(const QString &key, const KeyBehavior &behavior)
{
    d->keys.insert(key, behavior);
    forgetUse(d->limitedUse, key);
}

void FakeGemini::setKeyInvalid(const QString &key)
{
    KeyBehavior b;
    b.state = KeyBehavior::State::Invalid;
    setKeyBehavior(key, b);
}

void FakeGemini::setKeySuspended(const QString &key)
{
    KeyBehavior b;
    b.state = KeyBehavior::State::Suspended;
    setKeyBehavior(key, b);
}

void FakeGemini::setKeyRateLimited(const QString &key, QuotaWindow window, const QString &model,
                                   int retryDelaySec, int allowedRequests)
{
    KeyBehavior b;
    b.state = KeyBehavior::State::RateLimited;
    b.quota = window;
    b.model = model;
    b.retryDelaySec = retryDelaySec;
    b.allowedRequests = allowedRequests;
    setKeyBehavior(key, b);
}

void FakeGemini::setKeyServerError(const QString &key, int status, const QString &model, int allowedRequests)
{
    KeyBehavior b;
    b.state = KeyBehavior::State::ServerError;
    b.errorStatus = status;
    b.model = model;
    b.allowedRequests = allowedRequests;
    setKeyBehavior(key, b);
}

void FakeGemini::setKeyDelay(const QString &key, int delayMs)
{
    KeyBehavior b = d->keys.value(key);
    if (!d->keys.contains(key) && !isKeyValid(key))
        b.state = KeyBehavior::State::Invalid;
    b.delayMs = delayMs;
    d->keys.insert(key, b);
}

void FakeGemini::clearKeyBehavior(const QString &key)
{
    d->keys.remove(key);
    forgetUse(d->limitedUse, key);
}

void FakeGemini::clearKeyBehaviors()
{
    d->keys.clear();
    d->limitedUse.clear();
}

bool FakeGemini::isKeyValid(const QString &key) const
{
    if (key.isEmpty())
        return false;
    auto it = d->keys.constFind(key);
    if (it != d->keys.constEnd())
        return it->state == KeyBehavior::State::Valid || it->state == KeyBehavior::State::RateLimited
            || it->state == KeyBehavior::State::ServerError;
    return d->acceptAnyKey || (!d->validKeyPrefix.isEmpty() && key.startsWith(d->validKeyPrefix));
}

// --- Faults ---

void FakeGemini::addFault(const Fault &fault) { d->faults.append(fault); }

void FakeGemini::failNext(int status, int count)
{
    Fault f;
    f.kind = Fault::Kind::HttpError;
    f.status = status;
    f.count = count;
    addFault(f);
}

void FakeGemini::delayNext(int delayMs, int count)
{
    Fault f;
    f.kind = Fault::Kind::Delay;
    f.delayMs = delayMs;
    f.count = count;
    addFault(f);
}

void FakeGemini::stallNext(int count)
{
    Fault f;
    f.kind = Fault::Kind::Stall;
    f.count = count;
    addFault(f);
}

void FakeGemini::cutNextStream(int afterChunks, CutMode mode, int count)
{
    Fault f;
    f.kind = Fault::Kind::CutStream;
    f.cutAfterChunks = afterChunks;
    f.cutMode = mode;
    f.count = count;
    addFault(f);
}

void FakeGemini::resetNext(int count)
{
    Fault f;
    f.kind = Fault::Kind::Reset;
    f.count = count;
    addFault(f);
}

void FakeGemini::closeNext(int count)
{
    Fault f;
    f.kind = Fault::Kind::Close;
    f.count = count;
    addFault(f);
}

void FakeGemini::clearFaults() { d->faults.clear(); }
int FakeGemini::pendingFaultCount() const { return int(d->faults.size()); }

// --- Timing and replies ---

void FakeGemini::setReplyDelay(int delayMs) { d->replyDelayMs = qMax(0, delayMs); }
int FakeGemini::replyDelay() const { return d->replyDelayMs; }
void FakeGemini::setStreamOptions(const StreamOptions &options) { d->stream = options; }
StreamOptions FakeGemini::streamOptions() const { return d->stream; }
void FakeGemini::setStreamChunks(int chunks) { d->stream.chunks = qMax(1, chunks); }
void FakeGemini::setStreamChunkDelay(int delayMs) { d->stream.chunkDelayMs = qMax(0, delayMs); }
void FakeGemini::setReplyOptions(const ReplyOptions &options) { d->reply = options; }
ReplyOptions FakeGemini::replyOptions() const { return d->reply; }

// --- Catalogue ---

void FakeGemini::setModels(const QList<FakeModel> &models) { d->models = models; }
QList<FakeModel> FakeGemini::models() const { return d->models; }

void FakeGemini::addModel(const FakeModel &model)
{
    for (FakeModel &m : d->models) {
        if (m.name == model.name) {
            m = model;
            return;
        }
    }
    d->models.append(model);
}

// --- Recording ---

void FakeGemini::setRecording(bool enabled) { d->recording = enabled; }

void FakeGemini::setMaxRecords(int max)
{
    d->maxRecords = qMax(1, max);
    while (d->requests.size() > d->maxRecords)
        d->requests.removeFirst();
    while (d->responses.size() > d->maxRecords)
        d->responses.removeFirst();
}

QList<RecordedRequest> FakeGemini::requests() const { return d->requests; }
QList<RecordedResponse> FakeGemini::responses() const { return d->responses; }
RecordedRequest FakeGemini::lastRequest() const { return d->requests.isEmpty() ? RecordedRequest() : d->requests.last(); }

RecordedRequest FakeGemini::request(quint64 id) const
{
    for (qsizetype i = d->requests.size() - 1; i >= 0; --i) {
        if (d->requests.at(i).id == id)
            return d->requests.at(i);
    }
    return {};
}

RecordedResponse FakeGemini::response(quint64 requestId) const
{
    for (qsizetype i = d->responses.size() - 1; i >= 0; --i) {
        if (d->responses.at(i).requestId == requestId)
            return d->responses.at(i);
    }
    return {};
}

RecordedResponse FakeGemini::lastResponse() const
{
    return d->responses.isEmpty() ? RecordedResponse() : d->responses.last();
}

RecordedResponse *FakeGemini::responseRecord(quint64 requestId)
{
    for (qsizetype i = d->responses.size() - 1; i >= 0; --i) {
        if (d->responses.at(i).requestId == requestId)
            return &d->responses[i];
    }
    return nullptr;
}

void FakeGemini::clearRecords()
{
    d->requests.clear();
    // Keep the records of responses still being written so they stay consistent.
    QList<RecordedResponse> pending;
    for (const RecordedResponse &r : std::as_const(d->responses)) {
        if (r.outcome == ResponseOutcome::InProgress)
            pending << r;
    }
    d->responses = pending;
}

// --- Counters ---

int FakeGemini::requestsTotal() const { return d->requestsTotal; }
int FakeGemini::inFlight() const { return d->inFlight; }
int FakeGemini::streamsStarted() const { return d->streamsStarted; }
int FakeGemini::streamsCompleted() const { return d->streamsCompleted; }
int FakeGemini::streamsAbortedByClient() const { return d->streamsAbortedByClient; }
int FakeGemini::requestsAbortedByClient() const { return d->requestsAbortedByClient; }
int FakeGemini::connectionsAccepted() const { return d->connectionsAccepted; }
int FakeGemini::requestCountForKey(const QString &key) const { return d->keyCounts.value(key); }

void FakeGemini::resetCounters()
{
    d->requestsTotal = 0;
    d->streamsStarted = 0;
    d->streamsCompleted = 0;
    d->streamsAbortedByClient = 0;
    d->requestsAbortedByClient = 0;
    d->connectionsAccepted = 0;
    d->keyCounts.clear();
    // inFlight tracks live exchanges and is not reset.
}

bool FakeGemini::waitForRequests(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return d->requestsTotal >= count; }, timeoutMs);
}

bool FakeGemini::waitForIdle(int timeoutMs)
{
    return QTest::qWaitFor([&] { return d->inFlight == 0; }, timeoutMs);
}

// --- Request entry and exchange end ---

void FakeGemini::handle(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponder &&responder)
{
    if (d->destroying)
        return;
    const RecordedRequest rec = d->capture(request, socket);
    ++d->requestsTotal;
    ++d->inFlight;
    if (!rec.key.isEmpty())
        d->keyCounts[rec.key] += 1;
    if (d->recording) {
        d->requests.append(rec);
        RecordedResponse resp;
        resp.requestId = rec.id;
        d->responses.append(resp);
        while (d->requests.size() > d->maxRecords)
            d->requests.removeFirst();
        while (d->responses.size() > d->maxRecords)
            d->responses.removeFirst();
    }

    auto *ex = new FakeGeminiExchange(this, std::move(responder), socket, rec);
    d->exchanges.insert(ex);
    emit requestReceived(rec.id);
    if (ex->finished)
        return;

    int delayMs = d->replyDelayMs;
    d->decideFaults(ex, &delayMs);
    // Act outside QHttpServer's read handler when anything is special, so a reset or a
    // close never happens while QHttpServer is still parsing on that socket.
    if (delayMs > 0 || ex->hasFault)
        ex->after(delayMs, [this, ex] { d->respond(ex); });
    else
        d->respond(ex);
}

void FakeGemini::exchangeFinished(FakeGeminiExchange *ex, ResponseOutcome outcome)
{
    if (ex->finished)
        return;
    ex->finished = true;
    ex->detachSocket();
    if (RecordedResponse *r = responseRecord(ex->request.id)) {
        r->outcome = outcome;
        r->finishedMs = d->clock.elapsed();
    }
    --d->inFlight;
    d->exchanges.remove(ex);
    ex->deleteLater();
    if (!d->destroying)
        emit responseFinished(ex->request.id, outcome);
}

} // namespace gb::test
