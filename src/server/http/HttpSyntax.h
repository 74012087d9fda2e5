#pragma once

// Character classes and small scanning helpers shared by the HTTP/1.x request parser.
// Internal to src/server/http.

#include <QtGlobal>

#include <array>
#include <cstring>

namespace gb::http::syntax {

enum CharClass : quint8 { Tchar = 1, TargetChar = 2, ValueChar = 4, HexDigit = 8 };

constexpr std::array<quint8, 256> makeCharTable()
{
    std::array<quint8, 256> t{};
    for (int c = 0; c < 256; ++c) {
        quint8 bits = 0;
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        if (alpha || digit)
            bits |= Tchar;
        switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
        case '-': case '.': case '^': case '_': case '`': case '|': case '~':
            bits |= Tchar;
            break;
        default:
            break;
        }
        if (c > 0x20 && c < 0x7f && c != '#')
            bits |= TargetChar;
        if (c == '\t' || (c >= 0x20 && c != 0x7f))
            bits |= ValueChar;
        if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            bits |= HexDigit;
        t[size_t(c)] = bits;
    }
    return t;
}

inline constexpr std::array<quint8, 256> kChars = makeCharTable();

inline bool is(char c, CharClass cls) { return kChars[quint8(c)] & cls; }
inline bool isOws(char c) { return c == ' ' || c == '\t'; }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c; }

// ASCII case-insensitive comparison with a lower-case literal.
inline bool equalsLower(const char *s, qsizetype n, const char *lowerLiteral, qsizetype literalSize)
{
    if (n != literalSize)
        return false;
    for (qsizetype i = 0; i < n; ++i)
        if (lower(s[i]) != lowerLiteral[i])
            return false;
    return true;
}

template <qsizetype N>
inline bool equalsLower(const char *s, qsizetype n, const char (&literal)[N])
{
    return equalsLower(s, n, literal, N - 1);
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return lower(c) - 'a' + 10;
}

// Calls f(begin, size) for every non-empty element of a comma-separated list, OWS trimmed.
template <typename F>
inline void forEachListElement(const char *s, qsizetype n, F &&f)
{
    const char *end = s + n;
    while (s < end) {
        const char *comma = static_cast<const char *>(std::memchr(s, ',', size_t(end - s)));
        const char *e = comma ? comma : end;
        const char *b = s;
        const char *t = e;
        while (b < t && isOws(*b))
            ++b;
        while (t > b && isOws(t[-1]))
            --t;
        if (t > b)
            f(b, t - b);
        s = comma ? comma + 1 : end;
    }
}

} // namespace gb::http::syntax
