#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>
#include <QVarLengthArray>


class QJsonArray;
class QJsonObject;

namespace gb {

// Writes compact JSON straight into a byte array, for answers built on every request: Qt 6.4's
// QJsonObject re-encodes each key on insert and QJsonDocument::toJson walks the result again
// (callgrind: ~100k instructions for one OpenAI chat completion, against a few thousand here).
// Output is what QJsonDocument::toJson(Compact) writes for the same values (same escaping),
// with the keys in the order they were written instead of sorted.
class JsonWriter
{
public:
    // Room for most answers and requests, kept under glibc's per-thread cache limit (1,032
    // bytes with QByteArray's header): 1,024 took malloc's slow path, ~2,000 instructions.
    JsonWriter() { m_out.reserve(kInitialCapacity); }
    static constexpr qsizetype kInitialCapacity = 990;

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(QLatin1StringView name);  // inside an object, before each value; ASCII only

    JsonWriter &value(const QString &text);
    JsonWriter &value(QLatin1StringView text);  // ASCII only
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(bool flag);
    JsonWriter &null();
    JsonWriter &value(const QJsonObject &object);  // the bytes QJsonDocument writes (keys in its order)
    JsonWriter &value(const QJsonArray &array);
    // A value that is compact JSON already (e.g. a part serialized once and kept).
    JsonWriter &rawValue(QByteArrayView json);
    // Inside an object: members that are compact JSON already ("\"a\":1,\"b\":2", e.g. kept
    // from an earlier object), as if written one by one.
    JsonWriter &rawMembers(QByteArrayView members);

    // The JSON written so far (complete once every object and array is ended).
    QByteArray take() { return std::move(m_out); }

    // `text` as a JSON string literal with its quotes, escaped as QJsonDocument does.
    static void appendString(QByteArray &out, QStringView text);
    static void appendString(QByteArray &out, QLatin1StringView ascii);  // ASCII only (names, constants)

private:
    void beforeValue();

    QByteArray m_out;
    QVarLengthArray<bool, 16> m_hasItems;  // per open object/array: something written in it already
    bool m_afterKey = false;
};

} // namespace gb
