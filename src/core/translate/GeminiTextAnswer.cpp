#include "translate/GeminiTextAnswer.h"

#include "common/JsonScan.h"
#include "common/JsonSyntax.h"

#include <cstring>
#include <limits>

namespace gb::chatresponse {

namespace {

using namespace jsonscan;

bool isString(QByteArrayView value)
{
    return !value.isEmpty() && value.front() == '"';
}

// Each key read may come once (Qt keeps one of repeated keys; which one is not ours to guess),
// and a key written with escapes may spell one of them: both go to the general path.
struct Seen
{
    unsigned bits = 0;
    bool first(unsigned bit)
    {
        const bool was = bits & bit;
        bits |= bit;
        return !was;
    }
};

bool plainKey(QByteArrayView key)
{
    return key.isEmpty() || !std::memchr(key.data(), '\\', size_t(key.size()));
}

// Each reader walks the value that starts at text[at] and returns the index just past it, or
// -1 when the value is not of the everyday shape (walkMembers: every byte read once).
qsizetype readUsage(QByteArrayView text, qsizetype at, UsageCounts *usage)
{
    Seen seen;
    return walkMembers(text, at, [&](QByteArrayView key, qsizetype v) -> qsizetype {
        if (!plainKey(key))
            return -1;
        qsizetype end;
        const QByteArrayView value = valueAt(text, v, &end);
        bool ok = true;
        if (key == "promptTokenCount")
            ok = seen.first(1) && plainInteger(value, &usage->prompt);
        else if (key == "toolUsePromptTokenCount")
            ok = seen.first(2) && plainInteger(value, &usage->toolUsePrompt);
        else if (key == "candidatesTokenCount")
            ok = seen.first(4) && plainInteger(value, &usage->candidates);
        else if (key == "thoughtsTokenCount")
            ok = seen.first(8) && plainInteger(value, &usage->thoughts);
        else if (key == "cachedContentTokenCount")
            ok = seen.first(16) && plainInteger(value, &usage->cached);
        // totalTokenCount, promptTokensDetails, ...: not used
        return ok ? end : -1;
    });
}

qsizetype readPart(QByteArrayView text, qsizetype at, GeminiTextAnswer *answer)
{
    GeminiTextAnswer::Part part;
    Seen seen;
    const qsizetype end = walkMembers(text, at, [&](QByteArrayView key, qsizetype v) -> qsizetype {
        qsizetype valueEnd;
        const QByteArrayView value = valueAt(text, v, &valueEnd);
        if (key == "text") {
            if (!seen.first(1) || !isString(value))
                return -1;
            part.text = decodeString(value);
            return valueEnd;
        }
        if (key == "thought") {
            part.thought = value == "true";
            return seen.first(2) && (part.thought || value == "false") ? valueEnd : -1;
        }
        return key == "thoughtSignature" && seen.first(4) ? valueEnd : -1;  // any other part is not plain text
    });
    if (end < 0 || !(seen.bits & 1))
        return -1;
    answer->parts.append(std::move(part));
    return end;
}

qsizetype readContent(QByteArrayView text, qsizetype at, GeminiTextAnswer *answer)
{
    Seen seen;
    return walkMembers(text, at, [&](QByteArrayView key, qsizetype v) -> qsizetype {
        if (!plainKey(key))
            return -1;
        if (key != "parts")
            return valueEnd(text, v);  // "role"
        if (!seen.first(1))
            return -1;
        return walkElements(text, v, [&](qsizetype part) { return text[part] == '{' ? readPart(text, part, answer) : -1; });
    });
}

qsizetype readCandidate(QByteArrayView text, qsizetype at, GeminiTextAnswer *answer)
{
    Seen seen;
    return walkMembers(text, at, [&](QByteArrayView key, qsizetype v) -> qsizetype {
        if (!plainKey(key))
            return -1;
        if (key == "content")
            return seen.first(1) && text[v] == '{' ? readContent(text, v, answer) : -1;
        qsizetype end;
        const QByteArrayView value = valueAt(text, v, &end);
        if (key == "index") {
            qint64 index = 0;
            if (!seen.first(2) || !plainInteger(value, &index) || index < std::numeric_limits<int>::min()
                || index > std::numeric_limits<int>::max())
                return -1;
            answer->index = int(index);
            return end;
        }
        if (key == "finishReason") {
            if (!seen.first(4) || !isString(value))
                return -1;
            answer->finishReason = decodeString(value);
            return end;
        }
        return key != "groundingMetadata" ? end : -1;  // safetyRatings, avgLogprobs, ...: not used
    });
}

} // namespace

bool readGeminiTextAnswer(QByteArrayView json, GeminiTextAnswer *answer)
{
    if (!jsonsyntax::isObject(json))
        return false;
    json = json.trimmed();
    Seen seen;
    int candidates = 0;
    const qsizetype end = walkMembers(json, 0, [&](QByteArrayView key, qsizetype v) -> qsizetype {
        if (!plainKey(key))
            return -1;
        if (key == "candidates") {
            if (!seen.first(1))
                return -1;
            return walkElements(json, v, [&](qsizetype candidate) {
                return ++candidates == 1 && json[candidate] == '{' ? readCandidate(json, candidate, answer) : -1;
            });
        }
        if (key == "usageMetadata") {
            answer->hasUsage = true;
            return seen.first(2) && json[v] == '{' ? readUsage(json, v, &answer->usage) : -1;
        }
        return key != "error" && key != "promptFeedback" ? valueEnd(json, v) : -1;  // modelVersion, responseId, ...
    });
    return end == json.size() && candidates == 1;
}

} // namespace gb::chatresponse
