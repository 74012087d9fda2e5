#include "keys/KeyTextExtractor.h"

#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {
QString key(QChar fill, const QString &tail = {})
{
    QString k = u"AIza"_s + QString(35 - tail.size(), fill) + tail;
    return k;
}
} // namespace

class TestKeyTextExtractor : public QObject
{
    Q_OBJECT
private slots:
    void findsKeysInAnyText()
    {
        const QString a = key(u'a'), b = key(u'B', u"_-9"_s), c = key(u'c');
        const QString text = u"API_KEYS=[\""_s + a + u"\",\""_s + b + u"\"]\nand in prose: "_s + c
                             + u". Again "_s + a + u"\t"_s + b;
        const ExtractedKeys found = extractApiKeys(text);
        QCOMPARE(found.keys, (QStringList{a, b, c}));
        QCOMPARE(found.matches, 5);
        QCOMPARE(found.duplicates, 2);
        QCOMPARE(found.newKeys, found.keys);
        QCOMPARE(found.alreadyPresent, 0);
    }

    void skipsWhatIsNotAKey()
    {
        const QString tooShort = u"AIza"_s + QString(34, u'x');
        const QString tooLong = u"AIza"_s + QString(36, u'y');
        const QString glued = u"xAIza"_s + QString(35, u'z');
        const QString lower = u"aiza"_s + QString(35, u'w');
        const ExtractedKeys found = extractApiKeys(tooShort + u' ' + tooLong + u' ' + glued + u' ' + lower);
        QVERIFY2(found.keys.isEmpty(), qPrintable(found.keys.join(u',')));
        QCOMPARE(found.matches, 0);
        QVERIFY(extractApiKeys(QString()).keys.isEmpty());
    }

    void tellsNewKeysFromPresentOnes()
    {
        const QString a = key(u'a'), b = key(u'b'), c = key(u'c');
        const ExtractedKeys found = extractApiKeys(a + u","_s + b + u","_s + c, {b, u"other"_s});
        QCOMPARE(found.keys.size(), 3);
        QCOMPARE(found.newKeys, (QStringList{a, c}));
        QCOMPARE(found.alreadyPresent, 1);
    }

    void thousandsOfKeys()
    {
        QStringList lines;
        for (int i = 0; i < 5000; ++i)
            lines.append(u"AIza"_s + u"%1"_s.arg(i, 35, 10, QLatin1Char('0')));
        const ExtractedKeys found = extractApiKeys(lines.join(u"\n"_s) + u"\n"_s + lines.mid(0, 100).join(u" "_s));
        QCOMPARE(found.keys.size(), 5000);
        QCOMPARE(found.duplicates, 100);
    }
};

QTEST_GUILESS_MAIN(TestKeyTextExtractor)
#include "tst_keytextextractor.moc"
