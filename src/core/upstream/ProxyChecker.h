#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace gb {

struct ProxyCheckResult
{
    QString proxy;          // as given, password redacted
    bool available = false; // the target answered through the proxy (any HTTP status)
    int httpStatus = 0;     // the target's status (0: no answer)
    int elapsedMs = 0;
    QString error;          // empty when available
};

// Tests PROXIES entries: one GET of `target` (e.g. BASE_URL/models, sent without a key, so
// no quota is spent: the upstream answers 403, which proves the way through works) through
// each proxy at once, each on its own connection. Lives on the thread whose event loop runs
// the requests (the proxy thread); `done` runs there with the results in input order.
class ProxyChecker : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QList<ProxyCheckResult> &results)>;

    explicit ProxyChecker(QObject *parent = nullptr);

    void check(const QStringList &proxies, const QUrl &target, int timeoutMs, Done done);
};

} // namespace gb
