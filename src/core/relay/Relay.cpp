#include "relay/Relay.h"

#include "relay/RelayCall.h"

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

} // namespace gb
