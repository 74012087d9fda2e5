#include "upstream/ProxyRing.h"

#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestProxyRing : public QObject
{
    Q_OBJECT

    static QStringList keys(int n)
    {
        QStringList out;
        for (int i = 0; i < n; ++i)
            out << u"AIzaSy-test-key-%1"_s.arg(i);
        return out;
    }

private slots:
    void emptyRing()
    {
        QCOMPARE(ProxyRing().indexFor(u"k"_s), -1);
    }

    void stableAcrossInstances()
    {
        const QStringList proxies{u"http://p1:8080"_s, u"socks5://p2:1080"_s, u"http://p3:3128"_s};
        const ProxyRing a(proxies), b(proxies);
        for (const QString &k : keys(200))
            QCOMPARE(a.indexFor(k), b.indexFor(k));
        // A fixed expectation guards against an accidental change of the hash (which would
        // move every user's keys to other proxies after an upgrade).
        QCOMPARE(ProxyRing::stableHash("abc"), Q_UINT64_C(0xa9993e364706816a));
    }

    void credentialsAndSpellingDoNotMoveKeys()
    {
        const ProxyRing a({u"http://user:old@p1.example:8080"_s, u"socks5://p2.example:1080"_s});
        const ProxyRing b({u"HTTP://user:new@P1.example:8080/"_s, u"socks5://p2.example:1080"_s});
        for (const QString &k : keys(100))
            QCOMPARE(a.indexFor(k), b.indexFor(k));
        QCOMPARE(ProxyRing::identity(u"http://u:p@Host:3128/"_s), QByteArray("http://host:3128"));
    }

    void spreadsKeysEvenly()
    {
        const ProxyRing ring({u"http://p1:1"_s, u"http://p2:1"_s, u"http://p3:1"_s, u"http://p4:1"_s});
        QList<int> counts(4, 0);
        for (const QString &k : keys(4000))
            ++counts[ring.indexFor(k)];
        for (int c : counts)
            QVERIFY2(c > 700 && c < 1300, qPrintable(QString::number(c)));
    }

    void addingAProxyMovesFewKeys()
    {
        const QStringList three{u"http://p1:1"_s, u"http://p2:1"_s, u"http://p3:1"_s};
        const ProxyRing before(three);
        const ProxyRing after(three + QStringList{u"http://p4:1"_s});
        int moved = 0;
        const QStringList ks = keys(4000);
        for (const QString &k : ks) {
            const int a = after.indexFor(k);
            if (a != before.indexFor(k)) {
                ++moved;
                QCOMPARE(a, 3);  // keys only move to the new proxy
            }
        }
        QVERIFY2(moved > 600 && moved < 1400, qPrintable(QString::number(moved)));  // ~1/4
    }
};

QTEST_GUILESS_MAIN(TestProxyRing)
#include "tst_proxyring.moc"
