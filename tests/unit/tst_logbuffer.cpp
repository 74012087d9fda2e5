#include "common/LogBuffer.h"
#include "common/Logging.h"

#include <QLoggingCategory>
#include <QTest>
#include <QThread>

using namespace gb;
using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTestBuffer, "gb.testbuffer")

class TestLogBuffer : public QObject
{
    Q_OBJECT
private slots:
    void keepsTheNewestLines()
    {
        LogBuffer buffer(3);
        QCOMPARE(buffer.size(), 0);
        QVERIFY(buffer.entriesAfter(0).isEmpty());
        for (int i = 1; i <= 5; ++i)
            buffer.append(QtInfoMsg, u"gb.x"_s, u"line %1"_s.arg(i), i);
        QCOMPARE(buffer.size(), 3);
        QCOMPARE(buffer.lastSequence(), 5u);
        const QList<LogEntry> all = buffer.entriesAfter(0);
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.first().sequence, 3u);
        QCOMPARE(all.first().message, u"line 3"_s);
        QCOMPARE(all.last().message, u"line 5"_s);
        QCOMPARE(buffer.entriesAfter(4).size(), 1);
        QVERIFY(buffer.entriesAfter(5).isEmpty());
        const QList<LogEntry> newest = buffer.entriesAfter(0, 2);
        QCOMPARE(newest.size(), 2);
        QCOMPARE(newest.first().sequence, 4u);
        QVERIFY(buffer.entriesAfter(0, 0).isEmpty());
    }

    void appendsFromManyThreads()
    {
        LogBuffer buffer(100000);
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([&buffer, t] {
                for (int i = 0; i < 2000; ++i)
                    buffer.append(QtDebugMsg, u"gb.t"_s, u"%1:%2"_s.arg(t).arg(i), i);
            }));
            threads.last()->start();
        }
        for (QThread *t : std::as_const(threads)) {
            QVERIFY(t->wait(10000));
            delete t;
        }
        const QList<LogEntry> all = buffer.entriesAfter(0);
        QCOMPARE(all.size(), 8000);
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i).sequence, quint64(i + 1));
    }

    void theMessageHandlerFeedsItRedacted()
    {
        installLogHandler();
        LogBuffer buffer(10);
        setLogBuffer(&buffer);
        const QString key = u"AIzaSy"_s + QString(33, u'k');
        qCWarning(lcTestBuffer).noquote() << "bad key" << key;
        setLogBuffer(nullptr);
        qCWarning(lcTestBuffer) << "after detaching";
        const QList<LogEntry> lines = buffer.entriesAfter(0);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().type, QtWarningMsg);
        QCOMPARE(lines.first().category, u"gb.testbuffer"_s);
        QVERIFY(lines.first().message.startsWith(u"bad key"_s));
        QVERIFY(!lines.first().message.contains(key));
        QVERIFY(lines.first().timeMs > 0);
        QCOMPARE(logLevelName(QtCriticalMsg), u"ERROR"_s);
    }
};

QTEST_GUILESS_MAIN(TestLogBuffer)
#include "tst_logbuffer.moc"
