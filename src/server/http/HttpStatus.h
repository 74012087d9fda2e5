#pragma once

#include <QByteArray>
#include <QString>

namespace gb::http {

// "OK", "Not Found", ... for the status line; "Unknown" for codes without a phrase.
QByteArray reasonPhrase(int status);

// The google.rpc status name used in Google's error envelope for an HTTP status,
// e.g. 400 -> "INVALID_ARGUMENT", 408 -> "DEADLINE_EXCEEDED".
QByteArray googleStatusName(int status);

// {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}
QByteArray errorJsonBody(int status, const QString &message);

} // namespace gb::http
