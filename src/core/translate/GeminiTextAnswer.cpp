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

bool isObject(QByteArrayView value)
{
    return !value.isEmpty() && value.front() == '{';
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

bool readUsage(QByteArrayView object, UsageCounts *usage)
{
    Seen seen;
    return forEachMember(object, [&](QByteArrayView key, QByteArrayView value) {
        if (!plainKey(key))
            return false;
        if (key == "promptTokenCount")
            return seen.first(1) && plainInteger(value, &usage->prompt);
        if (key == "toolUsePromptTokenCount")
            return seen.first(2) && plainInteger(value, &usage->toolUsePrompt);
        if (key == "candidatesTokenCount")
            return seen.first(4) && plainInteger(value, &usage->candidates);
        if (key == "thoughtsTokenCount")
            return seen.first(8) && plainInteger(value, &usage->thoughts);
        if (key == "cachedContentTokenCount")
            return seen.first(16) && plainInteger(value, &usage->cached);
        return true;  // totalTokenCount, promptTokensDetails, ...: not used
    });
}

bool readPart(QByteArrayView object, GeminiTextAnswer *answer)
{
    GeminiTextAnswer::Part part;
    Seen seen;
    const bool ok = forEachMember(object, [&](QByteArrayView key, QByteArrayView value) {
        if (key == "text") {
            if (!seen.first(1) || !isString(value))
                return false;
            part.text = decodeString(value);
            return true;
        }
        if (key == "thought") {
            part.thought = value == "true";
            return seen.first(2) && (part.thought || value == "false");
        }
        return key == "thoughtSignature" && seen.first(4);  // any other part is not plain text
    });
    if (!ok || !(seen.bits & 1))
        return false;
    answer->parts.append(std::move(part));
    return true;
}

bool readContent(QByteArrayView object, GeminiTextAnswer *answer)
{
    Seen seen;
    return forEachMember(object, [&](QByteArrayView key, QByteArrayView value) {
        if (!plainKey(key))
            return false;
        if (key != "parts")
            return true;  // "role"
        return seen.first(1) && forEachElement(value, [&](QByteArrayView part) {
                   return isObject(part) && readPart(part, answer);
               });
    });
}

bool readCandidate(QByteArrayView object, GeminiTextAnswer *answer)
{
    Seen seen;
    return forEachMember(object, [&](QByteArrayView key, QByteArrayView value) {
        if (!plainKey(key))
            return false;
        if (key == "content")
            return seen.first(1) && isObject(value) && readContent(value, answer);
        if (key == "index") {
            qint64 index = 0;
            if (!seen.first(2) || !plainInteger(value, &index) || index < std::numeric_limits<int>::min()
                || index > std::numeric_limits<int>::max())
                return false;
            answer->index = int(index);
            return true;
        }
        if (key == "finishReason") {
            if (!seen.first(4) || !isString(value))
                return false;
            answer->finishReason = decodeString(value);
            return true;
        }
        return key != "groundingMetadata";  // safetyRatings, avgLogprobs, ...: not used
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
    const bool ok = forEachMember(json, [&](QByteArrayView key, QByteArrayView value) {
        if (!plainKey(key))
            return false;
        if (key == "candidates") {
            return seen.first(1) && forEachElement(value, [&](QByteArrayView candidate) {
                       return ++candidates == 1 && isObject(candidate) && readCandidate(candidate, answer);
                   });
        }
        if (key == "usageMetadata") {
            answer->hasUsage = true;
            return seen.first(2) && isObject(value) && readUsage(value, &answer->usage);
        }
        return key != "error" && key != "promptFeedback";  // modelVersion, responseId, ...: not used
    });
    return ok && candidates == 1;
}

} // namespace gb::chatresponse
