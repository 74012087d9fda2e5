#pragma once

#include "api/RequestQuery.h"
#include "auth/TokenVerifier.h"
#include "http/HttpRequest.h"

namespace gb {

// Where a client may put its token.
enum class TokenPlaces {
    Gemini,  // ?key=, x-goog-api-key, Authorization: Bearer
    Bearer,  // Authorization: Bearer only (OpenAI clients)
};

enum class AuthResult { Allowed, Missing, Invalid, NotConfigured };

// Checks the client's token (every place it may be, in constant time per comparison).
// The token is never logged and never forwarded: callers remove `key` from the query.
// On success `tokenId` (optional) gets the accepted token's id for the request log: the first
// 12 hex digits of its SHA-256 (never the token).
AuthResult authenticateClient(const HttpRequest &request, const RequestQuery &query, const TokenVerifier &verifier,
                              TokenPlaces places, QString *tokenId = nullptr);
QString clientTokenIdOfDigest(const QByteArray &sha256);  // that id, from the token's SHA-256
QString authFailureMessage(AuthResult result, TokenPlaces places);

// The admin token (AUTH_TOKEN only) from ?key=, x-goog-api-key, Authorization: Bearer or the
// admin pages' `auth_token` cookie. NotConfigured when AUTH_TOKEN is empty: the admin API is
// then closed (gemini-balance fell back to the first client token; GemBalance does not).
AuthResult authenticateAdmin(const HttpRequest &request, const RequestQuery &query, const TokenVerifier &verifier);
QString adminAuthFailureMessage(AuthResult result);

} // namespace gb
