// GemBalance's own HTTP/1.1 upstream client against a real server on 127.0.0.1 (our
// HttpServer, so the test controls keep-alive, streaming, delays and closes).

#include "common/ResponseSink.h"
#include "http/HttpServer.h"
#include "upstream/Http1Client.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

// Waits (bounded) until the reply finished; returns its whole body.
QByteArray waitBody(Http1Reply *reply, int timeoutMs = 5000)
{
    QByteArray body;
    QObject::connect(reply, &UpstreamReply::readyRead, reply, [&] { body += reply->readAll(); });
    if (reply->isRunning()) {
        QSignalSpy done(reply, &UpstreamReply::finished);
        done.wait(timeoutMs);
    }
    body += reply->readAll();
    return body;
}

Http1Client::Request post(quint16 port, const QString &path, const QByteArray &body = "{}")
{
    Http1Client::Request r;
    r.to = httpTargetOf(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
    r.headers.add("Content-Type", "application/json");
    r.body = body;
    r.timeoutMs = 5000;
    return r;
}

} // namespace

class TestHttp1Client : public QObject
{
    Q_OBJECT
private:
    // The upstream: /echo answers the body and the request's headers; /stream sends
    // `n` events 5 ms apart; /slow never answers; /big answers `n` bytes.
    std::unique_ptr<HttpServer> m_server;
    int m_requests = 0;

    void handle(HttpRequest &&request, ResponseSink *sink)
    {
        ++m_requests;
        const QByteArray path = request.path;
        const int n = request.query.startsWith("n=") ? request.query.mid(2).toInt() : 3;
        HttpHeaders headers{{"Content-Type", "application/json"}};
        if (path == "/echo") {
            sink->send(200, headers, request.body + '|' + request.header("x-goog-api-key") + '|' + request.target);
        } else if (path == "/error") {
            sink->send(429, headers, R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}})");
        } else if (path == "/stream") {
            sink->begin(200, {{"Content-Type", "text/event-stream"}}, ResponseSink::Streamed);
            // One event now, then one every 5 ms from a timer that goes with the sink.
            sink->write("data: 0\r\n\r\n");
            if (n <= 1) {
                sink->end();
            } else {
                auto *timer = new QTimer(sink);
                auto sent = std::make_shared<int>(1);
                connect(timer, &QTimer::timeout, sink, [sink, timer, sent, n] {
                    sink->write("data: " + QByteArray::number((*sent)++) + "\r\n\r\n");
                    if (*sent == n) {
                        timer->stop();
                        sink->end();
                    }
                });
                timer->start(5);
            }
        } else if (path == "/big") {
            sink->send(200, headers, QByteArray(n, 'x'));
        } else if (path == "/cut") {
            sink->begin(200, headers, 100);
            sink->write("only part");
            sink->abort();
        } else if (path == "/slow") {
            // never answers
        } else {
            sink->send(404, headers, "{}");
        }
    }

    quint16 port() const { return m_server->serverPort(); }

