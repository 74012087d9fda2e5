// The window stays responsive while the proxy is busy: 200 concurrent streams run through
// the proxy (its own thread) from clients on another thread to the fake upstream on a
// third, while the window refreshes its pages; the window's event loop is sampled every
// 10 ms and its worst delay must stay under a bound.

#include "DesktopApp.h"
#include "FakeGemini.h"
#include "MainWindow.h"
#include "ProxyLink.h"
#include "ProxyService.h"
#include "common/LogBuffer.h"
#include "settings/Settings.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kStreams = 200;
constexpr int kChunks = 20;
constexpr int kChunkDelayMs = 100;  // each stream lasts about 2 s

// Raw HTTP/1.1 clients (QNetworkAccessManager would hold 6 connections per host): each one
// asks for one stream with Connection: close and reads until the server closes.
class StreamClients : public QObject
{
public:
    std::atomic<int> completed{0};
    std::atomic<int> failed{0};

    void start(quint16 port, int count)
    {
        const QByteArray body = "{\"contents\":[{\"parts\":[{\"text\":\"stream to me\"}]}]}";
        const QByteArray request = "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse HTTP/1.1\r\n"
                                   "Host: 127.0.0.1\r\nx-goog-api-key: client-token\r\nContent-Type: application/json\r\n"
                                   "Connection: close\r\nContent-Length: "
                                   + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        for (int i = 0; i < count; ++i) {
            auto *socket = new QTcpSocket(this);
            auto *received = new QByteArray;
            connect(socket, &QTcpSocket::connected, socket, [socket, request] { socket->write(request); });
            connect(socket, &QTcpSocket::readyRead, socket, [socket, received] { received->append(socket->readAll()); });
            connect(socket, &QTcpSocket::disconnected, socket, [this, socket, received] {
                received->append(socket->readAll());
                const bool whole = received->startsWith("HTTP/1.1 200") && received->contains("\"finishReason\"");
                (whole ? completed : failed).fetch_add(1);
                delete received;
                socket->deleteLater();
            });
            socket->connectToHost(QHostAddress::LocalHost, port);
        }
    }
};

// How late a 10 ms timer fires on the window's thread, sampled for as long as it runs.
class LoopLatency : public QObject
{
public:
    LoopLatency()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            if (m_last >= 0)
                m_lateness.append(std::max<qint64>(0, now - m_last - 10));
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 percentile(double p) const
    {
        if (m_lateness.isEmpty())
            return 0;
        QList<qint64> sorted = m_lateness;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size()))));
    }
    qint64 worst() const { return m_lateness.isEmpty() ? 0 : *std::max_element(m_lateness.cbegin(), m_lateness.cend()); }
    qsizetype samples() const { return m_lateness.size(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    QList<qint64> m_lateness;
};

// An object's own thread, stopped and joined when it goes.
struct Worker
{
    QThread thread;
    QObject context;
    Worker()
    {
        context.moveToThread(&thread);
        thread.start();
    }
    template<typename F>
    void runBlocking(F f) { QMetaObject::invokeMethod(&context, f, Qt::BlockingQueuedConnection); }
    ~Worker()
    {
        thread.quit();
        thread.wait();
    }
};

} // namespace

class TestResponsiveness : public QObject
{
    Q_OBJECT
private slots:
    void windowStaysResponsiveUnder200Streams()
    {
        QTemporaryDir dir;
        // The upstream on its own thread, slow enough that all streams overlap.
        Worker upstream;
        FakeGemini *fake = nullptr;
        quint16 upstreamPort = 0;
        upstream.runBlocking([&] {
            fake = new FakeGemini;
            fake->setRecording(false);
            fake->setStreamChunks(kChunks);
            fake->setStreamChunkDelay(kChunkDelayMs);
            if (fake->start())
                upstreamPort = fake->port();
        });
        QVERIFY(upstreamPort != 0);

        SettingsValues values;
        values.baseUrl = u"http://127.0.0.1:%1/v1beta"_s.arg(upstreamPort);
        for (int i = 0; i < 20; ++i)
            values.apiKeys << u"AIza"_s + u"ResponsiveKey%1"_s.arg(i, 3, 10, QLatin1Char('0')).leftJustified(35, u'z');
        values.allowedTokens = {u"client-token"_s};
        values.timeOut = 30;
        Settings settings(values, {});
        QThread proxyThread;
        auto *proxy = new ProxyService(&settings);
        proxy->moveToThread(&proxyThread);
        connect(&proxyThread, &QThread::finished, proxy, &QObject::deleteLater);
        proxyThread.start();
        bool listening = false;
        QMetaObject::invokeMethod(proxy, [&] { listening = proxy->start(QHostAddress(QHostAddress::LocalHost), 0); },
                                  Qt::BlockingQueuedConnection);
        QVERIFY(listening);
        quint16 proxyPort = 0;
        QMetaObject::invokeMethod(proxy, [&] { proxyPort = proxy->port(); }, Qt::BlockingQueuedConnection);

        {
            LogBuffer logs(2000);
            DesktopApp app(proxy, &settings, &logs, dir.filePath(u"desktop.ini"_s));
            app.link()->setRefreshInterval(100);  // ten snapshots of 20 keys a second
            app.start(false);
            QTRY_VERIFY(app.link()->snapshot().listening);

            Worker clients;
            StreamClients *streams = nullptr;
            clients.runBlocking([&] { streams = new StreamClients; streams->start(proxyPort, kStreams); });

            LoopLatency latency;
            latency.start();
            // Meanwhile the user looks around: a page switch every 200 ms.
            QElapsedTimer elapsed;
            elapsed.start();
            int page = 0;
            while (streams->completed + streams->failed < kStreams && elapsed.elapsed() < 60'000) {
                app.window()->showPage(MainWindow::Page(page++ % 4));
                QTest::qWait(200);
            }
            latency.stop();
            const int completed = streams->completed, failed = streams->failed;
            clients.runBlocking([&] { delete streams; });

            qInfo("%d streams completed, %d failed in %lld ms; window loop lateness over %lld samples: "
                  "p50 %lld ms, p99 %lld ms, worst %lld ms",
                  completed, failed, elapsed.elapsed(), qlonglong(latency.samples()), latency.percentile(0.5),
                  latency.percentile(0.99), latency.worst());
            QCOMPARE(completed, kStreams);
            QVERIFY(latency.samples() > 100);
            // Bounds with room for a shared 2-core machine: a frozen window would be late by
            // the length of the streams (seconds), not by a few scheduler slices.
            QVERIFY2(latency.percentile(0.5) <= 20, "the window's event loop is usually late");
            QVERIFY2(latency.worst() <= 400, "the window's event loop stalled");

            QMetaObject::invokeMethod(proxy, [&] { proxy->stop(); }, Qt::BlockingQueuedConnection);
        }
        proxyThread.quit();
        proxyThread.wait();
        upstream.runBlocking([&] { delete fake; });
    }
};

QTEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
