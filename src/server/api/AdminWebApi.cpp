#include "api/AdminWebApi.h"

#include "api/AdminAuth.h"
#include "api/AdminSessions.h"
#include "api/RequestQuery.h"
#include "api/Responses.h"
#include "api/SessionAdminAuth.h"
#include "auth/TokenVerifier.h"
#include "common/ResponseSink.h"
#include "settings/Settings.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

QByteArray resource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// No script, no external anything: the page is a form and a style sheet from this server.
HttpHeaders pageHeaders(const QByteArray &contentType)
{
    return {{"Content-Type", contentType},
            {"Content-Security-Policy",
             "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
            {"X-Frame-Options", "DENY"},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},
            {"Cache-Control", "no-store"}};
}

bool wantsJson(const HttpRequest &request)
{
    return request.header("accept").contains("application/json")
           || request.header("content-type").trimmed().toLower().startsWith("application/json");
}

// Secure cookies when the browser reached us over TLS: the built-in server's own https
// listener, or a TLS-terminating proxy in front of a plain one.
bool overTls(const HttpRequest &request)
{
    return request.overTls || request.header("x-forwarded-proto").trimmed().toLower() == "https";
}

QByteArray cookieHeader(QByteArrayView name, const QByteArray &value, int maxAge, bool httpOnly, bool secure)
{
    QByteArray out = QByteArray(name.data(), name.size()) + '=' + value + "; Path=/; Max-Age=" + QByteArray::number(maxAge)
                     + "; SameSite=Strict";
    if (httpOnly)
        out += "; HttpOnly";
    if (secure)
        out += "; Secure";
    return out;
}

void redirect(ResponseSink *sink, const QByteArray &location, const HttpHeaders &extra = {})
{
    HttpHeaders headers{{"Location", location}, {"Cache-Control", "no-store"}};
    for (const auto &[name, value] : extra.fields())
        headers.add(name, value);
    sink->send(302, headers, {});
}

QByteArray multipartField(const HttpRequest &request, const QByteArray &field)
{
    const QByteArray type = request.header("content-type");
    const qsizetype at = type.toLower().indexOf("boundary=");
    if (at < 0)
        return {};
    QByteArray boundary = type.mid(at + 9).split(';').first().trimmed();
    if (boundary.size() >= 2 && boundary.startsWith('"') && boundary.endsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = request.body.indexOf(delimiter);
    while (pos >= 0) {
        const qsizetype headStart = pos + delimiter.size();
        const qsizetype headEnd = request.body.indexOf("\r\n\r\n", headStart);
        if (headEnd < 0)
            return {};
        const qsizetype next = request.body.indexOf("\r\n" + delimiter, headEnd + 4);
        if (next < 0)
            return {};
        const QByteArray head = request.body.mid(headStart, headEnd - headStart).toLower();
        if (head.contains("name=\"" + field.toLower() + '"'))
            return request.body.mid(headEnd + 4, next - headEnd - 4);
        pos = next + 2;
    }
    return {};
}

} // namespace

AdminWebApi::AdminWebApi(Settings *settings, AdminSessions *sessions, const TokenVerifier &tokens, QObject *parent)
    : QObject(parent), m_settings(settings), m_sessions(sessions), m_tokens(tokens)
{
}

bool AdminWebApi::matches(const QByteArray &path)
{
    return path == "/" || path == "/auth" || path == "/auth/login.css" || path == "/logout" || path == "/api/session";
}

QByteArray AdminWebApi::loginToken(const HttpRequest &request)
{
    const QByteArray type = request.header("content-type").trimmed().toLower();
    if (type.startsWith("application/json"))
        return QJsonDocument::fromJson(request.body).object().value(u"auth_token"_s).toString().toUtf8();
    if (type.startsWith("multipart/form-data"))
        return multipartField(request, "auth_token").trimmed();
    // application/x-www-form-urlencoded (and anything unlabelled): '+' is a space there.
    QByteArray body = request.body;
    body.replace('+', ' ');
    return RequestQuery(body).value(u"auth_token"_s).trimmed().toUtf8();
}

void AdminWebApi::handle(HttpRequest &&request, const AdminAuth &admin, ResponseSink *sink)
{
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    const bool get = method == "GET" || method == "HEAD";
    if (path == "/") {
        if (!get)
            return sendJson(sink, 405, QJsonDocument(QJsonObject{{u"detail"_s, u"Method not allowed here; use GET."_s}}));
        const QString error = RequestQuery(request.query).value(u"error"_s);
        return loginPage(sink, 200,
                         error == u"2"_s   ? u"Too many failed attempts. Wait a minute, then try again."_s
                         : error.isEmpty() ? QString()
                                           : u"That is not the admin token. Try again."_s);
    }
    if (path == "/auth/login.css") {
        HttpHeaders headers = pageHeaders("text/css; charset=utf-8");
        headers.set("Cache-Control", "max-age=3600");
        return sink->send(200, headers, resource(u":/login/login.css"_s));
    }
    if (path == "/auth") {
        if (method != "POST")
            return redirect(sink, "/");
        return login(request, sink);
    }
    if (path == "/logout") {
        if (!get && method != "POST")
            return sendJson(sink, 405, QJsonDocument(QJsonObject{{u"detail"_s, u"Method not allowed here; use POST."_s}}));
        return logout(request, sink);
    }
    if (!get)
        return sendJson(sink, 405, QJsonDocument(QJsonObject{{u"detail"_s, u"Method not allowed here; use GET."_s}}));
    session(request, admin, sink);
}

