#pragma once

#include "http/HttpRequestParser.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QSslSocket;
class QTcpSocket;

namespace gb {

class HttpServer;
class HttpResponseWriter;

// One client connection: reads and parses requests, hands them to the server's handler
// one at a time (pipelined requests wait, in order), and runs the keep-alive, request
// and closing timeouts. Deletes itself (deleteLater) when the socket is gone.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, HttpServer *server);
    ~HttpConnection() override;

    void start();
    // Closes at once; an in-flight response is canceled (its sink emits canceled()).
    void closeNow();
    // Called by the server's housekeeping timer.
    void checkDeadline(qint64 nowMs);
    bool isClosed() const { return m_state == State::Closed; }

    int serverIndex() const { return m_serverIndex; }
    void setServerIndex(int index) { m_serverIndex = index; }

    // For HttpResponseWriter.
    void writeBytes(const QByteArray &bytes);
    void writeBytes(const char *data, qsizetype size);
    qint64 bytesToWrite() const;
    QByteArray httpDate() const;
    void responseFinished(HttpResponseWriter *writer, bool closeConnection);
    void responseAborted(HttpResponseWriter *writer);

private:
    enum class State {
        Reading,     // reading/parsing a request (or waiting for one)
        Dispatched,  // the handler owns the current request; later bytes wait in the socket
        Flushing,    // last response written, waiting for it to leave before the half-close
        Lingering,   // write side shut down; draining the client's bytes until it closes
        Closed,
    };
    enum class Deadline { None, Idle, Request, Flush, Linger };

    void onReadyRead();
    void onBytesWritten();
    void processInput();
    void scheduleProcessInput();
    bool readFromSocket();
    void discardInput();
    bool dispatch();
    void sendEngineError(int status, const QString &message);
    void closeAfterResponse();
    qint64 flushTimeoutMs() const;
    qint64 pendingOutput() const;  // plain bytes not yet sent, and over TLS the encrypted ones too
    void shutdownWrite();
    void finish();
    void setDeadline(Deadline kind, qint64 timeoutMs);
    void updateReadingDeadline();

    HttpServer *m_server;
    QTcpSocket *m_socket;
    QSslSocket *m_tlsSocket = nullptr;  // m_socket when the connection is https
    HttpRequestParser m_parser;
    QPointer<HttpResponseWriter> m_writer;  // the response in progress
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;

    // Input bytes [m_begin, m_end) of m_in; m_in.size() is the capacity, reused.
    QByteArray m_in;
    qsizetype m_begin = 0;
    qsizetype m_end = 0;

    State m_state = State::Reading;
    Deadline m_deadlineKind = Deadline::None;
    qint64 m_deadline = 0;
    int m_serverIndex = -1;
    bool m_processing = false;
    bool m_processScheduled = false;
    bool m_outputBlocked = false;  // pipelined responses piling up unread: stop dispatching
    bool m_discardInput = false;   // the connection closes after this response
};

} // namespace gb
