// The fake Gemini upstream's transport: QHttpServer glue, one exchange per request, and
// writing unary replies, chunked streams, cuts and resets.

#include "FakeGemini.h"
#include "FakeGeminiPrivate.h"

#include <QLocale>
#include <QMetaEnum>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace gb::test {

void resetConnection(QTcpSocket *socket)
{
    if (!socket)
        return;
#ifdef Q_OS_UNIX
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        struct linger lingerOption = {1, 0};
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &lingerOption, sizeof lingerOption);
    }
#endif
    socket->abort();
}

// --- FakeGeminiHttp ---

bool FakeGeminiHttp::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_fake->handle(request, socket, makeResponder(request, socket));
    return true;
}

void FakeGeminiHttp::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_fake->handle(request, socket, makeResponder(request, socket));
}

// --- FakeGeminiExchange ---

FakeGeminiExchange::FakeGeminiExchange(FakeGemini *fake, QHttpServerResponder &&responder,
                                       QTcpSocket *socket, const RecordedRequest &request)
    : QObject(fake), fake(fake), responder(std::move(responder)), socket(socket), request(request)
{
    timer = new QTimer(this);
    timer->setSingleShot(true);
    auto gone = [this] { this->fake->d->clientGone(this); };
    m_socketConnections << connect(socket, &QAbstractSocket::disconnected, this, gone);
    m_socketConnections << connect(socket, &QObject::destroyed, this, gone);
}

void FakeGeminiExchange::detachSocket()
{
    for (const auto &c : std::as_const(m_socketConnections))
        disconnect(c);
    m_socketConnections.clear();
    timer->stop();
}

void FakeGeminiExchange::after(int delayMs, std::function<void()> action)
{
    timer->disconnect();
    connect(timer, &QTimer::timeout, this, std::move(action));
    timer->start(qMax(0, delayMs));
}

static QHttpServerResponder::StatusCode toStatusCode(int status)
{
    const QMetaEnum e = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    if (!e.valueToKey(status))
        status = 500;
    return QHttpServerResponder::StatusCode(status);
}

bool FakeGeminiExchange::writeHead(int status, const HeaderList &headers)
{
    if (!alive())
        return false;
    responder.writeStatusLine(toStatusCode(status));
    for (const auto &h : headers) {
        if (!alive())
            return false;
        responder.writeHeader(h.first, h.second);
    }
    headSent = true;
    if (RecordedResponse *r = fake->responseRecord(request.id)) {
        r->status = int(toStatusCode(status));
        r->headers = headers;
    }
    return true;
}

bool FakeGeminiExchange::writeRaw(const QByteArray &bytes)
{
    if (!alive())
        return false;
    responder.writeBody(bytes);
    return true;
}

bool FakeGeminiExchange::writePayload(const QByteArray &payload)
{
    if (!writeRaw(payload))
        return false;
    if (RecordedResponse *r = fake->responseRecord(request.id)) {
        r->body += payload;
        r->chunks << payload;
    }
    return true;
}

