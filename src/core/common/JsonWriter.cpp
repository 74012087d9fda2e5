#include "common/JsonWriter.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <charconv>
#include <cmath>
#include <cstring>

namespace gb {

namespace {

constexpr char kHex[] = "0123456789abcdef";  // \uXXXX escapes, lower case as QJsonDocument writes them

// A byte a JSON string holds as it is (QJsonDocument escapes the others).
bool isPlainStringByte(unsigned char u)
{
    return u >= 0x20 && u != '"' && u != '\\';
}

// Appends UTF-8 (or Latin-1 ASCII) bytes as the inside of a JSON string: runs of bytes that
// need no escape are copied at once.
void appendEscaped(QByteArray &out, const char *data, qsizetype size)
{
    qsizetype run = 0;  // start of the bytes not copied yet
    for (qsizetype i = 0; i < size; ++i) {
        const auto u = static_cast<unsigned char>(data[i]);
        if (isPlainStringByte(u))
            continue;
        out.append(data + run, i - run);
        run = i + 1;
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xf]};
            out.append(escape, sizeof escape);
        }
        }
    }
    out.append(data + run, size - run);
}

bool needsEscape(const char *data, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i)
        if (!isPlainStringByte(static_cast<unsigned char>(data[i])))
            return true;
    return false;
}

// Appends '"' + data + '"' (+ `after`, when not 0), escaped; data that needs no escape (names,
// most text) in one step.
void appendQuoted(QByteArray &out, const char *data, qsizetype size, char after = 0)
{
    if (needsEscape(data, size)) {
        out += '"';
        appendEscaped(out, data, size);
        out += '"';
        if (after)
            out += after;
        return;
    }
    const qsizetype at = out.size();
    out.resize(at + size + 2 + (after ? 1 : 0));
    char *p = out.data() + at;
    *p++ = '"';
    std::memcpy(p, data, size_t(size));
    p += size;
    *p++ = '"';
    if (after)
        *p = after;
}

// The index of the first surrogate at or after `from` that is not half of a pair, or -1.
qsizetype loneSurrogateAt(QStringView text, qsizetype from)
{
    for (qsizetype i = from; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode()))
            ++i;
        else if (QChar::isSurrogate(c))
            return i;
    }
    return -1;
}

// The string with its lone surrogates as \uXXXX escapes (lower-case hex), as QJsonDocument
// writes them; everything else as usual.
void appendWithLoneSurrogates(QByteArray &out, QStringView text)
{
    out += '"';
    qsizetype run = 0;
    const auto flush = [&](qsizetype end) {
        const QByteArray utf8 = text.sliced(run, end - run).toUtf8();
        appendEscaped(out, utf8.constData(), utf8.size());
    };
    for (qsizetype i = loneSurrogateAt(text, 0); i >= 0; i = loneSurrogateAt(text, run)) {
        flush(i);
        const char16_t c = text[i].unicode();
        const char escape[] = {'\\', 'u', kHex[c >> 12], kHex[(c >> 8) & 0xf], kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
        out.append(escape, sizeof escape);
        run = i + 1;
    }
    flush(text.size());
    out += '"';
}

void appendJson(QByteArray &out, const QJsonValue &value);

void appendJson(QByteArray &out, const QJsonObject &object)
{
    out += '{';
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it != object.constBegin())
            out += ',';
        JsonWriter::appendString(out, it.key());
        out += ':';
        appendJson(out, it.value());
    }
    out += '}';
}

void appendJson(QByteArray &out, const QJsonArray &array)
{
    out += '[';
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJson(out, array.at(i));
    }
    out += ']';
}

// What QJsonDocument::toJson(Compact) writes for the value: a number held as an integer in
// its digits, any other finite one in the shortest form that reads back the same, and
// null for undefined or non-finite values.
void appendJson(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        if (const QCborValue number = QCborValue::fromJsonValue(value); number.isInteger()) {
            char digits[24];
            const auto end = std::to_chars(digits, digits + sizeof digits, number.toInteger()).ptr;
            out.append(digits, end - digits);
        } else if (const double d = value.toDouble(); std::isfinite(d)) {
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        } else {
            out += "null";
        }
        break;
    }
    case QJsonValue::String:
        JsonWriter::appendString(out, value.toString());
        break;
    case QJsonValue::Array:
        appendJson(out, value.toArray());
        break;
    case QJsonValue::Object:
        appendJson(out, value.toObject());
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    }
}

} // namespace

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasItems.isEmpty()) {
        if (m_hasItems.back())
            m_out += ',';
        m_hasItems.back() = true;
    }
}

JsonWriter &JsonWriter::beginObject()
{
    beforeValue();
    m_out += '{';
    m_hasItems.append(false);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    m_out += '}';
    m_hasItems.removeLast();
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    beforeValue();
    m_out += '[';
    m_hasItems.append(false);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    m_out += ']';
    m_hasItems.removeLast();
    return *this;
}

JsonWriter &JsonWriter::key(QLatin1StringView name)
{
    beforeValue();
    appendQuoted(m_out, name.data(), name.size(), ':');
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(const QString &text)
{
    beforeValue();
    appendString(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::value(QLatin1StringView text)
{
    beforeValue();
    appendString(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    beforeValue();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    m_out.append(digits, end - digits);
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    beforeValue();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_out += "null";
    return *this;
}

JsonWriter &JsonWriter::value(const QJsonObject &object)
{
    beforeValue();
    appendJson(m_out, object);
    return *this;
}

JsonWriter &JsonWriter::rawValue(QByteArrayView json)
{
    beforeValue();
    m_out += json;
    return *this;
}

JsonWriter &JsonWriter::rawMembers(QByteArrayView members)
{
    if (members.isEmpty())
        return *this;
    beforeValue();
    m_out += members;
    return *this;
}

JsonWriter &JsonWriter::value(const QJsonArray &array)
{
    beforeValue();
    appendJson(m_out, array);
    return *this;
}

void JsonWriter::appendString(QByteArray &out, QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    // toUtf8() writes a lone surrogate as '?': such text is written piece by piece.
    if (utf8.contains('?') && loneSurrogateAt(text, 0) >= 0)
        appendWithLoneSurrogates(out, text);
    else
        appendQuoted(out, utf8.constData(), utf8.size());
}

void JsonWriter::appendString(QByteArray &out, QLatin1StringView ascii)
{
    appendQuoted(out, ascii.data(), ascii.size());
}

} // namespace gb
