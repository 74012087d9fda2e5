#include "relay/TokenUsageParser.h"

#include "common/JsonScan.h"
#include "common/WholeNumber.h"

#include <QByteArrayView>
#include <QVarLengthArray>

#include <algorithm>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

using jsonscan::isSpace;

// The JSON object that starts at or after `from` (after optional space and one ':'), or
// empty when there is none or it is not closed within the text.
QByteArrayView objectAfter(QByteArrayView text, qsizetype from)
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
    const qsizetype end = jsonscan::valueEnd(text, i);
    return end < 0 ? QByteArrayView() : text.sliced(i, end - i);
}

// Where the last `name` (a quoted member name) starts before `end`, or -1. One compare per
// byte until the name's first letter matches: QByteArray::lastIndexOf's rolling hash cost
// ~2,000 instructions to find a Gemini answer's usage report, ~150 bytes from its end.
qsizetype lastNameBefore(QByteArrayView text, QByteArrayView name, qsizetype end)
{
    const qsizetype n = name.size();
    const char letter = name[1];
    for (qsizetype at = qMin(end, text.size() - n + 1) - 1; at >= 0; --at) {
        if (text[at + 1] == letter && std::memcmp(text.data() + at, name.data(), size_t(n)) == 0)
            return at;
    }
    return -1;
}

// QJsonValue::toInt() of a number's text: its value when it is integral and fits, else 0.
int intValue(QByteArrayView number)
{
    number = number.trimmed();
    if (number.isEmpty() || !(number.front() == '-' || (number.front() >= '0' && number.front() <= '9')))
        return 0;
    // Plain digits (every count in practice): no conversion through double.
    const bool negative = number.front() == '-';
    qint64 plain = 0;
    qsizetype i = negative ? 1 : 0;
    for (; i < number.size() && number[i] >= '0' && number[i] <= '9' && plain <= std::numeric_limits<int>::max(); ++i)
        plain = plain * 10 + (number[i] - '0');
    if (i == number.size() && i > (negative ? 1 : 0)) {
        plain = negative ? -plain : plain;
        return plain < std::numeric_limits<int>::min() || plain > std::numeric_limits<int>::max() ? 0 : int(plain);
    }
    const QByteArray text = number.toByteArray();
    bool ok = false;
    const double d = text.toDouble(&ok);
    if (!ok || !wholeNumber(d) || d < double(std::numeric_limits<int>::min())
        || d > double(std::numeric_limits<int>::max()))
        return 0;
    return int(d);
}

// The top-level members of the JSON object `object` ("{...}", as objectAfter() returns
// it) that usage reports are made of: integers, and one nested object by name. Read in one
// pass without building a document (QJsonDocument cost ~10,000 instructions per answer).
struct Members
{
    int count = 0;  // members seen
    QVarLengthArray<std::pair<QByteArrayView, int>, 12> ints;  // keys point into the object's text
    QByteArrayView nested;  // the value of `nestedName`, when it is an object

    bool contains(QByteArrayView key) const
    {
        return std::any_of(ints.cbegin(), ints.cend(), [key](const auto &p) { return p.first == key; });
    }
    int value(QByteArrayView key) const
    {
        for (const auto &p : ints)
            if (p.first == key)
                return p.second;
        return 0;
    }
};

