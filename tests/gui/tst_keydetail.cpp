// One key's details: state from the pool, usage per model and errors from a scratch
// SQLite database written through the real log writer; opened from the Keys page too.
#include "ErrorLogModel.h"
#include "KeyDetailDialog.h"
#include "KeyTableModel.h"
#include "KeyUsageModel.h"
#include "KeysPage.h"
#include "ProxyLink.h"
#include "ProxyService.h"
#include "SeededLogDatabase.h"
#include "common/Clock.h"
#include "common/Redact.h"
#include "settings/Settings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kDay = 24 * 60 * kMin;
constexpr qint64 kNow = 1'769'905'830'000;  // 2026-02-01T00:30:30Z

const QString kKeyA = u"AIzaSyKeyDetail000000000000000000000KyA"_s;
const QString kKeyB = u"AIzaSyKeyDetail000000000000000000000KyB"_s;
const QString kFlash = u"gemini-2.5-flash"_s;
const QString kPro = u"gemini-2.5-pro"_s;

// Key A: last 24 h flash 4 calls (1 failed, 45 tokens); 3 days ago pro 2 calls (240 tokens);
// 2 errors. Key B: flash 4 calls, 3 errors.
void seed(SeededLogDatabase &db, qint64 now)
{
    for (int i = 0; i < 3; ++i)
        db.record(SeededLogDatabase::call(now - 10 * kMin, kKeyA, kFlash, 200, 300, 10, 5, 0));
    db.record(SeededLogDatabase::call(now - 9 * kMin, kKeyA, kFlash, 429, 80));
    for (int i = 0; i < 2; ++i)
        db.record(SeededLogDatabase::call(now - 3 * kDay, kKeyA, kPro, 200, 900, 100, 20, 0));
    for (int i = 0; i < 4; ++i)
        db.record(SeededLogDatabase::call(now - 10 * kMin, kKeyB, kFlash, 200, 300, 1, 1, 0));
    db.recordError(SeededLogDatabase::failure(now - 9 * kMin, kKeyA, kFlash, u"gemini-chat-non-stream"_s, 429,
                                              u"quota exceeded for key A"_s,
                                              "{\"contents\":[{\"parts\":[{\"text\":\"hello there\"}]}]}"));
    db.recordError(SeededLogDatabase::failure(now - 3 * kDay, kKeyA, kPro, u"gemini-chat-stream"_s, 500,
                                              u"internal error A"_s));
    for (int i = 0; i < 3; ++i)
        db.recordError(SeededLogDatabase::failure(now - 5 * kMin, kKeyB, kFlash, u"openai-chat-non-stream"_s, 400,
                                                  u"bad request B"_s));
}

