#include "ServerSnapshot.h"

using namespace Qt::StringLiterals;

namespace gb {

QString ServerSnapshot::baseUrl() const
{
    if (port == 0)
        return {};
    QString host = address.toString();
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::Any || address.isNull())
        host = u"127.0.0.1"_s;
    else if (address == QHostAddress::AnyIPv6)
        host = u"[::1]"_s;
    else if (host.contains(u':'))
        host = u'[' + host + u']';
    return (tls ? u"https://%1:%2"_s : u"http://%1:%2"_s).arg(host).arg(port);
}

} // namespace gb
