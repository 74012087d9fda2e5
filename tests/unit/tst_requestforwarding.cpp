// forwardRequest: a request handled on another thread, its answer written back to the
// client's sink on this one, in order; the client leaving reaches the handler; a handler
// whose thread object goes, or that drops its sink, never leaves the client waiting.

#include "common/CollectingSink.h"
#include "http/RequestForwarding.h"

#include <QPointer>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace gb;

namespace {

// Lives on a worker thread; keeps the sinks it was given, to answer them later.
class Handler : public QObject
{
public:
    std::atomic<int> calls{0};
    QList<QPointer<ResponseSink>> sinks;  // touched on the worker thread only
    QByteArray lastPath;                  // likewise
};

HttpRequest requestFor(const QByteArray &path)
{
    HttpRequest r;
    r.method = "GET";
    r.path = path;
    r.target = path;
    return r;
}

// Runs `f` on `context`'s thread and waits for it.
template <typename F>
void onThread(QObject *context, F f)
{
    QMetaObject::invokeMethod(context, f, Qt::BlockingQueuedConnection);
}

} // namespace

class TestRequestForwarding : public QObject
{
    Q_OBJECT

    QThread *m_thread = nullptr;
    Handler *m_handler = nullptr;
    QObject *m_blocker = nullptr;  // on the worker thread: holds it busy (blockWorker)

    // Keeps the worker thread busy, without running its events, until `release` is set;
    // then runs `then` there.
    template <typename F>
    void blockWorker(std::atomic<bool> &release, F then)
    {
        QMetaObject::invokeMethod(m_blocker, [&release, then] {
            for (int i = 0; i < 5000 && !release; ++i)
                QThread::msleep(1);
            then();
        });
    }

private slots:
    void init()
    {
        m_thread = new QThread;
        m_thread->start();
        m_handler = new Handler;
        m_handler->moveToThread(m_thread);
        m_blocker = new QObject;
        m_blocker->moveToThread(m_thread);
    }

    void cleanup()
    {
        if (m_handler)
            onThread(m_handler, [h = m_handler] { delete h; });
        m_handler = nullptr;
        onThread(m_blocker, [b = m_blocker] { delete b; });
        m_thread->quit();
        m_thread->wait();
        delete std::exchange(m_thread, nullptr);
    }

    void answerArrivesInOrderOnTheClientsThread()
    {
        CollectingSink client;
        Handler *h = m_handler;
        std::atomic<bool> onWorker{false};
        forwardRequest(requestFor("/api/config"), &client, h, [h, &onWorker](HttpRequest &&request, ResponseSink *sink) {
            onWorker = QThread::currentThread() == h->thread();
            ++h->calls;
            h->lastPath = request.path;
            sink->begin(201, {{"X-Test", "yes"}}, ResponseSink::Streamed);
            for (int i = 0; i < 100; ++i)
                sink->write(QByteArray::number(i) + ',');
            QVERIFY(sink->hasBegun());
            QVERIFY(!sink->isFinished());
            sink->end();
            QVERIFY(sink->isFinished());
            sink->write("after the end");  // dropped
        });
        QVERIFY(QTest::qWaitFor([&] { return client.isFinished(); }, 5000));
        QVERIFY(onWorker);
        QCOMPARE(h->calls.load(), 1);
        QCOMPARE(client.status(), 201);
        QCOMPARE(client.headers().value("X-Test"), QByteArray("yes"));
        QByteArray expected;
        for (int i = 0; i < 100; ++i)
            expected += QByteArray::number(i) + ',';
        QCOMPARE(client.body(), expected);
        QVERIFY(!client.wasAborted());
        QByteArray path;
        onThread(h, [&] { path = h->lastPath; });
        QCOMPARE(path, QByteArray("/api/config"));
    }

