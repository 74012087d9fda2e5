#include "keys/KeyHealthSummary.h"

namespace gb {

qint64 cooldownUntil(const KeyState &state, qint64 nowMs)
{
    qint64 until = 0;
    for (const Cooldown &c : state.cooldowns)
        if (c.untilMs > nowMs && c.untilMs > until)
            until = c.untilMs;
    return until;
}

KeyCondition keyCondition(const KeyState &state, qint64 nowMs)
{
    if (state.isDisabled())
        return KeyCondition::Disabled;
    return cooldownUntil(state, nowMs) > 0 ? KeyCondition::Cooling : KeyCondition::Active;
}

KeyHealthCounts countKeyHealth(const QList<KeyState> &states, qint64 nowMs)
{
    KeyHealthCounts counts;
    for (const KeyState &s : states) {
        switch (keyCondition(s, nowMs)) {
        case KeyCondition::Active: ++counts.active; break;
        case KeyCondition::Cooling: ++counts.cooling; break;
        case KeyCondition::Disabled: ++counts.disabled; break;
        }
    }
    return counts;
}

KeyHealthState keyHealthState(const KeyHealthCounts &counts, bool listening)
{
    if (!listening)
        return KeyHealthState::Stopped;
    // A key cooling for one model may still serve others, so only "no active key" is red.
    if (counts.active == 0)
        return KeyHealthState::NoUsableKey;
    if (counts.cooling > 0 || counts.disabled > 0)
        return KeyHealthState::SomeCooling;
    return KeyHealthState::AllGood;
}

} // namespace gb
