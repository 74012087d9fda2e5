#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace gb {

// An ordered list of HTTP header fields. Names keep their original case;
// look-ups are case-insensitive (ASCII), as HTTP requires.
class HttpHeaders
{
public:
    using Field = QPair<QByteArray, QByteArray>;

    HttpHeaders() = default;
    HttpHeaders(std::initializer_list<Field> fields) : m_fields(fields) {}

    void add(const QByteArray &name, const QByteArray &value) { m_fields.append({name, value}); }
    // Replaces every field of that name with one field.
    void set(const QByteArray &name, const QByteArray &value);
    void remove(const QByteArray &name);

    bool contains(const QByteArray &name) const;
    // The first field of that name, or an empty array.
    QByteArray value(const QByteArray &name) const;
    // Every field of that name, joined with ", " (RFC 9110 list semantics).
    QByteArray combinedValue(const QByteArray &name) const;

    const QList<Field> &fields() const { return m_fields; }
    qsizetype size() const { return m_fields.size(); }
    bool isEmpty() const { return m_fields.isEmpty(); }

private:
    QList<Field> m_fields;
};

} // namespace gb