void AdminWebApi::loginPage(ResponseSink *sink, int status, const QString &error, int retryAfter)
{
    QByteArray page = resource(u":/login/login.html"_s);
    // The messages are fixed texts: nothing from the request is echoed into the page.
    page.replace("@ERROR@", error.isEmpty() ? QByteArray()
                                            : "<p class=\"error\" role=\"alert\">" + error.toUtf8() + "</p>");
    page.replace("@DEMO@", m_demo ? QByteArray("<p class=\"demo\" id=\"demo-banner\" role=\"status\"><strong>DEMO</strong> "
                                               "This GemBalance runs with a built-in fake upstream and sample keys; "
                                               "nothing here is real. Sign in with the demo admin token "
                                               "<code>demo-admin</code>.</p>")
                                  : QByteArray());
    HttpHeaders headers = pageHeaders("text/html; charset=utf-8");
    if (retryAfter > 0)
        headers.add("Retry-After", QByteArray::number(retryAfter));
    sink->send(status, headers, page);
}

void AdminWebApi::login(const HttpRequest &request, ResponseSink *sink)
{
    const QString address = request.peerAddress.toString();
    const bool json = wantsJson(request);
    if (const int wait = m_sessions->loginRetryAfter(address); wait > 0) {
        if (!json)
            return loginPage(sink, 429, u"Too many failed attempts. Wait a minute, then try again."_s, wait);
        HttpHeaders headers = corsHeaders();
        headers.add("Content-Type", "application/json; charset=utf-8");
        headers.add("Retry-After", QByteArray::number(wait));
        return sink->send(429, headers,
                          QJsonDocument(QJsonObject{{u"detail"_s, u"Too many failed logins; try again in %1 s."_s.arg(wait)}})
                              .toJson(QJsonDocument::Compact));
    }
    const QByteArray token = loginToken(request);
    // isAdminToken compares SHA-256 digests in constant time.
    if (token.isEmpty() || !m_tokens.isAdminToken(token)) {
        m_sessions->recordLoginFailure(address);
        if (json)
            return sendJson(sink, 401, QJsonDocument(QJsonObject{{u"detail"_s, u"Wrong admin token."_s}}));
        return redirect(sink, "/?error=1");
    }
    m_sessions->recordLoginSuccess(address);
    const int lifetime = m_settings->snapshot()->adminSessionExpire;
    const AdminSessions::Created created = m_sessions->create(lifetime);
    const bool secure = overTls(request);
    HttpHeaders cookies{
        {"Set-Cookie", cookieHeader(SessionAdminAuth::kSessionCookie, created.id, lifetime, true, secure)},
        {"Set-Cookie", cookieHeader(SessionAdminAuth::kCsrfCookie, created.session.csrfToken, lifetime, false, secure)}};
    if (!json)
        return redirect(sink, "/keys", cookies);
    HttpHeaders headers = cookies;
    headers.add("Content-Type", "application/json; charset=utf-8");
    headers.add("Cache-Control", "no-store");
    sink->send(200, headers,
               QJsonDocument(QJsonObject{{u"success"_s, true},
                                         {u"csrf_token"_s, QString::fromLatin1(created.session.csrfToken)},
                                         {u"expires_at"_s, QDateTime::fromMSecsSinceEpoch(created.session.expiresAtMs, Qt::UTC)
                                                               .toString(Qt::ISODate)}})
                   .toJson(QJsonDocument::Compact));
}

void AdminWebApi::logout(const HttpRequest &request, ResponseSink *sink)
{
    const QByteArray id = SessionAdminAuth::cookie(request, SessionAdminAuth::kSessionCookie);
    if (!id.isEmpty())
        m_sessions->remove(id);
    const bool secure = overTls(request);
    HttpHeaders cookies{{"Set-Cookie", cookieHeader(SessionAdminAuth::kSessionCookie, {}, 0, true, secure)},
                        {"Set-Cookie", cookieHeader(SessionAdminAuth::kCsrfCookie, {}, 0, false, secure)}};
    if (!wantsJson(request))
        return redirect(sink, "/", cookies);
    HttpHeaders headers = cookies;
    headers.add("Content-Type", "application/json; charset=utf-8");
    sink->send(200, headers, QJsonDocument(QJsonObject{{u"success"_s, true}}).toJson(QJsonDocument::Compact));
}

void AdminWebApi::session(const HttpRequest &request, const AdminAuth &admin, ResponseSink *sink)
{
    HttpHeaders headers{{"Content-Type", "application/json; charset=utf-8"}, {"Cache-Control", "no-store"}};
    const AdminSession *s = m_sessions->find(SessionAdminAuth::cookie(request, SessionAdminAuth::kSessionCookie));
    QJsonObject out;
    if (s) {
        out = {{u"authenticated"_s, true},
               {u"method"_s, u"session"_s},
               {u"csrf_token"_s, QString::fromLatin1(s->csrfToken)},
               {u"expires_at"_s, QDateTime::fromMSecsSinceEpoch(s->expiresAtMs, Qt::UTC).toString(Qt::ISODate)}};
    } else if (admin.check(request, false).allowed) {
        // The admin token itself: no cookie, so no CSRF token is needed.
        out = {{u"authenticated"_s, true}, {u"method"_s, u"token"_s}, {u"csrf_token"_s, QJsonValue::Null},
               {u"expires_at"_s, QJsonValue::Null}};
    } else {
        out = {{u"authenticated"_s, false}, {u"csrf_token"_s, QJsonValue::Null}, {u"expires_at"_s, QJsonValue::Null}};
    }
    out.insert(u"demo"_s, m_demo);
    sink->send(200, headers, QJsonDocument(out).toJson(QJsonDocument::Compact));
}

} // namespace gb
