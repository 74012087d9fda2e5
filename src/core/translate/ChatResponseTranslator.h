#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace gb {

// What every translated answer of one chat completion shares.
struct ChatResponseContext
{
    QString id;            // "chatcmpl-..." one per completion, the same in every chunk
    QString model;         // the model as the client requested it
    qint64 created = 0;    // unix seconds
    bool showThinking = true;    // SHOW_THINKING_PROCESS: thoughts as reasoning_content
    bool showSearchLinks = false; // SHOW_SEARCH_LINK on a -search model: append source links
    bool includeUsage = false;   // stream: send the usage chunk (stream_options.include_usage)
};

// A Gemini generateContent response as an OpenAI chat.completion (non-stream): text,
// reasoning_content, tool_calls (ids via toolcallid::make carrying thoughtSignatures),
// finish_reason mapped (STOP->stop, MAX_TOKENS->length, SAFETY/RECITATION/BLOCKLIST/
// PROHIBITED_CONTENT/SPII/IMAGE_SAFETY->content_filter, a function call->tool_calls), one
// choice per candidate, usage with completion_tokens_details.reasoning_tokens, inline images
// as markdown data URLs, and a blocked prompt (promptFeedback.blockReason) as content_filter
// with a refusal message, never an empty 200.
// An answer of the everyday shape (one candidate of text parts) is read without building a
// document; the bytes out are the same as from the parsed object (the overload below).
QByteArray translateChatResponse(const QByteArray &geminiBody, const ChatResponseContext &context);
QByteArray translateChatResponse(const QJsonObject &geminiAnswer, const ChatResponseContext &context);

// Gemini's SSE stream as OpenAI chat.completion.chunk events, exactly like OpenAI streams:
// one id, role only in the first delta of each choice, tool call deltas with stable ids and
// indexes, finish_reason in the last chunk of each choice, then (when asked) a usage chunk
// with "choices":[], then "data: [DONE]".
class ChatStreamTranslator
{
public:
    explicit ChatStreamTranslator(ChatResponseContext context);

    // One Gemini stream event (the JSON after "data: "); returns zero or more whole
    // "data: {...}\n\n" events.
    QByteArray onEvent(const QJsonObject &geminiChunk);
    // The same for the event's JSON text: an event of the everyday shape (one candidate of
    // text parts) is read without building a document, the rest parsed and passed to onEvent.
    QByteArray onEventJson(const QByteArray &json);
    // The upstream ended cleanly: the finishing chunk(s), the usage chunk and [DONE].
    QByteArray finish();
    // The upstream failed after the stream began: an error event, then [DONE].
    QByteArray fail(int httpStatus, const QString &message);

private:
    struct State;
    std::shared_ptr<State> d;
};

// A Gemini error body (or any text) as OpenAI's {"error":{"message","type","code"}}, keeping
// Google's message; the HTTP status stays the upstream's.
QByteArray translateErrorToOpenAi(int httpStatus, const QByteArray &geminiErrorBody);

// Gemini's model list as OpenAI's {"object":"list","data":[{id, object:"model", created,
// owned_by:"google"}]} (ids without "models/"); one model likewise.
QJsonObject openAiModelList(const QJsonArray &geminiModels, qint64 created);
QJsonObject openAiModel(const QJsonObject &geminiModel, qint64 created);

// OpenAI embeddings <-> Gemini batchEmbedContents.
// {"input": string | [string] | [int] | [[int]], "model", "dimensions"?, "encoding_format"?}
QByteArray translateEmbeddingsRequest(const QJsonObject &openAiRequest, const QString &realModel, QString *error);
QByteArray translateEmbeddingsResponse(const QByteArray &geminiBody, const QString &requestedModel,
                                       const QString &encodingFormat, int promptTokens);

} // namespace gb
