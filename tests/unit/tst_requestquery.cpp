#include "api/RequestQuery.h"

#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestRequestQuery : public QObject
{
    Q_OBJECT
private slots:
    void removesOnlyTheNamedItemKeepingEncoding()
    {
        RequestQuery q("alt=sse&key=my%2Dtoken&x=a%20b+c&flag");
        QCOMPARE(q.value(u"key"_s), u"my-token"_s);
        QCOMPARE(q.value(u"x"_s), u"a b c"_s);
        QVERIFY(q.contains(u"flag"_s));
        q.remove(u"key"_s);
        QCOMPARE(q.toEncoded(), QByteArray("alt=sse&x=a%20b+c&flag"));
        QVERIFY(!q.contains(u"key"_s));
    }

    void encodedNamesMatch()
    {
        RequestQuery q("%6Bey=t&alt=sse");
        QCOMPARE(q.value(u"key"_s), u"t"_s);
        q.remove(u"key"_s);
        QCOMPARE(q.toEncoded(), QByteArray("alt=sse"));
    }

    void emptyAndOdd()
    {
        QCOMPARE(RequestQuery("").toEncoded(), QByteArray());
        RequestQuery q("&&a=1&&");
        QCOMPARE(q.toEncoded(), QByteArray("a=1"));
        QVERIFY(q.value(u"missing"_s).isNull());
    }
};

QTEST_GUILESS_MAIN(TestRequestQuery)
#include "tst_requestquery.moc"
