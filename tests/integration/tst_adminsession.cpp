// Admin browser sessions end to end: the login page, POST /auth (form, multipart, JSON),
// the session cookie (flags, never the token), CSRF on every state-changing request,
// logout, the login rate limit, and sessions ending when AUTH_TOKEN changes.

#include "ProxyHarness.h"
#include "RawHttpClient.h"
#include "TestDatabases.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kAdminToken = "admin-token-for-session-tests";
using Headers = QList<QPair<QByteArray, QByteArray>>;

RawHttpResponse call(ProxyHarness &h, const QByteArray &method, const QByteArray &target, const Headers &headers = {},
                     const QByteArray &body = {})
{
    RawHttpClient client;
    if (!client.connectToServer(QHostAddress(QHostAddress::LocalHost), h.port()))
        return {};
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(h.port())
                         + "\r\nConnection: close\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;
    if (!client.send(request))
        return {};
    return client.readResponse();
}

QList<QByteArray> setCookies(const RawHttpResponse &r)
{
    QList<QByteArray> out;
    for (const auto &[name, value] : r.headers.fields())
        if (name.toLower() == "set-cookie")
            out << value;
    return out;
}

QByteArray cookieNamed(const RawHttpResponse &r, const QByteArray &name)
{
    for (const QByteArray &c : setCookies(r))
        if (c.startsWith(name + '='))
            return c;
    return {};
}

QByteArray cookieValue(const QByteArray &setCookie)
{
    const QByteArray first = setCookie.split(';').first();
    return first.mid(first.indexOf('=') + 1);
}

struct Login
{
    QByteArray session;  // the gb_session value
    QByteArray csrf;     // the gb_csrf value
};

Login login(ProxyHarness &h)
{
    const RawHttpResponse r = call(h, "POST", "/auth", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                   "auth_token=" + kAdminToken);
    return {cookieValue(cookieNamed(r, "gb_session")), cookieValue(cookieNamed(r, "gb_csrf"))};
}

Headers withSession(const Login &l, const Headers &more = {})
{
    Headers out{{"Cookie", "gb_session=" + l.session + "; gb_csrf=" + l.csrf}};
    out += more;
    return out;
}
} // namespace

class TestAdminSession : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ScratchDatabase> m_db;
    std::unique_ptr<ProxyHarness> harness()
    {
        m_db = GB_SCRATCH_DATABASE(u"sqlite"_s);
        return std::make_unique<ProxyHarness>([](SettingsValues &s) { s.authToken = QString::fromLatin1(kAdminToken); },
                                              QStringList{u"AIzaKeyA"_s}, nullptr, &m_db->config());
    }

