// A .env reader that follows python-dotenv's parser (dotenv/parser.py) rule for rule,
// so files written for gemini-balance read the same. It works on bytes: every
// character with a meaning is ASCII, and UTF-8 is decoded per name and value.

#include "settings/DotEnv.h"

#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace gb {
namespace {

bool isHorizontalSpace(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool isSpace(char c) { return isHorizontalSpace(c) || c == '\n' || c == '\r'; }

bool decodeUtf8(const QByteArray &bytes, QString *out)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *out = decoder(bytes);
    return !decoder.hasError();
}

class Parser
{
public:
    explicit Parser(const QByteArray &text) : m_text(text) {}

    DotEnvFile parse()
    {
        DotEnvFile file;
        while (true) {
            skipWhile(isSpace);
            if (atEnd())
                break;
            const int line = m_line;
            QString error;
            DotEnvEntry entry;
            if (parseBinding(&entry, &error)) {
                if (!entry.name.isEmpty()) {
                    entry.line = line;
                    file.entries << entry;
                }
            } else {
                file.errors << u"line %1: %2"_s.arg(line).arg(error);
                skipRestOfLine();
            }
        }
        return file;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(qsizetype ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }

    void advance(qsizetype count)
    {
        for (qsizetype i = 0; i < count && m_pos < m_text.size(); ++i, ++m_pos) {
            if (m_text[m_pos] == '\n')
                ++m_line;
        }
    }

    qsizetype skipWhile(bool (*predicate)(char))
    {
        const qsizetype start = m_pos;
        while (!atEnd() && predicate(peek()))
            advance(1);
        return m_pos - start;
    }

    void skipRestOfLine()
    {
        while (!atEnd() && peek() != '\n')
            advance(1);
        advance(1);
    }

    // NAME=VALUE, `export NAME=VALUE`, or a comment line (entry left without a name).
    bool parseBinding(DotEnvEntry *entry, QString *error)
    {
        if (m_text.mid(m_pos, 6) == "export" && isHorizontalSpace(peek(6))) {
            advance(6);
            skipWhile(isHorizontalSpace);
        }
        if (peek() == '#') {  // a comment line
            skipRestOfLine();
            return true;
        }
        QByteArray name;
        if (peek() == '\'') {
            const qsizetype close = m_text.indexOf('\'', m_pos + 1);
            if (close <= m_pos + 1) {
                *error = u"a quoted name has no closing ' or is empty"_s;
                return false;
            }
            name = m_text.mid(m_pos + 1, close - m_pos - 1);
            advance(close + 1 - m_pos);
        } else {
            const qsizetype start = m_pos;
            while (!atEnd() && peek() != '=' && peek() != '#' && !isSpace(peek()))
                advance(1);
            name = m_text.mid(start, m_pos - start);
            if (name.isEmpty()) {
                *error = u"expected NAME=VALUE, but the line starts with '='"_s;
                return false;
            }
        }
        if (!decodeUtf8(name, &entry->name)) {
            *error = u"the setting name is not valid UTF-8"_s;
            return false;
        }
        skipWhile(isHorizontalSpace);
        if (peek() != '=') {
            *error = u"%1 has no '=' (expected NAME=VALUE)"_s.arg(entry->name);
            return false;
        }
        advance(1);
        const bool spaceAfterEquals = skipWhile(isHorizontalSpace) > 0;
        QByteArray value;
        if (!parseValue(spaceAfterEquals, &value, error)) {
            *error = u"%1: %2"_s.arg(entry->name, *error);
            return false;
        }
        if (!decodeUtf8(value, &entry->value)) {
            *error = u"%1: the value is not valid UTF-8"_s.arg(entry->name);
            return false;
        }
        skipWhile(isHorizontalSpace);
        if (peek() == '#') {
            while (!atEnd() && peek() != '\n')
                advance(1);
        }
        if (!atEnd() && peek() != '\n') {
            *error = u"%1: unexpected text after the closing quote"_s.arg(entry->name);
            return false;
        }
        advance(1);
        return true;
    }

    bool parseValue(bool spaceAfterEquals, QByteArray *value, QString *error)
    {
        const char first = peek();
        if (first == '\'' || first == '"')
            return parseQuoted(first, value, error);
        qsizetype end = m_text.indexOf('\n', m_pos);
        if (end < 0)
            end = m_text.size();
        QByteArray part = m_text.mid(m_pos, end - m_pos);
        advance(end - m_pos);
        // `KEY=  # comment` is empty; `KEY=#value` keeps the '#'.
        if (spaceAfterEquals && part.startsWith('#')) {
            value->clear();
            return true;
        }
        // Drop the first run of whitespace followed by '#' and everything after it.
        for (qsizetype i = 0; i < part.size(); ++i) {
            if (!isSpace(part[i]))
                continue;
            qsizetype j = i;
            while (j < part.size() && isSpace(part[j]))
                ++j;
            if (j < part.size() && part[j] == '#') {
                part.truncate(i);
                break;
            }
            i = j;
        }
        while (!part.isEmpty() && isSpace(part.back()))
            part.chop(1);
        *value = part;
        return true;
    }

    // python-dotenv: '((?:\\'|[^'])*)' and "((?:\\"|[^"])*)", escapes decoded after.
    // The value ends at the first unescaped quote; failing that, the regex backtracks
    // to the last escaped one.
    bool parseQuoted(char quote, QByteArray *value, QString *error)
    {
        const qsizetype start = m_pos + 1;
        qsizetype close = -1, lastEscapedQuote = -1;
        for (qsizetype i = start; i < m_text.size(); ++i) {
            if (m_text[i] == '\\' && i + 1 < m_text.size() && m_text[i + 1] == quote) {
                lastEscapedQuote = i + 1;
                ++i;
            } else if (m_text[i] == quote) {
                close = i;
                break;
            }
        }
        if (close < 0)
            close = lastEscapedQuote;
        if (close < 0) {
            *error = u"the value has no closing %1"_s.arg(QLatin1Char(quote));
            return false;
        }
        *value = decodeEscapes(m_text.mid(start, close - start), quote == '"');
        advance(close + 1 - m_pos);
        return true;
    }

    static QByteArray decodeEscapes(const QByteArray &raw, bool doubleQuoted)
    {
        QByteArray out;
        out.reserve(raw.size());
        for (qsizetype i = 0; i < raw.size(); ++i) {
            const char c = raw[i];
            const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
            if (c != '\\' || next == '\0') {
                out += c;
                continue;
            }
            char decoded = 0;
            switch (next) {
            case '\\': decoded = '\\'; break;
            case '\'': decoded = '\''; break;
            case '"': decoded = doubleQuoted ? '"' : 0; break;
            case 'a': decoded = doubleQuoted ? '\a' : 0; break;
            case 'b': decoded = doubleQuoted ? '\b' : 0; break;
            case 'f': decoded = doubleQuoted ? '\f' : 0; break;
            case 'n': decoded = doubleQuoted ? '\n' : 0; break;
            case 'r': decoded = doubleQuoted ? '\r' : 0; break;
            case 't': decoded = doubleQuoted ? '\t' : 0; break;
            case 'v': decoded = doubleQuoted ? '\v' : 0; break;
            default: break;
            }
            if (decoded) {
                out += decoded;
                ++i;
            } else {
                out += c;
            }
        }
        return out;
    }

    QByteArray m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
};

} // namespace

DotEnvFile parseDotEnv(const QByteArray &content)
{
    QByteArray text = content;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    // Python reads text files with universal newlines: CRLF and lone CR become LF.
    text.replace("\r\n", "\n");
    text.replace('\r', '\n');
    return Parser(text).parse();
}

} // namespace gb
