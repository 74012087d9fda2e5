#include "RawHttpClient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace gb::test {

namespace {

// The blank line ending the head (CRLF CRLF or bare LFs); scans only the head.
qsizetype findHeadEnd(const QByteArray &buf, qsizetype *terminatorSize)
{
    qsizetype pos = 0;
    for (;;) {
        const qsizetype lf = buf.indexOf('\n', pos);
        if (lf < 0 || lf + 1 >= buf.size())
            return -1;
        if (buf.at(lf + 1) == '\n') {
            *terminatorSize = 2;
            return lf;
        }
        if (buf.at(lf + 1) == '\r' && lf + 2 < buf.size() && buf.at(lf + 2) == '\n') {
            const bool crlf = lf > 0 && buf.at(lf - 1) == '\r';
            *terminatorSize = crlf ? 4 : 3;
            return crlf ? lf - 1 : lf;
        }
        pos = lf + 1;
    }
}

bool parseHex(const QByteArray &s, qint64 *value)
{
    if (s.isEmpty() || s.size() > 15)
        return false;
    bool ok = false;
    *value = s.toLongLong(&ok, 16);
    return ok && *value >= 0;
}

} // namespace

RawHttpClient::RawHttpClient(QObject *parent) : QObject(parent), m_socket(new QTcpSocket(this))
{
    connect(m_socket, &QTcpSocket::readyRead, this, &RawHttpClient::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        onReadyRead();
        m_disconnected = true;
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        onReadyRead();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            m_disconnected = true;
    });
}

RawHttpClient::~RawHttpClient()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

bool RawHttpClient::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    if (condition())
        return true;
    QDeadlineTimer deadline(timeoutMs);
    QTimer tick;  // bounds each blocking wait for events
    tick.start(5);
    while (!condition()) {
        if (deadline.hasExpired())
            return condition();
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

bool RawHttpClient::connectToServer(const QHostAddress &address, quint16 port, int timeoutMs)
{
    connectAsync(address, port);
    return waitUntil([this] { return m_socket->state() == QAbstractSocket::ConnectedState || m_disconnected; },
                     timeoutMs)
        && m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawHttpClient::connectAsync(const QHostAddress &address, quint16 port)
{
    m_disconnected = false;
    m_buffer.clear();
    m_socket->connectToHost(address, port);
}

bool RawHttpClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState && !m_disconnected;
}

void RawHttpClient::sendAsync(const QByteArray &bytes)
{
    m_socket->write(bytes);
}

bool RawHttpClient::send(const QByteArray &bytes, int timeoutMs)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    m_socket->write(bytes);
    return waitUntil([this] { return m_socket->bytesToWrite() == 0 || m_disconnected; }, timeoutMs)
        && m_socket->bytesToWrite() == 0;
}

void RawHttpClient::setReadingPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        onReadyRead();
}

void RawHttpClient::onReadyRead()
{
    if (!m_paused && m_socket->bytesAvailable() > 0)
        m_buffer += m_socket->readAll();
}

bool RawHttpClient::waitForDisconnected(int timeoutMs)
{
    return waitUntil([this] { return m_disconnected; }, timeoutMs);
}

bool RawHttpClient::waitForBuffered(qsizetype bytes, int timeoutMs)
{
    return waitUntil([&] { return m_buffer.size() >= bytes; }, timeoutMs);
}

bool RawHttpClient::halfClose()
{
#ifdef Q_OS_UNIX
    m_socket->flush();
    const qintptr fd = m_socket->socketDescriptor();
    return m_socket->bytesToWrite() == 0 && fd >= 0 && ::shutdown(int(fd), SHUT_WR) == 0;
#else
    return false;
#endif
}

void RawHttpClient::disconnectFromServer()
{
    m_socket->disconnectFromHost();
}

void RawHttpClient::abort()
{
    m_socket->abort();
    m_disconnected = true;
}