    void clientLeavingCancelsTheHandlersSink()
    {
        auto *client = new CollectingSink;
        Handler *h = m_handler;
        forwardRequest(requestFor("/slow"), client, h, [h](HttpRequest &&, ResponseSink *sink) {
            sink->begin(200, {}, ResponseSink::Streamed);
            sink->write("first");
            h->sinks.append(sink);
            ++h->calls;
        });
        QVERIFY(QTest::qWaitFor([&] { return client->body() == "first"; }, 5000));
        std::atomic<bool> canceledSeen{false};
        onThread(h, [&] {
            QObject::connect(h->sinks.first(), &ResponseSink::canceled, h, [&] { canceledSeen = true; });
        });
        client->cancel();
        delete client;
        // The handler's sink says canceled, tells it once, and goes (deleteLater).
        QVERIFY(QTest::qWaitFor([&] { return canceledSeen.load(); }, 5000));
        bool gone = false;
        QVERIFY(QTest::qWaitFor([&] {
            onThread(h, [&] { gone = h->sinks.first().isNull(); });
            return gone;
        }, 5000));
    }

    void aRequestWhoseClientLeftFirstIsNotHandled()
    {
        auto *client = new CollectingSink;
        Handler *h = m_handler;
        // Hold the worker busy so the request waits in its queue while the client leaves.
        std::atomic<bool> release{false};
        blockWorker(release, [] {});
        forwardRequest(requestFor("/x"), client, h, [h](HttpRequest &&, ResponseSink *sink) {
            ++h->calls;
            sink->send(200, {}, "late");
        });
        client->cancel();
        delete client;
        release = true;
        onThread(h, [] {});  // the worker has run its queue
        QTest::qWait(20);
        QCOMPARE(h->calls.load(), 0);
    }

    void handlerGoneBeforeDeliveryAbortsTheClient()
    {
        CollectingSink client;
        Handler *h = m_handler;
        std::atomic<bool> release{false};
        // Deleted on its own thread before it reaches the request: Qt drops the call.
        blockWorker(release, [h] { delete h; });
        m_handler = nullptr;
        forwardRequest(requestFor("/x"), &client, h, [h](HttpRequest &&, ResponseSink *sink) {
            ++h->calls;
            sink->send(200, {}, "never");
        });
        release = true;
        QVERIFY(QTest::qWaitFor([&] { return client.isFinished(); }, 5000));
        QVERIFY(client.wasAborted());
    }

    void aSinkDroppedUnansweredAbortsTheClient()
    {
        CollectingSink client;
        Handler *h = m_handler;
        forwardRequest(requestFor("/x"), &client, h, [h](HttpRequest &&, ResponseSink *sink) {
            sink->begin(200, {}, ResponseSink::Streamed);
            sink->write("part");
            h->sinks.append(sink);
        });
        QVERIFY(QTest::qWaitFor([&] { return client.body() == "part"; }, 5000));
        // Its context goes (as the first loop's router does at a stop): the sink with it.
        onThread(h, [h] { delete h->sinks.first().data(); });
        QVERIFY(QTest::qWaitFor([&] { return client.isFinished(); }, 5000));
        QVERIFY(client.wasAborted());
        QCOMPARE(client.body(), QByteArray("part"));
    }

    void pendingBytesCountWhatIsOnItsWay()
    {
        CollectingSink client;
        Handler *h = m_handler;
        std::atomic<qint64> pendingAfterWrite{-1};
        std::atomic<qint64> pendingLater{-1};
        forwardRequest(requestFor("/x"), &client, h, [&, h](HttpRequest &&, ResponseSink *sink) {
            sink->begin(200, {}, ResponseSink::Streamed);
            sink->write(QByteArray(1000, 'a'));
            pendingAfterWrite = sink->pendingBytes();
            h->sinks.append(sink);
        });
        QVERIFY(QTest::qWaitFor([&] { return client.body().size() == 1000; }, 5000));
        QVERIFY(pendingAfterWrite.load() >= 0);
        QVERIFY(pendingAfterWrite.load() <= 1000);
        onThread(h, [&] {
            pendingLater = h->sinks.first()->pendingBytes();
            h->sinks.first()->end();
        });
        QCOMPARE(pendingLater.load(), 0);  // handed over; the collecting sink holds nothing
        QVERIFY(QTest::qWaitFor([&] { return client.isFinished(); }, 5000));
        QVERIFY(!client.wasAborted());
    }
};

QTEST_GUILESS_MAIN(TestRequestForwarding)
#include "tst_requestforwarding.moc"
