#include "keys/FailureClassifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
// "37s", "0.5s", "1.250s" -> milliseconds.
qint64 parseDuration(const QString &text)
{
    if (!text.endsWith(u's'))
        return -1;
    bool ok = false;
    const double seconds = QStringView(text).chopped(1).toDouble(&ok);
    return ok && seconds >= 0 ? qint64(seconds * 1000.0 + 0.5) : -1;
}
} // namespace

Failure classifyHttpFailure(int httpStatus, const QByteArray &body)
{
    Failure f;
    f.httpStatus = httpStatus;

    // Google's OpenAI-compatible endpoint wraps the error in an array: [{"error":{...}}].
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonObject root = doc.isArray() ? doc.array().at(0).toObject() : doc.object();
    const QJsonObject error = root.value(u"error"_s).toObject();
    f.message = error.value(u"message"_s).toString();
    const QJsonArray details = error.value(u"details"_s).toArray();
    for (const QJsonValue &v : details) {
        const QJsonObject d = v.toObject();
        const QString type = d.value(u"@type"_s).toString();
        if (type.endsWith(u"google.rpc.ErrorInfo"_s)) {
            f.reason = d.value(u"reason"_s).toString();
        } else if (type.endsWith(u"google.rpc.RetryInfo"_s)) {
            f.retryDelayMs = parseDuration(d.value(u"retryDelay"_s).toString());
        } else if (type.endsWith(u"google.rpc.QuotaFailure"_s)) {
            const QJsonArray violations = d.value(u"violations"_s).toArray();
            for (const QJsonValue &vv : violations)
                if (vv.toObject().value(u"quotaId"_s).toString().contains(u"PerDay"_s))
                    f.perDayQuota = true;
        }
    }

    const bool keyInvalid = f.reason == u"API_KEY_INVALID"_s || f.reason == u"API_KEY_EXPIRED"_s
                            || f.message.contains(u"API key not valid"_s) || f.message.contains(u"API key expired"_s);
    if (httpStatus == 401 || (httpStatus == 400 && keyInvalid))
        f.kind = FailureKind::InvalidKey;
    else if (httpStatus == 403)
        f.kind = FailureKind::PermissionDenied;
    else if (httpStatus == 429)
        f.kind = FailureKind::RateLimited;
    else if (httpStatus == 408 || httpStatus == 504)
        f.kind = FailureKind::Timeout;
    else if (httpStatus >= 500)
        f.kind = FailureKind::UpstreamFault;
    else
        f.kind = FailureKind::ClientError;
    return f;
}

QString failureKindName(FailureKind kind)
{
    switch (kind) {
    case FailureKind::ClientError: return u"client error"_s;
    case FailureKind::InvalidKey: return u"invalid key"_s;
    case FailureKind::PermissionDenied: return u"permission denied"_s;
    case FailureKind::RateLimited: return u"rate limited"_s;
    case FailureKind::UpstreamFault: return u"upstream fault"_s;
    case FailureKind::Timeout: return u"timeout"_s;
    }
    return {};
}

} // namespace gb
