#include "keys/KeyState.h"

using namespace Qt::StringLiterals;

namespace gb {

QString disableReasonName(DisableReason reason)
{
    switch (reason) {
    case DisableReason::None:
        return {};
    case DisableReason::MaxFailures:
        return u"max_failures"_s;
    case DisableReason::Suspended:
        return u"suspended"_s;
    case DisableReason::Manual:
        return u"manual"_s;
    }
    return {};
}

// "" reads as None; an unknown name (e.g. from a newer version's storage) as Manual, so a
// key someone took out of rotation never comes back by accident.
DisableReason disableReasonFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"max_failures"_s)
        return DisableReason::MaxFailures;
    if (n == u"suspended"_s)
        return DisableReason::Suspended;
    if (n == u"manual"_s)
        return DisableReason::Manual;
    return n.isEmpty() ? DisableReason::None : DisableReason::Manual;
}

} // namespace gb
