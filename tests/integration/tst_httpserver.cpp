#include "RawHttpClient.h"
#include "common/ResponseSink.h"
#include "http/HttpServer.h"
#include "common/ApiErrors.h"
#include "http/HttpStatus.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <memory>


using namespace gb;
using gb::test::RawHttpClient;
using gb::test::RawHttpResponse;

namespace {

const QHostAddress kLocalhost(QHostAddress::LocalHost);
constexpr int kWait = 5000;

QByteArray get(const QByteArray &target, const QByteArray &extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n";
}

QByteArray post(const QByteArray &target, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n" + extraHeaders + "\r\n" + body;
}

template <qsizetype N>
QByteArray raw(const char (&literal)[N])
{
    return QByteArray(literal, N - 1);  // keeps embedded NULs
}

QJsonObject jsonError(const RawHttpResponse &r)
{
    return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toObject();
}

QByteArray pattern(qint64 offset, qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char((offset + i) % 251);
    return out;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fixedResponse();
    void dateHeaderFormat();
    void keepAliveReuse();
    void chunkedResponse();
    void pipelinedResponsesInOrder();
    void pipelinedBackpressure();
    void headRequest();
    void http10CloseDelimitedStream();
    void http10KeepAlive();
    void connectionCloseHonoured();
    void bodylessStatus();
    void halfClosedClientGetsResponse();
    void handlerMisuseIsContained();
    void abortTruncatesStream();
    void expectContinueAccepted();
    void expectContinueRefusedBeforeBody();
    void hugeContentLengthRefused();
    void unsupportedExpectRefused();
    void chunkedRequestBody();
    void chunkedRequestBodyOverLimit();
    void byteByByteRequest();
    void malformedRequest_data();
    void malformedRequest();
    void clientDisconnectMidStream();
    void backpressureDrained();
    void idleTimeoutCloses();
    void requestTimeout408();
    void noTimeoutWhileHandlerWorks();
    void concurrentConnections();
    void closeCancelsInFlightStreams();
    void noHandlerAnswers404();
    void qnamRequests();
    void dispatchHandsConnectionsToAnotherServer();
    void aHandedConnectionNeverAdoptedIsClosed();

private:
    void startServer(const HttpServerLimits &limits = {});
    void handle(HttpRequest &&request, ResponseSink *sink);
    std::unique_ptr<RawHttpClient> connectedClient();
    RawHttpResponse roundTrip(const QByteArray &request, bool headRequest = false);

    std::unique_ptr<HttpServer> m_server;
    QList<HttpRequest> m_requests;
    QList<QByteArray> m_handled;           // "path?query" in handler call order
    QList<QPointer<ResponseSink>> m_streams;
    QList<qsizetype> m_handledWhenSlowReplied;
    int m_canceled = 0;
    int m_drained = 0;
    qint64 m_maxPending = 0;
    qint64 m_pumped = 0;
};

void TestHttpServer::init()
{
    m_requests.clear();
    m_handled.clear();
    m_streams.clear();
    m_handledWhenSlowReplied.clear();
    m_canceled = 0;
    m_drained = 0;
    m_maxPending = 0;
    m_pumped = 0;
    startServer();
}

void TestHttpServer::cleanup()
{
    m_server.reset();
    RawHttpClient::waitUntil([] { return false; }, 10);  // run deferred deletes
}

void TestHttpServer::startServer(const HttpServerLimits &limits)
{
    m_server.reset();
    m_server = std::make_unique<HttpServer>(
        [this](HttpRequest &&request, ResponseSink *sink) { handle(std::move(request), sink); });
    m_server->setLimits(limits);
    QVERIFY2(m_server->listen(kLocalhost, 0), qPrintable(m_server->errorString()));
    QVERIFY(m_server->serverPort() != 0);
}

std::unique_ptr<RawHttpClient> TestHttpServer::connectedClient()
{
    auto client = std::make_unique<RawHttpClient>();
    if (!client->connectToServer(kLocalhost, m_server->serverPort(), kWait))
        qWarning("could not connect to the test server");
    return client;
}

RawHttpResponse TestHttpServer::roundTrip(const QByteArray &request, bool headRequest)
{
    auto client = connectedClient();
    client->send(request);
    return client->readResponse(kWait, headRequest);
}

// The test application: a few routes that exercise every part of ResponseSink.
void TestHttpServer::handle(HttpRequest &&request, ResponseSink *sink)
{
    m_requests.append(request);
    m_handled.append(request.query.isEmpty() ? request.path : request.path + '?' + request.query);
    const QUrlQuery query(QString::fromLatin1(request.query));
    auto param = [&](const char *name, int fallback) {
        bool ok = false;
        const int v = query.queryItemValue(QString::fromLatin1(name)).toInt(&ok);
        return ok ? v : fallback;
    };
    const HttpHeaders json{{"Content-Type", "application/json; charset=utf-8"}};
    const QByteArray &path = request.path;

    if (request.refusalStatus) {
        sink->send(request.refusalStatus, json, apiErrorBody(ErrorFormat::Gemini, request.refusalStatus, request.refusalMessage));
    } else if (path == "/hello") {
        sink->send(200, {{"Content-Type", "text/plain"}}, "hello");
    } else if (path == "/echo") {
        const HttpHeaders headers{
            {"X-Method", request.method},
            {"X-Path", request.path},
            {"X-Query", request.query},
            {"X-Version", QByteArray::number(request.versionMajor) + '.' + QByteArray::number(request.versionMinor)},
            {"X-Peer", request.peerAddress.toString().toLatin1()},
        };
        sink->send(200, headers, request.body);
    } else if (path == "/slow") {
        const QPointer<ResponseSink> s(sink);
        const QByteArray id = query.queryItemValue(QStringLiteral("id")).toLatin1();
        QTimer::singleShot(param("ms", 100), this, [this, s, id] {
            m_handledWhenSlowReplied.append(m_handled.size());
            if (s)
                s->send(200, {}, id);
        });
    } else if (path == "/stream") {
        const int n = param("n", 3);
        sink->begin(200, {{"Content-Type", "text/event-stream"}}, ResponseSink::Streamed);
        auto *timer = new QTimer(sink);  // dies with the sink
        auto i = std::make_shared<int>(0);
        connect(timer, &QTimer::timeout, sink, [sink, timer, n, i] {
            sink->write("data: " + QByteArray::number(*i) + "\n\n");
            if (++*i == n) {
                timer->stop();
                sink->end();
            }
        });
        timer->start(param("interval", 5));
    } else if (path == "/forever") {
        sink->begin(200, {{"Content-Type", "text/event-stream"}}, ResponseSink::Streamed);
        sink->write("data: first\n\n");
        const QPointer<ResponseSink> s(sink);
        m_streams.append(s);
        connect(sink, &ResponseSink::canceled, this, [this, s] {
            ++m_canceled;
            QVERIFY(s && s->isCanceled());
            s->write("after cancel");  // harmless
            s->end();
            s->abort();
            QCOMPARE(s->pendingBytes(), 0);
        });
        auto *timer = new QTimer(this);  // outlives the sink: writes through the QPointer
        connect(timer, &QTimer::timeout, this, [s, timer] {
            if (!s) {
                timer->deleteLater();
                return;
            }
            s->write("data: tick\n\n");
        });
        timer->start(2);
    } else if (path == "/abort") {
        sink->begin(200, {}, ResponseSink::Streamed);
        sink->write("partial");
        sink->abort();
        sink->write("ignored");
    } else if (path == "/pump") {
        const qint64 total = param("mib", 1) * qint64(1024 * 1024);
        sink->begin(200, {{"Content-Type", "application/octet-stream"}}, total);
        const QPointer<ResponseSink> s(sink);
        auto sent = std::make_shared<qint64>(0);
        auto pump = std::make_shared<std::function<void()>>();
        *pump = [this, s, sent, total] {
            while (s && *sent < total && s->pendingBytes() <= 1024 * 1024) {
                const qsizetype n = qsizetype(qMin<qint64>(64 * 1024, total - *sent));
                s->write(pattern(*sent, n));
                *sent += n;
                m_pumped = *sent;
                m_maxPending = qMax(m_maxPending, s->pendingBytes());
            }
            if (s && *sent >= total)
                s->end();
        };
        connect(sink, &ResponseSink::drained, this, [this, pump] {
            ++m_drained;
            (*pump)();
        });
        (*pump)();
    } else if (path == "/status") {
        sink->send(param("code", 200), {}, "body that must not be sent for 204/304");
    } else if (path == "/nobody") {
        sink->end();
    } else if (path == "/short") {
        sink->begin(200, {}, 10);
        sink->write("abc");
        sink->end();  // 7 bytes short: the connection must close
    } else if (path == "/long") {
        sink->begin(200, {}, 3);
        sink->write("abcdef");
        sink->end();
    } else if (path == "/inject") {
        sink->send(200,
                   {{"X-Bad", "a\r\nInjected: 1"},
                    {"Bad Name", "x"},
                    {"Content-Length", "999"},
                    {"Transfer-Encoding", "gzip"},
                    {"Connection", "close"},
                    {"X-Good", "yes"}},
                   "ok");
    } else {
        sink->send(404, json, apiErrorBody(ErrorFormat::Gemini, 404, QStringLiteral("No route.")));
    }
}

void TestHttpServer::fixedResponse()
{
    auto c = connectedClient();
    QVERIFY(c->send(get("/hello")));
    const RawHttpResponse r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.version, QByteArray("HTTP/1.1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.reason, QByteArray("OK"));
    QCOMPARE(r.header("content-length"), QByteArray("5"));
    QCOMPARE(r.header("content-type"), QByteArray("text/plain"));
    QVERIFY(!r.hasHeader("connection"));
    QVERIFY(!r.chunked);
    QCOMPARE(r.body, QByteArray("hello"));
    QVERIFY(c->buffered().isEmpty());
    QVERIFY(c->isConnected());
    QCOMPARE(m_requests.size(), 1);
    QCOMPARE(m_requests.at(0).peerAddress, kLocalhost);
    QCOMPARE(m_requests.at(0).peerPort, c->socket()->localPort());
}

void TestHttpServer::dateHeaderFormat()
{
    const RawHttpResponse r = roundTrip(get("/hello"));
    QVERIFY(r.complete);
    static const QRegularExpression re(QStringLiteral(
        R"(^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$)"));
    QVERIFY2(re.match(QString::fromLatin1(r.header("date"))).hasMatch(), r.header("date").constData());
}

void TestHttpServer::keepAliveReuse()
{
    auto c = connectedClient();
    for (int i = 0; i < 5; ++i) {
        QVERIFY(c->send(post("/echo?i=" + QByteArray::number(i), "body " + QByteArray::number(i))));
        const RawHttpResponse r = c->readResponse();
        QVERIFY2(r.complete, qPrintable(r.error));
        QCOMPARE(r.body, "body " + QByteArray::number(i));
        QCOMPARE(r.header("x-query"), "i=" + QByteArray::number(i));
        QCOMPARE(r.header("x-method"), QByteArray("POST"));
    }
    QVERIFY(c->isConnected());
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestHttpServer::chunkedResponse()
{
    auto c = connectedClient();
    QVERIFY(c->send(get("/stream?n=5&interval=5")));
    const RawHttpResponse r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QVERIFY(r.chunked);
    QVERIFY(!r.hasHeader("content-length"));
    QCOMPARE(r.header("content-type"), QByteArray("text/event-stream"));
    QCOMPARE(r.body, QByteArray("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n"));
    // The connection is reusable after the terminating chunk.
    QVERIFY(c->send(get("/hello")));
    QCOMPARE(c->readResponse().body, QByteArray("hello"));
}

void TestHttpServer::pipelinedResponsesInOrder()
{
    auto c = connectedClient();
    QVERIFY(c->send(get("/slow?ms=300&id=first") + get("/hello") + get("/slow?ms=10&id=third")
                    + post("/echo", "fourth")));
    const RawHttpResponse r1 = c->readResponse();
    const RawHttpResponse r2 = c->readResponse();
    const RawHttpResponse r3 = c->readResponse();
    const RawHttpResponse r4 = c->readResponse();
    QVERIFY2(r4.complete, qPrintable(r4.error));
    QCOMPARE(r1.body, QByteArray("first"));
    QCOMPARE(r2.body, QByteArray("hello"));
    QCOMPARE(r3.body, QByteArray("third"));
    QCOMPARE(r4.body, QByteArray("fourth"));
    QCOMPARE(m_handled,
             (QList<QByteArray>{"/slow?ms=300&id=first", "/hello", "/slow?ms=10&id=third", "/echo"}));
    // Each later request was only handed to the handler after the earlier response.
    QCOMPARE(m_handledWhenSlowReplied, (QList<qsizetype>{1, 3}));
}

void TestHttpServer::pipelinedBackpressure()
{
    HttpServerLimits limits;
    limits.maxPipelinedBytes = 16 * 1024;
    startServer(limits);
    auto c = connectedClient();
    const int count = 2000;
    QByteArray burst = get("/slow?ms=200&id=first");
    for (int i = 0; i < count; ++i)
        burst += get("/echo?n=" + QByteArray::number(i));
    c->sendAsync(burst);  // far more than the server buffers while /slow is pending
    RawHttpResponse r = c->readResponse();
    QCOMPARE(r.body, QByteArray("first"));
    for (int i = 0; i < count; ++i) {
        r = c->readResponse();
        QVERIFY2(r.complete, qPrintable(r.error));
        QCOMPARE(r.header("x-query"), "n=" + QByteArray::number(i));
    }
    QVERIFY(c->isConnected());
}

void TestHttpServer::headRequest()
{
    auto c = connectedClient();
    QVERIFY(c->send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
    RawHttpResponse r = c->readResponse(kWait, true);
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-length"), QByteArray("5"));
    QVERIFY(r.body.isEmpty());

    QVERIFY(c->send("HEAD /stream?n=3 HTTP/1.1\r\nHost: t\r\n\r\n"));
    r = c->readResponse(kWait, true);
    QVERIFY(r.complete);
    QCOMPARE(r.header("transfer-encoding"), QByteArray("chunked"));

    // No stray body bytes: the next response starts right away.
    QVERIFY(c->send(get("/hello")));
    r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.body, QByteArray("hello"));
    QVERIFY(c->buffered().isEmpty());
}

void TestHttpServer::http10CloseDelimitedStream()
{
    auto c = connectedClient();
    QVERIFY(c->send("GET /stream?n=3&interval=5 HTTP/1.0\r\n\r\n"));
    const RawHttpResponse r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QVERIFY(r.closeDelimited);
    QVERIFY(!r.chunked);
    QVERIFY(!r.hasHeader("transfer-encoding"));
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QCOMPARE(r.body, QByteArray("data: 0\n\ndata: 1\n\ndata: 2\n\n"));
    QVERIFY(c->isDisconnected());
}

void TestHttpServer::http10KeepAlive()
{
    auto c = connectedClient();
    QVERIFY(c->send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    RawHttpResponse r = c->readResponse();
    QVERIFY(r.complete);
    QCOMPARE(r.header("connection"), QByteArray("keep-alive"));
    QVERIFY(c->send("GET /echo HTTP/1.0\r\n\r\n"));  // no keep-alive this time
    r = c->readResponse();
    QVERIFY(r.complete);
    QCOMPARE(r.header("x-version"), QByteArray("1.0"));
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(c->waitForDisconnected());
}

void TestHttpServer::connectionCloseHonoured()
{
    auto c = connectedClient();
    // The second, pipelined request must be ignored.
    QVERIFY(c->send(get("/hello", "Connection: close\r\n") + get("/echo")));
    const RawHttpResponse r = c->readResponse();
    QVERIFY(r.complete);
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(c->waitForDisconnected());
    QVERIFY(c->buffered().isEmpty());
    QCOMPARE(m_handled, QList<QByteArray>{"/hello"});
}

void TestHttpServer::bodylessStatus()
{
    auto c = connectedClient();
    for (int code : {204, 304}) {
        QVERIFY(c->send(get("/status?code=" + QByteArray::number(code))));
        const RawHttpResponse r = c->readResponse();
        QVERIFY(r.complete);
        QCOMPARE(r.status, code);
        QVERIFY(!r.hasHeader("content-length"));
        QVERIFY(!r.hasHeader("transfer-encoding"));
    }
    QVERIFY(c->send(get("/hello")));
    QCOMPARE(c->readResponse().body, QByteArray("hello"));
}

void TestHttpServer::halfClosedClientGetsResponse()
{
    // e.g. `nc -N`: the request, then FIN. A response produced right away still arrives.
    for (int i = 0; i < 20; ++i) {
        auto c = connectedClient();
        c->sendAsync(get("/hello") + get("/echo?second", "Connection: close\r\n"));
        if (!c->halfClose())
            QSKIP("half-close not supported on this platform");
        const RawHttpResponse r1 = c->readResponse();
        const RawHttpResponse r2 = c->readResponse();
        QVERIFY2(r1.complete && r2.complete, qPrintable(r1.error + r2.error));
        QCOMPARE(r1.body, QByteArray("hello"));
        QCOMPARE(r2.header("x-query"), QByteArray("second"));
    }
}

void TestHttpServer::handlerMisuseIsContained()
{
    // end() without begin(): a 500 in the JSON envelope.
    RawHttpResponse r = roundTrip(get("/nobody"));
    QVERIFY(r.complete);
    QCOMPARE(r.status, 500);
    QCOMPARE(jsonError(r).value(QStringLiteral("status")).toString(), QStringLiteral("INTERNAL"));

    // More bytes than announced: cut at Content-Length, connection still usable.
    auto c = connectedClient();
    QVERIFY(c->send(get("/long")));
    r = c->readResponse();
    QCOMPARE(r.body, QByteArray("abc"));
    QVERIFY(c->send(get("/hello")));
    QCOMPARE(c->readResponse().body, QByteArray("hello"));

    // Fewer bytes than announced: the connection is closed, the response stays truncated.
    c = connectedClient();
    QVERIFY(c->send(get("/short")));
    r = c->readResponse();
    QVERIFY(!r.complete);
    QVERIFY(c->isDisconnected());

    // Framing and unsafe headers from the handler are dropped; Connection: close is honoured.
    c = connectedClient();
    QVERIFY(c->send(get("/inject")));
    r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.body, QByteArray("ok"));
    QCOMPARE(r.header("content-length"), QByteArray("2"));
    QVERIFY(!r.hasHeader("transfer-encoding"));
    QVERIFY(!r.hasHeader("x-bad"));
    QVERIFY(!r.hasHeader("injected"));
    QVERIFY(!r.hasHeader("bad name"));
    QCOMPARE(r.header("x-good"), QByteArray("yes"));
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(c->waitForDisconnected());
}

void TestHttpServer::abortTruncatesStream()
{
    auto c = connectedClient();
    QVERIFY(c->send(get("/abort")));
    const RawHttpResponse r = c->readResponse();
    QVERIFY(!r.complete);
    QVERIFY(c->isDisconnected());
    QVERIFY(c->buffered().contains("partial"));
    QVERIFY(!c->buffered().contains("ignored"));
    QVERIFY(!c->buffered().endsWith("0\r\n\r\n"));
    // The server is fine.
    QCOMPARE(roundTrip(get("/hello")).body, QByteArray("hello"));
}

void TestHttpServer::expectContinueAccepted()
{
    auto c = connectedClient();
    QVERIFY(c->send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
    RawHttpResponse r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.status, 100);
    QVERIFY(m_requests.isEmpty());
    QVERIFY(c->send("hello"));
    r = c->readResponse();
    QVERIFY(r.complete);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("hello"));
    QVERIFY(c->isConnected());
}

void TestHttpServer::expectContinueRefusedBeforeBody()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 1000;
    startServer(limits);
    auto c = connectedClient();
    QVERIFY(c->send("POST /upload HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n"));
    const RawHttpResponse r = c->readResponse();  // the body is never sent
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.status, 413);
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QCOMPARE(jsonError(r).value(QStringLiteral("code")).toInt(), 413);
    QCOMPARE(m_requests.size(), 1);
    QCOMPARE(m_requests.at(0).refusalStatus, 413);
    QCOMPARE(m_requests.at(0).path, QByteArray("/upload"));
    QVERIFY(m_requests.at(0).body.isEmpty());
    QVERIFY(!m_requests.at(0).refusalMessage.isEmpty());
    QVERIFY(c->waitForDisconnected());
}

