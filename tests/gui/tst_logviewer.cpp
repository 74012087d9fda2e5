#include "LogFilterModel.h"
#include "LogModel.h"
#include "LogsPage.h"
#include "common/LogBuffer.h"
#include "common/Logging.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcViewerTest, "gb.viewertest")

class TestLogViewer : public QObject
{
    Q_OBJECT
private slots:
    void modelAppendsAndTrims()
    {
        LogBuffer buffer(100);
        LogModel model(&buffer, 5);
        model.setPollInterval(100000);  // driven by hand
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        for (int i = 1; i <= 3; ++i)
            buffer.append(QtInfoMsg, u"gb.a"_s, u"line %1"_s.arg(i), i);
        model.poll();
        QCOMPARE(model.rowCount(), 3);
        for (int i = 4; i <= 9; ++i)
            buffer.append(QtWarningMsg, u"gb.b"_s, u"line %1"_s.arg(i), i);
        model.poll();
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(), u"line 5"_s);
        QCOMPARE(model.index(4, LogModel::MessageColumn).data().toString(), u"line 9"_s);
        QCOMPARE(model.index(4, LogModel::LevelColumn).data().toString(), u"WARN"_s);
        QCOMPARE(resets.count(), 0);
        model.setPaused(true);
        buffer.append(QtInfoMsg, u"gb.a"_s, u"line 10"_s, 10);
        model.poll();
        QCOMPARE(model.index(4, LogModel::MessageColumn).data().toString(), u"line 9"_s);
        model.setPaused(false);  // resumes with what came meanwhile
        QCOMPARE(model.index(4, LogModel::MessageColumn).data().toString(), u"line 10"_s);
    }

    void tenThousandLinesFilterQuickly()
    {
        LogBuffer buffer(10000);
        for (int i = 0; i < 12000; ++i)
            buffer.append(i % 10 == 0 ? QtWarningMsg : QtDebugMsg, i % 2 ? u"gb.relay"_s : u"gb.keys"_s,
                          u"message number %1"_s.arg(i), i);
        LogModel model(&buffer, 10000);
        LogFilterModel filter;
        filter.setSourceModel(&model);
        // (The tester is left out here: it checks every row on every change, which is the
        // cost this test measures the absence of; the small tests run it.)
        QCOMPARE(model.rowCount(), 10000);
        QElapsedTimer timer;
        timer.start();
        filter.setMinimumLevel(QtWarningMsg);
        QCOMPARE(filter.rowCount(), 1000);
        filter.setMinimumLevel(QtDebugMsg);
        filter.setCategory(u"gb.relay"_s);
        QCOMPARE(filter.rowCount(), 5000);
        filter.setText(u"NUMBER 11999"_s);
        QCOMPARE(filter.rowCount(), 1);
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    }

    void aLogLineAppearsInTheViewer()
    {
        installLogHandler();
        LogBuffer buffer(1000);
        setLogBuffer(&buffer);
        LogsPage page(&buffer);
        page.model()->setPollInterval(20);
        page.show();
        QAbstractItemModelTester tester(page.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString key = u"AIzaSy"_s + QString(33, u'q');
        qCWarning(lcViewerTest).noquote() << "viewer sees this, key" << key;
        qCInfo(lcViewerTest) << "and this info line";
        auto *view = page.findChild<QTableView *>(u"logView"_s);
        QVERIFY(view);
        const auto rowWith = [view](const QString &needle) {
            for (int row = 0; row < view->model()->rowCount(); ++row)
                if (view->model()->index(row, LogModel::MessageColumn).data().toString().contains(needle))
                    return row;
            return -1;
        };
        QTRY_VERIFY(rowWith(u"viewer sees this"_s) >= 0);
        const QString shown = view->model()->index(rowWith(u"viewer sees this"_s), LogModel::MessageColumn).data().toString();
        QVERIFY(!shown.contains(key));  // redacted before it reached the buffer

        // Level filter: warnings only hides the info line.
        auto *level = page.findChild<QComboBox *>(u"levelFilterCombo"_s);
        level->setCurrentIndex(level->findData(int(QtWarningMsg)));
        QCOMPARE(rowWith(u"and this info line"_s), -1);
        QVERIFY(rowWith(u"viewer sees this"_s) >= 0);
        level->setCurrentIndex(level->findData(int(QtDebugMsg)));

        // Category filter: the category showed up in the combo.
        auto *category = page.findChild<QComboBox *>(u"categoryFilterCombo"_s);
        QTRY_VERIFY(category->findData(u"gb.viewertest"_s) >= 0);
        qCWarning(lcViewerTest) << "only category";
        QTRY_VERIFY(rowWith(u"only category"_s) >= 0);

        // Search.
        auto *search = page.findChild<QLineEdit *>(u"logSearchEdit"_s);
        search->setText(u"and this"_s);
        QCOMPARE(view->model()->rowCount(), 1);
        QGuiApplication::clipboard()->clear();
        page.findChild<QPushButton *>(u"copyLogButton"_s)->click();
        QCOMPARE(page.copyText().count(u'\n'), 0);
        QVERIFY(page.copyText().contains(u"INFO gb.viewertest: and this info line"_s));
        search->clear();

        // Pause: nothing new arrives until resumed.
        auto *pause = page.findChild<QPushButton *>(u"pauseButton"_s);
        pause->click();
        QVERIFY(page.model()->isPaused());
        qCWarning(lcViewerTest) << "while paused";
        QTest::qWait(100);
        QCOMPARE(rowWith(u"while paused"_s), -1);
        pause->click();
        QTRY_VERIFY(rowWith(u"while paused"_s) >= 0);
        setLogBuffer(nullptr);
    }
};

QTEST_MAIN(TestLogViewer)
#include "tst_logviewer.moc"
