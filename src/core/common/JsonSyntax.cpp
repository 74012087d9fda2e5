#include "common/JsonSyntax.h"

#include "common/JsonScan.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace gb::jsonsyntax {
namespace {

// The smallest and largest decimal exponent of a non-zero number's leading digit that is
// surely a finite, normal double (DBL_MIN is 2.2e-308, DBL_MAX 1.8e308).
constexpr int minDecimalExponent = -307;
constexpr int maxDecimalExponent = 307;

bool isDigit(uint8_t c) { return c >= '0' && c <= '9'; }

// The bytes that stand for themselves inside a string: printable ASCII but the quote and the
// backslash. Strings are scanned eight bytes at a time (specialBytes below), the last few
// bytes of a document with this table.
constexpr std::array<bool, 256> plainStringBytes = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c)
        plain[c] = c != '"' && c != '\\';
    return plain;
}();

// Which brackets are open: one bit per level, set for an object. No heap, bounded by maxDepth.
class Nesting
{
public:
    bool push(bool object)
    {
        if (m_depth == maxDepth)
            return false;
        const uint64_t bit = uint64_t(1) << (m_depth % 64);
        if (object)
            m_objects[m_depth / 64] |= bit;
        else
            m_objects[m_depth / 64] &= ~bit;
        ++m_depth;
        return true;
    }
    // Closes the innermost level; true when the one around it, if any, is an object.
    bool pop()
    {
        --m_depth;
        return m_depth > 0 && (m_objects[(m_depth - 1) / 64] >> ((m_depth - 1) % 64)) & 1;
    }
    int depth() const { return m_depth; }

private:
    uint64_t m_objects[(maxDepth + 63) / 64] = {};
    int m_depth = 0;
};

uint64_t load8(const uint8_t *at)
{
    uint64_t word;
    std::memcpy(&word, at, sizeof word);
    return word;
}

// The high bit of each of the eight bytes of `word` that is not a plain string byte (a
// control character, the quote, the backslash or a byte >= 0x80). The classic "has a zero
// byte" and "has a byte less than n" tests: they may also mark bytes above a marked one, but
// never miss one, so the lowest marked byte is the first that needs a look.
uint64_t specialBytes(uint64_t word)
{
    constexpr uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
    const auto zeroBytes = [](uint64_t v) { return (v - ones) & ~v & highs; };
    const uint64_t control = (word - ones * 0x20) & ~word & highs;
    return control | zeroBytes(word ^ (ones * '"')) | zeroBytes(word ^ (ones * '\\')) | (word & highs);
}

class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_at(reinterpret_cast<const uint8_t *>(text.data())), m_end(m_at + text.size())
    {
    }

    bool document();

private:
    bool atEnd() const { return m_at == m_end; }
    bool at(uint8_t c) const { return m_at != m_end && *m_at == c; }
    bool take(uint8_t c)
    {
        if (!at(c))
            return false;
        ++m_at;
        return true;
    }
    void skipSpace()
    {
        while (m_at != m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t'))
            ++m_at;
    }
    bool open();
    bool takeCloser() { return take(m_inObject ? '}' : ']'); }
    void close() { m_inObject = m_nesting.pop(); }
    bool string();
    bool escape();
    bool hexUnit(unsigned &unit);
    bool utf8Sequence();
    bool number();
    bool literal(const char *word, int length);
    bool scalar();

    const uint8_t *m_at;
    const uint8_t *const m_end;
    Nesting m_nesting;
    bool m_inObject = false;  // the innermost open container is an object
};

bool Scanner::document()
{
    skipSpace();
    if (!at('{') || !open())
        return false;
    bool justOpened = true;
    for (;;) {
        // At the start of a member or an element, or at the closer of an empty container.
        skipSpace();
        if (justOpened && takeCloser()) {
            close();
        } else {
            if (m_inObject) {
                if (!string())
                    return false;
                skipSpace();
                if (!take(':'))
                    return false;
                skipSpace();
            }
            if (at('{') || at('[')) {
                if (!open())
                    return false;
                justOpened = true;
                continue;
            }
            if (!scalar())
                return false;
        }
        // After a value: a comma leads to the next one, closers end containers.
        for (;;) {
            skipSpace();
            if (m_nesting.depth() == 0)
                return atEnd();
            if (take(','))
                break;
            if (!takeCloser())
                return false;
            close();
        }
        justOpened = false;
    }
}

bool Scanner::open()
{
    m_inObject = *m_at == '{';
    ++m_at;
    return m_nesting.push(m_inObject);
}

bool Scanner::scalar()
{
    if (atEnd())
        return false;
    switch (*m_at) {
    case '"':
        return string();
    case 't':
        return literal("true", 4);
    case 'f':
        return literal("false", 5);
    case 'n':
        return literal("null", 4);
    default:
        return number();
    }
}

