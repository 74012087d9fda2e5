#include "common/HttpHeaders.h"

namespace gb {

namespace {
bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}
} // namespace

void HttpHeaders::set(const QByteArray &name, const QByteArray &value)
{
    remove(name);
    add(name, value);
}

void HttpHeaders::remove(const QByteArray &name)
{
    m_fields.removeIf([&](const Field &f) { return sameName(f.first, name); });
}

bool HttpHeaders::contains(const QByteArray &name) const
{
    for (const Field &f : m_fields)
        if (sameName(f.first, name))
            return true;
    return false;
}

QByteArray HttpHeaders::value(const QByteArray &name) const
{
    for (const Field &f : m_fields)
        if (sameName(f.first, name))
            return f.second;
    return {};
}

QByteArray HttpHeaders::combinedValue(const QByteArray &name) const
{
    QByteArray out;
    for (const Field &f : m_fields) {
        if (!sameName(f.first, name))
            continue;
        if (!out.isEmpty())
            out += ", ";
        out += f.second;
    }
    return out;
}

} // namespace gb
