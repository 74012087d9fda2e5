#pragma once

#include <QList>
#include <QString>

namespace gb::demo {

// The sample keys of --demo and how the built-in upstream treats each.
enum class KeyBehaviour {
    Good,         // answers every call
    RateLimited,  // 429 RESOURCE_EXHAUSTED with QuotaFailure and RetryInfo
    Invalid,      // 400 INVALID_ARGUMENT, ErrorInfo reason API_KEY_INVALID
};

struct DemoKey
{
    QString key;
    KeyBehaviour behaviour;
};

// Three good keys, one rate-limited, one invalid; fixed, so a second demo start finds the
// key states it saved.
QList<DemoKey> demoKeys();
// What the built-in upstream does with `key` (unknown keys are invalid, as on Google's side).
KeyBehaviour behaviourOf(const QString &key);

// Fixed, published tokens: the demo serves fake data only.
QString demoAdminToken();
QString demoClientToken();

} // namespace gb::demo