void TestHttpServer::hugeContentLengthRefused()
{
    auto c = connectedClient();
    // The client does not wait: it sends a good part of its body right away. The 413
    // must still arrive (no reset from closing with unread input).
    QVERIFY(c->send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999\r\n\r\n"
                    + QByteArray(256 * 1024, 'x')));
    const RawHttpResponse r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.status, 413);
    QCOMPARE(jsonError(r).value(QStringLiteral("status")).toString(), QStringLiteral("INVALID_ARGUMENT"));
    QCOMPARE(m_requests.size(), 1);
    QCOMPARE(m_requests.at(0).refusalStatus, 413);
    QVERIFY(c->waitForDisconnected());
    QCOMPARE(roundTrip(get("/hello")).body, QByteArray("hello"));
}

void TestHttpServer::unsupportedExpectRefused()
{
    auto c = connectedClient();
    QVERIFY(c->send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: teapot\r\nContent-Length: 3\r\n\r\n"));
    const RawHttpResponse r = c->readResponse();
    QVERIFY(r.complete);
    QCOMPARE(r.status, 417);
    QCOMPARE(r.reason, QByteArray("Expectation Failed"));
    QCOMPARE(m_requests.at(0).refusalStatus, 417);
    QVERIFY(c->waitForDisconnected());
}

void TestHttpServer::chunkedRequestBody()
{
    auto c = connectedClient();
    QVERIFY(c->send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"));
    const RawHttpResponse r = c->readResponse();
    QVERIFY(r.complete);
    QCOMPARE(r.body, QByteArray("hello world"));
    QVERIFY(c->isConnected());
}

void TestHttpServer::chunkedRequestBodyOverLimit()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 10;
    startServer(limits);
    auto c = connectedClient();
    QVERIFY(c->send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
    const RawHttpResponse r = c->readResponse();
    QVERIFY(r.complete);
    QCOMPARE(r.status, 413);
    QCOMPARE(m_requests.at(0).refusalStatus, 413);
    QVERIFY(c->waitForDisconnected());
}

void TestHttpServer::byteByByteRequest()
{
    auto c = connectedClient();
    const QByteArray request = post("/echo?x=1", "abcdef", "X-Some: header\r\n");
    for (char ch : request)
        QVERIFY(c->send(QByteArray(1, ch)));
    const RawHttpResponse r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.body, QByteArray("abcdef"));
    QCOMPARE(r.header("x-query"), QByteArray("x=1"));
}

void TestHttpServer::malformedRequest_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("googleStatus");
    const QString invalid = QStringLiteral("INVALID_ARGUMENT");
    QTest::newRow("garbage request line") << QByteArray("GARBAGE\r\n\r\n") << 400 << invalid;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : t\r\n\r\n") << 400 << invalid;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n") << 400 << invalid;
    QTest::newRow("bad content-length") << QByteArray("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1x\r\n\r\n") << 400 << invalid;
    QTest::newRow("TE and CL") << QByteArray("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
                               << 400 << invalid;
    QTest::newRow("missing host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400 << invalid;
    QTest::newRow("TLS handshake") << raw("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03") << 400 << invalid;
    QTest::newRow("bad chunk") << QByteArray("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n")
                               << 400 << invalid;
    QTest::newRow("gzip TE") << QByteArray("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n") << 501
                             << QStringLiteral("UNIMPLEMENTED");
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: t\r\n\r\n") << 505 << QStringLiteral("UNIMPLEMENTED");
    QTest::newRow("long request line") << QByteArray("GET /" + QByteArray(70 * 1024, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n")
                                       << 414 << invalid;
    QTest::newRow("huge header") << QByteArray("GET / HTTP/1.1\r\nHost: t\r\nX: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n")
                                 << 431 << invalid;
}

void TestHttpServer::malformedRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, googleStatus);
    auto c = connectedClient();
    c->sendAsync(request);
    const RawHttpResponse r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("content-type"), QByteArray("application/json; charset=utf-8"));
    QCOMPARE(r.header("connection"), QByteArray("close"));
    const QJsonObject error = jsonError(r);
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), status);
    QCOMPARE(error.value(QStringLiteral("status")).toString(), googleStatus);
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(c->waitForDisconnected());
    QVERIFY(m_requests.isEmpty());
    // The next connection is served normally.
    QCOMPARE(roundTrip(get("/hello")).body, QByteArray("hello"));
}

