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
AuthResult authenticateClient(const HttpRequest &request, const RequestQuery &query, const TokenVerifier &verifier,
                              TokenPlaces places);
QString authFailureMessage(AuthResult result, TokenPlaces places);

} // namespace gb
