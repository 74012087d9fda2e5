#include "api/SessionAdminAuth.h"

#include "api/AdminSessions.h"
#include "api/RequestQuery.h"
#include "auth/TokenVerifier.h"

#include <QUrl>

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

QByteArray SessionAdminAuth::cookie(const HttpRequest &request, QByteArrayView name)
{
    const QByteArray header = request.headers.combinedValue("cookie");
    for (const QByteArray &part : header.split(';')) {
        const QByteArray item = part.trimmed();
        if (item.size() > name.size() && item.startsWith(name) && item.at(name.size()) == '=')
            return item.mid(name.size() + 1);
    }
    return {};
}

bool SessionAdminAuth::isCrossSite(const HttpRequest &request)
{
    const QByteArray fetchSite = request.header("sec-fetch-site").trimmed().toLower();
    if (!fetchSite.isEmpty() && fetchSite != "same-origin" && fetchSite != "none")
        return true;
    const QByteArray origin = request.header("origin").trimmed();
    if (origin.isEmpty())
        return false;
    if (origin == "null")
        return true;
    const QUrl url(QString::fromLatin1(origin), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return true;
    QString hostPort = url.host();
    if (url.port() > 0)
        hostPort += u':' + QString::number(url.port());
    const QString host = QString::fromLatin1(request.header("host").trimmed());
    return hostPort.compare(host, Qt::CaseInsensitive) != 0;
}

AdminCheck SessionAdminAuth::check(const HttpRequest &request, bool stateChanging) const
{
    if (!m_tokens.hasAdminToken())
        return {false, 403, u"The admin API is off: AUTH_TOKEN is not set."_s};

    const RequestQuery query(request.query);
    QList<QByteArray> presented{query.value(u"key"_s).toUtf8(), request.header("x-goog-api-key").trimmed(),
                                bearerToken(request.header("authorization"))};
    presented.removeAll(QByteArray());
    if (!presented.isEmpty()) {
        bool match = false;
        for (const QByteArray &token : std::as_const(presented))
            match |= m_tokens.isAdminToken(token);
        if (match)
            return {true, 200, {}};
        return {false, 401, u"Invalid admin token: admin routes need AUTH_TOKEN (client tokens are not enough)."_s};
    }

    const AdminSession *session = m_sessions.find(cookie(request, kSessionCookie));
    if (!session)
        return {false, 401,
                u"This is an admin route: log in at / or pass the admin token (AUTH_TOKEN) as an Authorization: Bearer header."_s};
    if (!stateChanging)
        return {true, 200, {}};
    if (isCrossSite(request))
        return {false, 403, u"Cross-site request refused."_s};
    const QByteArray csrf = request.header(QByteArray(kCsrfHeader.data(), kCsrfHeader.size())).trimmed();
    if (csrf.isEmpty() || !TokenVerifier::constantTimeEquals(csrf, session->csrfToken))
        return {false, 403, u"Missing or wrong X-CSRF-Token header (GET /api/session gives the token)."_s};
    return {true, 200, {}};
}

} // namespace gb
