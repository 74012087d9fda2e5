#pragma once

#include "http/HttpRequest.h"

#include <QObject>

namespace gb {

class KeyChecker;
class KeyPool;
class ResponseSink;
class AdminAuth;

// gemini-balance's key administration routes, same paths and JSON shapes, but every one
// needs the admin token (AUTH_TOKEN); gemini-balance left them open to anyone:
//   POST /gemini/v1beta/verify-key/{key}            -> {"status":"valid"} | {"status":"invalid","error":...}
//   POST /gemini/v1beta/verify-selected-keys        {"keys":[...]} -> successful_keys, failed_keys, counts
//   POST /gemini/v1beta/verify-all-keys             (GemBalance) every configured key
//   POST /gemini/v1beta/reset-fail-count/{key}      -> {"success":true} | 404
//   POST /gemini/v1beta/reset-selected-fail-counts  {"keys":[...]} -> reset_count (207 when some are unknown)
//   POST /gemini/v1beta/reset-all-fail-counts       ?key_type=valid|invalid -> reset_count
//   POST /gemini/v1beta/enable-key/{key}            (GemBalance) back into rotation, failure count cleared
//   POST /gemini/v1beta/disable-key/{key}           (GemBalance) out of rotation until enabled by hand
//   GET  /v1/keys/list, /hf/v1/keys/list            -> valid_keys / invalid_keys with failure counts
// Keys go out in full only on these authenticated routes, where an admin asks for them.
class KeyAdminApi : public QObject
{
    Q_OBJECT
public:
    KeyAdminApi(KeyPool *pool, KeyChecker *checker, QObject *parent = nullptr);

    static bool matches(const QByteArray &path);
    void handle(HttpRequest &&request, const AdminAuth &admin, ResponseSink *sink);

private:
    void verify(const QStringList &keys, bool single, ResponseSink *sink);
    void resetSelected(const QByteArray &body, ResponseSink *sink);
    void resetAll(const QString &keyType, ResponseSink *sink);
    void listKeys(ResponseSink *sink);

    KeyPool *m_pool;
    KeyChecker *m_checker;
};

} // namespace gb
