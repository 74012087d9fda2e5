#include "SavedListenAddress.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace gb::savedlisten {

namespace {
const QString kHost = u"server/host"_s;
const QString kPort = u"server/port"_s;
} // namespace

void save(QSettings &state, const QHostAddress &address, quint16 port)
{
    state.setValue(kHost, address.toString());
    state.setValue(kPort, int(port));
    state.sync();
}

bool applyTo(const QSettings &state, QString *host, quint16 *port, bool hostGiven, bool portGiven)
{
    bool used = false;
    const QString savedHost = state.value(kHost).toString();
    if (!hostGiven && !savedHost.isEmpty() && !QHostAddress(savedHost).isNull()) {
        *host = savedHost;
        used = true;
    }
    bool ok = false;
    const int savedPort = state.value(kPort).toInt(&ok);
    if (!portGiven && ok && savedPort >= 0 && savedPort <= 65535) {
        *port = quint16(savedPort);
        used = true;
    }
    return used;
}

} // namespace gb::savedlisten