void TestHttpServer::clientDisconnectMidStream()
{
    const int rounds = 50;
    for (int i = 0; i < rounds; ++i) {
        auto c = connectedClient();
        QVERIFY(c->send(get("/forever")));
        // Vary the moment: right after the first event, or a few events later.
        QVERIFY(c->waitForBuffered(i % 2 ? 400 : 1));
        if (i % 3 == 0)
            c->disconnectFromServer();  // FIN
        else
            c->abort();  // RST when unread data is pending
        QVERIFY2(RawHttpClient::waitUntil([&] { return m_canceled == i + 1; }, kWait),
                 qPrintable(QStringLiteral("round %1: canceled %2").arg(i).arg(m_canceled)));
        c.reset();
        if (i % 10 == 9)
            QCOMPARE(roundTrip(get("/hello")).body, QByteArray("hello"));
    }
    QVERIFY(RawHttpClient::waitUntil([&] { return m_server->connectionCount() == 0; }, kWait));
    RawHttpClient::waitUntil([] { return false; }, 50);  // the stream timers hit their dead sinks
    QCOMPARE(m_canceled, rounds);  // exactly once each
    for (const QPointer<ResponseSink> &s : std::as_const(m_streams))
        QVERIFY(s.isNull());  // deleted by the front end
}

