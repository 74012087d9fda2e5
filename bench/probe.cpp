// gembalance-bench-probe: what wrk cannot measure.
//   probe stream  --url URL --streams N [--header "Name: value"]... --body FILE [--timeout-ms MS]
//       N concurrent streaming requests (one connection each, all sent at once); prints
//       time to first event and total time (p50/p90/p99/max, ms), events per stream and
//       failures, as one JSON line.
//   probe startup --url URL -- PROGRAM ARGS...
//       starts PROGRAM and polls URL (GET) every millisecond; prints the time to the first
//       200 answer (ms) as JSON, then stops the program (SIGTERM).

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

struct Sample
{
    double firstEventMs = -1;
    double totalMs = -1;
    int events = 0;
    bool ok = false;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

QJsonObject summary(const std::vector<double> &values)
{
    return QJsonObject{{u"p50"_s, percentile(values, 0.50)}, {u"p90"_s, percentile(values, 0.90)},
                       {u"p99"_s, percentile(values, 0.99)},
                       {u"max"_s, values.empty() ? 0.0 : *std::max_element(values.begin(), values.end())}};
}

QByteArray requestBytes(const QUrl &url, const QList<QByteArray> &headers, const QByteArray &body)
{
    QByteArray r = "POST " + url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        r += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    r += " HTTP/1.1\r\nHost: " + url.host().toUtf8() + ':' + QByteArray::number(url.port(80))
         + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: "
         + QByteArray::number(body.size()) + "\r\n";
    for (const QByteArray &h : headers)
        r += h + "\r\n";
    return r + "\r\n" + body;
}

int runStreams(const QUrl &url, int count, const QList<QByteArray> &headers, const QByteArray &body, int timeoutMs)
{
    const QByteArray request = requestBytes(url, headers, body);
    std::vector<Sample> samples(static_cast<size_t>(count));
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<QByteArray> buffers(static_cast<size_t>(count));
    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> startedNs(static_cast<size_t>(count), 0);
    int finished = 0;
    QEventLoop loop;
    const auto done = [&](int i, bool ok) {
        Sample &s = samples[size_t(i)];
        if (s.totalMs >= 0)
            return;
        s.totalMs = double(clock.nsecsElapsed() - startedNs[size_t(i)]) / 1e6;
        const QByteArray &b = buffers[size_t(i)];
        const int headerEnd = b.indexOf("\r\n\r\n");
        s.ok = ok && b.startsWith("HTTP/1.1 200") && headerEnd > 0 && s.events > 0;
        if (++finished == count)
            loop.quit();
    };
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *sock = socket.get();
        QObject::connect(sock, &QTcpSocket::connected, sock, [&, sock, i] {
            startedNs[size_t(i)] = clock.nsecsElapsed();
            sock->write(request);
        });
        QObject::connect(sock, &QTcpSocket::readyRead, sock, [&, sock, i] {
            QByteArray &b = buffers[size_t(i)];
            const qsizetype before = b.size();
            b += sock->readAll();
            Sample &s = samples[size_t(i)];
            // Count events ("data:" at the start of a line) in the new bytes.
            qsizetype from = std::max<qsizetype>(0, before - 6);
            while (true) {
                const qsizetype at = b.indexOf("data:", from);
                if (at < 0)
                    break;
                if (at == 0 || b[at - 1] == '\n') {
                    if (s.events++ == 0)
                        s.firstEventMs = double(clock.nsecsElapsed() - startedNs[size_t(i)]) / 1e6;
                }
                from = at + 5;
            }
        });
        QObject::connect(sock, &QTcpSocket::disconnected, sock, [&, i] { done(i, true); });
        QObject::connect(sock, &QTcpSocket::errorOccurred, sock, [&, sock, i](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                done(i, false);
            else if (sock->state() == QAbstractSocket::UnconnectedState)
                done(i, true);
        });
        sock->connectToHost(url.host(), quint16(url.port(80)));
        sockets.push_back(std::move(socket));
    }
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (finished < count)
        loop.exec();

    std::vector<double> first, total;
    int ok = 0, events = 0;
    for (const Sample &s : samples) {
        if (!s.ok)
            continue;
        ++ok;
        events += s.events;
        first.push_back(s.firstEventMs);
        total.push_back(s.totalMs);
    }
    const QJsonObject result{{u"streams"_s, count}, {u"completed"_s, ok}, {u"failed"_s, count - ok},
                             {u"events_per_stream"_s, ok ? double(events) / ok : 0.0},
                             {u"first_event_ms"_s, summary(first)}, {u"total_ms"_s, summary(total)}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return ok == count ? 0 : 1;
}

bool healthy(const QUrl &url)
{
    QTcpSocket sock;
    sock.connectToHost(url.host(), quint16(url.port(80)));
    if (!sock.waitForConnected(50))
        return false;
    sock.write("GET " + url.path().toUtf8() + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (answer.size() < 12 && sock.waitForReadyRead(200))
        answer += sock.readAll();
    return answer.startsWith("HTTP/1.1 200");
}

int runStartup(const QUrl &url, const QStringList &command)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer clock;
    clock.start();
    process.start(command.first(), command.mid(1));
    double readyMs = -1;
    while (clock.elapsed() < 10'000 && process.state() != QProcess::NotRunning) {
        if (healthy(url)) {
            readyMs = double(clock.nsecsElapsed()) / 1e6;
            break;
        }
        QThread::usleep(1000);
    }
    process.terminate();
    process.waitForFinished(5000);
    std::printf("%s\n", QJsonDocument(QJsonObject{{u"startup_ms"_s, readyMs}}).toJson(QJsonDocument::Compact).constData());
    return readyMs >= 0 ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(u"mode"_s, u"stream | startup"_s);
    const QCommandLineOption url(u"url"_s, u"Target URL."_s, u"url"_s);
    const QCommandLineOption streams(u"streams"_s, u"Concurrent streams."_s, u"n"_s, u"1"_s);
    const QCommandLineOption header(u"header"_s, u"Extra request header."_s, u"header"_s);
    const QCommandLineOption body(u"body"_s, u"File with the request body."_s, u"file"_s);
    const QCommandLineOption timeout(u"timeout-ms"_s, u"Give up after (default 120000)."_s, u"ms"_s, u"120000"_s);
    parser.addOptions({url, streams, header, body, timeout});
    parser.addHelpOption();
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty() || !parser.isSet(url))
        parser.showHelp(2);
    const QUrl target(parser.value(url));
    if (args.first() == u"startup")
        return args.size() > 1 ? runStartup(target, args.mid(1)) : 2;
    QList<QByteArray> headers;
    for (const QString &h : parser.values(header))
        headers << h.toUtf8();
    QFile file(parser.value(body));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read the body file\n");
        return 2;
    }
    return runStreams(target, parser.value(streams).toInt(), headers, file.readAll(), parser.value(timeout).toInt());
}
