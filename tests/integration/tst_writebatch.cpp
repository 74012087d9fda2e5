// WriteBatch: what is written inside a Scope reaches the kernel when the outermost Scope
// ends, not on Qt's next event-loop pass; the HTTP server and the upstream client use it so
// that a relayed request or answer leaves at the end of the event that produced it.
//
// "Reached the kernel" is observed without running the event loop: on loopback a write()
// puts the bytes in the peer's receive queue at once, so a non-blocking MSG_PEEK on the
// peer's descriptor sees them, while bytes Qt still buffers are not there yet.

#include "common/ResponseSink.h"
#include "common/WriteBatch.h"
#include "http/HttpServer.h"
#include "upstream/Http1Client.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#include <sys/socket.h>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

// Bytes waiting in the kernel for `fd` to read, looked at without reading them.
qsizetype kernelBytes(qintptr fd)
{
    char buffer[4096];
    const ssize_t n = ::recv(int(fd), buffer, sizeof buffer, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 ? 0 : qsizetype(n);
}

// A connected pair of sockets on 127.0.0.1.
struct Pair
{
    QTcpServer server;
    std::unique_ptr<QTcpSocket> client = std::make_unique<QTcpSocket>();
    QTcpSocket *accepted = nullptr;

    bool open()
    {
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        client->connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!client->waitForConnected(5000) || !server.waitForNewConnection(5000))
            return false;
        accepted = server.nextPendingConnection();
        return accepted != nullptr;
    }
};

} // namespace

class TestWriteBatch : public QObject
{
    Q_OBJECT
private slots:
    void writesLeaveWhenTheOutermostScopeEnds()
    {
        Pair p;
        QVERIFY(p.open());
        WriteBatch batch;
        {
            const WriteBatch::Scope outer(&batch);
            {
                const WriteBatch::Scope inner(&batch);
                p.client->write("hello");
                batch.add(p.client.get());
                batch.add(p.client.get());  // twice in a row: listed once
                QCOMPARE(batch.pending(), 1);
            }
            // The inner scope ended inside the outer one: nothing left yet.
            QCOMPARE(p.client->bytesToWrite(), 5);
            QCOMPARE(kernelBytes(p.accepted->socketDescriptor()), 0);
        }
        QCOMPARE(p.client->bytesToWrite(), 0);
        QCOMPARE(batch.pending(), 0);
        QCOMPARE(kernelBytes(p.accepted->socketDescriptor()), 5);
        QTRY_COMPARE_WITH_TIMEOUT(p.accepted->bytesAvailable(), 5, 5000);
        QCOMPARE(p.accepted->readAll(), "hello");
    }

    void outsideAScopeQtWritesOnItsNextPass()
    {
        Pair p;
        QVERIFY(p.open());
        WriteBatch batch;
        p.client->write("later");
        batch.add(p.client.get());  // no scope: not taken
        QCOMPARE(batch.pending(), 0);
        QCOMPARE(p.client->bytesToWrite(), 5);
        QCOMPARE(kernelBytes(p.accepted->socketDescriptor()), 0);
        QTRY_COMPARE_WITH_TIMEOUT(p.accepted->bytesAvailable(), 5, 5000);
    }

    void aRemovedSocketIsNotTouched()
    {
        Pair p;
        QVERIFY(p.open());
        WriteBatch batch;
        {
            const WriteBatch::Scope scope(&batch);
            p.client->write("gone");
            batch.add(p.client.get());
            batch.remove(p.client.get());
            p.client.reset();  // deleted inside the scope (a sanitizer build sees any later use)
            QCOMPARE(batch.pending(), 0);
        }
        QCOMPARE(batch.pending(), 0);
    }

