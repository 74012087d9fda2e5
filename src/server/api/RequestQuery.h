#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace gb {

// A request's query string, kept in its original encoding so what is forwarded upstream
// is byte-for-byte what the client sent, minus the items removed.
class RequestQuery
{
public:
    explicit RequestQuery(const QByteArray &rawQuery);

    // The decoded value of the first item with that (decoded) name, or a null string.
    QString value(const QString &name) const;
    bool contains(const QString &name) const;
    void remove(const QString &name);
    QByteArray toEncoded() const;

private:
    struct Item
    {
        QByteArray raw;   // "name=value" as received
        QString name;     // decoded
        QString value;    // decoded
    };
    QList<Item> m_items;
};

// Decodes %XX and, in queries, '+' as space.
QString percentDecode(const QByteArray &text, bool plusAsSpace = false);

} // namespace gb