Members membersOf(QByteArrayView object, QByteArrayView nestedName = {})
{
    Members m;
    const qsizetype n = object.size() - 1;  // before the closing brace
    qsizetype i = 1;
    while (i < n) {
        while (i < n && (isSpace(object[i]) || object[i] == ','))
            ++i;
        if (i >= n || object[i] != '"')
            break;
        const qsizetype keyEnd = object.indexOf('"', i + 1);
        if (keyEnd < 0 || keyEnd >= n)
            break;
        const QByteArrayView key = object.sliced(i + 1, keyEnd - i - 1);
        i = keyEnd + 1;
        while (i < n && isSpace(object[i]))
            ++i;
        if (i >= n || object[i] != ':')
            break;
        ++i;
        while (i < n && isSpace(object[i]))
            ++i;
        const qsizetype end = jsonscan::valueEnd(object.first(n), i);
        const qsizetype valueEnd = end < 0 ? n : end;
        const QByteArrayView value = object.sliced(i, valueEnd - i);
        ++m.count;
        if (!value.isEmpty() && value.front() == '{') {
            if (!nestedName.isEmpty() && key == nestedName)
                m.nested = value;
        } else if (!value.isEmpty() && value.front() != '"' && value.front() != '[') {
            m.ints.append({key, intValue(value)});
        }
        if (end < 0)
            break;
        i = valueEnd;
    }
    return m;
}

TokenUsage fromGemini(QByteArrayView object)
{
    const Members m = membersOf(object);
    TokenUsage u;
    if (m.count == 0)
        return u;
    u.known = true;
    u.prompt = m.value("promptTokenCount");
    u.candidates = m.value("candidatesTokenCount");
    u.thoughts = m.value("thoughtsTokenCount");
    u.total = m.contains("totalTokenCount") ? m.value("totalTokenCount")
                                                  : u.prompt + u.candidates + u.thoughts;
    return u;
}

TokenUsage fromOpenAi(QByteArrayView object)
{
    const Members m = membersOf(object, "completion_tokens_details");
    TokenUsage u;
    if (!m.contains("prompt_tokens") && !m.contains("completion_tokens"))
        return u;  // some other "usage" object
    u.known = true;
    u.prompt = m.value("prompt_tokens");
    u.thoughts = m.nested.isEmpty() ? 0 : membersOf(m.nested).value("reasoning_tokens");
    // OpenAI counts reasoning inside completion_tokens; the log keeps them apart as Gemini does.
    u.candidates = qMax(0, m.value("completion_tokens") - u.thoughts);
    u.total = m.contains("total_tokens") ? m.value("total_tokens") : u.prompt + u.candidates + u.thoughts;
    return u;
}

} // namespace

TokenUsage lastTokenUsageIn(const QByteArray &text)
{
    static const QByteArray gemini = QByteArrayLiteral("\"usageMetadata\"");
    static const QByteArray openAi = QByteArrayLiteral("\"usage\"");
    // Gemini's report first: an answer from the Gemini API has one near its end, and the
    // search for OpenAI's "usage" would then read the whole answer for nothing.
    const qsizetype lastGemini = lastNameBefore(text, gemini, text.size());
    if (lastGemini >= 0) {
        const QByteArrayView object = objectAfter(text, lastGemini + gemini.size());
        if (!object.isEmpty()) {
            if (const TokenUsage usage = fromGemini(object); usage.known)
                return usage;
        }
    }
    // A few tries backwards: a match may be inside a string or cut off at the end. The last
    // Gemini match was tried above (one try), and with none there is no need to search again.
    qsizetype geminiFrom = qMax<qsizetype>(0, lastGemini);
    qsizetype openAiFrom = text.size();
    for (int tries = lastGemini >= 0 ? 1 : 0; tries < 4; ++tries) {
        const qsizetype g = lastNameBefore(text, gemini, geminiFrom);
        const qsizetype o = lastNameBefore(text, openAi, openAiFrom);
        if (g < 0 && o < 0)
            return {};
        const bool useGemini = g >= o;
        const qsizetype at = useGemini ? g : o;
        const QByteArrayView object = objectAfter(text, at + (useGemini ? gemini.size() : openAi.size()));
        if (!object.isEmpty()) {
            const TokenUsage usage = useGemini ? fromGemini(object) : fromOpenAi(object);
            if (usage.known)
                return usage;
        }
        if (useGemini)
            geminiFrom = g;
        else
            openAiFrom = o;
    }
    return {};
}

} // namespace gb
