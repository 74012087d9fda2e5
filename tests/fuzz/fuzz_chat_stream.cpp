// Gemini SSE stream -> OpenAI chat.completion.chunk stream (and the non-stream answer):
// the upstream's bytes go through the SSE framer, each event's JSON to the translator, once
// as text (read directly when it has the everyday shape) and once parsed by QJsonDocument;
// both must give the same bytes, as must the non-stream answer from text and from the object.
#include "FuzzInput.h"
#include "relay/StreamFramer.h"
#include "translate/ChatResponseTranslator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {
// Tool call ids are random: made equal for comparing.
QByteArray sameIds(const QByteArray &translated)
{
    static const QRegularExpression id(QStringLiteral("\"id\":\"call_[^\"]*\""));
    return QString::fromUtf8(translated).replace(id, QStringLiteral("\"id\":\"call\"")).toUtf8();
}

void translateEvents(const QByteArray &units, gb::ChatStreamTranslator &translator,
                     gb::ChatStreamTranslator &reference, QByteArray &all)
{
    for (const QByteArray &line : units.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.startsWith("data:"))
            continue;
        const QByteArray json = trimmed.mid(5).trimmed();
        const QByteArray out = translator.onEventJson(json);
        gb::fuzz::check(out.isEmpty() || (out.startsWith("data: ") && out.endsWith("\n\n")), "whole SSE events out");
        const QJsonDocument event = QJsonDocument::fromJson(json);
        const QByteArray expected = event.isObject() ? reference.onEvent(event.object()) : QByteArray();
        gb::fuzz::check(sameIds(out) == sameIds(expected), "the same events from the text and from the document");
        all += out;
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    gb::ChatResponseContext context;
    context.id = QStringLiteral("chatcmpl-fuzz");
    context.model = QStringLiteral("gemini-2.5-flash");
    context.includeUsage = (data[0] & 1) != 0;
    context.showThinking = (data[0] & 2) != 0;
    const QByteArray input = gb::fuzz::bytes(data + 1, size - 1);
    gb::fuzz::check(sameIds(gb::translateChatResponse(input, context))
                        == sameIds(gb::translateChatResponse(QJsonDocument::fromJson(input).object(), context)),
                    "the same answer from the text and from the document");
    gb::SseFramer framer;
    gb::ChatStreamTranslator translator(context);
    gb::ChatStreamTranslator reference(context);
    QByteArray all;
    gb::fuzz::inPieces(input, data[0], [&](const QByteArray &piece) {
        translateEvents(framer.feed(piece), translator, reference, all);
    });
    translateEvents(framer.finish(), translator, reference, all);
    const bool fail = (data[0] & 4) != 0;
    const QByteArray end = fail ? translator.fail(502, QStringLiteral("cut")) : translator.finish();
    gb::fuzz::check(end == (fail ? reference.fail(502, QStringLiteral("cut")) : reference.finish()), "the same end");
    all += end;
    // An upstream error event ends the stream early; either way [DONE] comes once, last.
    gb::fuzz::check(all.endsWith("data: [DONE]\n\n") && all.count("data: [DONE]") == 1, "[DONE] once, at the end");
    // Every event before it is one JSON object (the text chunks are written from templates).
    for (const QByteArray &event : all.split('\n')) {
        if (event.startsWith("data: {"))
            gb::fuzz::check(QJsonDocument::fromJson(event.mid(6)).isObject(), "each chunk is a JSON object");
    }
    return 0;
}
