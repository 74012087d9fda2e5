#include "translate/ChatResponseTranslator.h"

#include "common/JsonWriter.h"
#include "translate/ChatResponse_p.h"
#include "translate/GeminiTextAnswer.h"

#include <QJsonDocument>

#include <charconv>
#include <map>

using namespace Qt::StringLiterals;

namespace gb {

using namespace chatresponse;

namespace {

struct Choice
{
    bool started = false;   // the role chunk went out
    bool finished = false;  // the finish_reason chunk went out
    int toolCalls = 0;      // tool call indexes used so far (0.. per choice)
    ContentJoiner joiner;
    QList<SearchSource> sources;
};

// What kind of delta a part contributes to; consecutive parts of one kind share a chunk.
enum class Kind { None, Content, Reasoning };

} // namespace

struct ChatStreamTranslator::State
{
    ChatResponseContext context;
    std::map<int, Choice> choices;
    UsageCounts usage;  // from the last usageMetadata (cumulative: the last one is the whole count)
    bool done = false;

    QByteArray event(const QJsonObject &chunk) const { return "data: " + compactJson(chunk) + "\n\n"; }

    // A chunk's envelope (id, object, created, model): the same in every chunk of the stream,
    // so written once and kept as JSON members (a QJsonObject per event was once most of a
    // stream's CPU time).
    mutable QByteArray envelopeMembers;
    const QByteArray &envelope() const
    {
        if (envelopeMembers.isEmpty()) {
            JsonWriter envelope;
            beginCompletion(envelope, context, "chat.completion.chunk"_L1);
            envelopeMembers = envelope.take().sliced(1);  // without its '{'
        }
        return envelopeMembers;
    }
    void beginChunk(JsonWriter &w) const { w.beginObject().rawMembers(envelope()); }

    // One chunk with one choice; `writeDelta` writes the delta object's value.
    template<typename WriteDelta>
    QByteArray chunkEvent(int index, WriteDelta writeDelta, const QJsonValue &finishReason) const
    {
        JsonWriter w;
        beginChunk(w);
        w.key("choices"_L1).beginArray().beginObject()
                .key("index"_L1).value(index)
                .key("delta"_L1);
        writeDelta(w);
        w.key("logprobs"_L1).null().key("finish_reason"_L1);
        finishReason.isString() ? w.value(finishReason.toString()) : w.null();
        w.endObject().endArray();
        if (context.includeUsage)
            w.key("usage"_L1).null();
        w.endObject();
        return "data: " + w.take() + "\n\n";
    }

    QByteArray deltaEvent(int index, const QJsonObject &delta, const QJsonValue &finishReason = QJsonValue::Null) const
    {
        return chunkEvent(index, [&delta](JsonWriter &w) { w.value(delta); }, finishReason);
    }

