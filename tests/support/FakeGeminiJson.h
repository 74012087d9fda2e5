#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

namespace gb::test {

// A JSON value that keeps object members in insertion order (QJsonObject sorts them),
// so the fake can emit fields in the order the real API does (proto field order), and
// serialise them the three ways seen on the wire:
//  - toPretty(): unary replies and error bodies: 2-space indent, `"key": value`, one
//    array element per line.
//  - toStreamLine(): SSE `data:` payloads: `{"a": 1,"b": [1,2]}` (space after the colon,
//    none after the comma), exactly like Google's SSE events.
//  - toCompact(): `{"a":1,"b":[1,2]}` (OpenAI-compatible endpoint).
// Strings escape `<>&='` as \u003c etc. like Google's JSON encoder; other non-ASCII text
// is written as raw UTF-8.
class Json
{
public:
    enum class Type { Null, Bool, Int, Double, String, Array, Object };
    using Member = std::pair<QByteArray, Json>;

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool value) : m_type(Type::Bool), m_bool(value) {}
    template<typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
    Json(T value) : m_type(Type::Int), m_int(qint64(value)) {}
    Json(double value) : m_type(Type::Double), m_double(value) {}
    Json(const QString &value) : m_type(Type::String), m_string(value) {}
    Json(const char *utf8) : m_type(Type::String), m_string(QString::fromUtf8(utf8)) {}

    static Json array(std::initializer_list<Json> items = {});
    static Json object(std::initializer_list<Member> members = {});
    // Object members come out in Qt's (sorted) order.
    static Json fromQt(const QJsonValue &value);

    Json &add(const QByteArray &key, Json value);  // object: appends (or replaces) a member
    Json &append(Json value);                      // array: appends an element

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    qsizetype size() const;  // array elements or object members
    const Json *member(const QByteArray &key) const;

    QByteArray toPretty() const;
    QByteArray toStreamLine() const;
    QByteArray toCompact() const;

private:
    enum class Style { Pretty, Stream, Compact };
    void write(QByteArray &out, Style style, int depth) const;

    Type m_type = Type::Null;
    bool m_bool = false;
    qint64 m_int = 0;
    double m_double = 0;
    QString m_string;
    std::vector<Json> m_items;        // array elements, or object member values
    std::vector<QByteArray> m_keys;   // object member names (parallel to m_items)
};

// Appends a JSON string literal (with the quotes) escaped the way Google's encoder does.
void appendJsonString(QByteArray &out, const QString &text);

} // namespace gb::test
