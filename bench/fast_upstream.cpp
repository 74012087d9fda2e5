// gembalance-bench-upstream: a fast upstream that answers like the Gemini API, for the
// benchmarks. Built on GemBalance's own HTTP/1.1 server, so it costs little CPU per request
// and the numbers measure the proxies, not the upstream. Answers every key.
//   POST .../models/M:generateContent             one JSON answer (with usageMetadata)
//   POST .../models/M:streamGenerateContent?alt=sse   --chunks events, --chunk-delay ms apart
//   GET  .../models                                a two-model list
//   GET  /bench/stats                              {"relay_requests":N,"faults":N}: calls it took
// --latency ms delays every answer (as a real model's time to first token would).
// --faults 429:3,500:2,503:2,stall:1,cut:2 gives that percentage of generate/stream calls a
// fault (for bench/soak.sh): Google's error body with that status (429 with a 1 s RetryInfo),
// a stall (never answers; the caller's timeout ends it), or a cut (streams: half the events,
// then the connection is dropped; unary: half the body, then dropped). --seed makes it repeatable.

#include "common/HttpHeaders.h"
#include "common/ResponseSink.h"
#include "http/HttpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

using namespace gb;

namespace {

struct Options
{
    int latencyMs = 0;
    int chunks = 50;
    int chunkDelayMs = 10;
    QList<QPair<QByteArray, int>> faults;  // kind ("429", "500", "stall", "cut"...), percent
};

struct Counters
{
    quint64 relayRequests = 0;  // generateContent / streamGenerateContent calls received
    quint64 faults = 0;
};

QList<QPair<QByteArray, int>> parseFaults(const QString &text)
{
    QList<QPair<QByteArray, int>> faults;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
        const QStringList kv = item.split(u':');
        if (kv.size() == 2 && kv[1].toInt() > 0)
            faults.append({kv[0].trimmed().toLatin1(), kv[1].toInt()});
    }
    return faults;
}

// The fault for this call, or "" for none.
QByteArray pickFault(const Options &options, QRandomGenerator &random)
{
    int roll = int(random.bounded(100));
    for (const auto &[kind, percent] : options.faults) {
        if (roll < percent)
            return kind;
        roll -= percent;
    }
    return {};
}

QByteArray googleError(int status)
{
    const QByteArray name = status == 429 ? "RESOURCE_EXHAUSTED" : status == 503 ? "UNAVAILABLE" : "INTERNAL";
    QByteArray body = R"({"error":{"code":)" + QByteArray::number(status)
                      + R"(,"message":"Injected fault from the benchmark upstream.","status":")" + name + '"';
    if (status == 429)
        body += R"(,"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1s"}])";
    return body + "}}";
}

QByteArray answerJson(const QByteArray &text, bool last)
{
    QByteArray json = QByteArrayLiteral(R"({"candidates":[{"content":{"parts":[{"text":")") + text
                      + QByteArrayLiteral(R"("}],"role":"model"},"index":0)");
    if (last)
        json += QByteArrayLiteral(R"(,"finishReason":"STOP")");
    json += QByteArrayLiteral(R"(}],"usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":)")
            + QByteArray::number(last ? 40 : 1)
            + QByteArrayLiteral(R"(,"totalTokenCount":)") + QByteArray::number(last ? 52 : 13)
            + QByteArrayLiteral(R"(},"modelVersion":"gemini-2.5-flash","responseId":"bench-response-id"})");
    return json;
}

HttpHeaders jsonHeaders()
{
    HttpHeaders h;
    h.add("Content-Type", "application/json; charset=UTF-8");
    return h;
}

// Sends the events of one stream, one per timer tick; stops when the client goes. With
// cutAt > 0 the connection is dropped when that many events are left.
void streamEvents(QPointer<ResponseSink> sink, int remaining, int delayMs, int index, int cutAt = 0)
{
    if (!sink || sink->isCanceled())
        return;
    if (cutAt > 0 && remaining <= cutAt) {
        sink->abort();
        return;
    }
    const bool last = remaining == 1;
    sink->write(QByteArrayLiteral("data: ") + answerJson("chunk " + QByteArray::number(index), last)
                + QByteArrayLiteral("\r\n\r\n"));
    if (last) {
        sink->end();
        return;
    }
    QTimer::singleShot(delayMs, sink, [sink, remaining, delayMs, index, cutAt] {
        streamEvents(sink, remaining - 1, delayMs, index + 1, cutAt);
    });
}

