#include "api/ClientAuth.h"

using namespace Qt::StringLiterals;

namespace gb {

namespace {
QByteArray bearerToken(const QByteArray &authorization)
{
    const QByteArray value = authorization.trimmed();
    if (value.size() > 7 && value.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return value.mid(7).trimmed();
    return {};
}
} // namespace

QString clientTokenIdOfDigest(const QByteArray &sha256)
{
    // The first 6 bytes as 12 hex digits (hexing all 32 and cutting: ~850 instructions a call).
    return QString::fromLatin1(QByteArray::fromRawData(sha256.constData(), qMin<qsizetype>(6, sha256.size())).toHex());
}

AuthResult authenticateClient(const HttpRequest &request, const RequestQuery &query, const TokenVerifier &verifier,
                              TokenPlaces places, QString *tokenId)
{
    QList<QByteArray> presented;
    if (places == TokenPlaces::Gemini) {
        if (query.contains(u"key"_s))
            presented.append(query.value(u"key"_s).toUtf8());
        const QByteArray header = request.header("x-goog-api-key").trimmed();
        if (!header.isEmpty())
            presented.append(header);
    }
    const QByteArray bearer = bearerToken(request.header("authorization"));
    if (!bearer.isEmpty())
        presented.append(bearer);

    if (!verifier.hasTokens())
        return AuthResult::NotConfigured;
    presented.removeAll(QByteArray());
    if (presented.isEmpty())
        return AuthResult::Missing;
    for (const QByteArray &token : std::as_const(presented)) {
        if (const QByteArray digest = verifier.clientTokenDigest(token); !digest.isEmpty()) {
            if (tokenId)  // which token made the call, for the request log (never the token)
                *tokenId = clientTokenIdOfDigest(digest);
            return AuthResult::Allowed;
        }
    }
    return AuthResult::Invalid;
}

namespace {
QByteArray cookieValue(const QByteArray &cookieHeader, const QByteArray &name)
{
    for (const QByteArray &part : cookieHeader.split(';')) {
        const QByteArray item = part.trimmed();
        if (item.startsWith(name + '='))
            return QByteArray::fromPercentEncoding(item.mid(name.size() + 1));
    }
    return {};
}
} // namespace

AuthResult authenticateAdmin(const HttpRequest &request, const RequestQuery &query, const TokenVerifier &verifier)
{
    if (!verifier.hasAdminToken())
        return AuthResult::NotConfigured;
    QList<QByteArray> presented{query.value(u"key"_s).toUtf8(), request.header("x-goog-api-key").trimmed(),
                                bearerToken(request.header("authorization")),
                                cookieValue(request.headers.combinedValue("cookie"), "auth_token")};
    presented.removeAll(QByteArray());
    if (presented.isEmpty())
        return AuthResult::Missing;
    for (const QByteArray &token : std::as_const(presented))
        if (verifier.isAdminToken(token))
            return AuthResult::Allowed;
    return AuthResult::Invalid;
}

QString adminAuthFailureMessage(AuthResult result)
{
    switch (result) {
    case AuthResult::Missing:
        return u"This is an admin route: pass the admin token (AUTH_TOKEN) as an Authorization: Bearer header."_s;
    case AuthResult::Invalid:
        return u"Invalid admin token: admin routes need AUTH_TOKEN (client tokens are not enough)."_s;
    case AuthResult::NotConfigured:
        return u"The admin API is off: set AUTH_TOKEN to use it."_s;
    case AuthResult::Allowed:
        break;
    }
    return {};
}

QString authFailureMessage(AuthResult result, TokenPlaces places)
{
    const QString where = places == TokenPlaces::Gemini
                              ? u"as ?key=, an x-goog-api-key header or an Authorization: Bearer header"_s
                              : u"as an Authorization: Bearer header"_s;
    switch (result) {
    case AuthResult::Missing:
        return u"Missing client token: pass one of this server's tokens (ALLOWED_TOKENS) %1."_s.arg(where);
    case AuthResult::Invalid:
        return u"Invalid client token: it is not one of this server's tokens (ALLOWED_TOKENS)."_s;
    case AuthResult::NotConfigured:
        return u"This server has no client tokens configured: set ALLOWED_TOKENS (or AUTH_TOKEN) first."_s;
    case AuthResult::Allowed:
        break;
    }
    return {};
}

} // namespace gb
