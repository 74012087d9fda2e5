#pragma once

// Internals of FakeGemini shared by FakeGemini.cpp (control API, lifecycle, recording)
// and FakeGeminiHandlers.cpp (routing and replies). Not for tests to include.

#include "FakeGemini.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace gb::test {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Closes the connection with a TCP RST (SO_LINGER 0), not a FIN, dropping unsent data.
void resetConnection(QTcpSocket *socket);

// QHttpServer 6.4 base: every request (routed or not) goes to FakeGemini::handle.
class FakeGeminiHttp final : public QAbstractHttpServer
{
public:
    explicit FakeGeminiHttp(FakeGemini *fake) : m_fake(fake) {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    FakeGemini *m_fake;
};

// One request being answered. Owns the responder; writes only while the socket is
// connected (QHttpServer deleteLater()s the socket when the client goes).
class FakeGeminiExchange final : public QObject
{
public:
    FakeGeminiExchange(FakeGemini *fake, QHttpServerResponder &&responder, QTcpSocket *socket,
                       const RecordedRequest &request);

    bool alive() const { return socket && socket->state() == QAbstractSocket::ConnectedState; }
    bool writeHead(int status, const HeaderList &headers);
    bool writeRaw(const QByteArray &bytes);        // body bytes (first call ends the head)
    bool writePayload(const QByteArray &payload);  // unary body bytes, recorded
    bool writeChunk(const QByteArray &payload);    // one chunk of a chunked body, recorded
    bool writeLastChunk();
    void after(int delayMs, std::function<void()> action);
    void detachSocket();  // stop watching the socket

    FakeGemini *fake;
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    RecordedRequest request;
    QTimer *timer = nullptr;

    // What to do (decided on arrival).
    bool hasFault = false;
    Fault fault;
    int cutAfter = -1;  // >= 0: cut after that many stream events (unary: after half the body)
    CutMode cutMode = CutMode::Reset;

    // Stream state.
    bool streaming = false;
    QList<QByteArray> pieces;
    QByteArray tail;
    int next = 0;
    bool finished = false;
    bool headSent = false;

private:
    QList<QMetaObject::Connection> m_socketConnections;
};

struct FakeGemini::Private
{
    explicit Private(FakeGemini *fake) : q(fake) {}

    FakeGemini *q;
    std::unique_ptr<FakeGeminiHttp> http;
    QTcpServer *tcp = nullptr;  // owned by http
    QElapsedTimer clock;

    // Keys.
    QString validKeyPrefix = QStringLiteral("AIza");
    bool acceptAnyKey = false;
    QHash<QString, KeyBehavior> keys;
    QHash<QString, int> limitedUse;  // key + '\n' + model -> calls let through before a limit

    QList<Fault> faults;
    int replyDelayMs = 0;
    StreamOptions stream;
    ReplyOptions reply;
    QList<FakeModel> models = defaultModelCatalogue();

    // Records and counters.
    bool recording = true;
    int maxRecords = 10000;
    QList<RecordedRequest> requests;
    QList<RecordedResponse> responses;
    quint64 nextRequestId = 1;
    quint64 nextConnectionId = 1;
    int requestsTotal = 0;
    int inFlight = 0;
    int streamsStarted = 0;
    int streamsCompleted = 0;
    int streamsAbortedByClient = 0;
    int requestsAbortedByClient = 0;
    int connectionsAccepted = 0;
    QHash<QString, int> keyCounts;

    QSet<FakeGeminiExchange *> exchanges;
    bool destroying = false;

    // FakeGeminiHandlers.cpp
    RecordedRequest capture(const QHttpServerRequest &request, QTcpSocket *socket);
    void decideFaults(FakeGeminiExchange *ex, int *delayMs);
    void respond(FakeGeminiExchange *ex);
    void dispatch(FakeGeminiExchange *ex);
    bool checkKey(FakeGeminiExchange *ex, bool modelCall);
    const FakeModel *findModel(const QString &name) const;

    void listModels(FakeGeminiExchange *ex);
    void getModel(FakeGeminiExchange *ex);
    void generate(FakeGeminiExchange *ex);
    void countTokens(FakeGeminiExchange *ex);
    void embed(FakeGeminiExchange *ex, bool batch);
    void openAiChat(FakeGeminiExchange *ex);

    HeaderList googleHeaders(const FakeGeminiExchange *ex, const QByteArray &contentType) const;
    void sendBody(FakeGeminiExchange *ex, int status, const QByteArray &contentType, const QByteArray &body,
                  const HeaderList &extraHeaders = {});
    void sendJson(FakeGeminiExchange *ex, int status, const Json &json);  // pretty + "\n"
    // OpenAI-compatible paths get the error wrapped in a JSON array, as the real API does.
    void sendError(FakeGeminiExchange *ex, int status, const Json &error);
    bool parseBody(FakeGeminiExchange *ex, QJsonObject *out);
    void startStream(FakeGeminiExchange *ex, const QByteArray &contentType, QList<QByteArray> pieces,
                     const QByteArray &tail, int status = 200);
    void pump(FakeGeminiExchange *ex);
    void cut(FakeGeminiExchange *ex);
    void clientGone(FakeGeminiExchange *ex);
    void finish(FakeGeminiExchange *ex, ResponseOutcome outcome);
};

} // namespace gb::test