bool Scanner::literal(const char *word, int length)
{
    if (m_end - m_at < length)
        return false;
    for (int i = 0; i < length; ++i) {
        if (m_at[i] != uint8_t(word[i]))
            return false;
    }
    m_at += length;
    return true;
}

bool Scanner::string()
{
    if (!take('"'))
        return false;
    for (;;) {
        // Plain bytes, eight at a time while there are eight, then one at a time.
        while (m_end - m_at >= 8) {
            const uint64_t special = specialBytes(load8(m_at));
            if (special) {
                if constexpr (std::endian::native == std::endian::little)
                    m_at += std::countr_zero(special) / 8;  // the first byte is the lowest
                break;
            }
            m_at += 8;
        }
        while (m_at != m_end && plainStringBytes[*m_at])
            ++m_at;
        if (m_at == m_end)
            return false;  // unterminated
        const uint8_t c = *m_at;
        if (c == '"') {
            ++m_at;
            return true;
        }
        if (c < 0x20)
            return false;
        const bool ok = c == '\\' ? escape() : utf8Sequence();  // c >= 0x80 otherwise
        if (!ok)
            return false;
    }
}

// Four hex digits after a backslash and 'u' (which the caller has taken).
bool Scanner::hexUnit(unsigned &unit)
{
    if (m_end - m_at < 4)
        return false;
    unit = 0;
    for (int i = 0; i < 4; ++i) {
        const int v = jsonscan::hexValue(char(m_at[i]));
        if (v < 0)
            return false;
        unit = unit * 16 + unsigned(v);
    }
    m_at += 4;
    return true;
}

bool Scanner::escape()
{
    ++m_at;  // the backslash
    if (atEnd())
        return false;
    switch (*m_at++) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return true;
    case 'u': {
        unsigned unit = 0;
        if (!hexUnit(unit))
            return false;
        if (unit >= 0xDC00 && unit <= 0xDFFF)
            return false;  // a low surrogate without its high one
        if (unit < 0xD800 || unit > 0xDBFF)
            return true;
        // A high surrogate: the low one must follow as another \u escape.
        if (!take('\\') || !take('u') || !hexUnit(unit))
            return false;
        return unit >= 0xDC00 && unit <= 0xDFFF;
    }
    default:
        return false;
    }
}

// One multi-byte UTF-8 sequence (the lead byte is >= 0x80), by the well-formed byte
// sequences of the Unicode standard (table 3-7).
bool Scanner::utf8Sequence()
{
    const uint8_t lead = *m_at;
    int length = 0;
    uint8_t secondMin = 0x80, secondMax = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            secondMin = 0xA0;  // overlong below U+0800
        else if (lead == 0xED)
            secondMax = 0x9F;  // U+D800..U+DFFF, surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            secondMin = 0x90;  // overlong below U+10000
        else if (lead == 0xF4)
            secondMax = 0x8F;  // above U+10FFFF
    } else {
        return false;  // a continuation byte, an overlong C0/C1 lead or F5..FF
    }
    if (m_end - m_at < length)
        return false;
    if (m_at[1] < secondMin || m_at[1] > secondMax)
        return false;
    for (int i = 2; i < length; ++i) {
        if (m_at[i] < 0x80 || m_at[i] > 0xBF)
            return false;
    }
    m_at += length;
    return true;
}

bool Scanner::number()
{
    const uint8_t *const start = m_at;
    take('-');
    // The decimal exponent of the leading non-zero digit, before the e part.
    int leading = 0;
    bool nonZero = false;
    if (take('0')) {
        // 0 or 0.xxx
    } else if (m_at != m_end && *m_at >= '1' && *m_at <= '9') {
        nonZero = true;
        while (m_at != m_end && isDigit(*m_at)) {
            ++m_at;
            ++leading;
        }
        --leading;  // 1..9 is 10^0
    } else {
        return false;
    }
    if (take('.')) {
        if (atEnd() || !isDigit(*m_at))
            return false;
        int position = 0;
        while (m_at != m_end && isDigit(*m_at)) {
            ++position;
            if (!nonZero && *m_at != '0') {
                nonZero = true;
                leading = -position;
            }
            ++m_at;
        }
    }
    if (take('e') || take('E')) {
        bool negative = false;
        if (take('-'))
            negative = true;
        else
            take('+');
        if (atEnd() || !isDigit(*m_at))
            return false;
        int exponent = 0;
        while (m_at != m_end && isDigit(*m_at)) {
            if (exponent < 100000)
                exponent = exponent * 10 + (*m_at - '0');
            ++m_at;
        }
        leading += negative ? -exponent : exponent;
    }
    if (m_at - start > maxNumberLength)
        return false;
    return !nonZero || (leading >= minDecimalExponent && leading <= maxDecimalExponent);
}

} // namespace

bool isObject(QByteArrayView text)
{
    return Scanner(text).document();
}

} // namespace gb::jsonsyntax
