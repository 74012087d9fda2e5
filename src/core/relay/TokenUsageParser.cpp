#include "relay/TokenUsageParser.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The JSON object that starts at or after `from` (after optional space and one ':'), or
// empty when there is none or it is not closed within the text.
QByteArray objectAfter(const QByteArray &text, qsizetype from)
{
    qsizetype i = from;
    const qsizetype n = text.size();
    while (i < n && isSpace(text[i]))
        ++i;
    if (i >= n || text[i] != ':')
        return {};
    ++i;
    while (i < n && isSpace(text[i]))
        ++i;
    if (i >= n || text[i] != '{')
        return {};
    const qsizetype start = i;
    int depth = 0;
    bool inString = false;
    bool escape = false;
    for (; i < n; ++i) {
        const char c = text[i];
        if (inString) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{')
            ++depth;
        else if (c == '}' && --depth == 0)
            return text.mid(start, i - start + 1);
    }
    return {};
}

int count(const QJsonObject &o, QLatin1StringView name)
{
    return o.value(name).toInt();
}

TokenUsage fromGemini(const QJsonObject &o)
{
    TokenUsage u;
    u.known = true;
    u.prompt = count(o, "promptTokenCount"_L1);
    u.candidates = count(o, "candidatesTokenCount"_L1);
    u.thoughts = count(o, "thoughtsTokenCount"_L1);
    u.total = o.contains("totalTokenCount"_L1) ? count(o, "totalTokenCount"_L1)
                                                : u.prompt + u.candidates + u.thoughts;
    return u;
}

TokenUsage fromOpenAi(const QJsonObject &o)
{
    TokenUsage u;
    if (!o.contains("prompt_tokens"_L1) && !o.contains("completion_tokens"_L1))
        return u;  // some other "usage" object
    u.known = true;
    u.prompt = count(o, "prompt_tokens"_L1);
    u.thoughts = o.value("completion_tokens_details"_L1).toObject().value("reasoning_tokens"_L1).toInt();
    // OpenAI counts reasoning inside completion_tokens; the log keeps them apart as Gemini does.
    u.candidates = qMax(0, count(o, "completion_tokens"_L1) - u.thoughts);
    u.total = o.contains("total_tokens"_L1) ? count(o, "total_tokens"_L1) : u.prompt + u.candidates + u.thoughts;
    return u;
}

} // namespace

TokenUsage lastTokenUsageIn(const QByteArray &text)
{
    static const QByteArray gemini = QByteArrayLiteral("\"usageMetadata\"");
    static const QByteArray openAi = QByteArrayLiteral("\"usage\"");
    // A few tries backwards: a match may be inside a string or cut off at the end.
    qsizetype geminiFrom = text.size();
    qsizetype openAiFrom = text.size();
    for (int tries = 0; tries < 4; ++tries) {
        const qsizetype g = geminiFrom > 0 ? text.lastIndexOf(gemini, geminiFrom - 1) : -1;
        const qsizetype o = openAiFrom > 0 ? text.lastIndexOf(openAi, openAiFrom - 1) : -1;
        if (g < 0 && o < 0)
            return {};
        const bool useGemini = g >= o;
        const qsizetype at = useGemini ? g : o;
        const QByteArray object = objectAfter(text, at + (useGemini ? gemini.size() : openAi.size()));
        if (!object.isEmpty()) {
            const QJsonObject parsed = QJsonDocument::fromJson(object).object();
            if (!parsed.isEmpty()) {
                const TokenUsage usage = useGemini ? fromGemini(parsed) : fromOpenAi(parsed);
                if (usage.known)
                    return usage;
            }
        }
        if (useGemini)
            geminiFrom = g;
        else
            openAiFrom = o;
    }
    return {};
}

} // namespace gb