private slots:
    void cleanup() { m_db.reset(); }

    void loginPageHasAStrictPolicy()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const RawHttpResponse page = call(*h, "GET", "/");
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("content-type").startsWith("text/html"));
        QVERIFY(page.header("content-security-policy").contains("default-src 'none'"));
        QVERIFY(page.header("content-security-policy").contains("form-action 'self'"));
        QCOMPARE(page.header("x-frame-options"), QByteArray("DENY"));
        QVERIFY(page.body.contains("action=\"/auth\""));
        QVERIFY(page.body.contains("name=\"auth_token\""));
        QVERIFY(!page.body.contains("class=\"error\""));
        QVERIFY(!page.body.contains("@DEMO@") && !page.body.contains("demo-banner"));  // only with --demo
        QVERIFY(!page.body.contains("<script"));
        QVERIFY(!page.body.contains("http://") && !page.body.contains("https://"));  // no external assets
        const RawHttpResponse failed = call(*h, "GET", "/?error=1");
        QVERIFY(failed.body.contains("class=\"error\""));
        const RawHttpResponse css = call(*h, "GET", "/auth/login.css");
        QCOMPARE(css.status, 200);
        QVERIFY(css.header("content-type").startsWith("text/css"));
        QVERIFY(css.body.contains(".card"));
    }

    void loginSetsASessionCookieNeverTheToken()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const RawHttpResponse r = call(*h, "POST", "/auth", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                       "auth_token=" + kAdminToken);
        QCOMPARE(r.status, 302);
        QCOMPARE(r.header("location"), QByteArray("/keys"));
        const QByteArray session = cookieNamed(r, "gb_session");
        QVERIFY(!session.isEmpty());
        for (const char *flag : {"; HttpOnly", "; SameSite=Strict", "; Path=/", "; Max-Age=3600"})
            QVERIFY2(session.contains(flag), session.constData());
        QVERIFY(!session.contains("Secure"));
        QCOMPARE(cookieValue(session).size(), 43);  // 256 bits, base64url
        const QByteArray csrf = cookieNamed(r, "gb_csrf");
        QVERIFY(!csrf.contains("HttpOnly"));  // the page's script reads it
        QVERIFY(csrf.contains("SameSite=Strict"));
        for (const QByteArray &c : setCookies(r))
            QVERIFY(!c.contains(kAdminToken));
        QVERIFY(!r.body.contains(kAdminToken));

        // Over TLS (a terminating proxy says so) the cookies are Secure.
        const RawHttpResponse tls = call(*h, "POST", "/auth",
                                         {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Forwarded-Proto", "https"}},
                                         "auth_token=" + kAdminToken);
        QVERIFY(cookieNamed(tls, "gb_session").contains("; Secure"));

        // The session opens the admin API; GET /api/session gives its CSRF token.
        const Login l{cookieValue(session), cookieValue(csrf)};
        QCOMPARE(call(*h, "GET", "/api/config", withSession(l)).status, 200);
        const RawHttpResponse info = call(*h, "GET", "/api/session", withSession(l));
        const QJsonObject json = QJsonDocument::fromJson(info.body).object();
        QCOMPARE(json.value(u"authenticated"_s).toBool(), true);
        QCOMPARE(json.value(u"csrf_token"_s).toString().toLatin1(), l.csrf);
        QVERIFY(!json.value(u"expires_at"_s).toString().isEmpty());
        const RawHttpResponse anonymous = call(*h, "GET", "/api/session");
        QCOMPARE(QJsonDocument::fromJson(anonymous.body).object().value(u"authenticated"_s).toBool(), false);
        QCOMPARE(QJsonDocument::fromJson(anonymous.body).object().value(u"demo"_s), QJsonValue(false));
        QCOMPARE(call(*h, "GET", "/api/config", {{"Cookie", "gb_session=made-up"}}).status, 401);
        // gemini-balance's raw-token cookie is not a session.
        QCOMPARE(call(*h, "GET", "/api/config", {{"Cookie", "auth_token=" + kAdminToken}}).status, 401);
    }

    void loginAcceptsMultipartAndJson()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const QByteArray multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"auth_token\"\r\n\r\n" + kAdminToken
                                     + "\r\n--XyZ--\r\n";
        const RawHttpResponse m = call(*h, "POST", "/auth", {{"Content-Type", "multipart/form-data; boundary=XyZ"}}, multipart);
        QCOMPARE(m.status, 302);
        QCOMPARE(m.header("location"), QByteArray("/keys"));
        QVERIFY(!cookieNamed(m, "gb_session").isEmpty());

        const RawHttpResponse j = call(*h, "POST", "/auth", {{"Content-Type", "application/json"}},
                                       "{\"auth_token\": \"" + kAdminToken + "\"}");
        QCOMPARE(j.status, 200);
        const QJsonObject json = QJsonDocument::fromJson(j.body).object();
        QCOMPARE(json.value(u"success"_s).toBool(), true);
        QCOMPARE(json.value(u"csrf_token"_s).toString().toLatin1(), cookieValue(cookieNamed(j, "gb_csrf")));
        const RawHttpResponse wrong = call(*h, "POST", "/auth", {{"Content-Type", "application/json"}}, "{\"auth_token\": \"nope\"}");
        QCOMPARE(wrong.status, 401);
        QVERIFY(setCookies(wrong).isEmpty());
    }

    void stateChangesNeedTheCsrfToken()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const Login l = login(*h);
        QVERIFY(!l.session.isEmpty());
        const QByteArray body = "{\"MAX_RETRIES\": 2}";
        const Headers json{{"Content-Type", "application/json"}};
        QCOMPARE(call(*h, "PUT", "/api/config", withSession(l, json), body).status, 403);
        QCOMPARE(call(*h, "PUT", "/api/config", withSession(l, json + Headers{{"X-CSRF-Token", "wrong"}}), body).status, 403);
        QCOMPARE(call(*h, "PUT", "/api/config", withSession(l, json + Headers{{"X-CSRF-Token", l.session}}), body).status, 403);
        QCOMPARE(call(*h, "POST", "/gemini/v1beta/reset-all-fail-counts", withSession(l)).status, 403);
        QCOMPARE(call(*h, "POST", "/api/scheduler/stop", withSession(l)).status, 403);
        QCOMPARE(h->settings().snapshot()->maxRetries, 3);
        // Right token, but the browser says another site sent it.
        const Headers proof{{"X-CSRF-Token", l.csrf}};
        QCOMPARE(call(*h, "PUT", "/api/config", withSession(l, json + proof + Headers{{"Origin", "http://evil.example"}}), body).status, 403);
        QCOMPARE(call(*h, "PUT", "/api/config", withSession(l, json + proof + Headers{{"Sec-Fetch-Site", "cross-site"}}), body).status, 403);
        QCOMPARE(h->settings().snapshot()->maxRetries, 3);

        const QByteArray origin = "http://127.0.0.1:" + QByteArray::number(h->port());
        const RawHttpResponse ok = call(*h, "PUT", "/api/config",
                                        withSession(l, json + proof + Headers{{"Origin", origin}, {"Sec-Fetch-Site", "same-origin"}}), body);
        QCOMPARE(ok.status, 200);
        QCOMPARE(h->settings().snapshot()->maxRetries, 2);
        // Reads need no proof; the admin token needs none either (no cookie involved).
        QCOMPARE(call(*h, "GET", "/api/keys/all", withSession(l)).status, 200);
        QCOMPARE(call(*h, "POST", "/api/scheduler/start", {{"Authorization", "Bearer " + kAdminToken}}).status, 200);
    }

    void logoutEndsTheSession()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const Login l = login(*h);
        QCOMPARE(call(*h, "GET", "/api/config", withSession(l)).status, 200);
        const RawHttpResponse out = call(*h, "POST", "/logout", withSession(l));
        QCOMPARE(out.status, 302);
        QCOMPARE(out.header("location"), QByteArray("/"));
        QVERIFY(cookieNamed(out, "gb_session").contains("Max-Age=0"));
        QVERIFY(cookieNamed(out, "gb_csrf").contains("Max-Age=0"));
        QCOMPARE(call(*h, "GET", "/api/config", withSession(l)).status, 401);

        const Login again = login(*h);
        QCOMPARE(call(*h, "GET", "/logout", withSession(again)).status, 302);
        QCOMPARE(call(*h, "GET", "/api/config", withSession(again)).status, 401);
    }

    void failedLoginsAreRateLimited()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const Headers form{{"Content-Type", "application/x-www-form-urlencoded"}};
        for (int i = 0; i < 5; ++i) {
            const RawHttpResponse r = call(*h, "POST", "/auth", form, "auth_token=guess" + QByteArray::number(i));
            QCOMPARE(r.status, 302);
            QCOMPARE(r.header("location"), QByteArray("/?error=1"));
            QVERIFY(setCookies(r).isEmpty());
        }
        const RawHttpResponse limited = call(*h, "POST", "/auth", form, "auth_token=guess6");
        QCOMPARE(limited.status, 429);
        const int retryAfter = limited.header("retry-after").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60, limited.header("retry-after").constData());
        // Even the right token waits: guessing faster is not possible.
        const RawHttpResponse right = call(*h, "POST", "/auth", form, "auth_token=" + kAdminToken);
        QCOMPARE(right.status, 429);
        QVERIFY(setCookies(right).isEmpty());
        const RawHttpResponse json = call(*h, "POST", "/auth", {{"Content-Type", "application/json"}}, "{\"auth_token\": \"x\"}");
        QCOMPARE(json.status, 429);
        QVERIFY(json.hasHeader("retry-after"));
    }

    void sessionsEndWhenTheAdminTokenChanges()
    {
        auto h = harness();
        QVERIFY(h->isReady());
        const Login l = login(*h);
        QCOMPARE(call(*h, "GET", "/api/config", withSession(l)).status, 200);
        QVERIFY(h->apply({{u"AUTH_TOKEN"_s, u"a-brand-new-admin-token"_s}}));
        QCOMPARE(call(*h, "GET", "/api/config", withSession(l)).status, 401);
    }
};

QTEST_GUILESS_MAIN(TestAdminSession)
#include "tst_adminsession.moc"
