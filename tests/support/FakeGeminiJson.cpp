#include "FakeGeminiJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace gb::test {

Json Json::array(std::initializer_list<Json> items)
{
    Json j;
    j.m_type = Type::Array;
    j.m_items.assign(items.begin(), items.end());
    return j;
}

Json Json::object(std::initializer_list<Member> members)
{
    Json j;
    j.m_type = Type::Object;
    for (const Member &m : members)
        j.add(m.first, m.second);
    return j;
}

Json Json::fromQt(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return Json(value.toBool());
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
            return Json(qint64(d));
        return Json(d);
    }
    case QJsonValue::String:
        return Json(value.toString());
    case QJsonValue::Array: {
        Json j = array();
        const QJsonArray a = value.toArray();
        for (const QJsonValue &v : a)
            j.append(fromQt(v));
        return j;
    }
    case QJsonValue::Object: {
        Json j = object();
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            j.add(it.key().toUtf8(), fromQt(it.value()));
        return j;
    }
    default:
        return Json();
    }
}

Json &Json::add(const QByteArray &key, Json value)
{
    if (m_type != Type::Object) {
        *this = object();
    }
    for (size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i] == key) {
            m_items[i] = std::move(value);
            return *this;
        }
    }
    m_keys.push_back(key);
    m_items.push_back(std::move(value));
    return *this;
}

Json &Json::append(Json value)
{
    if (m_type != Type::Array)
        *this = array();
    m_items.push_back(std::move(value));
    return *this;
}

qsizetype Json::size() const
{
    return (m_type == Type::Array || m_type == Type::Object) ? qsizetype(m_items.size()) : 0;
}

const Json *Json::member(const QByteArray &key) const
{
    if (m_type != Type::Object)
        return nullptr;
    for (size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i] == key)
            return &m_items[i];
    }
    return nullptr;
}

QByteArray Json::toPretty() const
{
    QByteArray out;
    write(out, Style::Pretty, 0);
    return out;
}

QByteArray Json::toStreamLine() const
{
    QByteArray out;
    write(out, Style::Stream, 0);
    return out;
}

QByteArray Json::toCompact() const
{
    QByteArray out;
    write(out, Style::Compact, 0);
    return out;
}

void appendJsonString(QByteArray &out, const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.append('"');
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '<': case '>': case '&': case '=': case '\'':
            out.append("\\u00").append(hex[u >> 4]).append(hex[u & 0xf]);
            break;
        default:
            if (u < 0x20)
                out.append("\\u00").append(hex[u >> 4]).append(hex[u & 0xf]);
            else
                out.append(c);
        }
    }
    out.append('"');
}

static void indent(QByteArray &out, int depth)
{
    out.append('\n');
    out.append(QByteArray(depth * 2, ' '));
}

void Json::write(QByteArray &out, Style style, int depth) const
{
    switch (m_type) {
    case Type::Null:
        out.append("null");
        return;
    case Type::Bool:
        out.append(m_bool ? "true" : "false");
        return;
    case Type::Int:
        out.append(QByteArray::number(m_int));
        return;
    case Type::Double:
        if (!std::isfinite(m_double))
            out.append("null");
        else
            out.append(QByteArray::number(m_double, 'g', QLocale::FloatingPointShortest));
        return;
    case Type::String:
        appendJsonString(out, m_string);
        return;
    case Type::Array:
    case Type::Object: {
        const bool isObject = m_type == Type::Object;
        out.append(isObject ? '{' : '[');
        if (m_items.empty()) {
            out.append(isObject ? '}' : ']');
            return;
        }
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (i > 0)
                out.append(',');
            if (style == Style::Pretty)
                indent(out, depth + 1);
            if (isObject) {
                appendJsonString(out, QString::fromUtf8(m_keys[i]));
                out.append(style == Style::Compact ? ":" : ": ");
            }
            m_items[i].write(out, style, depth + 1);
        }
        if (style == Style::Pretty)
            indent(out, depth);
        out.append(isObject ? '}' : ']');
        return;
    }
    }
}

} // namespace gb::test
