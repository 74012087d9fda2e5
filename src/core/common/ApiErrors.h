#pragma once

#include <QByteArray>
#include <QString>

namespace gb {

// The error envelope a client expects from the API family it called.
enum class ErrorFormat {
    Gemini,  // {"error":{"code":404,"message":"...","status":"NOT_FOUND"}}
    OpenAI,  // {"error":{"message":"...","type":"invalid_request_error","code":"..."}}
};

// Google's canonical status name for an HTTP status (404 -> "NOT_FOUND").
QString googleStatusName(int httpStatus);

QByteArray apiErrorBody(ErrorFormat format, int httpStatus, const QString &message);

} // namespace gb
