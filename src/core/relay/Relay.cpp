#include "relay/Relay.h"

#include "common/Redact.h"
#include "keys/KeyPool.h"
#include "relay/RelayCall.h"
#include "store/KeyStateStore.h"

namespace gb {

Relay::Relay(Settings *settings, KeyPool *keys, UpstreamPool *upstream, QObject *parent)
    : QObject(parent), m_settings(settings), m_keys(keys), m_upstream(upstream)
{
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

const Relay::KeyLabels &Relay::labelsOf(const QString &key)
{
    if (const auto it = m_keyLabels.constFind(key); it != m_keyLabels.cend())
        return it.value();
    if (m_keyLabels.size() > 4 * qMax<qsizetype>(m_keys->size(), 64))  // keys removed from the pool
        m_keyLabels.clear();
    return *m_keyLabels.insert(key, KeyLabels{KeyStateStore::keyId(key), redact::secret(key)});
}

} // namespace gb
