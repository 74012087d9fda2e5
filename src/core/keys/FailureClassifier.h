#pragma once

#include <QByteArray>
#include <QString>

namespace gb {

// Why an upstream attempt failed, decided from the HTTP status and Gemini's error body.
enum class FailureKind {
    ClientError,      // the client's own mistake (bad request, unknown model): return it, never retry
    InvalidKey,       // 400 API_KEY_INVALID, 401: the key is bad
    PermissionDenied, // 403: key suspended or not allowed
    RateLimited,      // 429 RESOURCE_EXHAUSTED
    UpstreamFault,    // 5xx, connection errors
    Timeout,          // no answer within TIME_OUT
};

struct Failure
{
    FailureKind kind = FailureKind::UpstreamFault;
    int httpStatus = 0;      // 0 for network errors
    QString reason;          // ErrorInfo.reason, e.g. "API_KEY_INVALID", "CONSUMER_SUSPENDED"
    QString message;         // the upstream's message (may contain the key: redact before use)
    bool perDayQuota = false;  // a QuotaFailure whose quotaId says PerDay
    qint64 retryDelayMs = -1;  // RetryInfo.retryDelay, -1 if absent

    bool isRetryable() const { return kind != FailureKind::ClientError; }
};

Failure classifyHttpFailure(int httpStatus, const QByteArray &body);
QString failureKindName(FailureKind kind);

} // namespace gb
