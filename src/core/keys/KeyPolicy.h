#pragma once

#include "keys/FailureClassifier.h"
#include "keys/KeyState.h"
#include "settings/SettingsValues.h"

#include <QSet>

namespace gb {

class KeyPool;

// The knobs of the failure policy (from settings).
struct KeyPolicyConfig
{
    QSet<int> countedStatuses{400, 401, 403};  // FAILURE_STATUS_CODES
    int upstreamFaultWeight = 0;               // UPSTREAM_FAULT_FAILURE_WEIGHT
    qint64 cooldownBaseMs = 30'000;            // RATE_LIMIT_COOLDOWN_SECONDS
    qint64 cooldownMaxMs = 3'600'000;          // RATE_LIMIT_COOLDOWN_MAX_SECONDS

    static KeyPolicyConfig fromSettings(const SettingsValues &settings);
};

// What one failed attempt means for its key.
struct KeyDecision
{
    bool touchesKey = false;   // false: the client's own mistake, the key is not involved
    int countWeight = 0;       // added to the key's failure count (MAX_FAILURES)
    DisableReason disable = DisableReason::None;  // disable at once (a suspended key)
    bool coolDown = false;     // rest the key for this model...
    qint64 coolUntilMs = 0;    // ...until then
    bool perDay = false;
};

// The failure policy, as a careful human would apply it:
// - a client error (bad request, unknown model) never touches the key;
// - an invalid key (400 API_KEY_INVALID, 401) and a 403 count towards MAX_FAILURES when
//   their status is in FAILURE_STATUS_CODES; a suspended key (403 CONSUMER_SUSPENDED) is
//   disabled at once;
// - a rate limit (429) rests the key for that model only: until midnight Pacific time for a
//   daily quota, for RetryInfo.retryDelay when given, else an exponential backoff from
//   RATE_LIMIT_COOLDOWN_SECONDS (doubling per consecutive limit, capped); it counts only if
//   429 is listed;
// - a server error or a connection failure counts with UPSTREAM_FAULT_FAILURE_WEIGHT (or 1
//   when its status is listed); a timeout on the wire never counts.
KeyDecision decideKeyOutcome(const Failure &failure, int cooldownLevel, qint64 nowMs, const KeyPolicyConfig &config);

// Gemini's daily quotas reset at midnight Pacific time (America/Los_Angeles, DST-aware).
qint64 nextPacificMidnightMs(qint64 nowMs);

// Decides and applies the outcome of a failed attempt to the pool.
void applyKeyFailure(KeyPool &pool, const QString &key, const QString &model, const Failure &failure,
                     const KeyPolicyConfig &config, const QString &summary);

} // namespace gb
