// gembalance-fake-gemini: the test suite's fake Gemini upstream as a standalone server, for
// trying GemBalance without real keys and for the benchmarks.
//   gembalance-fake-gemini [--port N] [--chunks N] [--chunk-delay MS] [--reply-delay MS]
// Keys starting with "AIza" are valid; it prints "fake Gemini API on http://127.0.0.1:PORT/v1beta".

#include "FakeGemini.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTcpServer>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A fake Gemini API (v1beta) on 127.0.0.1 for tests and benchmarks."_s);
    parser.addHelpOption();
    const QCommandLineOption port(u"port"_s, u"Port (default: a free one)."_s, u"port"_s, u"0"_s);
    const QCommandLineOption chunks(u"chunks"_s, u"Events per stream (default 5)."_s, u"n"_s, u"5"_s);
    const QCommandLineOption chunkDelay(u"chunk-delay"_s, u"Milliseconds between stream events (default 10)."_s,
                                        u"ms"_s, u"10"_s);
    const QCommandLineOption replyDelay(u"reply-delay"_s, u"Milliseconds before every reply (default 0)."_s, u"ms"_s,
                                        u"0"_s);
    const QCommandLineOption noRecording(u"no-recording"_s, u"Do not keep request records (long runs)."_s);
    parser.addOptions({port, chunks, chunkDelay, replyDelay, noRecording});
    parser.process(app);

    gb::test::FakeGemini fake;
    if (!fake.start(quint16(parser.value(port).toUInt()))) {
        std::fprintf(stderr, "cannot listen on port %s\n", qPrintable(parser.value(port)));
        return 1;
    }
    gb::test::StreamOptions stream;
    stream.chunks = parser.value(chunks).toInt();
    stream.chunkDelayMs = parser.value(chunkDelay).toInt();
    fake.setStreamOptions(stream);
    fake.setReplyDelay(parser.value(replyDelay).toInt());
    fake.setRecording(!parser.isSet(noRecording));
    std::printf("fake Gemini API on %s\n", qPrintable(fake.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
