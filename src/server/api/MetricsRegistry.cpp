#include "api/MetricsRegistry.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace gb {

bool MetricsRegistry::isValidName(const QString &name)
{
    static const QRegularExpression valid(u"^[a-zA-Z_:][a-zA-Z0-9_:]*$"_s);
    return valid.match(name).hasMatch();
}

bool MetricsRegistry::add(const QString &name, const QString &help, Kind kind, Value value)
{
    if (!isValidName(name) || !value)
        return false;
    remove(name);
    m_entries.append({name, help, kind, std::move(value)});
    return true;
}

void MetricsRegistry::remove(const QString &name)
{
    m_entries.removeIf([&](const Entry &e) { return e.name == name; });
}

} // namespace gb
