#include "http/HttpConnection.h"

#include "common/LogCategories.h"
#include "http/HttpResponseWriter.h"
#include "http/HttpServer.h"
#include "common/ApiErrors.h"
#include "common/WriteBatch.h"
#include "http/HttpStatus.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace gb {

namespace {

constexpr qint64 kLingerMs = 2000;              // after the half-close, wait this long for the client's FIN
constexpr qsizetype kMaxReadChunk = 256 * 1024;  // bytes moved from the socket per read
constexpr qsizetype kMinReadBuffer = 16 * 1024;
constexpr qsizetype kKeepInputCapacity = 64 * 1024;  // larger input buffers are released when idle
constexpr qint64 kDefaultFlushMs = 60'000;           // closing, client not reading: when idle timeouts are off

HttpParserLimits parserLimits(const HttpServerLimits &l)
{
    HttpParserLimits p;
    p.maxBodyBytes = l.maxBodyBytes;
    p.maxHeaderBytes = l.maxHeaderBytes;
    p.maxHeaderCount = l.maxHeaderCount;
    return p;
}

const QByteArray &continueResponse()
{
    static const QByteArray r = QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n");
    return r;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server)
    : QObject(server), m_server(server), m_socket(socket), m_parser(parserLimits(server->limits()))
{
    socket->setParent(this);
    m_peerAddress = socket->peerAddress();
    m_peerPort = socket->peerPort();
    // Bounds what Qt buffers while a request is being handled: beyond this the socket is
    // not read any more and TCP flow control holds the client back.
    socket->setReadBufferSize(qMax<qint64>(server->limits().maxPipelinedBytes, kMinReadBuffer));
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    m_tlsSocket = qobject_cast<QSslSocket *>(socket);
    if (m_tlsSocket) {
        // Over TLS, bytesWritten() tells that plain bytes were encrypted, not that they
        // left: flow control and closing also follow the encrypted bytes.
        connect(m_tlsSocket, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::onBytesWritten);
    }
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(socket, &QTcpSocket::errorOccurred, this, &HttpConnection::finish);
}

HttpConnection::~HttpConnection()
{
    if (WriteBatch *batch = m_server->writeBatch())
        batch->remove(m_socket);
    // Normally finish() ran long before; this only guards a server destroyed mid-response.
    if (m_writer)
        m_writer->cancel();
}

void HttpConnection::start()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        finish();
        return;
    }
    setDeadline(Deadline::Idle, m_server->limits().idleTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        processInput();
}

void HttpConnection::closeNow()
{
    finish();
}

qint64 HttpConnection::bytesToWrite() const
{
    return m_state == State::Closed ? 0 : pendingOutput();
}

qint64 HttpConnection::pendingOutput() const
{
    return m_socket->bytesToWrite() + (m_tlsSocket ? m_tlsSocket->encryptedBytesToWrite() : 0);
}

QByteArray HttpConnection::httpDate() const
{
    return m_server->httpDate();
}

void HttpConnection::writeBytes(const QByteArray &bytes)
{
    if (m_state == State::Closed)
        return;
    m_socket->write(bytes);
    if (WriteBatch *batch = m_server->writeBatch())
        batch->add(m_socket);
}

void HttpConnection::writeBytes(const char *data, qsizetype size)
{
    if (m_state == State::Closed)
        return;
    m_socket->write(data, size);
    if (WriteBatch *batch = m_server->writeBatch())
        batch->add(m_socket);
}

void HttpConnection::setDeadline(Deadline kind, qint64 timeoutMs)
{
    if (kind == Deadline::None || timeoutMs <= 0) {
        m_deadlineKind = Deadline::None;
        m_deadline = 0;
        return;
    }
    m_deadlineKind = kind;
    m_deadline = m_server->nowMs() + timeoutMs;
}

void HttpConnection::updateReadingDeadline()
{
    const bool midRequest = !m_parser.isIdle() || m_begin < m_end;
    if (midRequest) {
        if (m_deadlineKind != Deadline::Request)
            setDeadline(Deadline::Request, m_server->limits().requestTimeoutMs);
    } else if (m_deadlineKind != Deadline::Idle) {
        setDeadline(Deadline::Idle, m_server->limits().idleTimeoutMs);
    }
}