void TestHttpServer::backpressureDrained()
{
    auto c = connectedClient();
    c->socket()->setReadBufferSize(64 * 1024);
    c->setReadingPaused(true);
    QVERIFY(c->send(get("/pump?mib=32")));
    // Kernel buffers fill up first; then the server's own queue grows past the high-water
    // mark and the handler, waiting for drained(), stops producing.
    QVERIFY2(RawHttpClient::waitUntil([&] { return m_maxPending > 1024 * 1024; }, 10000),
             qPrintable(QString::number(m_maxPending)));
    qint64 before = -1;
    QVERIFY(RawHttpClient::waitUntil(
        [&] {
            const bool stalled = m_pumped == before;
            before = m_pumped;
            RawHttpClient::waitUntil([] { return false; }, 150);
            return stalled;
        },
        10000));
    QVERIFY(m_pumped < 32 * 1024 * 1024);
    c->setReadingPaused(false);
    const RawHttpResponse r = c->readResponse(20000);
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.body.size(), 32 * 1024 * 1024);
    QVERIFY(r.body == pattern(0, r.body.size()));
    QVERIFY(m_drained >= 1);
    QVERIFY(m_maxPending <= 1024 * 1024 + 64 * 1024 + 1024);  // the handler kept the queue bounded
}

void TestHttpServer::idleTimeoutCloses()
{
    HttpServerLimits limits;
    limits.idleTimeoutMs = 300;
    startServer(limits);
    auto c = connectedClient();
    QVERIFY(c->send(get("/hello")));
    QVERIFY(c->readResponse().complete);
    QElapsedTimer t;
    t.start();
    QVERIFY(c->waitForDisconnected(3000));
    QVERIFY2(t.elapsed() >= 250, qPrintable(QString::number(t.elapsed())));
    QVERIFY(c->buffered().isEmpty());  // closed silently, no 408

    // A connection that never sends anything is closed too.
    auto silent = connectedClient();
    QVERIFY(silent->waitForDisconnected(3000));
    QVERIFY(RawHttpClient::waitUntil([&] { return m_server->connectionCount() == 0; }, kWait));
}

