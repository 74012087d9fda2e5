#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QObject>

#include <functional>

namespace gb {

class Relay;

struct ModelListResult
{
    bool ok = false;
    QJsonArray models;        // the upstream's models, every page, unfiltered
    int status = 0;           // the upstream's error status when !ok
    QByteArray errorBody;     // redacted upstream error body when !ok
    QByteArray errorContentType;
};

// The upstream model list: every page fetched through the relay (so with key rotation and
// retries), cached for a short time, and concurrent requests share one fetch.
class ModelCatalog : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ModelListResult &)>;

    explicit ModelCatalog(Relay *relay, QObject *parent = nullptr);

    void setCacheTtl(int milliseconds) { m_ttlMs = milliseconds; }
    void fetch(Callback callback);
    void invalidate();

private:
    void fetchPage(const QByteArray &pageToken);
    void complete(const ModelListResult &result);

    Relay *m_relay;
    int m_ttlMs = 60'000;
    QJsonArray m_cached;
    QDeadlineTimer m_expiry{QDeadlineTimer::Forever};
    bool m_haveCache = false;
    quint64 m_generation = 0;   // bumps on invalidate(), so a stale fetch is not cached
    QList<Callback> m_waiting;
    QJsonArray m_collecting;
    int m_pages = 0;
};

} // namespace gb