RawHttpClient::Parse RawHttpClient::parse(bool headRequest, RawHttpResponse *r, qsizetype *consumed,
                                          QString *error) const
{
    qsizetype terminator = 0;
    const qsizetype headEnd = findHeadEnd(m_buffer, &terminator);
    if (headEnd < 0)
        return Parse::Incomplete;
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QByteArray statusLine = lines.at(0).trimmed();
    const QList<QByteArray> parts = statusLine.split(' ');
    bool ok = false;
    if (parts.size() < 2 || !parts.at(0).startsWith("HTTP/"))
        ok = false;
    else
        r->status = parts.at(1).toInt(&ok);
    if (!ok || parts.at(1).size() != 3) {
        *error = QStringLiteral("malformed status line: ") + QString::fromLatin1(statusLine);
        return Parse::Malformed;
    }
    r->version = parts.at(0);
    r->reason = statusLine.mid(parts.at(0).size() + parts.at(1).size() + 2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            *error = QStringLiteral("malformed header line: ") + QString::fromLatin1(line);
            return Parse::Malformed;
        }
        r->headers.add(line.left(colon), line.mid(colon + 1).trimmed());
    }
    const qsizetype bodyStart = headEnd + terminator;

    const bool noBody = headRequest || (r->status >= 100 && r->status < 200) || r->status == 204 || r->status == 304;
    if (noBody) {
        *consumed = bodyStart;
        return Parse::Complete;
    }
    if (r->header("transfer-encoding").toLower() == "chunked") {
        r->chunked = true;
        qsizetype pos = bodyStart;
        QList<QPair<qsizetype, qint64>> pieces;
        for (;;) {
            const qsizetype lf = m_buffer.indexOf('\n', pos);
            if (lf < 0)
                return Parse::Incomplete;
            QByteArray sizeLine = m_buffer.mid(pos, lf - pos).trimmed();
            const qsizetype semicolon = sizeLine.indexOf(';');
            if (semicolon >= 0)
                sizeLine.truncate(semicolon);
            qint64 size = 0;
            if (!parseHex(sizeLine.trimmed(), &size)) {
                *error = QStringLiteral("malformed chunk size: ") + QString::fromLatin1(sizeLine);
                return Parse::Malformed;
            }
            pos = lf + 1;
            if (size == 0) {
                // Trailers up to the empty line.
                for (;;) {
                    const qsizetype tlf = m_buffer.indexOf('\n', pos);
                    if (tlf < 0)
                        return Parse::Incomplete;
                    const bool empty = tlf == pos || (tlf == pos + 1 && m_buffer.at(pos) == '\r');
                    pos = tlf + 1;
                    if (empty)
                        break;
                }
                break;
            }
            if (m_buffer.size() < pos + size + 2)
                return Parse::Incomplete;
            if (m_buffer.mid(pos + size, 2) != "\r\n") {
                *error = QStringLiteral("chunk data not followed by CRLF");
                return Parse::Malformed;
            }
            pieces.append({pos, size});
            pos += size + 2;
        }
        for (const auto &piece : pieces)
            r->body.append(m_buffer.constData() + piece.first, piece.second);
        *consumed = pos;
        return Parse::Complete;
    }
    if (r->hasHeader("content-length")) {
        bool lengthOk = false;
        const qint64 length = r->header("content-length").toLongLong(&lengthOk);
        if (!lengthOk || length < 0) {
            *error = QStringLiteral("malformed Content-Length");
            return Parse::Malformed;
        }
        if (m_buffer.size() - bodyStart < length)
            return Parse::Incomplete;
        r->body = m_buffer.mid(bodyStart, length);
        *consumed = bodyStart + length;
        return Parse::Complete;
    }
    // Close-delimited.
    r->closeDelimited = true;
    if (!m_disconnected)
        return Parse::Incomplete;
    r->body = m_buffer.mid(bodyStart);
    *consumed = m_buffer.size();
    return Parse::Complete;
}

std::optional<RawHttpResponse> RawHttpClient::takeResponse(bool headRequest)
{
    RawHttpResponse r;
    qsizetype consumed = 0;
    QString error;
    if (parse(headRequest, &r, &consumed, &error) != Parse::Complete)
        return std::nullopt;
    r.complete = true;
    m_buffer.remove(0, consumed);
    return r;
}

RawHttpResponse RawHttpClient::readResponse(int timeoutMs, bool headRequest)
{
    RawHttpResponse result;
    Parse state = Parse::Incomplete;
    QString error;
    qsizetype consumed = 0;
    qsizetype lastSize = -1;
    waitUntil(
        [&] {
            // Re-parse only when something changed (new bytes or the close).
            const qsizetype marker = m_buffer.size() + (m_disconnected ? 1 : 0);
            if (marker == lastSize)
                return false;
            lastSize = marker;
            result = RawHttpResponse();
            error.clear();
            state = parse(headRequest, &result, &consumed, &error);
            return state != Parse::Incomplete || m_disconnected;
        },
        timeoutMs);
    if (state == Parse::Complete) {
        result.complete = true;
        m_buffer.remove(0, consumed);
        return result;
    }
    result.complete = false;
    if (state == Parse::Malformed)
        result.error = error;
    else if (m_disconnected)
        result.error = QStringLiteral("connection closed before a complete response (%1 bytes buffered)")
                           .arg(m_buffer.size());
    else
        result.error = QStringLiteral("timed out after %1 ms (%2 bytes buffered)").arg(timeoutMs).arg(m_buffer.size());
    return result;
}

} // namespace gb::test
