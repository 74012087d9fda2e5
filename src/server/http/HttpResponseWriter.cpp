#include "http/HttpResponseWriter.h"

#include "common/LogCategories.h"
#include "http/HttpConnection.h"
#include "common/ApiErrors.h"
#include "common/ByteWriter.h"
#include "http/HttpStatus.h"
#include "http/HttpSyntax.h"

#include <charconv>
#include <utility>

namespace gb {

namespace {

using namespace http::syntax;

template <qsizetype N>
bool sameName(const QByteArray &name, const char (&lowerName)[N])
{
    return equalsLower(name.constData(), name.size(), lowerName);
}

// Refuses names and values that would break the framing (response splitting).
bool isSafeField(const QByteArray &name, const QByteArray &value)
{
    if (name.isEmpty())
        return false;
    for (char c : name)
        if (!is(c, Tchar))
            return false;
    for (char c : value)
        if (!is(c, ValueChar))
            return false;
    return true;
}

void writeStatusLine(ByteWriter &out, int status)
{
    out << "HTTP/1.1 ";
    out.number(status) << ' ' << http::reasonPhrase(status) << "\r\n";
}

} // namespace

HttpResponseWriter::HttpResponseWriter(HttpConnection *connection, const Context &context)
    : ResponseSink(connection), m_connection(connection), m_context(context)
{
}

HttpResponseWriter::~HttpResponseWriter()
{
    // Deleted by someone else in the middle of a response (a handler bug): the framing
    // can no longer be completed, so the connection must not be reused.
    if (HttpConnection *c = std::exchange(m_connection, nullptr))
        c->responseAborted(this);
}

qint64 HttpResponseWriter::pendingBytes() const
{
    return m_connection ? m_connection->bytesToWrite() : 0;
}

void HttpResponseWriter::writeRaw(const QByteArray &bytes)
{
    m_connection->writeBytes(bytes);
}

void HttpResponseWriter::begin(int status, const HttpHeaders &headers, qint64 contentLength)
{
    if (!m_connection || m_finished)
        return;
    if (m_begun) {
        qCWarning(lcHttp) << "ResponseSink::begin() called twice; ignored";
        return;
    }
    if (status < 200 || status > 999) {
        qCWarning(lcHttp) << "Invalid response status" << status << "replaced by 500";
        status = 500;
    }
    m_begun = true;
    m_closeAfter = !m_context.keepAlive;

    qsizetype estimate = 160;
    for (const HttpHeaders::Field &f : headers.fields())
        estimate += f.first.size() + f.second.size() + 4;
    ByteWriter head(estimate);
    writeStatusLine(head, status);
    bool hasDate = false;
    for (const HttpHeaders::Field &f : headers.fields()) {
        const QByteArray &name = f.first;
        if (sameName(name, "content-length") || sameName(name, "transfer-encoding"))
            continue;  // the sink owns the framing
        if (sameName(name, "connection")) {
            forEachListElement(f.second.constData(), f.second.size(), [this](const char *t, qsizetype n) {
                if (equalsLower(t, n, "close"))
                    m_closeAfter = true;
            });
            continue;
        }
        if (!isSafeField(name, f.second)) {
            qCWarning(lcHttp) << "Dropping unsafe response header" << name;
            continue;
        }
        if (sameName(name, "date"))
            hasDate = true;
        head << name << ": " << f.second << "\r\n";
    }
    if (!hasDate)
        head << "Date: " << m_connection->httpDate() << "\r\n";

    const bool bodyless = status == 204 || status == 304;
    if (bodyless) {
        m_framing = Framing::NoBody;
    } else if (contentLength >= 0) {
        m_framing = Framing::Fixed;
        m_remaining = contentLength;
        head << "Content-Length: ";
        head.number(contentLength) << "\r\n";
    } else if (m_context.http11) {
        m_framing = Framing::Chunked;
        head << "Transfer-Encoding: chunked\r\n";
    } else {
        m_framing = Framing::CloseDelimited;
        m_closeAfter = true;
    }
    if (m_closeAfter)
        head << "Connection: close\r\n";
    else if (!m_context.http11)
        head << "Connection: keep-alive\r\n";
    head << "\r\n";
    m_sendBody = !m_context.headRequest && m_framing != Framing::NoBody;
    writeRaw(head.take());
}

void HttpResponseWriter::write(const QByteArray &data)
{
    if (!m_connection || m_finished || data.isEmpty())
        return;
    if (!m_begun) {
        qCWarning(lcHttp) << "ResponseSink::write() before begin(); ignored";
        return;
    }
    if (!m_sendBody)
        return;
    switch (m_framing) {
    case Framing::Fixed: {
        if (data.size() > m_remaining) {
            qCWarning(lcHttp) << "Response body longer than its Content-Length; extra bytes dropped";
            if (m_remaining > 0)
                writeRaw(data.left(qsizetype(m_remaining)));
            m_remaining = 0;
            break;
        }
        m_remaining -= data.size();
        writeRaw(data);
        break;
    }
    case Framing::Chunked: {
        char line[24];
        char *end = std::to_chars(line, line + 20, static_cast<unsigned long long>(data.size()), 16).ptr;
        *end++ = '\r';
        *end++ = '\n';
        m_connection->writeBytes(line, end - line);
        writeRaw(data);
        m_connection->writeBytes("\r\n", 2);
        break;
    }
    case Framing::CloseDelimited:
        writeRaw(data);
        break;
    case Framing::NoBody:
        break;
    }
    if (!m_aboveHighWater && pendingBytes() > HighWaterBytes)
        m_aboveHighWater = true;
}

void HttpResponseWriter::end()
{
    if (!m_connection || m_finished)
        return;
    if (!m_begun) {
        qCWarning(lcHttp) << "ResponseSink::end() without begin(); answering 500";
        const QByteArray body = apiErrorBody(ErrorFormat::Gemini, 500, QStringLiteral("The server produced no response."));
        begin(500, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json; charset=utf-8")}},
              body.size());
        write(body);
    }
    if (m_sendBody && m_framing == Framing::Fixed && m_remaining > 0) {
        qCWarning(lcHttp) << "Response ended" << m_remaining
                          << "bytes short of its Content-Length; closing the connection";
        abort();
        return;
    }
    if (m_sendBody && m_framing == Framing::Chunked)
        m_connection->writeBytes("0\r\n\r\n", 5);
    m_finished = true;
    std::exchange(m_connection, nullptr)->responseFinished(this, m_closeAfter);
}

void HttpResponseWriter::abort()
{
    if (!m_connection || m_finished)
        return;
    m_finished = true;
    std::exchange(m_connection, nullptr)->responseAborted(this);
}

void HttpResponseWriter::cancel()
{
    if (m_finished || m_canceled)
        return;
    m_canceled = true;
    m_connection = nullptr;
    emit canceled();
}

void HttpResponseWriter::onBytesWritten()
{
    if (m_aboveHighWater && m_connection && pendingBytes() < LowWaterBytes) {
        m_aboveHighWater = false;
        emit drained();
    }
}

QByteArray HttpResponseWriter::errorResponse(int status, const QString &message, const QByteArray &date)
{
    const QByteArray body = apiErrorBody(ErrorFormat::Gemini, status, message);
    ByteWriter out(200 + date.size() + body.size());
    writeStatusLine(out, status);
    out << "Content-Type: application/json; charset=utf-8\r\nContent-Length: ";
    out.number(body.size()) << "\r\nDate: " << date << "\r\nConnection: close\r\n\r\n" << body;
    return out.take();
}

} // namespace gb