KeyState stateOfA(qint64 now)
{
    KeyState s;
    s.key = kKeyA;
    s.failures = 2;
    s.lastError = u"429 per-minute quota"_s;
    s.successes = 7;
    s.failuresTotal = 3;
    s.lastUsedMs = now - 9 * kMin;
    s.cooldowns.insert(kFlash, Cooldown{now + 90'000, 1, false, u"429 per-minute quota"_s});
    return s;
}

// Every text the dialog shows, tables included.
QStringList shownTexts(QWidget *root)
{
    QStringList texts{root->windowTitle()};
    for (auto *label : root->findChildren<QLabel *>())
        texts << label->text();
    for (auto *edit : root->findChildren<QPlainTextEdit *>())
        texts << edit->toPlainText();
    for (auto *view : root->findChildren<QTableView *>())
        for (int r = 0; r < view->model()->rowCount(); ++r)
            for (int c = 0; c < view->model()->columnCount(); ++c)
                texts << view->model()->index(r, c).data().toString();
    return texts;
}

} // namespace

class TestKeyDetail : public QObject
{
    Q_OBJECT

private slots:
    void showsOneKeysUsageAndErrors()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        seed(db, kNow);
        QVERIFY(db.flush());
        ManualClock clock(kNow);
        KeyDetailDialog dialog(stateOfA(kNow), kNow, db.queries(), &clock);
        QAbstractItemModelTester usageTester(dialog.usageModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester errorTester(dialog.errorModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();

        // State, from the snapshot.
        QCOMPARE(dialog.findChild<QLabel *>(u"keyHintLabel"_s)->text(), redact::secret(kKeyA));
        QCOMPARE(dialog.findChild<QLabel *>(u"stateLabel"_s)->text(), KeyTableModel::conditionText(KeyCondition::Cooling));
        QCOMPARE(dialog.findChild<QLabel *>(u"failuresLabel"_s)->text(), u"2"_s);
        QVERIFY(dialog.findChild<QLabel *>(u"cooldownLabel"_s)->text().contains(kFlash));
        QVERIFY(dialog.findChild<QLabel *>(u"totalsLabel"_s)->text().contains(u"7"_s));

        // Usage over 24 hours: flash only.
        auto *usage = dialog.findChild<QTableView *>(u"usageTable"_s);
        QVERIFY(QTest::qWaitFor([&] { return !dialog.usageModel()->isLoading() && usage->model()->rowCount() == 1; }, 10'000));
        auto cell = [](QTableView *view, int row, int column) { return view->model()->index(row, column).data(); };
        QCOMPARE(cell(usage, 0, KeyUsageModel::ModelColumn).toString(), kFlash);
        QCOMPARE(cell(usage, 0, KeyUsageModel::CallsColumn).toLongLong(), 4);
        QCOMPARE(cell(usage, 0, KeyUsageModel::FailuresColumn).toLongLong(), 1);
        QCOMPARE(cell(usage, 0, KeyUsageModel::PromptColumn).toLongLong(), 30);
        QCOMPARE(cell(usage, 0, KeyUsageModel::TotalTokensColumn).toLongLong(), 45);
        // Over 7 days the pro calls join.
        auto *range = dialog.findChild<QComboBox *>(u"usageRangeCombo"_s);
        range->setCurrentIndex(1);
        QVERIFY(QTest::qWaitFor([&] { return !dialog.usageModel()->isLoading() && usage->model()->rowCount() == 2; }, 10'000));
        QCOMPARE(cell(usage, 0, KeyUsageModel::ModelColumn).toString(), kFlash);
        QCOMPARE(cell(usage, 1, KeyUsageModel::ModelColumn).toString(), kPro);
        QCOMPARE(cell(usage, 1, KeyUsageModel::CallsColumn).toLongLong(), 2);
        QCOMPARE(cell(usage, 1, KeyUsageModel::FailuresColumn).toLongLong(), 0);
        QCOMPARE(cell(usage, 1, KeyUsageModel::TotalTokensColumn).toLongLong(), 240);

        // Its errors only, newest first, with details on selection.
        auto *errors = dialog.findChild<QTableView *>(u"errorTable"_s);
        QVERIFY(QTest::qWaitFor([&] { return !dialog.errorModel()->isLoading() && errors->model()->rowCount() == 2; }, 10'000));
        QCOMPARE(dialog.errorModel()->total(), 2);
        for (int row = 0; row < 2; ++row)
            QCOMPARE(cell(errors, row, ErrorLogModel::KeyColumn).toString(), redact::secret(kKeyA));
        QCOMPARE(cell(errors, 0, ErrorLogModel::CodeColumn).toInt(), 429);
        QCOMPARE(cell(errors, 1, ErrorLogModel::CodeColumn).toInt(), 500);
        auto *detail = dialog.findChild<QPlainTextEdit *>(u"errorDetailText"_s);
        errors->selectRow(0);
        QVERIFY(QTest::qWaitFor([&] { return detail->toPlainText().contains(u"quota exceeded for key A"_s); }, 10'000));
        QVERIFY2(detail->toPlainText().contains(u"\"text\": \"hello there\""_s), qPrintable(detail->toPlainText()));
        errors->selectRow(1);
        QVERIFY(QTest::qWaitFor([&] { return detail->toPlainText().contains(u"internal error A"_s); }, 10'000));
        QVERIFY(detail->toPlainText().contains(u"not recorded"_s));

        // A newer snapshot: the cooldown is over.
        dialog.setState(stateOfA(kNow), kNow + 100'000);
        QCOMPARE(dialog.findChild<QLabel *>(u"stateLabel"_s)->text(), KeyTableModel::conditionText(KeyCondition::Active));

        for (const QString &text : shownTexts(&dialog))
            QVERIFY2(!text.contains(kKeyA), "the full key must never be shown");
    }

    // The Keys page's "calls today" and "tokens today" columns, from the same counters.
    void keysPageShowsCallsAndTokensToday()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        const QDateTime now = QDateTime::currentDateTime();
        const qint64 startOfToday = now.date().startOfDay().toMSecsSinceEpoch();
        const qint64 today = std::max(now.toMSecsSinceEpoch() - 1000, startOfToday);
        for (int i = 0; i < 3; ++i)
            db.record(SeededLogDatabase::call(today, kKeyA, kFlash, 200, 300, 10, 5, 0));      // 15 tokens each
        db.record(SeededLogDatabase::call(startOfToday - 3600'000, kKeyB, kFlash, 200, 300, 7, 7, 0));  // yesterday
        QVERIFY(db.flush());
        SettingsValues values;
        values.apiKeys = {kKeyA, kKeyB};
        Settings settings(values, {});
        ProxyService proxy(&settings);
        QVERIFY(proxy.start(QHostAddress(QHostAddress::LocalHost), 0));
        ProxyLink link(&proxy, &settings);
        KeysPage page(&link, db.queries());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.show();
        link.refresh();
        QVERIFY(QTest::qWaitFor([&] { return page.model()->rowCount() == 2; }, 10'000));
        page.refreshUsageToday();
        const auto cell = [&](const QString &key, int column) {
            return page.model()->index(page.model()->rowOf(key), column).data().toLongLong();
        };
        QVERIFY(QTest::qWaitFor([&] { return cell(kKeyA, KeyTableModel::CallsTodayColumn) == 3; }, 10'000));
        QCOMPARE(cell(kKeyA, KeyTableModel::TokensTodayColumn), 45);
        QCOMPARE(cell(kKeyB, KeyTableModel::CallsTodayColumn), 0);
        QCOMPARE(cell(kKeyB, KeyTableModel::TokensTodayColumn), 0);
        QCOMPARE(page.model()->headerData(KeyTableModel::CallsTodayColumn, Qt::Horizontal).toString(), u"Calls today"_s);
        proxy.stop();
    }

    // "Today" is the day in TIMEZONE (as on the dashboard and in the admin statistics), not
    // the system's: a call just after midnight in Kiritimati (UTC+14) counts, one just before
    // does not, whatever zone the machine runs in.
    void keysPageCountsTodayInTimezone()
    {
        const QTimeZone zone("Pacific/Kiritimati");
        QVERIFY(zone.isValid());
        const auto startOfToday = [&] {
            const QDateTime now = QDateTime::currentDateTime().toTimeZone(zone);
            return now.date().startOfDay(zone).toMSecsSinceEpoch();
        };
        // Not within 2 s after that midnight (the calls below must lie on both sides of it).
        QVERIFY(QTest::qWaitFor([&] { return QDateTime::currentMSecsSinceEpoch() - startOfToday() > 2000; }, 5000));
        const qint64 midnight = startOfToday();
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        db.record(SeededLogDatabase::call(midnight + 1000, kKeyA, kFlash, 200, 300, 10, 5, 0));  // today there
        db.record(SeededLogDatabase::call(midnight - 1000, kKeyB, kFlash, 200, 300, 7, 7, 0));   // yesterday there
        QVERIFY(db.flush());
        SettingsValues values;
        values.apiKeys = {kKeyA, kKeyB};
        values.timezone = u"Pacific/Kiritimati"_s;
        Settings settings(values, {});
        ProxyService proxy(&settings);
        QVERIFY(proxy.start(QHostAddress(QHostAddress::LocalHost), 0));
        ProxyLink link(&proxy, &settings);
        KeysPage page(&link, db.queries());
        page.show();
        link.refresh();
        QVERIFY(QTest::qWaitFor([&] { return page.model()->rowCount() == 2; }, 10'000));
        const auto cell = [&](const QString &key, int column) {
            return page.model()->index(page.model()->rowOf(key), column).data().toLongLong();
        };
        page.refreshUsageToday();
        QVERIFY(QTest::qWaitFor([&] { return cell(kKeyA, KeyTableModel::CallsTodayColumn) == 1; }, 10'000));
        QCOMPARE(cell(kKeyA, KeyTableModel::TokensTodayColumn), 15);
        QCOMPARE(cell(kKeyB, KeyTableModel::CallsTodayColumn), 0);

        // Another TIMEZONE, 25 hours behind (Pacific/Niue, UTC-11): the page counts again with
        // Niue's day, which never agrees with Kiritimati's about these two calls.
        const QTimeZone niue("Pacific/Niue");
        const qint64 niueMidnight =
            QDateTime::currentDateTime().toTimeZone(niue).date().startOfDay(niue).toMSecsSinceEpoch();
        const qint64 expectA = midnight + 1000 >= niueMidnight ? 1 : 0;
        const qint64 expectB = midnight - 1000 >= niueMidnight ? 1 : 0;
        QVERIFY(expectA != 1 || expectB != 0);
        QVERIFY(settings.apply({{u"TIMEZONE"_s, u"Pacific/Niue"_s}}, SettingSource::Saved).ok());
        QVERIFY(QTest::qWaitFor([&] {
            return cell(kKeyA, KeyTableModel::CallsTodayColumn) == expectA
                   && cell(kKeyB, KeyTableModel::CallsTodayColumn) == expectB;
        }, 10'000));
        proxy.stop();
    }

    void opensFromTheKeysPage()
    {
        SeededLogDatabase db;
        QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
        seed(db, QDateTime::currentMSecsSinceEpoch());  // the dialog opened here uses the system clock
        QVERIFY(db.flush());
        SettingsValues values;
        values.apiKeys = {kKeyA, kKeyB};
        Settings settings(values, {});
        ProxyService proxy(&settings);
        QVERIFY(proxy.start(QHostAddress(QHostAddress::LocalHost), 0));
        ProxyLink link(&proxy, &settings);
        KeysPage page(&link, db.queries());
        page.resize(900, 500);
        page.show();
        link.refresh();
        auto *table = page.findChild<QTableView *>(u"keyTable"_s);
        QVERIFY(QTest::qWaitFor([&] { return table->model()->rowCount() == 2; }, 10'000));
        auto *details = page.findChild<QPushButton *>(u"detailsButton"_s);
        QVERIFY(!details->isEnabled());

        // The Details button, on key B.
        table->selectRow(1);
        QVERIFY(details->isEnabled());
        details->click();
        auto dialogs = page.findChildren<KeyDetailDialog *>();
        QCOMPARE(dialogs.size(), 1);
        KeyDetailDialog *forB = dialogs.first();
        QCOMPARE(forB->key(), kKeyB);
        QVERIFY(QTest::qWaitFor([&] { return forB->errorModel()->total() == 3 && !forB->errorModel()->isLoading(); }, 10'000));
        QCOMPARE(forB->errorModel()->rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(forB->errorModel()->rowAt(row).keyHint, redact::secret(kKeyB));
        QVERIFY(QTest::qWaitFor([&] { return forB->usageModel()->rowCount() == 1; }, 10'000));
        QCOMPARE(forB->usageModel()->rowAt(0).totals.requests, 4);
        details->click();  // the same key again: the same dialog
        QCOMPARE(page.findChildren<KeyDetailDialog *>().size(), 1);

        // A double-click, on key A.
        const QRect rect = table->visualRect(table->model()->index(0, KeyTableModel::KeyColumn));
        // A widget's double-click in QtTest is the second press only: the first comes before.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE_WITH_TIMEOUT(page.findChildren<KeyDetailDialog *>().size(), 2, 5000);
        KeyDetailDialog *forA = nullptr;
        for (KeyDetailDialog *d : page.findChildren<KeyDetailDialog *>())
            if (d->key() == kKeyA)
                forA = d;
        QVERIFY(forA);
        QVERIFY(QTest::qWaitFor([&] { return forA->errorModel()->total() == 2 && !forA->errorModel()->isLoading(); }, 10'000));
        QVERIFY(QTest::qWaitFor([&] { return forA->usageModel()->rowCount() == 1; }, 10'000));
        QCOMPARE(forA->usageModel()->rowAt(0).totals.requests, 4);
        QCOMPARE(forA->usageModel()->rowAt(0).totals.failures, 1);
        forA->close();  // deletes itself
        QTRY_COMPARE_WITH_TIMEOUT(page.findChildren<KeyDetailDialog *>().size(), 1, 5000);
        proxy.stop();
    }
};

QTEST_MAIN(TestKeyDetail)
#include "tst_keydetail.moc"