void HttpConnection::checkDeadline(qint64 nowMs)
{
    if (m_deadlineKind == Deadline::None || nowMs < m_deadline)
        return;
    switch (m_deadlineKind) {
    case Deadline::Request:
        qCDebug(lcHttp) << "Request timeout from" << m_peerAddress;
        sendEngineError(408, QStringLiteral("The request was not completed within %1 ms.")
                                 .arg(m_server->limits().requestTimeoutMs));
        break;
    case Deadline::Idle:
    case Deadline::Flush:
    case Deadline::Linger:
        finish();
        break;
    case Deadline::None:
        break;
    }
}

void HttpConnection::onReadyRead()
{
    const WriteBatch::Scope batch(m_server->writeBatch());
    switch (m_state) {
    case State::Reading:
        processInput();
        break;
    case State::Dispatched:
        // Later pipelined bytes wait in the socket's bounded buffer, unless the
        // connection closes after this response anyway.
        if (m_discardInput)
            discardInput();
        break;
    case State::Flushing:
    case State::Lingering:
        discardInput();
        break;
    case State::Closed:
        break;
    }
}

void HttpConnection::discardInput()
{
    m_begin = m_end = 0;
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0)
        m_socket->skip(available);
}

void HttpConnection::onBytesWritten()
{
    const WriteBatch::Scope batch(m_server->writeBatch());
    if (m_writer)
        m_writer->onBytesWritten();
    switch (m_state) {
    case State::Reading:
        if (m_outputBlocked && pendingOutput() < HttpResponseWriter::LowWaterBytes) {
            m_outputBlocked = false;
            scheduleProcessInput();
        }
        if (m_deadlineKind == Deadline::Idle)  // a slow reader is not idle
            setDeadline(Deadline::Idle, m_server->limits().idleTimeoutMs);
        break;
    case State::Flushing:
        if (pendingOutput() == 0)
            shutdownWrite();
        else
            setDeadline(Deadline::Flush, flushTimeoutMs());
        break;
    default:
        break;
    }
}

void HttpConnection::scheduleProcessInput()
{
    if (m_processScheduled)
        return;
    m_processScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            const WriteBatch::Scope batch(m_server->writeBatch());
            m_processScheduled = false;
            processInput();
        },
        Qt::QueuedConnection);
}

bool HttpConnection::readFromSocket()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return false;
    if (m_begin > 0) {
        const qsizetype pending = m_end - m_begin;
        if (pending > 0)
            std::memmove(m_in.data(), m_in.constData() + m_begin, size_t(pending));
        m_begin = 0;
        m_end = pending;
    }
    const qsizetype want = qsizetype(qMin<qint64>(available, qMax<qint64>(kMinReadBuffer, qMin<qint64>(kMaxReadChunk, m_socket->readBufferSize()))));
    if (m_in.size() < m_end + want)
        m_in.resize(m_end + want);
    const qint64 n = m_socket->read(m_in.data() + m_end, want);
    if (n <= 0)
        return false;
    m_end += qsizetype(n);
    return true;
}

void HttpConnection::processInput()
{
    if (m_processing || m_state != State::Reading)
        return;
    m_processing = true;
    while (m_state == State::Reading) {
        if (pendingOutput() > HttpResponseWriter::HighWaterBytes) {
            m_outputBlocked = true;  // the client is not reading its responses
            break;
        }
        if (m_begin == m_end && !readFromSocket())
            break;
        const auto r = m_parser.parse(m_in.constData() + m_begin, m_end - m_begin);
        m_begin += r.consumed;
        switch (r.status) {
        case HttpRequestParser::Status::NeedMore:
            if (!readFromSocket())
                goto done;
            break;
        case HttpRequestParser::Status::HeadComplete:
            if (m_server->m_headScreen) {
                const HttpServer::Refusal refusal = m_server->m_headScreen(m_parser.request());
                if (refusal.status != 0) {
                    m_parser.refuseBody(refusal.status, refusal.message);
                    if (!dispatch())
                        return;  // the handler destroyed the server (and this connection)
                    break;
                }
            }
            if (m_parser.expectsContinue())
                m_socket->write(continueResponse());
            break;
        case HttpRequestParser::Status::Error:
            qCDebug(lcHttp) << "Bad request from" << m_peerAddress << m_parser.errorStatus()
                            << m_parser.errorMessage();
            sendEngineError(m_parser.errorStatus(), QString::fromLatin1(m_parser.errorMessage()));
            goto done;
        case HttpRequestParser::Status::Complete:
            if (!dispatch())
                return;  // the handler destroyed the server (and this connection)
            break;
        }
    }
done:
    // Hand this batch of responses to the kernel now, one write for the whole batch,
    // instead of waiting for the write notifier's next event-loop turn.
    if (m_state != State::Closed && pendingOutput() > 0)
        m_socket->flush();  // may finish() on a write error
    if (m_state == State::Reading) {
        if (m_begin == m_end && m_in.size() > kKeepInputCapacity) {
            m_in = QByteArray();
            m_begin = m_end = 0;
        }
        updateReadingDeadline();
    }
    m_processing = false;
}

