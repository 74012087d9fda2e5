#include "DemoKeys.h"

using namespace Qt::StringLiterals;

namespace gb::demo {

QList<DemoKey> demoKeys()
{
    // 39 characters like real keys ("AIza" + 35), visibly not real ones.
    return {
        {u"AIzaDEMO-good-key-1-not-a-real-key-0001"_s, KeyBehaviour::Good},
        {u"AIzaDEMO-good-key-2-not-a-real-key-0002"_s, KeyBehaviour::Good},
        {u"AIzaDEMO-good-key-3-not-a-real-key-0003"_s, KeyBehaviour::Good},
        {u"AIzaDEMO-rate-limited-not-a-real-key-04"_s, KeyBehaviour::RateLimited},
        {u"AIzaDEMO-invalid-key-not-a-real-key-005"_s, KeyBehaviour::Invalid},
    };
}

KeyBehaviour behaviourOf(const QString &key)
{
    for (const DemoKey &k : demoKeys())
        if (k.key == key)
            return k.behaviour;
    return KeyBehaviour::Invalid;
}

QString demoAdminToken()
{
    return u"demo-admin"_s;
}

QString demoClientToken()
{
    return u"sk-demo-client"_s;
}

} // namespace gb::demo
