#include "translate/OpenAiTransformers.h"

#include "common/ApiErrors.h"
#include "common/LineEnds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gb {

QList<QByteArray> sseDataPayloads(const QByteArray &units)
{
    QList<QByteArray> payloads;
    QByteArray data;
    const auto flush = [&] {
        if (!data.isEmpty() && data.trimmed() != "[DONE]")
            payloads.append(data);
        data.clear();
    };
    // Line by line over the bytes (a line ends at CRLF, LF or CR; what follows the last end
    // is a line too), without copying or splitting the units first.
    const char *const p = units.constData();
    const qsizetype n = units.size();
    for (qsizetype start = 0;;) {
        const qsizetype end = nextLineEnd(p, start, n);
        const QByteArrayView line(p + start, end - start);
        if (line.isEmpty()) {
            flush();
        } else if (line.startsWith("data:")) {
            if (!data.isEmpty())
                data += '\n';
            data += line.sliced(line.startsWith("data: ") ? 6 : 5);
        }
        if (end >= n)
            break;
        start = end + (p[end] == '\r' && end + 1 < n && p[end + 1] == '\n' ? 2 : 1);
    }
    flush();
    return payloads;
}

// --- chat completions ---------------------------------------------------------------

ChatCompletionTransformer::ChatCompletionTransformer(const ChatResponseContext &context)
    : m_context(context), m_stream(context)
{
}

QByteArray ChatCompletionTransformer::transformBody(const QByteArray &upstreamBody)
{
    return translateChatResponse(upstreamBody, m_context);
}

QByteArray ChatCompletionTransformer::transformUnits(const QByteArray &units)
{
    QByteArray out;
    for (const QByteArray &payload : sseDataPayloads(units))
        out += m_stream.onEventJson(payload);
    return out;
}

QByteArray ChatCompletionTransformer::finishStream()
{
    return m_stream.finish();
}

QByteArray ChatCompletionTransformer::failStream(int httpStatus, const QString &message)
{
    return m_stream.fail(httpStatus, message);
}

QByteArray ChatCompletionTransformer::heartbeat()
{
    // What gemini-balance's fake stream sends: a chunk with no choices, which clients ignore.
    const QJsonObject chunk{{u"id"_s, m_context.id},
                            {u"object"_s, u"chat.completion.chunk"_s},
                            {u"created"_s, m_context.created},
                            {u"model"_s, m_context.model},
                            {u"choices"_s, QJsonArray{}}};
    return "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray ChatCompletionTransformer::transformError(int httpStatus, const QByteArray &upstreamBody)
{
    return translateErrorToOpenAi(httpStatus, upstreamBody);
}

// --- embeddings ----------------------------------------------------------------------

EmbeddingsTransformer::EmbeddingsTransformer(QString requestedModel, QString encodingFormat, int promptTokens)
    : m_model(std::move(requestedModel)), m_encodingFormat(std::move(encodingFormat)), m_promptTokens(promptTokens)
{
}

QByteArray EmbeddingsTransformer::transformBody(const QByteArray &upstreamBody)
{
    return translateEmbeddingsResponse(upstreamBody, m_model, m_encodingFormat, m_promptTokens);
}

QByteArray EmbeddingsTransformer::failStream(int httpStatus, const QString &message)
{
    return apiErrorBody(ErrorFormat::OpenAI, httpStatus, message);
}

QByteArray EmbeddingsTransformer::transformError(int httpStatus, const QByteArray &upstreamBody)
{
    return translateErrorToOpenAi(httpStatus, upstreamBody);
}

// --- passthrough ---------------------------------------------------------------------

QByteArray OpenAiPassthroughTransformer::failStream(int httpStatus, const QString &message)
{
    return "data: " + apiErrorBody(ErrorFormat::OpenAI, httpStatus, message) + "\n\ndata: [DONE]\n\n";
}

QByteArray OpenAiPassthroughTransformer::transformError(int httpStatus, const QByteArray &upstreamBody)
{
    return translateErrorToOpenAi(httpStatus, upstreamBody);
}

} // namespace gb
