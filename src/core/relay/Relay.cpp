#include "relay/Relay.h"

#include "keys/KeyPool.h"
#include "relay/RelayCall.h"
#include "store/KeyStateStore.h"

namespace gb {

Relay::Relay(Settings *settings, KeyPool *keys, UpstreamPool *upstream, QObject *parent)
    : QObject(parent), m_settings(settings), m_keys(keys), m_upstream(upstream)
{
    qRegisterMetaType<gb::AttemptRecord>();
    qRegisterMetaType<gb::RelayOutcome>();
}

Relay::~Relay()
{
    // Calls in flight end before the relay's members go away (they abort their replies).
    qDeleteAll(findChildren<RelayCall *>(Qt::FindDirectChildrenOnly));
}

void Relay::start(RelayRequest request, ResponseSink *sink)
{
    auto *call = new RelayCall(this, std::move(request), sink);
    call->start();
}

QString Relay::keyIdOf(const QString &key)
{
    if (const auto it = m_keyIds.constFind(key); it != m_keyIds.cend())
        return it.value();
    if (m_keyIds.size() > 4 * qMax<qsizetype>(m_keys->size(), 64))  // keys removed from the pool
        m_keyIds.clear();
    return *m_keyIds.insert(key, KeyStateStore::keyId(key));
}

} // namespace gb
