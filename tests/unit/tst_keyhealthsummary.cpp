#include "auth/ClientTokenGenerator.h"
#include "common/Redact.h"
#include "keys/KeyHealthSummary.h"

#include <QSet>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {
KeyState make(const QString &key, DisableReason disabled = DisableReason::None, qint64 coolUntil = 0)
{
    KeyState s;
    s.key = key;
    s.disabled = disabled;
    if (coolUntil)
        s.cooldowns.insert(u"gemini-2.5-flash"_s, Cooldown{coolUntil, 1, false, u"429"_s});
    return s;
}
} // namespace

class TestKeyHealthSummary : public QObject
{
    Q_OBJECT
private slots:
    void conditions()
    {
        const qint64 now = 1'000'000;
        QCOMPARE(keyCondition(make(u"a"_s), now), KeyCondition::Active);
        QCOMPARE(keyCondition(make(u"a"_s, DisableReason::None, now + 5), now), KeyCondition::Cooling);
        QCOMPARE(keyCondition(make(u"a"_s, DisableReason::None, now), now), KeyCondition::Active);  // ended
        QCOMPARE(keyCondition(make(u"a"_s, DisableReason::Manual, now + 5), now), KeyCondition::Disabled);
        KeyState two = make(u"a"_s, DisableReason::None, now + 5);
        two.cooldowns.insert(u"gemini-2.5-pro"_s, Cooldown{now + 90, 1, false, {}});
        two.cooldowns.insert(u"old"_s, Cooldown{now - 90, 1, false, {}});
        QCOMPARE(cooldownUntil(two, now), now + 90);
        QCOMPARE(cooldownUntil(make(u"a"_s), now), 0);
    }

    void countsAndState()
    {
        const qint64 now = 50'000;
        const QList<KeyState> states{make(u"a"_s), make(u"b"_s, DisableReason::None, now + 1000),
                                     make(u"c"_s, DisableReason::MaxFailures), make(u"d"_s)};
        const KeyHealthCounts counts = countKeyHealth(states, now);
        QCOMPARE(counts.active, 2);
        QCOMPARE(counts.cooling, 1);
        QCOMPARE(counts.disabled, 1);
        QCOMPARE(counts.total(), 4);
        QCOMPARE(keyHealthState(counts, true), KeyHealthState::SomeCooling);
        QCOMPARE(keyHealthState(counts, false), KeyHealthState::Stopped);
        QCOMPARE(keyHealthState(countKeyHealth({make(u"a"_s)}, now), true), KeyHealthState::AllGood);
        QCOMPARE(keyHealthState(countKeyHealth({make(u"a"_s, DisableReason::None, now + 1)}, now), true),
                 KeyHealthState::NoUsableKey);
        QCOMPARE(keyHealthState(countKeyHealth({}, now), true), KeyHealthState::NoUsableKey);
    }

    void generatedTokensAreLongDistinctAndRedacted()
    {
        QSet<QString> seen;
        for (int i = 0; i < 50; ++i) {
            const QString token = generateClientToken();
            QVERIFY(token.startsWith(u"sk-gb-"_s));
            QCOMPARE(token.size(), 46);
            for (QChar c : token.mid(6))
                QVERIFY2(c.isLetterOrNumber() || c == u'-' || c == u'_', qPrintable(token));
            seen.insert(token);
            QVERIFY(!redact::secretsInText(u"token "_s + token).contains(token));
        }
        QCOMPARE(seen.size(), 50);
    }
};

QTEST_GUILESS_MAIN(TestKeyHealthSummary)
#include "tst_keyhealthsummary.moc"
