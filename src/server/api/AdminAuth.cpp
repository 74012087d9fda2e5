#include "api/AdminAuth.h"

#include "api/ClientAuth.h"

namespace gb {

AdminCheck BearerAdminAuth::check(const HttpRequest &request, bool) const
{
    const AuthResult result = authenticateAdmin(request, RequestQuery(request.query), m_tokens);
    if (result == AuthResult::Allowed)
        return {true, 200, {}};
    return {false, result == AuthResult::NotConfigured ? 403 : 401, adminAuthFailureMessage(result)};
}

} // namespace gb