    // The chunk of most events, a delta of {"content": text} or {"reasoning_content": text}:
    // the bytes chunkEvent() writes for it, with what comes before and after the index and the
    // text made once per stream (through JsonWriter each chunk cost ~5,000 instructions).
    mutable QByteArray textChunkHead;  // data: {<envelope>,"choices":[{"index":
    mutable QByteArray textChunkTail;  // },"logprobs":null,"finish_reason":null}]<,"usage":null>}
    QByteArray textDeltaEvent(int index, QLatin1StringView key, const QString &text) const
    {
        if (textChunkHead.isEmpty()) {
            textChunkHead = "data: {" + envelope() + R"(,"choices":[{"index":)";
            textChunkTail = R"(},"logprobs":null,"finish_reason":null}])";
            textChunkTail += context.includeUsage ? R"(,"usage":null})" "\n\n" : "}\n\n";
        }
        QByteArray out;
        out.reserve(textChunkHead.size() + textChunkTail.size() + 3 * text.size() + 48);
        out += textChunkHead;
        char digits[12];
        out.append(digits, std::to_chars(digits, digits + sizeof digits, index).ptr - digits);
        out += R"(,"delta":{")";
        out += key;
        out += R"(":)";
        JsonWriter::appendString(out, text);
        out += textChunkTail;
        return out;
    }

    // The last chunk with stream_options.include_usage: no choices, the usage.
    QByteArray usageEvent() const
    {
        JsonWriter w;
        beginChunk(w);
        w.key("choices"_L1).beginArray().endArray().key("usage"_L1);
        writeUsage(w, usage);
        w.endObject();
        return "data: " + w.take() + "\n\n";
    }

    // The role chunk, once per choice, as OpenAI sends it before any content.
    QByteArray start(int index, Choice &choice) const
    {
        if (choice.started)
            return {};
        choice.started = true;
        // {"content":"","refusal":null,"role":"assistant"}: the keys in the order QJsonObject
        // wrote them (building that object cost ~20,000 instructions, on the first event's path).
        return chunkEvent(index, [](JsonWriter &w) {
            w.beginObject().key("content"_L1).value(""_L1).key("refusal"_L1).null().key("role"_L1).value("assistant"_L1).endObject();
        }, QJsonValue::Null);
    }

    QByteArray finishChoice(int index, Choice &choice, const QString &geminiReason) const
    {
        QByteArray out = start(index, choice);
        if (context.showSearchLinks && !choice.sources.isEmpty()) {
            const QString links = choice.joiner.appendBlock(sourcesMarkdown(choice.sources));
            out += textDeltaEvent(index, "content"_L1, links);
        }
        out += chunkEvent(index, [](JsonWriter &w) { w.beginObject().endObject(); },
                          finishReasonFor(geminiReason, choice.toolCalls > 0));
        choice.finished = true;
        return out;
    }

    // Consecutive text of one kind (content or reasoning) goes out as one chunk; a change of
    // kind, a tool call or the candidate's end sends what was gathered.
    struct TextRun
    {
        TextRun(const State &state, int index, Choice &choice) : state(state), index(index), choice(choice) {}

        const State &state;
        int index;
        Choice &choice;
        QByteArray out;
        Kind pending = Kind::None;
        QString text;

        void flush()
        {
            if (pending != Kind::None && !text.isEmpty()) {
                out += state.start(index, choice);
                out += state.textDeltaEvent(index, pending == Kind::Reasoning ? "reasoning_content"_L1 : "content"_L1,
                                            text);
            }
            pending = Kind::None;
            text.clear();
        }
        void add(Kind kind, const QString &piece)
        {
            if (piece.isEmpty())
                return;
            if (kind != pending)
                flush();
            pending = kind;
            text += piece;
        }
        // A text part: a thought (shown or not), or content.
        void addText(const QString &partText, bool thought)
        {
            if (!thought)
                add(Kind::Content, choice.joiner.appendText(partText));
            else if (state.context.showThinking)
                add(Kind::Reasoning, partText);
        }
    };

    QByteArray finishIfGiven(int index, Choice &choice, const QString &reason) const
    {
        if (reason.isEmpty() || reason == "FINISH_REASON_UNSPECIFIED"_L1)
            return {};
        return finishChoice(index, choice, reason);
    }

    QByteArray candidate(const QJsonObject &candidate, int position)
    {
        const int index = candidateIndex(candidate, position);
        Choice &choice = choices[index];
        if (choice.finished)
            return {};  // nothing may follow a choice's finish_reason
        TextRun run{*this, index, choice};
        const QJsonArray parts = candidate.value("content"_L1).toObject().value("parts"_L1).toArray();
        for (const QJsonValue &value : parts) {
            const QJsonObject part = value.toObject();
            if (part.contains("functionCall"_L1)) {
                run.flush();
                run.out += start(index, choice);
                QJsonObject call = toolCallFor(part);
                call.insert(u"index"_s, choice.toolCalls++);
                run.out += deltaEvent(index, QJsonObject{{u"tool_calls"_s, QJsonArray{call}}});
            } else if (part.contains("text"_L1) || part.value("thought"_L1).toBool()) {
                run.addText(part.value("text"_L1).toString(), part.value("thought"_L1).toBool());
            } else {
                run.add(Kind::Content, choice.joiner.appendBlock(markdownBlockFor(part)));
            }
        }
        run.flush();
        collectSources(candidate, &choice.sources);
        return run.out + finishIfGiven(index, choice, candidate.value("finishReason"_L1).toString());
    }

    // The same for an event read by readGeminiTextAnswer (text parts only, no sources).
    QByteArray textCandidate(const GeminiTextAnswer &answer)
    {
        Choice &choice = choices[answer.index];
        if (choice.finished)
            return {};
        TextRun run{*this, answer.index, choice};
        for (const GeminiTextAnswer::Part &part : answer.parts)
            run.addText(part.text, part.thought);
        run.flush();
        return run.out + finishIfGiven(answer.index, choice, answer.finishReason);
    }

    QByteArray blockedPrompt(const QString &blockReason)
    {
        Choice &choice = choices[0];
        if (choice.finished)
            return {};
        QByteArray out = start(0, choice);
        out += deltaEvent(0, QJsonObject{{u"refusal"_s, blockedPromptMessage(blockReason)}});
        out += deltaEvent(0, QJsonObject(), u"content_filter"_s);
        choice.finished = true;
        return out;
    }
};