void answer(const Options &options, const HttpRequest &request, ResponseSink *sink, const QByteArray &fault)
{
    const QByteArray &path = request.path;
    if (fault == "stall")
        return;  // the sink stays open until the caller gives up
    if (!fault.isEmpty() && fault != "cut") {
        sink->send(fault.toInt(), jsonHeaders(), googleError(fault.toInt()));
        return;
    }
    const bool cut = fault == "cut";
    if (path.endsWith(":streamGenerateContent")) {
        HttpHeaders h;
        h.add("Content-Type", "text/event-stream");
        sink->begin(200, h, ResponseSink::Streamed);
        const int chunks = qMax(1, options.chunks);
        streamEvents(sink, chunks, options.chunkDelayMs, 0, cut ? qMax(1, chunks / 2) : 0);
    } else if (cut) {
        // Half the answer, then the connection drops (bytes came, so no client resends it).
        const QByteArray body = answerJson("Hello from the benchmark upstream.", true);
        sink->begin(200, jsonHeaders(), body.size());
        sink->write(body.left(body.size() / 2));
        sink->abort();
    } else if (path.endsWith(":generateContent")) {
        sink->send(200, jsonHeaders(), answerJson("Hello from the benchmark upstream.", true));
    } else if (path.endsWith("/models")) {
        sink->send(200, jsonHeaders(),
                   QByteArrayLiteral(R"({"models":[{"name":"models/gemini-2.5-flash","displayName":"Gemini 2.5 Flash",)"
                                     R"("supportedGenerationMethods":["generateContent","countTokens"]},)"
                                     R"({"name":"models/gemini-2.5-pro","displayName":"Gemini 2.5 Pro",)"
                                     R"("supportedGenerationMethods":["generateContent","countTokens"]}]})"));
    } else {
        sink->send(404, jsonHeaders(),
                   QByteArrayLiteral(R"({"error":{"code":404,"message":"Not found.","status":"NOT_FOUND"}})"));
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A fast Gemini-like upstream on 127.0.0.1 for benchmarks."_s);
    parser.addHelpOption();
    const QCommandLineOption port(u"port"_s, u"Port (default: a free one)."_s, u"port"_s, u"0"_s);
    const QCommandLineOption latency(u"latency"_s, u"Milliseconds before every answer (default 0)."_s, u"ms"_s, u"0"_s);
    const QCommandLineOption chunks(u"chunks"_s, u"Events per stream (default 50)."_s, u"n"_s, u"50"_s);
    const QCommandLineOption chunkDelay(u"chunk-delay"_s, u"Milliseconds between events (default 10)."_s, u"ms"_s,
                                        u"10"_s);
    const QCommandLineOption faults(u"faults"_s, u"Faults, as kind:percent,... with kind 429, 500, 503, stall or cut."_s,
                                    u"list"_s);
    const QCommandLineOption seed(u"seed"_s, u"Random seed for the faults (default 1)."_s, u"n"_s, u"1"_s);
    parser.addOptions({port, latency, chunks, chunkDelay, faults, seed});
    parser.process(app);
    Options options;
    options.latencyMs = parser.value(latency).toInt();
    options.chunks = parser.value(chunks).toInt();
    options.chunkDelayMs = parser.value(chunkDelay).toInt();
    options.faults = parseFaults(parser.value(faults));
    QRandomGenerator random(parser.value(seed).toUInt());
    Counters counters;

    gb::HttpServer server([&options, &random, &counters](gb::HttpRequest &&request, gb::ResponseSink *sink) {
        if (request.path == "/bench/stats") {
            sink->send(200, jsonHeaders(),
                       R"({"relay_requests":)" + QByteArray::number(counters.relayRequests) + R"(,"faults":)"
                           + QByteArray::number(counters.faults) + "}");
            return;
        }
        QByteArray fault;
        if (request.path.endsWith(":generateContent") || request.path.endsWith(":streamGenerateContent")) {
            ++counters.relayRequests;
            fault = pickFault(options, random);
            if (!fault.isEmpty())
                ++counters.faults;
        }
        if (options.latencyMs <= 0) {
            answer(options, request, sink, fault);
            return;
        }
        QPointer<gb::ResponseSink> guard(sink);
        QTimer::singleShot(options.latencyMs, sink, [&options, request = std::move(request), guard, fault] {
            if (guard && !guard->isCanceled())
                answer(options, request, guard, fault);
        });
    });
    gb::HttpServerLimits limits = server.limits();
    limits.listenBacklog = 4096;
    server.setLimits(limits);
    if (!server.listen(QHostAddress(QHostAddress::LocalHost), quint16(parser.value(port).toUInt()))) {
        std::fprintf(stderr, "cannot listen: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("bench upstream on http://127.0.0.1:%u/v1beta\n", unsigned(server.serverPort()));
    std::fflush(stdout);
    return app.exec();
}
