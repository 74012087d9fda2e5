#include "models/ModelCatalog.h"

#include "common/CollectingSink.h"
#include "common/LogCategories.h"
#include "relay/Relay.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr int kMaxPages = 50;  // 50 000 models: far beyond any real catalogue
}

ModelCatalog::ModelCatalog(Relay *relay, QObject *parent) : QObject(parent), m_relay(relay) {}

void ModelCatalog::invalidate()
{
    m_haveCache = false;
    m_cached = {};
    ++m_generation;
}

void ModelCatalog::fetch(Callback callback)
{
    if (m_haveCache && !m_expiry.hasExpired()) {
        callback(ModelListResult{true, m_cached, 200, {}, {}});
        return;
    }
    m_waiting.append(std::move(callback));
    if (m_waiting.size() > 1)
        return;  // a fetch is already under way
    m_collecting = {};
    m_pages = 0;
    fetchPage({});
}

void ModelCatalog::fetchPage(const QByteArray &pageToken)
{
    RelayRequest request;
    request.verb = "GET";
    request.path = "models";
    request.query = "pageSize=1000";
    if (!pageToken.isEmpty())
        request.query += "&pageToken=" + QUrl::toPercentEncoding(QString::fromUtf8(pageToken));
    // No model: any enabled key serves a list call, whatever model it is resting for.
    request.operation = u"gemini-list-models"_s;

    auto *sink = new CollectingSink(this);
    const quint64 generation = m_generation;
    connect(sink, &CollectingSink::finished, this, [this, sink, generation] {
        sink->deleteLater();
        if (sink->status() != 200) {
            complete(ModelListResult{false, {}, sink->status() ? sink->status() : 502, sink->body(),
                                     sink->headers().value("Content-Type")});
            return;
        }
        const QJsonObject page = QJsonDocument::fromJson(sink->body()).object();
        for (const QJsonValue &m : page.value(u"models"_s).toArray())
            m_collecting.append(m);
        const QByteArray next = page.value(u"nextPageToken"_s).toString().toUtf8();
        if (!next.isEmpty() && ++m_pages < kMaxPages) {
            fetchPage(next);
            return;
        }
        if (generation == m_generation) {
            m_cached = m_collecting;
            m_haveCache = true;
            m_expiry.setRemainingTime(m_ttlMs);
        }
        qCDebug(lcModels) << "model list fetched:" << m_collecting.size() << "models";
        complete(ModelListResult{true, m_collecting, 200, {}, {}});
    });
    m_relay->start(std::move(request), sink);
}

void ModelCatalog::complete(const ModelListResult &result)
{
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    m_collecting = {};
    for (const Callback &cb : waiting)
        cb(result);
}

} // namespace gb