void TestHttpServer::requestTimeout408()
{
    HttpServerLimits limits;
    limits.requestTimeoutMs = 300;
    startServer(limits);
    for (const QByteArray &partial : {QByteArray("GET /hello HTTP/1.1\r\nHost: t\r\n"),
                                      QByteArray("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")}) {
        auto c = connectedClient();
        QElapsedTimer t;
        t.start();
        QVERIFY(c->send(partial));
        const RawHttpResponse r = c->readResponse(3000);
        QVERIFY2(r.complete, qPrintable(r.error));
        QVERIFY(t.elapsed() >= 250);
        QCOMPARE(r.status, 408);
        QCOMPARE(jsonError(r).value(QStringLiteral("status")).toString(), QStringLiteral("DEADLINE_EXCEEDED"));
        QCOMPARE(r.header("connection"), QByteArray("close"));
        QVERIFY(c->waitForDisconnected());
    }
    QVERIFY(m_requests.isEmpty());
}

void TestHttpServer::noTimeoutWhileHandlerWorks()
{
    HttpServerLimits limits;
    limits.requestTimeoutMs = 200;
    limits.idleTimeoutMs = 200;
    startServer(limits);
    auto c = connectedClient();
    QVERIFY(c->send(get("/slow?ms=700&id=late")));
    RawHttpResponse r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.body, QByteArray("late"));
    QVERIFY(c->send(get("/stream?n=8&interval=80")));  // 640 ms of streaming
    r = c->readResponse();
    QVERIFY2(r.complete, qPrintable(r.error));
    QCOMPARE(r.body.count("data:"), 8);
}

