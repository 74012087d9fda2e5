#pragma once

#include "http/HttpRequest.h"

#include <QByteArray>

namespace gb {

class AdminAuth;
class ResponseSink;

// The web admin pages, for server users (same port as the API):
//   GET /keys     keys and traffic: counts, trend chart, attention keys, the key lists
//                 with verify / reset / enable / disable / delete, one key or a selection
//   GET /config   every setting, grouped, with its source; save and reset
//   GET /logs     the error log: filters, details, delete
//   GET /admin/*  their scripts and style sheet (resources/web, compiled in)
//   GET /favicon.ico  the application icon (SVG), also /admin/icon.svg
// A page needs an admin session or the admin token; without one it redirects to the login
// page at /. The pages are static: the data comes from the admin JSON API, under a
// Content-Security-Policy that allows scripts and requests to this origin only.
class AdminPagesApi
{
public:
    static bool matches(const QByteArray &path);
    static void handle(const HttpRequest &request, const AdminAuth &admin, ResponseSink *sink);
};

} // namespace gb
