// Gemini SSE stream -> OpenAI chat.completion.chunk stream (and the non-stream answer):
// the upstream's bytes go through the SSE framer, each event's JSON to the translator.
#include "FuzzInput.h"
#include "relay/StreamFramer.h"
#include "translate/ChatResponseTranslator.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
void translateEvents(const QByteArray &units, gb::ChatStreamTranslator &translator, QByteArray &all)
{
    for (const QByteArray &line : units.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.startsWith("data:"))
            continue;
        const QJsonDocument event = QJsonDocument::fromJson(trimmed.mid(5).trimmed());
        if (event.isObject()) {
            const QByteArray out = translator.onEvent(event.object());
            gb::fuzz::check(out.isEmpty() || (out.startsWith("data: ") && out.endsWith("\n\n")), "whole SSE events out");
            all += out;
        }
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
    gb::translateChatResponse(input, context);
    gb::SseFramer framer;
    gb::ChatStreamTranslator translator(context);
    QByteArray all;
    gb::fuzz::inPieces(input, data[0], [&](const QByteArray &piece) { translateEvents(framer.feed(piece), translator, all); });
    translateEvents(framer.finish(), translator, all);
    all += (data[0] & 4) ? translator.fail(502, QStringLiteral("cut")) : translator.finish();
    // An upstream error event ends the stream early; either way [DONE] comes once, last.
    gb::fuzz::check(all.endsWith("data: [DONE]\n\n") && all.count("data: [DONE]") == 1, "[DONE] once, at the end");
    return 0;
}