bool FakeGeminiExchange::writeChunk(const QByteArray &payload)
{
    if (payload.isEmpty())
        return alive();
    if (!writeRaw(QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n"))
        return false;
    if (RecordedResponse *r = fake->responseRecord(request.id)) {
        r->body += payload;
        r->chunks << payload;
    }
    return true;
}

bool FakeGeminiExchange::writeLastChunk()
{
    return writeRaw(QByteArrayLiteral("0\r\n\r\n"));
}

// --- Writing ---

HeaderList FakeGemini::Private::googleHeaders(const FakeGeminiExchange *ex, const QByteArray &contentType) const
{
    const QString date = QLocale::c().toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    return {
        {"Content-Type", contentType},
        {"Vary", "Origin"},
        {"Vary", "X-Origin"},
        {"Vary", "Referer"},
        {"Date", date.toLatin1()},
        {"Server", "scaffolding on HTTPServer2"},
        {"X-XSS-Protection", "0"},
        {"X-Frame-Options", "SAMEORIGIN"},
        {"X-Content-Type-Options", "nosniff"},
        {"Server-Timing", "gfet4t7; dur=" + QByteArray::number(qMax<qint64>(1, clock.elapsed() - ex->request.receivedMs))},
        {"Alt-Svc", "h3=\":443\"; ma=2592000,h3-29=\":443\"; ma=2592000"},
    };
}

void FakeGemini::Private::sendBody(FakeGeminiExchange *ex, int status, const QByteArray &contentType, const QByteArray &body,
                       const HeaderList &extraHeaders)
{
    HeaderList headers = googleHeaders(ex, contentType);
    headers << extraHeaders;
    headers.append(HeaderList::value_type("Content-Length", QByteArray::number(body.size())));
    if (!ex->writeHead(status, headers)) {
        clientGone(ex);
        return;
    }
    if (ex->cutAfter >= 0) {  // unary cut: half the body, then the cut
        ex->writePayload(body.left(body.size() / 2));
        cut(ex);
        return;
    }
    if (!ex->writePayload(body)) {
        clientGone(ex);
        return;
    }
    finish(ex, ResponseOutcome::Completed);
}

void FakeGemini::Private::sendJson(FakeGeminiExchange *ex, int status, const Json &json)
{
    sendBody(ex, status, "application/json; charset=UTF-8", json.toPretty() + '\n');
}

void FakeGemini::Private::sendError(FakeGeminiExchange *ex, int status, const Json &error)
{
    const FakeAction a = ex->request.action;
    if (a == FakeAction::OpenAiChat || a == FakeAction::OpenAiModels)
        sendBody(ex, status, "application/json; charset=UTF-8", "[" + error.toPretty() + "\n]\n");
    else
        sendJson(ex, status, error);
}

void FakeGemini::Private::startStream(FakeGeminiExchange *ex, const QByteArray &contentType, QList<QByteArray> pieces,
                          const QByteArray &tail, int status)
{
    HeaderList headers = googleHeaders(ex, contentType);
    headers.append(HeaderList::value_type("Content-Disposition", "attachment"));
    headers.append(HeaderList::value_type("Transfer-Encoding", "chunked"));
    if (!ex->writeHead(status, headers) || !ex->writeRaw(QByteArray())) {
        clientGone(ex);
        return;
    }
    if (RecordedResponse *r = q->responseRecord(ex->request.id))
        r->streamed = true;
    ex->streaming = true;
    ++streamsStarted;
    ex->pieces = std::move(pieces);
    ex->tail = tail;
    ex->next = 0;
    pump(ex);
}

void FakeGemini::Private::pump(FakeGeminiExchange *ex)
{
    while (!ex->finished) {
        if (!ex->alive()) {
            clientGone(ex);
            return;
        }
        if (ex->cutAfter >= 0 && ex->next >= ex->cutAfter) {
            cut(ex);
            return;
        }
        if (ex->next < ex->pieces.size()) {
            if (!ex->writeChunk(ex->pieces.at(ex->next++))) {
                clientGone(ex);
                return;
            }
            if (ex->next < ex->pieces.size()) {
                ex->after(stream.chunkDelayMs, [this, ex] { pump(ex); });
                return;
            }
            continue;  // last piece written: cut or finish right away
        }
        if (!ex->writeChunk(ex->tail) || !ex->writeLastChunk()) {
            clientGone(ex);
            return;
        }
        ++streamsCompleted;
        finish(ex, ResponseOutcome::Completed);
        return;
    }
}

void FakeGemini::Private::cut(FakeGeminiExchange *ex)
{
    const QPointer<QTcpSocket> socket = ex->socket;
    const CutMode mode = ex->cutMode;
    finish(ex, ResponseOutcome::CutByFake);
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (mode == CutMode::Close) {
        socket->disconnectFromHost();  // flushes what was written, then FIN
        return;
    }
    // Let what was written reach the client, then reset (abort() drops unsent data).
    socket->flush();
    QTimer::singleShot(20, socket, [socket] { resetConnection(socket); });
}

void FakeGemini::Private::clientGone(FakeGeminiExchange *ex)
{
    if (ex->finished || destroying)
        return;
    if (ex->streaming) {
        ++streamsAbortedByClient;
        emit q->streamAbortedByClient(ex->request.id);
    }
    ++requestsAbortedByClient;
    finish(ex, ResponseOutcome::AbortedByClient);
}

void FakeGemini::Private::finish(FakeGeminiExchange *ex, ResponseOutcome outcome)
{
    q->exchangeFinished(ex, outcome);
}

} // namespace gb::test
