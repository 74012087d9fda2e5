// The database error log viewer on the Logs page, against a scratch SQLite database
// written through the real log writer: filters, paging, sort, details, deletes.
#include "ErrorLogModel.h"
#include "ErrorLogViewer.h"
#include "LogsPage.h"
#include "SeededLogDatabase.h"
#include "common/LogBuffer.h"
#include "common/Redact.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kNow = 1'769'905'800'000;  // 2026-02-01T00:30:00Z

const QString kKeyA = u"AIzaSyErrorViewer000000000000000000ErrA"_s;
const QString kKeyB = u"AIzaSyErrorViewer000000000000000000ErrB"_s;
const QString kKeyC = u"AIzaSyErrorViewer000000000000000000ErrC"_s;

// Entry k (id k) is at kNow - (13 - k) * 10 min:
//   1-5  key A  flash  429  gemini-chat-stream      "Resource exhausted: quota exceeded"
//   6-7  key A  pro    500  gemini-chat-non-stream  "internal error"
//   8-10 key B  pro    400  openai-chat-non-stream  "API key not valid" (9 with its request body)
//   11-12 key C flash  0    gemini-embed-single     "connection refused"
void seed(SeededLogDatabase &db)
{
    auto at = [](int k) { return kNow - (13 - k) * 10 * kMin; };
    for (int k = 1; k <= 5; ++k)
        db.recordError(SeededLogDatabase::failure(at(k), kKeyA, u"gemini-2.5-flash"_s, u"gemini-chat-stream"_s, 429,
                                                  u"Resource exhausted: quota exceeded"_s));
    for (int k = 6; k <= 7; ++k)
        db.recordError(SeededLogDatabase::failure(at(k), kKeyA, u"gemini-2.5-pro"_s, u"gemini-chat-non-stream"_s, 500,
                                                  u"internal error"_s));
    for (int k = 8; k <= 10; ++k)
        db.recordError(SeededLogDatabase::failure(
            at(k), kKeyB, u"gemini-2.5-pro"_s, u"openai-chat-non-stream"_s, 400, u"API key not valid"_s,
            k == 9 ? QByteArray("{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                   : QByteArray()));
    for (int k = 11; k <= 12; ++k)
        db.recordError(SeededLogDatabase::failure(at(k), kKeyC, u"gemini-2.5-flash"_s, u"gemini-embed-single"_s, 0,
                                                  u"connection refused"_s));
}

QList<qint64> shownIds(const ErrorLogModel *model)
{
    QList<qint64> ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids.append(model->index(row, 0).data(ErrorLogModel::IdRole).toLongLong());
    return ids;
}

} // namespace

class TestErrorLogViewer : public QObject
{
    Q_OBJECT

    std::unique_ptr<SeededLogDatabase> m_db;
    std::unique_ptr<ErrorLogViewer> m_viewer;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    template <typename T>
    T *find(const char *name)
    {
        T *child = m_viewer->findChild<T *>(QString::fromLatin1(name));
        if (!child)
            qWarning("no %s named %s", T::staticMetaObject.className(), name);
        return child;
    }
    ErrorLogModel *model() const { return m_viewer->model(); }
    bool settled() { return QTest::qWaitFor([this] { return !model()->isLoading(); }, 10'000); }
    // Sets the filter widgets as a user would, then searches.
    bool search(const QString &key, const QString &text, const QString &code, const QString &modelName)
    {
        find<QLineEdit>("keySearchEdit")->setText(key);
        find<QLineEdit>("errorSearchEdit")->setText(text);
        find<QLineEdit>("errorCodeEdit")->setText(code);
        find<QLineEdit>("modelFilterEdit")->setText(modelName);
        find<QPushButton>("applyFilterButton")->click();
        return settled();
    }
    static void acceptNextQuestion(QObject *context)
    {
        QTimer::singleShot(0, context, [] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Yes)->click();
        });
    }

private slots:
    void init()
    {
        m_db = std::make_unique<SeededLogDatabase>();
        QVERIFY2(m_db->error().isEmpty(), qPrintable(m_db->error()));
        seed(*m_db);
        QVERIFY(m_db->flush());
        m_viewer = std::make_unique<ErrorLogViewer>(m_db->queries());
        m_tester = std::make_unique<QAbstractItemModelTester>(model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_viewer->resize(1000, 700);
        QCOMPARE(model()->listQueries(), 0);  // nothing before it shows
        m_viewer->show();
        QVERIFY(settled());
        QCOMPARE(model()->listQueries(), 1);
    }

    void cleanup()
    {
        m_tester.reset();
        m_viewer.reset();
        m_db.reset();
    }

    void refreshesByItselfWhileShownKeepingFilterSortAndSelection()
    {
        m_viewer->setAutoRefreshInterval(200);
        QVERIFY(m_viewer->isAutoRefreshing());
        QVERIFY(search({}, {}, {}, u"gemini-2.5-pro"_s));  // entries 6-10
        auto *table = find<QTableView>("errorTable");
        table->sortByColumn(ErrorLogModel::IdColumn, Qt::AscendingOrder);
        QVERIFY(settled());
        QCOMPARE(shownIds(model()), QList<qint64>({6, 7, 8, 9, 10}));
        table->selectRow(2);  // entry 8
        auto *details = find<QPlainTextEdit>("errorDetailsText");
        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(u"API key not valid"_s), 10'000);

        // Hidden: no query at all.
        m_viewer->hide();
        QVERIFY(!m_viewer->isAutoRefreshing());
        QVERIFY(settled());
        const int whileHidden = model()->listQueries();
        QTest::qWait(700);
        QCOMPARE(model()->listQueries(), whileHidden);

        // Shown: a new entry appears without a click, in the same filter, sort and selection.
        m_viewer->show();
        QVERIFY(m_viewer->isAutoRefreshing());
        m_db->recordError(SeededLogDatabase::failure(kNow + kMin, kKeyB, u"gemini-2.5-pro"_s, u"gemini-chat-stream"_s,
                                                     503, u"model overloaded"_s));
        QVERIFY(m_db->flush());
        const int before = model()->listQueries();
        QElapsedTimer waited;
        waited.start();
        QVERIFY(QTest::qWaitFor([this] { return model()->total() == 6; }, 10'000));
        QCOMPARE(model()->rowCount(), 6);
        const QList<qint64> ids = shownIds(model());
        QCOMPARE(ids.mid(0, 5), QList<qint64>({6, 7, 8, 9, 10}));  // still ascending, still only "pro"
        QCOMPARE(model()->index(5, ErrorLogModel::CodeColumn).data().toInt(), 503);
        QCOMPARE(find<QLineEdit>("modelFilterEdit")->text(), u"gemini-2.5-pro"_s);
        const QModelIndexList selected = table->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(ErrorLogModel::IdRole).toLongLong(), qint64(8));
        QVERIFY(details->toPlainText().contains(u"API key not valid"_s));
        // One query per tick at most (plus the one on showing again).
        QVERIFY2(model()->listQueries() - before <= waited.elapsed() / 200 + 2,
                 qPrintable(QString::number(model()->listQueries() - before)));
    }

    void showsTheNewestFirstByHint()
    {
        QCOMPARE(model()->total(), 12);
        QCOMPARE(shownIds(model()), QList<qint64>({12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
        QCOMPARE(model()->index(0, ErrorLogModel::KeyColumn).data().toString(), redact::secret(kKeyC));
        QCOMPARE(model()->index(0, ErrorLogModel::CodeColumn).data().toInt(), 0);
        QCOMPARE(model()->index(2, ErrorLogModel::TypeColumn).data().toString(), u"openai-chat-non-stream"_s);
        for (int row = 0; row < model()->rowCount(); ++row)
            QVERIFY(!model()->index(row, ErrorLogModel::KeyColumn).data().toString().contains(u"ErrorViewer"_s));
    }

    void filtersNarrowToTheHandCountedRows()
    {
        QVERIFY(search(u"erra"_s, {}, {}, {}));  // a hint's end, any case
        QCOMPARE(shownIds(model()), QList<qint64>({7, 6, 5, 4, 3, 2, 1}));
        QVERIFY(search(kKeyB, {}, {}, {}));      // a full key finds its rows by key_id
        QCOMPARE(shownIds(model()), QList<qint64>({10, 9, 8}));
        QVERIFY(search({}, {}, u"429"_s, {}));
        QCOMPARE(model()->total(), 5);
        QVERIFY(search({}, {}, u"0"_s, {}));
        QCOMPARE(shownIds(model()), QList<qint64>({12, 11}));
        QVERIFY(search({}, {}, {}, u"pro"_s));
        QCOMPARE(shownIds(model()), QList<qint64>({10, 9, 8, 7, 6}));
        QVERIFY(search({}, u"QUOTA"_s, {}, {}));
        QCOMPARE(model()->total(), 5);
        QVERIFY(search({}, u"chat"_s, {}, {}));  // the error type matches too
        QCOMPARE(model()->total(), 10);
        QVERIFY(search(u"erra"_s, {}, u"500"_s, u"pro"_s));
        QCOMPARE(shownIds(model()), QList<qint64>({7, 6}));
        QVERIFY(search(u"errb"_s, {}, u"429"_s, {}));
        QCOMPARE(model()->total(), 0);

        // A date range, both ends inclusive: 60 to 30 minutes ago is entries 7 to 10.
        QVERIFY(search({}, {}, {}, {}));
        find<QCheckBox>("fromCheck")->setChecked(true);
        find<QDateTimeEdit>("fromEdit")->setDateTime(QDateTime::fromMSecsSinceEpoch(kNow - 60 * kMin));
        find<QCheckBox>("toCheck")->setChecked(true);
        find<QDateTimeEdit>("toEdit")->setDateTime(QDateTime::fromMSecsSinceEpoch(kNow - 30 * kMin));
        find<QPushButton>("applyFilterButton")->click();
        QVERIFY(settled());
        QCOMPARE(shownIds(model()), QList<qint64>({10, 9, 8, 7}));
        // Typing alone searches too, once it settles.
        find<QLineEdit>("errorCodeEdit")->setText(u"500"_s);
        emit find<QLineEdit>("errorCodeEdit")->textEdited(u"500"_s);
        QVERIFY(QTest::qWaitFor([this] { return !model()->isLoading() && model()->total() == 1; }, 10'000));
        QCOMPARE(shownIds(model()), QList<qint64>({7}));
    }

    void pagesAndSorts()
    {
        auto *pageSize = find<QComboBox>("pageSizeCombo");
        pageSize->setCurrentIndex(pageSize->findData(10));
        QVERIFY(settled());
        QCOMPARE(model()->pageCount(), 2);
        QCOMPARE(shownIds(model()), QList<qint64>({12, 11, 10, 9, 8, 7, 6, 5, 4, 3}));
        QVERIFY(!find<QPushButton>("previousPageButton")->isEnabled());
        find<QPushButton>("nextPageButton")->click();
        QVERIFY(settled());
        QCOMPARE(shownIds(model()), QList<qint64>({2, 1}));
        QVERIFY(find<QLabel>("pageLabel")->text().contains(u"2 of 2"_s));
        QVERIFY(!find<QPushButton>("nextPageButton")->isEnabled());
        find<QPushButton>("previousPageButton")->click();
        QVERIFY(settled());
        QCOMPARE(model()->page(), 0);

        // Sorted in the database: by code, ties by id.
        auto *table = find<QTableView>("errorTable");
        table->sortByColumn(ErrorLogModel::CodeColumn, Qt::AscendingOrder);
        QVERIFY(settled());
        QCOMPARE(shownIds(model()), QList<qint64>({11, 12, 8, 9, 10, 1, 2, 3, 4, 5}));
        table->sortByColumn(ErrorLogModel::TimeColumn, Qt::AscendingOrder);
        QVERIFY(settled());
        QCOMPARE(shownIds(model()).first(), 1);
    }

    void detailsOfTheSelectedEntry()
    {
        auto *table = find<QTableView>("errorTable");
        auto *details = find<QPlainTextEdit>("errorDetailsText");
        const int row = int(shownIds(model()).indexOf(9));
        table->selectRow(row);
        QVERIFY(QTest::qWaitFor([&] { return details->toPlainText().contains(u"API key not valid"_s); }, 10'000));
        const QString text = details->toPlainText();
        QVERIFY2(text.contains(u"\"content\": \"hi\""_s), qPrintable(text));  // the request body, indented
        QVERIFY(text.contains(redact::secret(kKeyB)));
        QVERIFY(!text.contains(kKeyB));
        table->selectRow(int(shownIds(model()).indexOf(8)));
        QVERIFY(QTest::qWaitFor([&] { return details->toPlainText().contains(u"not recorded"_s); }, 10'000));
    }

    void deletesSelectedThenAll()
    {
        auto *table = find<QTableView>("errorTable");
        table->selectRow(0);
        table->selectionModel()->select(model()->index(1, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        acceptNextQuestion(this);
        find<QPushButton>("deleteSelectedButton")->click();
        QVERIFY(QTest::qWaitFor([this] { return !model()->isLoading() && model()->total() == 10; }, 10'000));
        QCOMPARE(shownIds(model()).first(), 10);
        // What the store says, as the admin API would read it.
        const QVariant stored = m_db->queries()->run([](Database &db) {
            const auto page = errorlogs::list(db, {});
            return page ? QVariant(page.value().total) : QVariant();
        });
        QCOMPARE(stored.toLongLong(), 10);
        QVERIFY(find<QLabel>("statusLabel")->text().contains(u"2"_s));

        acceptNextQuestion(this);
        find<QPushButton>("deleteAllButton")->click();
        QVERIFY(QTest::qWaitFor([this] { return !model()->isLoading() && model()->total() == 0; }, 10'000));
        QCOMPARE(model()->rowCount(), 0);
        QVERIFY(!find<QPushButton>("deleteAllButton")->isEnabled());
        const QVariant left = m_db->queries()->run([](Database &db) {
            const auto page = errorlogs::list(db, {});
            return page ? QVariant(page.value().total) : QVariant();
        });
        QCOMPARE(left.toLongLong(), 0);
    }

    void aTabOfTheLogsPage()
    {
        LogBuffer buffer(100);
        LogsPage page(&buffer, m_db->queries());
        auto *tabs = page.findChild<QTabWidget *>(u"logTabs"_s);
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 2);
        auto *viewer = page.findChild<ErrorLogViewer *>(u"errorLogViewer"_s);
        QVERIFY(viewer);
        QCOMPARE(tabs->indexOf(viewer), 1);
        page.show();
        QCOMPARE(viewer->model()->listQueries(), 0);  // the live log tab is in front
        tabs->setCurrentIndex(1);
        QVERIFY(QTest::qWaitFor([&] { return viewer->model()->total() == 12 && !viewer->model()->isLoading(); }, 10'000));
        QVERIFY(page.findChild<QTableView *>(u"logView"_s));  // the live log is still there
    }
};

QTEST_MAIN(TestErrorLogViewer)
#include "tst_errorlogviewer.moc"
