#pragma once

#include "relay/ResponseTransformer.h"
#include "translate/ChatResponseTranslator.h"

namespace gb {

// /v1/chat/completions: Gemini's answer as an OpenAI chat completion (unary, stream, fake
// stream with heartbeats), Gemini's errors in OpenAI's shape.
class ChatCompletionTransformer final : public ResponseTransformer
{
public:
    explicit ChatCompletionTransformer(const ChatResponseContext &context);

    QByteArray transformBody(const QByteArray &upstreamBody) override;
    QByteArray transformUnits(const QByteArray &units) override;
    QByteArray finishStream() override;
    QByteArray failStream(int httpStatus, const QString &message) override;
    QByteArray heartbeat() override;
    QByteArray transformError(int httpStatus, const QByteArray &upstreamBody) override;

private:
    ChatResponseContext m_context;
    ChatStreamTranslator m_stream;
};

// /v1/embeddings: Gemini's batchEmbedContents answer as OpenAI's embedding list.
class EmbeddingsTransformer final : public ResponseTransformer
{
public:
    EmbeddingsTransformer(QString requestedModel, QString encodingFormat, int promptTokens);

    QByteArray transformBody(const QByteArray &upstreamBody) override;
    QByteArray transformUnits(const QByteArray &units) override { return units; }
    QByteArray finishStream() override { return {}; }
    QByteArray failStream(int httpStatus, const QString &message) override;
    QByteArray transformError(int httpStatus, const QByteArray &upstreamBody) override;

private:
    QString m_model;
    QString m_encodingFormat;
    int m_promptTokens;
};

// /openai/v1/*: Google's own OpenAI-compatible answers pass through as they are; only its
// errors are normalised to OpenAI's {"error":{...}} (Google wraps them in an array), and a
// stream that fails midway ends with an OpenAI-style error event and [DONE].
class OpenAiPassthroughTransformer final : public ResponseTransformer
{
public:
    QByteArray transformBody(const QByteArray &upstreamBody) override { return upstreamBody; }
    QByteArray transformUnits(const QByteArray &units) override { return units; }
    QByteArray finishStream() override { return {}; }
    QByteArray failStream(int httpStatus, const QString &message) override;
    QByteArray transformError(int httpStatus, const QByteArray &upstreamBody) override;
};

// The JSON payloads ("data:" lines joined) of the whole SSE events in `units`, without [DONE].
QList<QByteArray> sseDataPayloads(const QByteArray &units);

} // namespace gb
