#include "keys/KeyPolicy.h"

#include "common/Clock.h"
#include "keys/KeyPool.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace gb {

KeyPolicyConfig KeyPolicyConfig::fromSettings(const SettingsValues &s)
{
    KeyPolicyConfig c;
    c.countedStatuses.clear();
    for (const QString &code : s.failureStatusCodes)
        c.countedStatuses.insert(code.toInt());
    c.upstreamFaultWeight = s.upstreamFaultFailureWeight;
    c.cooldownBaseMs = qint64(s.rateLimitCooldownSeconds) * 1000;
    c.cooldownMaxMs = qMax(c.cooldownBaseMs, qint64(s.rateLimitCooldownMaxSeconds) * 1000);
    return c;
}

qint64 nextPacificMidnightMs(qint64 nowMs)
{
    const QTimeZone pacific("America/Los_Angeles");
    if (!pacific.isValid()) {  // no time zone data: Pacific Standard Time all year
        constexpr qint64 day = 86'400'000, pst = 8 * 3'600'000;
        return ((nowMs - pst) / day + 1) * day + pst;
    }
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, pacific);
    return QDateTime(now.date().addDays(1), QTime(0, 0), pacific).toMSecsSinceEpoch();
}

namespace {
qint64 backoffMs(int level, const KeyPolicyConfig &config)
{
    qint64 ms = config.cooldownBaseMs;
    for (int i = 0; i < level && ms < config.cooldownMaxMs; ++i)
        ms *= 2;
    return qMin(ms, config.cooldownMaxMs);
}

bool listed(const Failure &failure, const KeyPolicyConfig &config)
{
    return failure.httpStatus > 0 && config.countedStatuses.contains(failure.httpStatus);
}
} // namespace

KeyDecision decideKeyOutcome(const Failure &failure, int cooldownLevel, qint64 nowMs, const KeyPolicyConfig &config)
{
    KeyDecision d;
    switch (failure.kind) {
    case FailureKind::ClientError:
        return d;  // the client's mistake: the key is not involved
    case FailureKind::InvalidKey:
        d.countWeight = listed(failure, config) ? 1 : 0;
        break;
    case FailureKind::PermissionDenied:
        if (failure.reason == u"CONSUMER_SUSPENDED"_s)
            d.disable = DisableReason::Suspended;
        d.countWeight = listed(failure, config) ? 1 : 0;
        break;
    case FailureKind::RateLimited:
        d.coolDown = true;
        d.perDay = failure.perDayQuota;
        if (failure.perDayQuota)
            d.coolUntilMs = nextPacificMidnightMs(nowMs);
        else if (failure.retryDelayMs > 0)
            d.coolUntilMs = nowMs + qMax<qint64>(1000, failure.retryDelayMs);
        else
            d.coolUntilMs = nowMs + backoffMs(cooldownLevel, config);
        d.countWeight = listed(failure, config) ? 1 : 0;
        break;
    case FailureKind::UpstreamFault:
        d.countWeight = listed(failure, config) ? 1 : config.upstreamFaultWeight;
        break;
    case FailureKind::Timeout:
        // A slow or overloaded upstream says nothing about the key: only an HTTP timeout
        // status the user listed counts.
        d.countWeight = listed(failure, config) ? 1 : 0;
        break;
    }
    d.touchesKey = true;
    return d;
}

void applyKeyFailure(KeyPool &pool, const QString &key, const QString &model, const Failure &failure,
                     const KeyPolicyConfig &config, const QString &summary)
{
    const KeyDecision d =
        decideKeyOutcome(failure, pool.cooldownLevel(key, model), pool.clock()->nowMs(), config);
    if (!d.touchesKey)
        return;
    if (d.coolDown)
        pool.coolDown(key, model, d.coolUntilMs, d.perDay, summary);
    if (d.disable != DisableReason::None)
        pool.disable(key, d.disable, summary);
    pool.recordFailure(key, d.countWeight, summary);
}

} // namespace gb
