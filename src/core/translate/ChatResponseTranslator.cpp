#include "translate/ChatResponseTranslator.h"

#include "common/JsonWriter.h"
#include "translate/ChatResponse_p.h"
#include "translate/GeminiTextAnswer.h"
#include "translate/ToolCallIds.h"

#include <QJsonDocument>

#include <algorithm>
#include <charconv>
#include <map>

using namespace Qt::StringLiterals;

namespace gb {
namespace chatresponse {

QString finishReasonFor(const QString &reason, bool hadToolCalls)
{
    if (hadToolCalls)
        return u"tool_calls"_s;
    if (reason == "MAX_TOKENS"_L1)
        return u"length"_s;
    if (reason == "SAFETY"_L1 || reason == "RECITATION"_L1 || reason == "BLOCKLIST"_L1
        || reason == "PROHIBITED_CONTENT"_L1 || reason == "SPII"_L1 || reason == "IMAGE_SAFETY"_L1)
        return u"content_filter"_s;
    // STOP, LANGUAGE, OTHER, MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, unspecified, unknown.
    return u"stop"_s;
}

UsageCounts usageCountsOf(const QJsonObject &meta)
{
    UsageCounts u;
    u.prompt = meta.value("promptTokenCount"_L1).toInteger();
    u.toolUsePrompt = meta.value("toolUsePromptTokenCount"_L1).toInteger();
    u.candidates = meta.value("candidatesTokenCount"_L1).toInteger();
    u.thoughts = meta.value("thoughtsTokenCount"_L1).toInteger();
    u.cached = meta.value("cachedContentTokenCount"_L1).toInteger();
    return u;
}

// A fixed shape, so written as one piece of text with the five numbers in it (member by
// member through JsonWriter it cost more than the rest of a short answer's envelope).
void writeUsage(JsonWriter &w, const UsageCounts &u)
{
    const qint64 prompt = u.prompt + u.toolUsePrompt;
    const qint64 completion = u.candidates + u.thoughts;
    char text[384];
    char *out = text;
    const auto put = [&out](std::string_view piece) { out = std::copy(piece.begin(), piece.end(), out); };
    const auto number = [&out](qint64 n) { out = std::to_chars(out, out + 24, n).ptr; };
    put(R"({"prompt_tokens":)");
    number(prompt);
    put(R"(,"completion_tokens":)");
    number(completion);
    put(R"(,"total_tokens":)");
    number(prompt + completion);
    put(R"(,"prompt_tokens_details":{"cached_tokens":)");
    number(u.cached);
    put(R"(,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":)");
    number(u.thoughts);
    put(R"(,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}})");
    w.rawValue(QByteArrayView(text, out - text));
}

void beginCompletion(JsonWriter &w, const ChatResponseContext &context, QLatin1StringView objectType)
{
    w.beginObject()
        .key("id"_L1).value(context.id)
        .key("object"_L1).value(objectType)
        .key("created"_L1).value(context.created)
        .key("model"_L1).value(context.model);
}

QString blockedPromptMessage(const QString &blockReason)
{
    return u"The prompt was blocked by Gemini (%1)."_s.arg(blockReason);
}

int candidateIndex(const QJsonObject &candidate, int position)
{
    const QJsonValue index = candidate.value("index"_L1);
    return index.isDouble() ? index.toInt(position) : position;
}

QJsonObject toolCallFor(const QJsonObject &part)
{
    const QJsonObject call = part.value("functionCall"_L1).toObject();
    const QJsonValue args = call.value("args"_L1);
    QByteArray arguments = "{}";
    if (args.isObject())
        arguments = QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact);
    else if (args.isArray())
        arguments = QJsonDocument(args.toArray()).toJson(QJsonDocument::Compact);
    // The signature is passed on as Gemini wrote it (its base64 text), so the request side
    // can put signatureOf(id) back into "thoughtSignature" unchanged.
    const QByteArray signature = part.value("thoughtSignature"_L1).toString().toUtf8();
    return QJsonObject{
        {u"id"_s, toolcallid::make(signature)},
        {u"type"_s, u"function"_s},
        {u"function"_s, QJsonObject{{u"name"_s, call.value("name"_L1).toString()},
                                    {u"arguments"_s, QString::fromUtf8(arguments)}}},
    };
}

namespace {

// A code fence longer than any run of backticks in `body`.
QString fenceFor(const QString &body)
{
    QString fence = u"```"_s;
    while (body.contains(fence))
        fence += u'`';
    return fence;
}

QString fenced(const QString &language, QString body)
{
    const QString fence = fenceFor(body);
    if (!body.endsWith(u'\n'))
        body += u'\n';
    return fence + language + u'\n' + body + fence;
}

QString escapeLinkText(QString text)
{
    text.replace(u'\\', u"\\\\"_s).replace(u'[', u"\\["_s).replace(u']', u"\\]"_s);
    return text.simplified();
}

} // namespace

QString markdownBlockFor(const QJsonObject &part)
{
    if (part.contains("inlineData"_L1)) {
        const QJsonObject data = part.value("inlineData"_L1).toObject();
        const QString mime = data.value("mimeType"_L1).toString(u"application/octet-stream"_s);
        return u"![image](data:%1;base64,%2)"_s.arg(mime, data.value("data"_L1).toString());
    }
    if (part.contains("executableCode"_L1)) {
        const QJsonObject code = part.value("executableCode"_L1).toObject();
        QString language = code.value("language"_L1).toString().toLower();
        if (language == "language_unspecified"_L1)
            language.clear();
        return fenced(language, code.value("code"_L1).toString());
    }
    if (part.contains("codeExecutionResult"_L1)) {
        const QJsonObject result = part.value("codeExecutionResult"_L1).toObject();
        const QString outcome = result.value("outcome"_L1).toString();
        const QString output = result.value("output"_L1).toString();
        QString label;
        if (outcome.isEmpty() || outcome == "OUTCOME_OK"_L1)
            label = u"Output:"_s;
        else if (outcome == "OUTCOME_FAILED"_L1)
            label = u"Execution failed:"_s;
        else if (outcome == "OUTCOME_DEADLINE_EXCEEDED"_L1)
            label = u"Execution timed out:"_s;
        else
            label = u"Output (%1):"_s.arg(outcome);
        if (output.isEmpty())
            return label + u" (none)"_s;
        return label + u'\n' + fenced(QString(), output);
    }
    return {};
}

void collectSources(const QJsonObject &candidate, QList<SearchSource> *sources)
{
    const QJsonArray chunks = candidate.value("groundingMetadata"_L1).toObject().value("groundingChunks"_L1).toArray();
    for (const QJsonValue &chunk : chunks) {
        const QJsonObject web = chunk.toObject().value("web"_L1).toObject();
        const QString uri = web.value("uri"_L1).toString();
        if (uri.isEmpty())
            continue;
        const bool known = std::any_of(sources->cbegin(), sources->cend(),
                                       [&](const SearchSource &s) { return s.uri == uri; });
        if (!known)
            sources->append({web.value("title"_L1).toString(), uri});
    }
}

QString sourcesMarkdown(const QList<SearchSource> &sources)
{
    QString out = u"Sources:"_s;
    for (const SearchSource &s : sources) {
        const QString title = s.title.trimmed().isEmpty() ? s.uri : s.title;
        out += u"\n- ["_s + escapeLinkText(title) + u"]("_s + s.uri + u')';
    }
    return out;
}

QString ContentJoiner::separatorBefore(const QString &next) const
{
    if (m_tailSize == 0)
        return {};
    int newlines = 0;
    for (int i = m_tailSize - 1; i >= 0 && m_tail[i] == u'\n'; --i)
        ++newlines;
    for (qsizetype i = 0; i < next.size() && i < 2 && next.at(i) == u'\n'; ++i)
        ++newlines;
    return QString(std::max(0, 2 - newlines), u'\n');
}

void ContentJoiner::remember(const QString &appended)
{
    for (qsizetype i = qMax<qsizetype>(0, appended.size() - 2); i < appended.size(); ++i) {
        if (m_tailSize == 2)
            m_tail[0] = m_tail[1];
        else
            ++m_tailSize;
        m_tail[m_tailSize - 1] = appended.at(i).unicode();
    }
}

QString ContentJoiner::appendText(const QString &text)
{
    if (text.isEmpty())
        return {};
    const QString piece = m_afterBlock ? separatorBefore(text) + text : text;
    remember(piece);
    m_afterBlock = false;
    return piece;
}

QString ContentJoiner::appendBlock(const QString &block)
{
    if (block.isEmpty())
        return {};
    const QString piece = separatorBefore(block) + block;
    remember(piece);
    m_afterBlock = true;
    return piece;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace chatresponse

using namespace chatresponse;

namespace {

// One element of "choices": {index, message, logprobs: null, finish_reason}.
void writeChoiceObject(JsonWriter &w, int index, const QString &content, bool contentIsNull, const QString &reasoning,
                       bool showReasoning, const QJsonArray &toolCalls, const QString &refusal,
                       const QString &finishReason)
{
    w.beginObject().key("index"_L1).value(index);
    w.key("message"_L1).beginObject().key("role"_L1).value("assistant"_L1).key("content"_L1);
    contentIsNull ? w.null() : w.value(content);
    w.key("refusal"_L1);
    refusal.isNull() ? w.null() : w.value(refusal);
    if (showReasoning && !reasoning.isEmpty())
        w.key("reasoning_content"_L1).value(reasoning);
    if (!toolCalls.isEmpty())
        w.key("tool_calls"_L1).value(toolCalls);
    w.endObject();
    w.key("logprobs"_L1).null().key("finish_reason"_L1).value(finishReason);
    w.endObject();
}

void writeChoice(JsonWriter &w, const QJsonObject &candidate, int index, const ChatResponseContext &context)
{
    ContentJoiner joiner;
    QString content;
    QString reasoning;
    QJsonArray toolCalls;
    const QJsonArray parts = candidate.value("content"_L1).toObject().value("parts"_L1).toArray();
    for (const QJsonValue &value : parts) {
        const QJsonObject part = value.toObject();
        if (part.contains("functionCall"_L1)) {
            toolCalls.append(toolCallFor(part));
        } else if (part.value("thought"_L1).toBool()) {
            reasoning += part.value("text"_L1).toString();
        } else if (part.contains("text"_L1)) {
            content += joiner.appendText(part.value("text"_L1).toString());
        } else {
            content += joiner.appendBlock(markdownBlockFor(part));
        }
    }
    if (context.showSearchLinks) {
        QList<SearchSource> sources;
        collectSources(candidate, &sources);
        if (!sources.isEmpty())
            content += joiner.appendBlock(sourcesMarkdown(sources));
    }
    const bool hadToolCalls = !toolCalls.isEmpty();
    writeChoiceObject(w, index, content, hadToolCalls && content.isEmpty(), reasoning, context.showThinking, toolCalls,
                      QString(), finishReasonFor(candidate.value("finishReason"_L1).toString(), hadToolCalls));
}

} // namespace

// The answer is written with JsonWriter, not built as a QJsonObject: that was most of the
// CPU time of a relayed OpenAI chat completion.
QByteArray translateChatResponse(const QByteArray &geminiBody, const ChatResponseContext &context)
{
    GeminiTextAnswer answer;
    if (!readGeminiTextAnswer(geminiBody, &answer))
        return translateChatResponse(QJsonDocument::fromJson(geminiBody).object(), context);
    // What writeChoice does with a candidate of text parts.
    ContentJoiner joiner;
    QString content;
    QString reasoning;
    for (const GeminiTextAnswer::Part &part : answer.parts) {
        if (part.thought)
            reasoning += part.text;
        else
            content += joiner.appendText(part.text);
    }
    JsonWriter w;
    beginCompletion(w, context, "chat.completion"_L1);
    w.key("choices"_L1).beginArray();
    writeChoiceObject(w, answer.index, content, false, reasoning, context.showThinking, QJsonArray(), QString(),
                      finishReasonFor(answer.finishReason, false));
    w.endArray().key("usage"_L1);
    writeUsage(w, answer.usage);
    w.endObject();
    return w.take();
}

QByteArray translateChatResponse(const QJsonObject &gemini, const ChatResponseContext &context)
{
    const QJsonArray candidates = gemini.value("candidates"_L1).toArray();

    std::map<int, QJsonObject> byIndex;  // choices in index order, the first of each index
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const QJsonObject candidate = candidates.at(i).toObject();
        byIndex.emplace(candidateIndex(candidate, int(i)), candidate);
    }

    JsonWriter w;
    beginCompletion(w, context, "chat.completion"_L1);
    w.key("choices"_L1).beginArray();
    for (const auto &[index, candidate] : byIndex)
        writeChoice(w, candidate, index, context);
    if (byIndex.empty()) {
        // No candidates: a blocked prompt (or an empty answer) is still one choice, never an
        // empty 200 the client cannot read.
        const QString blockReason = gemini.value("promptFeedback"_L1).toObject().value("blockReason"_L1).toString();
        const bool blocked = !blockReason.isEmpty();
        writeChoiceObject(w, 0, QString(), false, QString(), false, QJsonArray(),
                          blocked ? blockedPromptMessage(blockReason) : QString(),
                          blocked ? u"content_filter"_s : u"stop"_s);
    }
    w.endArray().key("usage"_L1);
    writeUsage(w, usageCountsOf(gemini.value("usageMetadata"_L1).toObject()));
    w.endObject();
    return w.take();
}

} // namespace gb
