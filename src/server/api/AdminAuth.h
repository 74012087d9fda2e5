#pragma once

#include "http/HttpRequest.h"

#include <QString>

namespace gb {

class TokenVerifier;

// Whether a request may use an admin route.
struct AdminCheck
{
    bool allowed = false;
    int status = 401;   // when refused: 401 (no or wrong credentials), 403 (CSRF, admin off), 429 (rate limited)
    QString message;    // when refused
};

// The gate of every admin route (/api/*, the key admin routes, /metrics). Implementations:
// the admin token alone (BearerAdminAuth, below), and browser sessions with CSRF checks on
// top of it (the admin issue's session gate).
class AdminAuth
{
public:
    virtual ~AdminAuth() = default;
    // `stateChanging`: the route changes something (POST/PUT/DELETE): browsers need CSRF proof.
    virtual AdminCheck check(const HttpRequest &request, bool stateChanging) const = 0;
};

// AUTH_TOKEN as Authorization: Bearer, x-goog-api-key or ?key= (API clients, scripts).
class BearerAdminAuth final : public AdminAuth
{
public:
    explicit BearerAdminAuth(const TokenVerifier &tokens) : m_tokens(tokens) {}
    AdminCheck check(const HttpRequest &request, bool stateChanging) const override;

private:
    const TokenVerifier &m_tokens;
};

} // namespace gb