void TestHttpServer::concurrentConnections()
{
    const int count = 200;
    QSignalSpy countSpy(m_server.get(), &HttpServer::connectionCountChanged);
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        clients.back()->connectAsync(kLocalhost, m_server->serverPort());
    }
    QVERIFY(RawHttpClient::waitUntil(
        [&] {
            return std::all_of(clients.begin(), clients.end(), [](const auto &c) { return c->isConnected(); });
        },
        10000));
    for (int i = 0; i < count; ++i)
        clients[i]->sendAsync(get("/echo?id=" + QByteArray::number(i)));
    QList<std::optional<RawHttpResponse>> responses(count);
    int done = 0;
    QVERIFY(RawHttpClient::waitUntil(
        [&] {
            for (int i = 0; i < count; ++i) {
                if (!responses[i] && (responses[i] = clients[i]->takeResponse()))
                    ++done;
            }
            return done == count;
        },
        20000));
    for (int i = 0; i < count; ++i)
        QCOMPARE(responses[i]->header("x-query"), "id=" + QByteArray::number(i));
    QCOMPARE(m_server->connectionCount(), count);
    int peak = 0;
    for (const QList<QVariant> &args : std::as_const(countSpy))
        peak = qMax(peak, args.at(0).toInt());
    QCOMPARE(peak, count);
    clients.clear();
    QVERIFY(RawHttpClient::waitUntil([&] { return m_server->connectionCount() == 0; }, 10000));
    QCOMPARE(countSpy.last().at(0).toInt(), 0);
}

