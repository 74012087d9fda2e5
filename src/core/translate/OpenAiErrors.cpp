#include "translate/ChatResponseTranslator.h"

#include "common/ApiErrors.h"
#include "translate/ChatResponse_p.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace gb {
namespace chatresponse {

namespace {

// The same types as apiErrorBody(ErrorFormat::OpenAI, ...), so the proxy's own errors and
// translated upstream errors look alike.
QString openAiErrorType(int httpStatus)
{
    switch (httpStatus) {
    case 401: return u"authentication_error"_s;
    case 403: return u"permission_error"_s;
    case 404: return u"not_found_error"_s;
    case 429: return u"rate_limit_error"_s;
    default: return httpStatus >= 500 ? u"server_error"_s : u"invalid_request_error"_s;
    }
}

constexpr qsizetype MaxRawMessage = 2000;

} // namespace

QJsonObject openAiErrorObject(int httpStatus, const QString &message, const QString &googleStatus,
                              const QString &googleReason)
{
    QString code;
    if (httpStatus == 429)
        code = u"rate_limit_exceeded"_s;
    else if (httpStatus == 401 || googleReason == "API_KEY_INVALID"_L1)
        code = u"invalid_api_key"_s;  // Google answers a bad key with 400 API_KEY_INVALID
    else if (!googleStatus.isEmpty())
        code = googleStatus.toLower();
    else
        code = googleStatusName(httpStatus).toLower();
    return QJsonObject{
        {u"message"_s, message},
        {u"type"_s, openAiErrorType(httpStatus)},
        {u"param"_s, QJsonValue::Null},
        {u"code"_s, code},
    };
}

} // namespace chatresponse

QByteArray translateErrorToOpenAi(int httpStatus, const QByteArray &geminiErrorBody)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(geminiErrorBody, &parseError);
    QJsonObject root = doc.object();
    if (doc.isArray())  // Google's OpenAI-compatible endpoint wraps the error in an array
        root = doc.array().at(0).toObject();

    QString message;
    QString status;
    QString reason;
    const QJsonValue error = root.value("error"_L1);
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        message = e.value("message"_L1).toString().trimmed();
        status = e.value("status"_L1).toString();
        const QJsonArray details = e.value("details"_L1).toArray();
        for (const QJsonValue &d : details) {
            const QJsonObject detail = d.toObject();
            if (detail.value("@type"_L1).toString().endsWith("google.rpc.ErrorInfo"_L1)) {
                reason = detail.value("reason"_L1).toString();
                break;
            }
        }
    } else if (error.isString()) {
        message = error.toString().trimmed();
    }
    if (message.isEmpty()) {
        message = QString::fromUtf8(geminiErrorBody).trimmed();
        if (message.size() > chatresponse::MaxRawMessage)
            message = message.left(chatresponse::MaxRawMessage) + u"..."_s;
    }
    if (message.isEmpty())
        message = u"The upstream answered with HTTP %1."_s.arg(httpStatus);

    return chatresponse::compactJson(
        QJsonObject{{u"error"_s, chatresponse::openAiErrorObject(httpStatus, message, status, reason)}});
}

} // namespace gb
