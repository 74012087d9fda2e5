#include "common/ApiErrors.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gb {

QString googleStatusName(int httpStatus)
{
    switch (httpStatus) {
    case 400: return u"INVALID_ARGUMENT"_s;
    case 401: return u"UNAUTHENTICATED"_s;
    case 403: return u"PERMISSION_DENIED"_s;
    case 404: return u"NOT_FOUND"_s;
    case 405: return u"UNIMPLEMENTED"_s;
    case 408: return u"DEADLINE_EXCEEDED"_s;
    case 409: return u"ABORTED"_s;
    case 411: return u"INVALID_ARGUMENT"_s;
    case 412: return u"FAILED_PRECONDITION"_s;
    case 413: return u"INVALID_ARGUMENT"_s;
    case 414: return u"INVALID_ARGUMENT"_s;
    case 415: return u"INVALID_ARGUMENT"_s;
    case 417: return u"FAILED_PRECONDITION"_s;
    case 422: return u"INVALID_ARGUMENT"_s;
    case 429: return u"RESOURCE_EXHAUSTED"_s;
    case 431: return u"INVALID_ARGUMENT"_s;
    case 499: return u"CANCELLED"_s;
    case 500: return u"INTERNAL"_s;
    case 501: return u"UNIMPLEMENTED"_s;
    case 502: return u"UNAVAILABLE"_s;
    case 503: return u"UNAVAILABLE"_s;
    case 504: return u"DEADLINE_EXCEEDED"_s;
    case 505: return u"UNIMPLEMENTED"_s;
    default: return httpStatus >= 500 ? u"INTERNAL"_s : u"FAILED_PRECONDITION"_s;
    }
}

namespace {
QString openAiType(int httpStatus)
{
    switch (httpStatus) {
    case 401: return u"authentication_error"_s;
    case 403: return u"permission_error"_s;
    case 404: return u"not_found_error"_s;
    case 429: return u"rate_limit_error"_s;
    default: return httpStatus >= 500 ? u"server_error"_s : u"invalid_request_error"_s;
    }
}
} // namespace

QByteArray apiErrorBody(ErrorFormat format, int httpStatus, const QString &message)
{
    QJsonObject error;
    if (format == ErrorFormat::Gemini) {
        error = {{u"code"_s, httpStatus}, {u"message"_s, message}, {u"status"_s, googleStatusName(httpStatus)}};
    } else {
        const QString code = httpStatus == 401   ? u"invalid_api_key"_s
                             : httpStatus == 429 ? u"rate_limit_exceeded"_s
                                                 : googleStatusName(httpStatus).toLower();
        error = {{u"message"_s, message}, {u"type"_s, openAiType(httpStatus)}, {u"param"_s, QJsonValue::Null},
                 {u"code"_s, code}};
    }
    return QJsonDocument(QJsonObject{{u"error"_s, error}}).toJson(QJsonDocument::Compact);
}

} // namespace gb
