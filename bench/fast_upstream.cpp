// gembalance-bench-upstream: a fast upstream that answers like the Gemini API, for the
// benchmarks. Built on GemBalance's own HTTP/1.1 server, so it costs little CPU per request
// and the numbers measure the proxies, not the upstream. Answers every key.
//   POST .../models/M:generateContent             one JSON answer (with usageMetadata)
//   POST .../models/M:streamGenerateContent?alt=sse   --chunks events, --chunk-delay ms apart
//   GET  .../models                                a two-model list
// --latency ms delays every answer (as a real model's time to first token would).

#include "common/HttpHeaders.h"
#include "common/ResponseSink.h"
#include "http/HttpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QPointer>
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
};

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

// Sends the events of one stream, one per timer tick; stops when the client goes.
void streamEvents(QPointer<ResponseSink> sink, int remaining, int delayMs, int index)
{
    if (!sink || sink->isCanceled())
        return;
    const bool last = remaining == 1;
    sink->write(QByteArrayLiteral("data: ") + answerJson("chunk " + QByteArray::number(index), last)
                + QByteArrayLiteral("\r\n\r\n"));
    if (last) {
        sink->end();
        return;
    }
    QTimer::singleShot(delayMs, sink, [sink, remaining, delayMs, index] {
        streamEvents(sink, remaining - 1, delayMs, index + 1);
    });
}

void answer(const Options &options, const HttpRequest &request, ResponseSink *sink)
{
    const QByteArray &path = request.path;
    if (path.endsWith(":streamGenerateContent")) {
        HttpHeaders h;
        h.add("Content-Type", "text/event-stream");
        sink->begin(200, h, ResponseSink::Streamed);
        streamEvents(sink, qMax(1, options.chunks), options.chunkDelayMs, 0);
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
    parser.addOptions({port, latency, chunks, chunkDelay});
    parser.process(app);
    Options options;
    options.latencyMs = parser.value(latency).toInt();
    options.chunks = parser.value(chunks).toInt();
    options.chunkDelayMs = parser.value(chunkDelay).toInt();

    gb::HttpServer server([options](gb::HttpRequest &&request, gb::ResponseSink *sink) {
        if (options.latencyMs <= 0) {
            answer(options, request, sink);
            return;
        }
        QPointer<gb::ResponseSink> guard(sink);
        QTimer::singleShot(options.latencyMs, sink, [options, request = std::move(request), guard] {
            if (guard && !guard->isCanceled())
                answer(options, request, guard);
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