bool HttpConnection::dispatch()
{
    HttpRequest request = m_parser.takeRequest();
    const bool keepAlive = m_parser.keepAlive();
    m_parser.setLimits(parserLimits(m_server->limits()));
    m_parser.reset();
    request.peerAddress = m_peerAddress;
    request.peerPort = m_peerPort;
    request.overTls = m_tlsSocket != nullptr;

    HttpResponseWriter::Context context;
    context.headRequest = request.method == "HEAD";
    context.http11 = request.isHttp11();
    context.keepAlive = keepAlive;
    auto *writer = new HttpResponseWriter(this, context);
    m_writer = writer;
    m_state = State::Dispatched;
    setDeadline(Deadline::None, 0);  // no timeout while the handler produces the response
    m_discardInput = !keepAlive;
    if (m_discardInput)
        discardInput();

    QPointer<HttpConnection> alive(this);
    if (const HttpServer::Handler &handler = m_server->m_handler) {
        handler(std::move(request), writer);
    } else {
        const QByteArray body = apiErrorBody(ErrorFormat::Gemini, 404, QStringLiteral("Not found."));
        writer->send(404, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json; charset=utf-8")}},
                     body);
    }
    return !alive.isNull();
}

void HttpConnection::responseFinished(HttpResponseWriter *writer, bool closeConnection)
{
    if (writer != m_writer || m_state != State::Dispatched)
        return;
    m_writer = nullptr;
    writer->deleteLater();
    if (closeConnection) {
        closeAfterResponse();
        return;
    }
    m_state = State::Reading;
    m_deadlineKind = Deadline::None;
    if (m_processing)
        return;  // answered synchronously: processInput() goes on with the next request
    if (m_begin < m_end || m_socket->bytesAvailable() > 0)
        scheduleProcessInput();  // not from inside the handler's call stack
    else
        updateReadingDeadline();
}

void HttpConnection::responseAborted(HttpResponseWriter *writer)
{
    if (writer != m_writer)
        return;
    m_writer = nullptr;
    writer->deleteLater();
    // Hand what was already written to the kernel (without waiting), then close without
    // the rest of the framing: the client sees a visibly truncated response.
    m_socket->flush();
    finish();
}

void HttpConnection::sendEngineError(int status, const QString &message)
{
    if (m_state != State::Reading)
        return;
    m_socket->write(HttpResponseWriter::errorResponse(status, message, m_server->httpDate()));
    closeAfterResponse();
}

void HttpConnection::closeAfterResponse()
{
    m_state = State::Flushing;
    m_discardInput = true;
    discardInput();
    if (pendingOutput() > 0)
        m_socket->flush();  // may finish() on a write error
    if (m_state != State::Flushing)
        return;
    if (pendingOutput() == 0)
        shutdownWrite();
    else
        setDeadline(Deadline::Flush, flushTimeoutMs());
}

qint64 HttpConnection::flushTimeoutMs() const
{
    // The last response must make progress within the idle timeout (refreshed on every write).
    const int idle = m_server->limits().idleTimeoutMs;
    return idle > 0 ? idle : kDefaultFlushMs;
}

void HttpConnection::shutdownWrite()
{
    // Half-close, then read and drop until the client closes: closing with unread input
    // would make the kernel send a reset that can destroy the response before it is read.
    m_state = State::Lingering;
    setDeadline(Deadline::Linger, kLingerMs);
    if (m_tlsSocket) {
        // TLS: close_notify, then the close once the encrypted bytes are out (a raw
        // half-close would bypass the TLS layer).
        m_tlsSocket->disconnectFromHost();
        return;
    }
#ifdef Q_OS_UNIX
    const qintptr fd = m_socket->socketDescriptor();
    if (fd >= 0 && ::shutdown(int(fd), SHUT_WR) == 0)
        return;
#endif
    m_socket->disconnectFromHost();
}

void HttpConnection::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_deadlineKind = Deadline::None;
    m_socket->disconnect(this);
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    m_server->onConnectionClosed(this);
    if (HttpResponseWriter *writer = m_writer.data()) {
        m_writer = nullptr;
        writer->cancel();  // may run handler code; everything here is already consistent
    }
    deleteLater();
}

} // namespace gb