void TestHttpServer::closeCancelsInFlightStreams()
{
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(connectedClient());
        QVERIFY(clients.back()->send(get("/forever")));
        QVERIFY(clients.back()->waitForBuffered(1));
    }
    QCOMPARE(m_streams.size(), 5);
    const quint16 port = m_server->serverPort();
    m_server->close();
    QCOMPARE(m_canceled, 5);
    QVERIFY(!m_server->isListening());
    QCOMPARE(m_server->connectionCount(), 0);
    for (auto &c : clients)
        QVERIFY(c->waitForDisconnected());
    RawHttpClient::waitUntil([] { return false; }, 20);
    QCOMPARE(m_canceled, 5);
    RawHttpClient refused;
    QVERIFY(!refused.connectToServer(kLocalhost, port, 2000));
}

void TestHttpServer::noHandlerAnswers404()
{
    HttpServer server({});
    QVERIFY(server.listen(kLocalhost, 0));
    RawHttpClient c;
    QVERIFY(c.connectToServer(kLocalhost, server.serverPort()));
    QVERIFY(c.send(get("/anything")));
    const RawHttpResponse r = c.readResponse();
    QVERIFY(r.complete);
    QCOMPARE(r.status, 404);
    QCOMPARE(jsonError(r).value(QStringLiteral("status")).toString(), QStringLiteral("NOT_FOUND"));
}

