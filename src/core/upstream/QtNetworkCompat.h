#pragma once

class QNetworkRequest;

namespace gb::qtcompat {

// What differs between Qt versions in the upstream client, in one place.
//
// Requests one QNetworkAccessManager runs at once to one host before it queues: HTTP/2
// multiplexes 100 streams on a connection; HTTP/1.1 gets 6 connections per host in Qt 6.4
// and a configurable number from Qt 6.5 (QHttp1Configuration).
int concurrentRequestsPerManager(bool http2);

// Applies the per-request settings of this Qt version (the HTTP/1.1 connection count).
void prepareRequest(QNetworkRequest &request);

} // namespace gb::qtcompat
