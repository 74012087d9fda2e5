#include "api/AdminPagesApi.h"

#include "api/AdminAuth.h"
#include "api/Responses.h"
#include "common/ResponseSink.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

constexpr QByteArrayView kAssetPrefix = "/admin/";

QByteArray page(const QByteArray &path)
{
    if (path == "/keys")
        return "keys.html";
    if (path == "/config")
        return "config.html";
    if (path == "/logs")
        return "logs.html";
    return {};
}

QByteArray contentType(const QByteArray &file)
{
    if (file.endsWith(".html"))
        return "text/html; charset=utf-8";
    if (file.endsWith(".js"))
        return "text/javascript; charset=utf-8";
    if (file.endsWith(".css"))
        return "text/css; charset=utf-8";
    if (file.endsWith(".svg"))
        return "image/svg+xml";
    return "application/octet-stream";
}

// Only names made of letters, digits, '-', '_' and one '.', so no path can leave :/web.
bool plainFileName(const QByteArray &name)
{
    if (name.isEmpty() || name.size() > 64 || name.count('.') != 1 || name.startsWith('.'))
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
               || c == '.';
    });
}

HttpHeaders headersFor(const QByteArray &file)
{
    return {{"Content-Type", contentType(file)},
            {"Content-Security-Policy",
             "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
            {"X-Frame-Options", "DENY"},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},
            // Pages are never cached (they follow the session); scripts may be, briefly.
            {"Cache-Control", file.endsWith(".html") ? "no-store" : "max-age=300"}};
}

void sendFile(ResponseSink *sink, const QByteArray &file, bool head)
{
    QFile resource(u":/web/"_s + QString::fromLatin1(file));
    if (!resource.open(QIODevice::ReadOnly))
        return sendJson(sink, 404, QJsonDocument(QJsonObject{{u"detail"_s, u"Not Found"_s}}));
    const QByteArray body = resource.readAll();
    sink->send(200, headersFor(file), head ? QByteArray() : body);
}

} // namespace

bool AdminPagesApi::matches(const QByteArray &path)
{
    return !page(path).isEmpty() || path == "/keys_status" || path == "/favicon.ico" || path.startsWith(kAssetPrefix);
}

void AdminPagesApi::handle(const HttpRequest &request, const AdminAuth &admin, ResponseSink *sink)
{
    const bool head = request.method == "HEAD";
    if (request.method != "GET" && !head)
        return sendJson(sink, 405, QJsonDocument(QJsonObject{{u"detail"_s, u"Method not allowed here; use GET."_s}}));
    if (request.path == "/keys_status")  // the name gemini-balance's README uses
        return sink->send(302, {{"Location", "/keys"}, {"Cache-Control", "no-store"}}, {});
    if (request.path == "/favicon.ico")
        return sendFile(sink, "icon.svg", head);
    if (request.path.startsWith(kAssetPrefix)) {
        // Scripts and styles hold no data: served without a session, like the login page's.
        const QByteArray name = request.path.mid(kAssetPrefix.size());
        if (!plainFileName(name) || name.endsWith(".html"))
            return sendJson(sink, 404, QJsonDocument(QJsonObject{{u"detail"_s, u"Not Found"_s}}));
        return sendFile(sink, name, head);
    }
    if (!admin.check(request, false).allowed)
        return sink->send(302, {{"Location", "/"}, {"Cache-Control", "no-store"}}, {});
    sendFile(sink, page(request.path), head);
}

} // namespace gb
