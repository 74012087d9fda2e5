#pragma once

#include "keys/KeyState.h"

#include <QList>

namespace gb {

// Key health at a glance, as the overview and the tray show it.
struct KeyHealthCounts
{
    int active = 0;    // enabled and not resting for any model
    int cooling = 0;   // enabled, resting for at least one model
    int disabled = 0;
    int total() const { return active + cooling + disabled; }
};

enum class KeyHealthState {
    Stopped,     // the server is not listening
    AllGood,     // listening, and no key is cooling or disabled
    SomeCooling, // listening, some keys rest or are disabled, but one at least is usable
    NoUsableKey, // listening, but no key is enabled and rested (or no key at all)
};

// A key is "active", "cooling" or "disabled" at nowMs.
enum class KeyCondition { Active, Cooling, Disabled };
KeyCondition keyCondition(const KeyState &state, qint64 nowMs);
// The latest cooldown end still ahead of nowMs (0: none).
qint64 cooldownUntil(const KeyState &state, qint64 nowMs);

KeyHealthCounts countKeyHealth(const QList<KeyState> &states, qint64 nowMs);
KeyHealthState keyHealthState(const KeyHealthCounts &counts, bool listening);

} // namespace gb
