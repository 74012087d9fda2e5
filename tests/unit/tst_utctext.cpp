// utcDateTimeText: the request log's UTC datetime text, computed without QDateTime, must be
// what QDateTime writes for the same instant.

#include "store/UtcText.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace gb;

namespace {
QString reference(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
qint64 at(int y, int m, int d, int h = 0, int min = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s, ms), Qt::UTC).toMSecsSinceEpoch();
}
} // namespace

class TestUtcText : public QObject
{
    Q_OBJECT
private slots:
    void knownInstants_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01 00:00:00");
        QTest::newRow("last ms of 1969") << qint64(-1) << QStringLiteral("1969-12-31 23:59:59");
        QTest::newRow("leap day 2000") << at(2000, 2, 29, 23, 59, 59, 999) << QStringLiteral("2000-02-29 23:59:59");
        QTest::newRow("after leap day 2024") << at(2024, 3, 1) << QStringLiteral("2024-03-01 00:00:00");
        QTest::newRow("no leap day 2100") << at(2100, 2, 28, 12) + 86'400'000 << QStringLiteral("2100-03-01 12:00:00");
        QTest::newRow("new year 2026") << at(2026, 12, 31, 23, 59, 59) + 1000 << QStringLiteral("2027-01-01 00:00:00");
        QTest::newRow("year 9999") << at(9999, 12, 31, 23, 59, 59) << QStringLiteral("9999-12-31 23:59:59");
        QTest::newRow("year 1") << at(1, 1, 1, 1, 2, 3) << QStringLiteral("0001-01-01 01:02:03");
    }
    void knownInstants()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(utcDateTimeText(ms), text);
        QCOMPARE(utcDateTimeText(ms), reference(ms));
    }

    // Every day from 1900 to 2200 at a random time of day, and random instants of this century.
    void sameAsQDateTime()
    {
        QRandomGenerator random(20261127);
        for (qint64 day = at(1900, 1, 1); day < at(2200, 1, 1); day += 86'400'000) {
            const qint64 ms = day + qint64(random.bounded(86'400'000));
            if (utcDateTimeText(ms) != reference(ms))
                QFAIL(qPrintable(QStringLiteral("%1: %2 vs %3").arg(ms).arg(utcDateTimeText(ms), reference(ms))));
        }
        for (int i = 0; i < 20'000; ++i) {
            const qint64 ms = at(2000, 1, 1) + qint64(random.generate64() % quint64(100LL * 366 * 86'400'000));
            QCOMPARE(utcDateTimeText(ms), reference(ms));
        }
    }
};

QTEST_APPLESS_MAIN(TestUtcText)
#include "tst_utctext.moc"
