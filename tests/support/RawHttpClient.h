#pragma once

#include "common/HttpHeaders.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <optional>

class QTcpSocket;

namespace gb::test {

// One HTTP/1.1 response as seen on the wire.
struct RawHttpResponse
{
    bool complete = false;       // a whole, correctly framed response was read
    QString error;               // why not complete (timeout, closed early, malformed)
    int status = 0;
    QByteArray reason;
    QByteArray version;          // "HTTP/1.1"
    HttpHeaders headers;
    QByteArray body;             // de-chunked
    bool chunked = false;
    bool closeDelimited = false; // body ended by the connection closing

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    bool hasHeader(const char *name) const { return headers.contains(QByteArray(name)); }
};

// A raw QTcpSocket HTTP/1.1 client for tests: sends arbitrary bytes, reads one response
// at a time (pipelined responses stay buffered for the next read), de-chunks bodies and
// notices when the server closes. Every wait is bounded and runs the event loop, so a
// server on the same thread keeps working.
class RawHttpClient : public QObject
{
    Q_OBJECT
public:
    explicit RawHttpClient(QObject *parent = nullptr);
    ~RawHttpClient() override;

    bool connectToServer(const QHostAddress &address, quint16 port, int timeoutMs = 5000);
    void connectAsync(const QHostAddress &address, quint16 port);
    bool isConnected() const;

    // Queues bytes; send() also waits (bounded) until they were handed to the OS.
    void sendAsync(const QByteArray &bytes);
    bool send(const QByteArray &bytes, int timeoutMs = 5000);

    // Reads one response. For the answer to a HEAD request pass headRequest = true.
    // 1xx responses (e.g. 100 Continue) are returned like any other.
    RawHttpResponse readResponse(int timeoutMs = 5000, bool headRequest = false);
    // A response already fully received, without waiting.
    std::optional<RawHttpResponse> takeResponse(bool headRequest = false);

    // True once the server closed or reset the connection (bounded wait).
    bool waitForDisconnected(int timeoutMs = 5000);
    bool isDisconnected() const { return m_disconnected; }
    // Waits until at least `bytes` unread bytes are buffered.
    bool waitForBuffered(qsizetype bytes, int timeoutMs = 5000);
    const QByteArray &buffered() const { return m_buffer; }
    void clearBuffer() { m_buffer.clear(); }

    // While paused, received bytes stay in the socket (bounded by its read buffer size),
    // so the server sees a client that does not read.
    void setReadingPaused(bool paused);

    // Shuts down the sending side only (FIN) and keeps reading; false where unsupported.
    bool halfClose();
    void disconnectFromServer();  // FIN
    void abort();                 // close at once
    QTcpSocket *socket() const { return m_socket; }

    // Runs the event loop until condition() holds or the time is up; also deletes
    // objects scheduled with deleteLater(), so use-after-free shows up under ASan.
    static bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

private:
    enum class Parse { Incomplete, Complete, Malformed };
    void onReadyRead();
    Parse parse(bool headRequest, RawHttpResponse *response, qsizetype *consumed, QString *error) const;

    QTcpSocket *m_socket;
    QByteArray m_buffer;
    bool m_disconnected = false;
    bool m_paused = false;
};

} // namespace gb::test