void TestHttpServer::qnamRequests()
{
    QSignalSpy countSpy(m_server.get(), &HttpServer::connectionCountChanged);
    QNetworkAccessManager nam;
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort());
    auto wait = [](QNetworkReply *reply) {
        return RawHttpClient::waitUntil([reply] { return reply->isFinished(); }, kWait);
    };

    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(QUrl(base + QStringLiteral("/hello")))));
    QVERIFY(wait(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->readAll(), QByteArray("hello"));

    const QByteArray body = pattern(0, 300 * 1000);
    QNetworkRequest postRequest(QUrl(base + QStringLiteral("/echo?q=1")));
    postRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    reply.reset(nam.post(postRequest, body));
    QVERIFY(wait(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->rawHeader("X-Query"), QByteArray("q=1"));
    QVERIFY(reply->readAll() == body);

    reply.reset(nam.get(QNetworkRequest(QUrl(base + QStringLiteral("/stream?n=20&interval=2")))));
    QVERIFY(wait(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll().count("data: "), 20);

    reply.reset(nam.get(QNetworkRequest(QUrl(base + QStringLiteral("/nope")))));
    QVERIFY(wait(reply.get()));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);

    // Sequential requests reuse one keep-alive connection.
    int peak = 0;
    for (const QList<QVariant> &args : std::as_const(countSpy))
        peak = qMax(peak, args.at(0).toInt());
    QCOMPARE(peak, 1);
}

// The first proxy loop's server hands accepted connections to the other loops' servers.
void TestHttpServer::dispatchHandsConnectionsToAnotherServer()
{
    QThread thread;
    thread.start();
    HttpServer *other = new HttpServer([](HttpRequest &&request, ResponseSink *sink) {
        sink->send(200, {{"Content-Type", "text/plain"}}, "other loop: " + request.path);
    });
    other->moveToThread(&thread);
    int handedOver = 0;
    m_server->setDispatch([&](qintptr descriptor) {
        if (++handedOver % 2 == 0)
            return false;  // every second one is served here
        other->adoptLater(descriptor);
        return true;
    });
    for (int i = 0; i < 4; ++i) {
        auto c = connectedClient();
        QVERIFY(c->send(get("/hello")));
        const RawHttpResponse r = c->readResponse();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, i % 2 == 0 ? QByteArray("other loop: /hello") : QByteArray("hello"));
        // Keep-alive on the server that adopted it.
        QVERIFY(c->send(get("/hello")));
        QCOMPARE(c->readResponse().body, r.body);
    }
    QCOMPARE(handedOver, 4);
    m_server->setDispatch({});
    QMetaObject::invokeMethod(other, [other] { delete other; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
}

// A loop that stops before it takes a connection over does not leak it: it is closed.
void TestHttpServer::aHandedConnectionNeverAdoptedIsClosed()
{
    m_server->setDispatch([](qintptr descriptor) {
        auto *gone = new HttpServer([](HttpRequest &&, ResponseSink *sink) { sink->send(200, {}, "never"); });
        gone->adoptLater(descriptor);
        delete gone;  // before its event loop ran the adoption
        return true;
    });
    auto c = connectedClient();
    c->sendAsync(get("/hello"));
    QVERIFY(c->waitForDisconnected(kWait));
    QVERIFY(c->buffered().isEmpty());
    m_server->setDispatch({});
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
