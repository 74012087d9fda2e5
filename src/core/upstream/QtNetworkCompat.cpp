#include "upstream/QtNetworkCompat.h"

#include <QNetworkRequest>
#include <QtGlobal>

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QHttp1Configuration>
#endif

namespace gb::qtcompat {

namespace {
constexpr int kHttp2StreamsPerConnection = 100;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
constexpr int kHttp1Connections = 24;
#else
constexpr int kHttp1Connections = 6;  // fixed in Qt 6.4
#endif
} // namespace

int concurrentRequestsPerManager(bool http2)
{
    return http2 ? kHttp2StreamsPerConnection : kHttp1Connections;
}

void prepareRequest(QNetworkRequest &request)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    QHttp1Configuration http1;
    http1.setNumberOfConnectionsPerHost(kHttp1Connections);
    request.setHttp1Configuration(http1);
#else
    Q_UNUSED(request);
#endif
}

} // namespace gb::qtcompat
