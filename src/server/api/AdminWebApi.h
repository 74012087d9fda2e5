#pragma once

#include "http/HttpRequest.h"

#include <QObject>

namespace gb {

class AdminAuth;
class AdminSessions;
class ResponseSink;
class Settings;
class TokenVerifier;

// The browser side of admin authentication:
//   GET  /                  the login page (resources/login, strict Content-Security-Policy)
//   GET  /auth/login.css    its style sheet
//   POST /auth              form field auth_token (urlencoded, multipart or JSON), as in
//                           gemini-balance: right -> 302 /keys with a session cookie (a random
//                           id, never the token) and a readable CSRF cookie; wrong -> 302 /?error=1
//                           (401 JSON for JSON clients); too many failures -> 429 + Retry-After
//   GET|POST /logout        ends the session, clears the cookies, 302 /
//   GET  /api/session       {authenticated, csrf_token, expires_at, demo}
class AdminWebApi : public QObject
{
    Q_OBJECT
public:
    AdminWebApi(Settings *settings, AdminSessions *sessions, const TokenVerifier &tokens, QObject *parent = nullptr);

    static bool matches(const QByteArray &path);
    // --demo: a DEMO banner on the login page (with the published demo admin token) and
    // "demo": true in /api/session.
    void setDemo(bool demo) { m_demo = demo; }
    void handle(HttpRequest &&request, const AdminAuth &admin, ResponseSink *sink);

    // The auth_token field of a login form body, whatever its encoding.
    static QByteArray loginToken(const HttpRequest &request);

private:
    void login(const HttpRequest &request, ResponseSink *sink);
    void logout(const HttpRequest &request, ResponseSink *sink);
    void session(const HttpRequest &request, const AdminAuth &admin, ResponseSink *sink);
    void loginPage(ResponseSink *sink, int status, const QString &error, int retryAfter = 0);

    Settings *m_settings;
    AdminSessions *m_sessions;
    const TokenVerifier &m_tokens;
    bool m_demo = false;
};

} // namespace gb
