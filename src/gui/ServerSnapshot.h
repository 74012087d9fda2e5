#pragma once

#include "keys/KeyState.h"

#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>

namespace gb {

// What the window knows about the proxy, copied on the proxy thread and handed over
// whole: the widgets never touch the proxy's objects.
struct ServerSnapshot
{
    bool listening = false;
    QHostAddress address;
    quint16 port = 0;
    bool tls = false;      // https
    QList<KeyState> keys;  // in configured order
    qint64 nowMs = 0;      // the pool's clock when the copy was taken

    // The address clients use: a wildcard address is reached through the loopback.
    QString baseUrl() const;  // "http://127.0.0.1:8000" ("https://" with TLS), empty when never listened
};

} // namespace gb

Q_DECLARE_METATYPE(gb::ServerSnapshot)
