#pragma once

// Internal helpers shared by the non-stream and stream OpenAI response translators.

#include "translate/ChatResponseTranslator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gb {
class JsonWriter;
}

namespace gb::chatresponse {

// OpenAI's finish_reason for a Gemini finishReason ("" or unknown -> "stop").
QString finishReasonFor(const QString &geminiFinishReason, bool hadToolCalls);

// The counts of Gemini's usageMetadata that OpenAI's usage is made of (missing ones are 0).
struct UsageCounts
{
    qint64 prompt = 0;         // promptTokenCount
    qint64 toolUsePrompt = 0;  // toolUsePromptTokenCount
    qint64 candidates = 0;     // candidatesTokenCount
    qint64 thoughts = 0;       // thoughtsTokenCount
    qint64 cached = 0;         // cachedContentTokenCount
};
UsageCounts usageCountsOf(const QJsonObject &usageMetadata);

// Writes OpenAI's usage object for Gemini's usage counts. completion_tokens includes the
// thoughts, as OpenAI counts reasoning tokens inside completion tokens, and total_tokens ==
// prompt_tokens + completion_tokens.
void writeUsage(JsonWriter &w, const UsageCounts &usage);

// Opens a completion object and writes its envelope: id, object (`objectType`:
// "chat.completion" or "chat.completion.chunk"), created, model. The caller goes on with
// "choices" and closes it.
void beginCompletion(JsonWriter &w, const ChatResponseContext &context, QLatin1StringView objectType);

// "The prompt was blocked by Gemini (<reason>)."
QString blockedPromptMessage(const QString &blockReason);

// A candidate's place among the choices: its "index", else its position in the array.
int candidateIndex(const QJsonObject &candidate, int position);

// An OpenAI tool call for a Gemini functionCall part; the id carries the part's thoughtSignature.
QJsonObject toolCallFor(const QJsonObject &part);

// The markdown for a part that is neither text, thought nor function call (inline image,
// executable code, code execution result); empty for parts we do not show.
QString markdownBlockFor(const QJsonObject &part);

struct SearchSource
{
    QString title;
    QString uri;
};
// Adds groundingMetadata.groundingChunks[].web to `sources`, skipping uris already there.
void collectSources(const QJsonObject &candidate, QList<SearchSource> *sources);
// "Sources:\n- [title](uri)\n..." (without the leading blank line; the joiner adds it).
QString sourcesMarkdown(const QList<SearchSource> &sources);

// Builds the visible content of one choice piece by piece, putting a blank line between text
// and blocks (images, code, sources) so the markdown renders; each call returns exactly what
// it appended, which is what a stream sends as the delta.
class ContentJoiner
{
public:
    QString appendText(const QString &text);
    QString appendBlock(const QString &block);
    bool isEmpty() const { return m_tailSize == 0; }

private:
    QString separatorBefore(const QString &next) const;
    void remember(const QString &appended);

    // The last two characters appended so far (kept without building strings: this runs for
    // every text chunk of a stream).
    char16_t m_tail[2] = {0, 0};
    int m_tailSize = 0;
    bool m_afterBlock = false; // the last thing appended was a block
};

// The OpenAI error object {"message","type","param":null,"code"} for an HTTP status.
QJsonObject openAiErrorObject(int httpStatus, const QString &message, const QString &googleStatus = {},
                              const QString &googleReason = {});

QByteArray compactJson(const QJsonObject &object);

} // namespace gb::chatresponse
