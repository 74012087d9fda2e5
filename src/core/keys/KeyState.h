#pragma once

#include <QHash>
#include <QString>

namespace gb {

// Why a key is out of rotation until someone (or the health check) brings it back.
enum class DisableReason {
    None,
    MaxFailures,  // counted failures reached MAX_FAILURES
    Suspended,    // 403 CONSUMER_SUSPENDED: disabled at once
    Manual,       // an admin disabled it; only an admin enables it again (never the health check)
};
QString disableReasonName(DisableReason reason);  // "", "max_failures", "suspended", "manual"
DisableReason disableReasonFromName(const QString &name);

// A key resting for one model after a rate limit.
struct Cooldown
{
    qint64 untilMs = 0;   // epoch ms when the key may serve this model again
    int level = 0;        // consecutive rate limits (exponential backoff step); reset by a success
    bool perDay = false;  // a daily quota: until midnight Pacific time
    QString reason;       // short, redacted, e.g. "429 per-minute quota"
};

// Everything the pool knows about one key. Persisted (see store/KeyStateStore) so it
// survives a restart; the key itself is never stored there, only its SHA-256.
struct KeyState
{
    QString key;
    int weight = 1;                      // for the weighted strategy, >= 1
    int failures = 0;                    // counted failures since the last success/reset
    DisableReason disabled = DisableReason::None;
    QString lastError;                   // short and redacted
    qint64 lastUsedMs = 0;               // epoch ms; 0 = never
    qint64 lastSuccessMs = 0;
    qint64 lastFailureMs = 0;
    quint64 successes = 0;               // totals over the key's life
    quint64 failuresTotal = 0;
    QHash<QString, Cooldown> cooldowns;  // by model name; expired entries may linger

    bool isDisabled() const { return disabled != DisableReason::None; }
    // A cooldown for `model` that has not ended at nowMs.
    bool isCooling(const QString &model, qint64 nowMs) const
    {
        const auto it = cooldowns.constFind(model);
        return it != cooldowns.constEnd() && it->untilMs > nowMs;
    }
};

} // namespace gb