ChatStreamTranslator::ChatStreamTranslator(ChatResponseContext context)
    : d(std::make_shared<State>())
{
    d->context = std::move(context);
}

QByteArray ChatStreamTranslator::onEvent(const QJsonObject &geminiChunk)
{
    if (d->done)
        return {};
    // Google can report an error inside the stream (an SSE event with an "error" object).
    const QJsonValue error = geminiChunk.value("error"_L1);
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        return fail(e.value("code"_L1).toInt(500), e.value("message"_L1).toString());
    }

    QByteArray out;
    const QJsonArray candidates = geminiChunk.value("candidates"_L1).toArray();
    for (qsizetype i = 0; i < candidates.size(); ++i)
        out += d->candidate(candidates.at(i).toObject(), int(i));
    if (candidates.isEmpty()) {
        const QString blockReason =
            geminiChunk.value("promptFeedback"_L1).toObject().value("blockReason"_L1).toString();
        if (!blockReason.isEmpty())
            out += d->blockedPrompt(blockReason);
    }
    const QJsonValue usage = geminiChunk.value("usageMetadata"_L1);
    if (usage.isObject())
        d->usage = usageCountsOf(usage.toObject());
    return out;
}

QByteArray ChatStreamTranslator::onEventJson(const QByteArray &json)
{
    if (d->done)
        return {};
    GeminiTextAnswer answer;
    if (readGeminiTextAnswer(json, &answer)) {
        QByteArray out = d->textCandidate(answer);
        if (answer.hasUsage)
            d->usage = answer.usage;
        return out;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    return doc.isObject() ? onEvent(doc.object()) : QByteArray();
}

QByteArray ChatStreamTranslator::finish()
{
    if (d->done)
        return {};
    QByteArray out;
    if (d->choices.empty())
        d->choices[0];  // an upstream that sent nothing still gets one (empty) choice
    for (auto &[index, choice] : d->choices) {
        if (!choice.finished)
            out += d->finishChoice(index, choice, QString());  // no finishReason: "stop"
    }
    if (d->context.includeUsage) {
        out += d->usageEvent();
    }
    out += "data: [DONE]\n\n";
    d->done = true;
    return out;
}

QByteArray ChatStreamTranslator::fail(int httpStatus, const QString &message)
{
    if (d->done)
        return {};
    d->done = true;
    const QString text = message.trimmed().isEmpty() ? u"The upstream stream failed (HTTP %1)."_s.arg(httpStatus)
                                                     : message;
    return d->event(QJsonObject{{u"error"_s, openAiErrorObject(httpStatus, text)}}) + "data: [DONE]\n\n";
}

} // namespace gb