    // A write that fails while the batch flushes runs the socket's error handlers from the
    // flush; they may close the socket and write to others, which leave in the same flush.
    void aWriteErrorDuringTheFlushIsHandledThere()
    {
        Pair failing;
        Pair other;
        QVERIFY(failing.open());
        QVERIFY(other.open());
        WriteBatch batch;
        failing.accepted->abort();  // the peer is gone: writes soon fail
        bool errored = false;
        QTcpSocket *otherClient = other.client.get();
        connect(failing.client.get(), &QAbstractSocket::errorOccurred, this, [&] {
            if (errored)
                return;
            errored = true;
            batch.remove(failing.client.get());
            otherClient->write("after-error");
            batch.add(otherClient);
        });
        for (int i = 0; i < 100 && !errored; ++i) {
            {
                const WriteBatch::Scope scope(&batch);
                if (failing.client->state() == QAbstractSocket::ConnectedState) {
                    failing.client->write(QByteArray(64 * 1024, 'x'));
                    batch.add(failing.client.get());
                }
            }
            QTest::qWait(10);
        }
        QVERIFY(errored);
        QCOMPARE(batch.pending(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(other.accepted->bytesAvailable(), qint64(qstrlen("after-error")), 5000);
    }

    // The HTTP server: an answer given from another event (as the relay does when the
    // upstream answers) is in the kernel when that event's scope ends.
    void theServersAnswerLeavesAtTheEndOfTheScope()
    {
        for (const bool withBatch : {true, false}) {
            WriteBatch batch;
            QPointer<ResponseSink> held;
            HttpServer server([&](HttpRequest &&, ResponseSink *sink) { held = sink; });
            if (withBatch)
                server.setWriteBatch(&batch);
            QVERIFY(server.listen(QHostAddress::LocalHost, 0));
            QTcpSocket client;
            client.connectToHost(QHostAddress::LocalHost, server.serverPort());
            QVERIFY(client.waitForConnected(5000));
            client.write("GET /x HTTP/1.1\r\nHost: t\r\n\r\n");
            QTRY_VERIFY_WITH_TIMEOUT(held, 5000);
            {
                const WriteBatch::Scope scope(withBatch ? &batch : nullptr);
                held->send(200, {{"Content-Type", "text/plain"}}, "answer");
            }
            const qsizetype inKernel = kernelBytes(client.socketDescriptor());
            if (withBatch)
                QVERIFY2(inKernel > 0, "the answer is still in Qt's buffer");
            else
                QCOMPARE(inKernel, 0);  // the control: without the batch Qt writes later
            QByteArray answer;
            QTRY_VERIFY_WITH_TIMEOUT((answer += client.readAll()).endsWith("answer"), 5000);
            QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
            QVERIFY(answer.endsWith("answer"));
        }
    }

    // The upstream client: a request sent on a kept-alive connection from inside a scope
    // is in the upstream's kernel queue when the scope ends.
    void theUpstreamRequestLeavesAtTheEndOfTheScope()
    {
        QTcpServer upstream;
        QVERIFY(upstream.listen(QHostAddress::LocalHost, 0));
        WriteBatch batch;
        Http1Client client;
        client.setWriteBatch(&batch);
        Http1Client::Request request;
        request.to = httpTargetOf(QUrl(u"http://127.0.0.1:%1/v1beta/models"_s.arg(upstream.serverPort())));
        request.verb = "GET";
        request.timeoutMs = 5000;

        // The first request opens the connection (written once it is connected).
        std::unique_ptr<Http1Reply> first(client.send(request));
        QVERIFY(upstream.waitForNewConnection(5000));
        QTcpSocket *peer = upstream.nextPendingConnection();
        QByteArray head;
        QTRY_VERIFY_WITH_TIMEOUT((head += peer->readAll()).endsWith("\r\n\r\n"), 5000);
        peer->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        QSignalSpy firstDone(first.get(), &UpstreamReply::finished);
        QVERIFY(firstDone.wait(5000));
        QCOMPARE(client.idleConnections(), 1);

        // The second goes on the idle connection, from inside a scope.
        std::unique_ptr<Http1Reply> second;
        {
            const WriteBatch::Scope scope(&batch);
            second.reset(client.send(request));
        }
        const qsizetype inKernel = kernelBytes(peer->socketDescriptor());
        QVERIFY2(inKernel > 0, "the request is still in Qt's buffer");
        head.clear();
        QTRY_VERIFY_WITH_TIMEOUT((head += peer->readAll()).endsWith("\r\n\r\n"), 5000);
        QVERIFY(head.startsWith("GET /v1beta/models HTTP/1.1\r\n"));
        peer->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        QSignalSpy secondDone(second.get(), &UpstreamReply::finished);
        QVERIFY(secondDone.wait(5000));
        QCOMPARE(second->status(), 200);
    }
};

QTEST_MAIN(TestWriteBatch)
#include "tst_writebatch.moc"
