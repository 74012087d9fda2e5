#pragma once

#include "api/AdminAuth.h"

#include <QByteArray>

namespace gb {

class AdminSessions;
class TokenVerifier;

// The production admin gate. Accepts either
//  - AUTH_TOKEN as Authorization: Bearer, x-goog-api-key or ?key= (API clients and scripts:
//    no cookie is involved, so no CSRF proof is needed), or
//  - the browser session cookie (kSessionCookie) from POST /auth. Then every state-changing
//    request must also carry X-CSRF-Token equal to the session's CSRF token, and a request
//    that says it comes from another site (Sec-Fetch-Site: cross-site / same-site, or an
//    Origin that is not this host) is refused even with the token.
// The raw-token `auth_token` cookie of gemini-balance is not accepted: a cookie never
// carries the token here.
class SessionAdminAuth final : public AdminAuth
{
public:
    static constexpr QByteArrayView kSessionCookie = "gb_session";
    static constexpr QByteArrayView kCsrfCookie = "gb_csrf";
    static constexpr QByteArrayView kCsrfHeader = "x-csrf-token";

    SessionAdminAuth(AdminSessions &sessions, const TokenVerifier &tokens) : m_sessions(sessions), m_tokens(tokens) {}
    AdminCheck check(const HttpRequest &request, bool stateChanging) const override;

    static QByteArray cookie(const HttpRequest &request, QByteArrayView name);
    // Whether the browser says the request comes from another site.
    static bool isCrossSite(const HttpRequest &request);

private:
    AdminSessions &m_sessions;
    const TokenVerifier &m_tokens;
};

} // namespace gb
