#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace gb {

// Extra values for GET /metrics, registered by whoever owns them (the log writer's queued
// and dropped counts, ...). Callbacks run on the proxy thread while /metrics is answered:
// they must be cheap and thread-safe for that thread (an atomic load, a snapshot).
class MetricsRegistry
{
public:
    enum class Kind { Gauge, Counter };
    using Value = std::function<double()>;

    // `name` must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*); returns false and
    // registers nothing otherwise. A second registration of a name replaces the first.
    bool add(const QString &name, const QString &help, Kind kind, Value value);
    void remove(const QString &name);

    struct Entry
    {
        QString name;
        QString help;
        Kind kind;
        Value value;
    };
    const QList<Entry> &entries() const { return m_entries; }

    static bool isValidName(const QString &name);

private:
    QList<Entry> m_entries;
};

} // namespace gb
