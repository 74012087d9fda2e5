#pragma once

// Reading members out of JSON text in place, without building a QJsonDocument: for the hot
// paths that want a few values of a known shape (an answer's usage report, a Gemini text
// answer) where Qt's parse costs more than everything else done with the answer.

#include <QByteArrayView>
#include <QString>

#include <cstring>

namespace gb::jsonscan {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A hexadecimal digit's value, or -1.
inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The end of the JSON value that starts at `i` (a string, an object or array with what it
// holds, or a number or literal up to the next ',', '}' or ']'), or -1 when it is not closed.
// A bare value's end includes the space after it.
qsizetype valueEnd(QByteArrayView text, qsizetype i);

// Calls `member(key, value)` for each member of `object` (the text of one JSON object, "{...}"),
// in order: `key` as written between its quotes (escapes not decoded), `value` the member's
// text without the space around it. Returns false when `member` does (stopping there) or the
// text is not an object's; well-formed text is the caller's to check (jsonsyntax::isObject).
template<typename Member>
bool forEachMember(QByteArrayView object, Member &&member);

// Calls `element(value)` for each element of `array` ("[...]"); like forEachMember.
template<typename Element>
bool forEachElement(QByteArrayView array, Element &&element);

// The text of the value that starts at text[at] (without the space after a bare value), with
// *end set to valueEnd(text, at); empty when the value is not closed.
inline QByteArrayView valueAt(QByteArrayView text, qsizetype at, qsizetype *end);

// The same walks without finding each value's end first, for readers that descend into
// nested values (with the views above, the bytes of a value nested n deep are read n times):
// `member(key, at)` reads the value that starts at text[at] (walking into it, or skipping it
// with valueEnd) and returns the index just past it, or -1 to stop. The object or array
// opens at text[open]; returns the index just past its closing bracket, or -1.
template<typename Member>
qsizetype walkMembers(QByteArrayView text, qsizetype open, Member &&member);
template<typename Element>
qsizetype walkElements(QByteArrayView text, qsizetype open, Element &&element);

// A JSON string's value ("..." with its quotes, escapes decoded) as QJsonValue::toString()
// gives it for well-formed JSON: UTF-8 decoded, \uXXXX as UTF-16 units (a lone surrogate kept).
QString decodeString(QByteArrayView quoted);

// A number written as a plain integer (-?[0-9]{1,18}) into *value; false for any other text
// (fractions, exponents, longer numbers), which a caller leaves to QJsonValue.
bool plainInteger(QByteArrayView number, qint64 *value);

// --- implementation of the templates ---

namespace detail {
inline qsizetype skipSpace(QByteArrayView text, qsizetype i)
{
    while (i < text.size() && isSpace(text[i]))
        ++i;
    return i;
}

inline QByteArrayView trimmedRight(QByteArrayView v)
{
    while (!v.isEmpty() && isSpace(v.back()))
        v.chop(1);
    return v;
}

// The index of the closing quote of the string whose opening quote is at `i`, or -1: the
// next quote not escaped (an even number of backslashes before it), found with memchr.
inline qsizetype stringEnd(QByteArrayView text, qsizetype i)
{
    const char *const p = text.data();
    const qsizetype n = text.size();
    for (qsizetype from = i + 1; from < n;) {
        const char *quote = static_cast<const char *>(std::memchr(p + from, '"', size_t(n - from)));
        if (!quote)
            return -1;
        const qsizetype at = quote - p;
        qsizetype backslashes = 0;
        while (at - backslashes - 1 > i && p[at - backslashes - 1] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return at;
        from = at + 1;
    }
    return -1;
}

template<bool keyed, typename Visit>
qsizetype walkValues(QByteArrayView text, qsizetype i, char open, char close, Visit &&visit)
{
    const qsizetype n = text.size();
    if (i < 0 || i >= n || text[i] != open)
        return -1;
    i = skipSpace(text, i + 1);
    if (i < n && text[i] == close)
        return i + 1;  // empty
    while (i < n) {
        qsizetype end;
        if constexpr (keyed) {
            if (text[i] != '"')
                return -1;
            const qsizetype keyEnd = stringEnd(text, i);
            if (keyEnd < 0)
                return -1;
            const QByteArrayView key = text.sliced(i + 1, keyEnd - i - 1);
            i = skipSpace(text, keyEnd + 1);
            if (i >= n || text[i] != ':')
                return -1;
            i = skipSpace(text, i + 1);
            if (i >= n)
                return -1;
            end = visit(key, i);
        } else {
            end = visit(i);
        }
        if (end <= i)
            return -1;
        i = skipSpace(text, end);
        if (i >= n)
            return -1;
        if (text[i] == close)
            return i + 1;
        if (text[i] != ',')
            return -1;
        i = skipSpace(text, i + 1);
    }
    return -1;
}

// Walks the values of an object (keyed) or array, "{...}" or "[...]", as views.
template<bool keyed, typename Visit>
bool forEachValue(QByteArrayView text, char open, char close, Visit &&visit)
{
    if (text.isEmpty() || text.back() != close)
        return false;
    qsizetype end;
    if constexpr (keyed)
        end = walkValues<true>(text, 0, open, close, [&](QByteArrayView key, qsizetype at) -> qsizetype {
            qsizetype valueEnd;
            const QByteArrayView value = valueAt(text, at, &valueEnd);
            return !value.isEmpty() && visit(key, value) ? valueEnd : -1;
        });
    else
        end = walkValues<false>(text, 0, open, close, [&](qsizetype at) -> qsizetype {
            qsizetype valueEnd;
            const QByteArrayView value = valueAt(text, at, &valueEnd);
            return !value.isEmpty() && visit(value) ? valueEnd : -1;
        });
    return end == text.size();
}
} // namespace detail

inline QByteArrayView valueAt(QByteArrayView text, qsizetype at, qsizetype *end)
{
    *end = valueEnd(text, at);
    return *end <= at ? QByteArrayView() : detail::trimmedRight(text.sliced(at, *end - at));
}

template<typename Member>
qsizetype walkMembers(QByteArrayView text, qsizetype open, Member &&member)
{
    return detail::walkValues<true>(text, open, '{', '}', member);
}

template<typename Element>
qsizetype walkElements(QByteArrayView text, qsizetype open, Element &&element)
{
    return detail::walkValues<false>(text, open, '[', ']', element);
}

template<typename Member>
bool forEachMember(QByteArrayView object, Member &&member)
{
    return detail::forEachValue<true>(object, '{', '}', member);
}

template<typename Element>
bool forEachElement(QByteArrayView array, Element &&element)
{
    return detail::forEachValue<false>(array, '[', ']', element);
}

} // namespace gb::jsonscan
