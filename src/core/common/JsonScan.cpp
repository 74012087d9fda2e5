#include "common/JsonScan.h"

#include <cstring>

namespace gb::jsonscan {

qsizetype valueEnd(QByteArrayView text, qsizetype i)
{
    const qsizetype n = text.size();
    int depth = 0;
    for (; i < n; ++i) {
        const char c = text[i];
        if (c == '"') {
            i = detail::stringEnd(text, i);
            if (i < 0)
                return -1;
            if (depth == 0)
                return i + 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return i;  // the end of the enclosing object: a bare value ends here
            if (--depth == 0)
                return i + 1;
        } else if (c == ',' && depth == 0) {
            return i;
        }
    }
    return -1;
}

QString decodeString(QByteArrayView quoted)
{
    if (quoted.size() < 2)
        return {};
    const QByteArrayView s = quoted.sliced(1, quoted.size() - 2);
    const char *p = s.data();
    const qsizetype n = s.size();
    const void *firstEscape = std::memchr(p, '\\', size_t(n));
    if (!firstEscape)
        return QString::fromUtf8(s);  // most strings: nothing to decode but UTF-8
    QString out;
    out.reserve(n);
    qsizetype i = 0;
    while (i < n) {
        const char *escape = static_cast<const char *>(std::memchr(p + i, '\\', size_t(n - i)));
        const qsizetype at = escape ? escape - p : n;
        if (at > i)
            out += QString::fromUtf8(p + i, at - i);
        if (at + 1 >= n)
            break;
        const char c = p[at + 1];
        i = at + 2;
        switch (c) {
        case 'b': out += QChar(u'\b'); break;
        case 'f': out += QChar(u'\f'); break;
        case 'n': out += QChar(u'\n'); break;
        case 'r': out += QChar(u'\r'); break;
        case 't': out += QChar(u'\t'); break;
        case 'u': {
            char16_t unit = 0;
            for (int k = 0; k < 4 && i < n; ++k, ++i) {
                const int d = hexValue(p[i]);
                unit = char16_t(unit * 16 + (d < 0 ? 0 : d));
            }
            out += QChar(unit);
            break;
        }
        default: out += QLatin1Char(c); break;  // \" \\ \/
        }
    }
    return out;
}

bool plainInteger(QByteArrayView number, qint64 *value)
{
    const bool negative = !number.isEmpty() && number.front() == '-';
    const qsizetype digits = number.size() - (negative ? 1 : 0);
    if (digits < 1 || digits > 18)
        return false;
    qint64 v = 0;
    for (qsizetype i = negative ? 1 : 0; i < number.size(); ++i) {
        const char c = number[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *value = negative ? -v : v;
    return true;
}

} // namespace gb::jsonscan