private slots:
    void init()
    {
        m_requests = 0;
        m_server = std::make_unique<HttpServer>([this](HttpRequest &&r, ResponseSink *s) { handle(std::move(r), s); });
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }
    void cleanup() { m_server.reset(); }

    void unaryExchangeKeepsTheConnection()
    {
        Http1Client client;
        for (int i = 0; i < 5; ++i) {
            auto r = post(port(), u"/echo?alt=x%20y"_s, "body" + QByteArray::number(i));
            r.headers.add("x-goog-api-key", "AIzaTest");
            std::unique_ptr<Http1Reply> reply(client.send(r));
            QCOMPARE(waitBody(reply.get()), "body" + QByteArray::number(i) + "|AIzaTest|/echo?alt=x%20y");
            QCOMPARE(reply->status(), 200);
            QCOMPARE(reply->error(), UpstreamReply::Error::None);
            QCOMPARE(reply->contentType(), QByteArray("application/json"));
        }
        QCOMPARE(client.openConnections(), 1);
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void errorStatusIsAnAnswerNotAFailure()
    {
        Http1Client client;
        std::unique_ptr<Http1Reply> reply(client.send(post(port(), u"/error"_s)));
        QVERIFY(waitBody(reply.get()).contains("RESOURCE_EXHAUSTED"));
        QCOMPARE(reply->status(), 429);
        QCOMPARE(reply->error(), UpstreamReply::Error::None);
    }

    void streamArrivesInPieces()
    {
        Http1Client client;
        std::unique_ptr<Http1Reply> reply(client.send(post(port(), u"/stream?n=10"_s)));
        int pieces = 0;
        QByteArray body;
        connect(reply.get(), &UpstreamReply::readyRead, this, [&] {
            const QByteArray data = reply->readAll();
            if (!data.isEmpty()) {
                ++pieces;
                body += data;
            }
        });
        QSignalSpy done(reply.get(), &UpstreamReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(body.count("data: "), 10);
        QVERIFY2(pieces >= 5, qPrintable(QString::number(pieces)));
        QCOMPARE(reply->error(), UpstreamReply::Error::None);
    }

    void manyParallelRequestsEachGetAConnection()
    {
        Http1Client client;
        std::vector<std::unique_ptr<Http1Reply>> replies;
        for (int i = 0; i < 100; ++i)
            replies.emplace_back(client.send(post(port(), u"/stream?n=3"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 100, 5000);
        for (auto &reply : replies)
            QCOMPARE(waitBody(reply.get()).count("data: "), 3);
        QCOMPARE(client.openConnections(), 100);
        QCOMPARE(client.idleConnections(), 100);
    }

    void beyondTheLimitRequestsQueue()
    {
        Http1Client client;
        client.setMaxConnectionsPerOrigin(2);
        std::vector<std::unique_ptr<Http1Reply>> replies;
        for (int i = 0; i < 6; ++i)
            replies.emplace_back(client.send(post(port(), u"/stream?n=2"_s)));
        QCOMPARE(client.queuedRequests(), 4);
        for (auto &reply : replies)
            QCOMPARE(waitBody(reply.get()).count("data: "), 2);
        QCOMPARE(client.openConnections(), 2);
        QCOMPARE(m_requests, 6);
    }

    void aStaleKeptAliveConnectionIsRetriedOnce()
    {
        HttpServerLimits limits = m_server->limits();
        limits.idleTimeoutMs = 100;  // the server drops idle connections quickly
        m_server->setLimits(limits);
        Http1Client client;
        std::unique_ptr<Http1Reply> first(client.send(post(port(), u"/echo"_s, "one")));
        QVERIFY(waitBody(first.get()).startsWith("one|"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 3000);
        std::unique_ptr<Http1Reply> second(client.send(post(port(), u"/echo"_s, "two")));
        QVERIFY(waitBody(second.get()).startsWith("two|"));
        QCOMPARE(second->error(), UpstreamReply::Error::None);
        QCOMPARE(m_requests, 2);
    }

    void timeoutRefusedCutAndAbort()
    {
        Http1Client client;
        auto slow = post(port(), u"/slow"_s);
        slow.timeoutMs = 200;
        std::unique_ptr<Http1Reply> timedOut(client.send(slow));
        waitBody(timedOut.get());
        QCOMPARE(timedOut->error(), UpstreamReply::Error::Timeout);

        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 deadPort = closed.serverPort();
        closed.close();
        std::unique_ptr<Http1Reply> refused(client.send(post(deadPort, u"/echo"_s)));
        waitBody(refused.get());
        QCOMPARE(refused->error(), UpstreamReply::Error::Network);
        QVERIFY(!refused->errorString().isEmpty());

        std::unique_ptr<Http1Reply> cut(client.send(post(port(), u"/cut"_s)));
        QCOMPARE(waitBody(cut.get()), QByteArray("only part"));
        QCOMPARE(cut->error(), UpstreamReply::Error::Network);
        QVERIFY(cut->errorString().contains(u"middle"_s));

        std::unique_ptr<Http1Reply> aborted(client.send(post(port(), u"/stream?n=50"_s)));
        QSignalSpy finished(aborted.get(), &UpstreamReply::finished);
        QTest::qWait(20);
        aborted->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(aborted->error(), UpstreamReply::Error::Canceled);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 3000);  // the connection was closed
        // The client still works after all that.
        std::unique_ptr<Http1Reply> after(client.send(post(port(), u"/echo"_s, "ok")));
        QVERIFY(waitBody(after.get()).startsWith("ok|"));
    }

    // The timeout counts from the last bytes of the current reply, whatever the connection
    // answered before: a reused connection keeps its (lazily re-armed) timer.
    void timeoutCountsFromTheLastBytesOnAReusedConnection()
    {
        Http1Client client;
        auto first = post(port(), u"/echo"_s, "one");
        first.timeoutMs = 60'000;
        std::unique_ptr<Http1Reply> answered(client.send(first));
        QVERIFY(waitBody(answered.get()).startsWith("one|"));

        auto slow = post(port(), u"/slow"_s);
        slow.timeoutMs = 200;
        QElapsedTimer clock;
        clock.start();
        std::unique_ptr<Http1Reply> timedOut(client.send(slow));
        waitBody(timedOut.get());
        QCOMPARE(timedOut->error(), UpstreamReply::Error::Timeout);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));  // not the 60 s of the first
        QCOMPARE(m_requests, 2);  // both went over the one kept-alive connection

        // 40 events 5 ms apart (~200 ms) under a 60 ms timeout: bytes keep it alive.
        auto stream = post(port(), u"/stream?n=40"_s);
        stream.timeoutMs = 60;
        std::unique_ptr<Http1Reply> streamed(client.send(stream));
        const QByteArray body = waitBody(streamed.get());
        QCOMPARE(streamed->error(), UpstreamReply::Error::None);
        QVERIFY(body.contains("data: 39\r\n\r\n"));
    }

    void aSlowReaderHoldsTheUpstreamBack()
    {
        Http1Client client;
        const int size = 8 * 1024 * 1024;
        std::unique_ptr<Http1Reply> reply(client.send(post(port(), u"/big?n=%1"_s.arg(size))));
        reply->setReadBufferSize(64 * 1024);
        QTest::qWait(300);  // nobody reads: the buffer stops growing near the limit
        QVERIFY2(reply->bytesAvailable() < 2 * 1024 * 1024, qPrintable(QString::number(reply->bytesAvailable())));
        QVERIFY(reply->isRunning());
        qint64 total = 0;
        QElapsedTimer clock;
        clock.start();
        while (reply->isRunning() && clock.elapsed() < 10000) {
            total += reply->readAll().size();
            QTest::qWait(1);
        }
        total += reply->readAll().size();
        QCOMPARE(total, qint64(size));
        QCOMPARE(reply->error(), UpstreamReply::Error::None);
    }

    void deletingAReplyInFlightIsSafe()
    {
        Http1Client client;
        for (int i = 0; i < 20; ++i)
            delete client.send(post(port(), u"/stream?n=20"_s));
        QTest::qWait(50);
        std::unique_ptr<Http1Reply> reply(client.send(post(port(), u"/echo"_s, "still")));
        QVERIFY(waitBody(reply.get()).startsWith("still|"));
        QTRY_VERIFY_WITH_TIMEOUT(client.openConnections() <= 1, 3000);
    }
};

QTEST_GUILESS_MAIN(TestHttp1Client)
#include "tst_http1client.moc"
