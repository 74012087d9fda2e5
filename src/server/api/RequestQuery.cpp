#include "api/RequestQuery.h"

#include <QUrl>

namespace gb {

QString percentDecode(const QByteArray &text, bool plusAsSpace)
{
    QByteArray t = text;
    if (plusAsSpace)
        t.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(t));
}

RequestQuery::RequestQuery(const QByteArray &rawQuery)
{
    for (const QByteArray &part : rawQuery.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        const QByteArray name = eq < 0 ? part : part.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
        m_items.append({part, percentDecode(name, true), percentDecode(value, true)});
    }
}

QString RequestQuery::value(const QString &name) const
{
    for (const Item &i : m_items)
        if (i.name == name)
            return i.value;
    return {};
}

bool RequestQuery::contains(const QString &name) const
{
    for (const Item &i : m_items)
        if (i.name == name)
            return true;
    return false;
}

void RequestQuery::remove(const QString &name)
{
    m_items.removeIf([&](const Item &i) { return i.name == name; });
}

QByteArray RequestQuery::toEncoded() const
{
    QByteArray out;
    for (const Item &i : m_items) {
        if (!out.isEmpty())
            out += '&';
        out += i.raw;
    }
    return out;
}

} // namespace gb
