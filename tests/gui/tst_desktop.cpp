// The desktop application against the real proxy on its own thread (as Runtime runs it)
// and the fake Gemini upstream: widgets are found by objectName and driven like a user.
#include "DesktopApp.h"
#include "FakeGemini.h"
#include "KeyFilterModel.h"
#include "KeyTableModel.h"
#include "KeysPage.h"
#include "LogsPage.h"
#include "MainWindow.h"
#include "OverviewPage.h"
#include "PasteKeysDialog.h"
#include "ProxyLink.h"
#include "ProxyService.h"
#include "SingleInstance.h"
#include "TokenTableModel.h"
#include "TrayController.h"
#include "UiLanguage.h"
#include "common/LogBuffer.h"
#include "keys/KeyHealthSummary.h"
#include "settings/Settings.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

QString makeKey(int i)
{
    return u"AIza"_s + u"DesktopTestKey%1"_s.arg(i, 4, 10, QLatin1Char('0')).leftJustified(35, u'z');
}

// FakeGemini on the test's thread, the proxy on its own, as in the application.
class ThreadedProxy
{
public:
    explicit ThreadedProxy(const QStringList &keys)
    {
        if (!fake.start())
            return;
        SettingsValues values;
        values.baseUrl = fake.baseUrl().toString();
        values.apiKeys = keys;
        values.timeOut = 10;
        values.keyCheckConcurrency = 2;
        settings = std::make_unique<Settings>(values, QHash<QString, SettingSource>{});
        proxy = new ProxyService(settings.get());
        proxy->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, proxy, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(proxy, [this] { ready = proxy->start(QHostAddress(QHostAddress::LocalHost), 0); },
                                  Qt::BlockingQueuedConnection);
    }
    ~ThreadedProxy() { stop(); }
    void stop()
    {
        if (!thread.isRunning())
            return;
        QMetaObject::invokeMethod(proxy, [this] { proxy->stop(); }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }

    FakeGemini fake;
    std::unique_ptr<Settings> settings;
    ProxyService *proxy = nullptr;
    QThread thread;
    bool ready = false;
};

template<typename T>
T *find(QObject *root, const char *name)
{
    T *child = root->findChild<T *>(QString::fromLatin1(name));
    if (!child)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return child;
}

} // namespace

class TestDesktop : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    LogBuffer m_logs{1000};

    // Both objects go in this order: the proxy stops before the window goes.
    struct Fixture
    {
        std::unique_ptr<ThreadedProxy> proxy;
        std::unique_ptr<DesktopApp> app;
        ~Fixture()
        {
            if (proxy)
                proxy->stop();
            app.reset();
        }
    };

    void make(Fixture &f, const QStringList &keys)
    {
        f.proxy = std::make_unique<ThreadedProxy>(keys);
        QVERIFY(f.proxy->ready);
        f.app = std::make_unique<DesktopApp>(f.proxy->proxy, f.proxy->settings.get(), &m_logs,
                                             m_dir.filePath(u"desktop-%1.ini"_s.arg(++m_fixtures)));
        f.app->link()->setRefreshInterval(50);
        f.app->start(false);
        QTRY_VERIFY(f.app->link()->snapshot().listening);
    }
    int m_fixtures = 0;

    QStringList tableKeys(KeysPage *page)
    {
        QStringList out;
        auto *view = find<QTableView>(page, "keyTable");
        for (int row = 0; row < view->model()->rowCount(); ++row)
            out.append(view->model()->index(row, 0).data(KeyTableModel::KeyRole).toString());
        return out;
    }

    void selectKeys(KeysPage *page, const QStringList &keys)
    {
        auto *view = find<QTableView>(page, "keyTable");
        view->clearSelection();
        for (int row = 0; row < view->model()->rowCount(); ++row)
            if (keys.contains(view->model()->index(row, 0).data(KeyTableModel::KeyRole).toString()))
                view->selectionModel()->select(view->model()->index(row, 0),
                                               QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

    KeyState stateOf(Fixture &f, const QString &key)
    {
        for (const KeyState &s : f.app->link()->snapshot().keys)
            if (s.key == key)
                return s;
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void pastedKeysShowInTheTable()
    {
        Fixture f;
        make(f, {makeKey(1)});
        MainWindow *window = f.app->window();
        window->showPage(MainWindow::KeysPageIndex);
        KeysPage *page = window->keysPage();
        QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(page->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(tableKeys(page), QStringList{makeKey(1)});

        // A pasted text with two new keys, one already there and one duplicate.
        const QString text = u"API_KEYS=[\"%1\", \"%2\"]\nalso %3 and %2 again, and not-a-key AIzaShort"_s.arg(
            makeKey(2), makeKey(3), makeKey(1));
        bool dialogSeen = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<PasteKeysDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialogSeen = true;
            find<QPlainTextEdit>(dialog, "keysTextEdit")->setPlainText(text);
            const QString counts = find<QLabel>(dialog, "keyCountLabel")->text();
            QVERIFY2(counts.contains(u"3 key(s) found: 2 new, 1 already in the pool, 1 duplicate(s)"_s), qPrintable(counts));
            find<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();
        });
        find<QPushButton>(page, "pasteKeysButton")->click();
        QVERIFY(dialogSeen);
        QCOMPARE(f.proxy->settings->snapshot()->apiKeys, (QStringList{makeKey(1), makeKey(2), makeKey(3)}));
        QCOMPARE(f.proxy->settings->source(u"API_KEYS"_s), SettingSource::Saved);
        QTRY_COMPARE(tableKeys(page), (QStringList{makeKey(1), makeKey(2), makeKey(3)}));
        // Masked in the table, whole on the clipboard.
        auto *view = find<QTableView>(page, "keyTable");
        QVERIFY(!view->model()->index(1, KeyTableModel::KeyColumn).data().toString().contains(makeKey(2)));
        selectKeys(page, {makeKey(2)});
        find<QPushButton>(page, "copyKeyButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), makeKey(2));
        // Filter by text.
        QCOMPARE(find<QLabel>(page, "keyCountLabel")->text(), u"3 of 3 key(s)"_s);
        find<QLineEdit>(page, "keyFilterEdit")->setText(u"Key0003"_s);
        QCOMPARE(tableKeys(page), QStringList{makeKey(3)});
        QCOMPARE(find<QLabel>(page, "keyCountLabel")->text(), u"1 of 3 key(s)"_s);
        find<QLineEdit>(page, "keyFilterEdit")->clear();
    }

    void verifyAgainstTheUpstream()
    {
        Fixture f;
        make(f, {makeKey(1), makeKey(2), makeKey(3)});
        f.proxy->fake.setKeyInvalid(makeKey(2));
        KeysPage *page = f.app->window()->keysPage();
        QTRY_COMPARE(tableKeys(page).size(), 3);
        QSignalSpy progress(f.app->link(), &ProxyLink::operationProgress);
        QSignalSpy finished(f.app->link(), &ProxyLink::operationFinished);
        selectKeys(page, {makeKey(1), makeKey(2), makeKey(3)});
        find<QPushButton>(page, "verifyButton")->click();
        QVERIFY(!find<QPushButton>(page, "verifyButton")->isEnabled());  // one operation at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        QCOMPARE(finished.at(0).at(1).toInt(), 2);
        QCOMPARE(finished.at(0).at(2).toStringList(), QStringList{makeKey(2)});
        // Batches of KEY_CHECK_CONCURRENCY (2): 0/3, 2/3, 3/3.
        QCOMPARE(progress.count(), 3);
        QCOMPARE(progress.at(1).at(0).toInt(), 2);
        QCOMPARE(progress.last().at(0).toInt(), 3);
        const QString status = find<QLabel>(page, "operationStatusLabel")->text();
        QVERIFY2(status.contains(u"2 valid, 1 invalid"_s), qPrintable(status));
        QVERIFY(!status.contains(makeKey(2)));
        // The failure reached the pool and the table.
        QTRY_VERIFY(!stateOf(f, makeKey(2)).lastError.isEmpty());
        const int row = page->model()->rowOf(makeKey(2));
        QTRY_VERIFY(!page->model()->index(row, KeyTableModel::LastErrorColumn).data().toString().isEmpty());
        QVERIFY(find<QPushButton>(page, "verifyButton")->isEnabled());
        int checks = 0;
        for (const RecordedRequest &r : f.proxy->fake.requests())
            checks += r.action == FakeAction::GenerateContent ? 1 : 0;
        QCOMPARE(checks, 3);
    }

    void disableEnableAndDelete()
    {
        Fixture f;
        make(f, {makeKey(1), makeKey(2)});
        KeysPage *page = f.app->window()->keysPage();
        QTRY_COMPARE(tableKeys(page).size(), 2);
        selectKeys(page, {makeKey(2)});
        find<QPushButton>(page, "disableButton")->click();
        QTRY_COMPARE(stateOf(f, makeKey(2)).disabled, DisableReason::Manual);
        const int row = page->model()->rowOf(makeKey(2));
        QTRY_COMPARE(page->model()->index(row, KeyTableModel::StateColumn).data().toString(), u"disabled"_s);
        // The overview counts follow.
        QTRY_COMPARE(find<QLabel>(f.app->window(), "disabledCountLabel")->text(), u"1 disabled"_s);
        QCOMPARE(find<QLabel>(f.app->window(), "activeCountLabel")->text(), u"1 active"_s);
        QTRY_COMPARE(f.app->tray()->health(), KeyHealthState::SomeCooling);

        selectKeys(page, {makeKey(2)});
        find<QPushButton>(page, "enableButton")->click();
        QTRY_COMPARE(stateOf(f, makeKey(2)).disabled, DisableReason::None);
        QTRY_COMPARE(page->model()->index(row, KeyTableModel::StateColumn).data().toString(), u"active"_s);
        QTRY_COMPARE(f.app->tray()->health(), KeyHealthState::AllGood);

        // Delete asks first.
        selectKeys(page, {makeKey(1)});
        QTimer::singleShot(0, this, [] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Yes)->click();
        });
        find<QPushButton>(page, "deleteButton")->click();
        QCOMPARE(f.proxy->settings->snapshot()->apiKeys, QStringList{makeKey(2)});
        QTRY_COMPARE(tableKeys(page), QStringList{makeKey(2)});
    }

    void overviewShowsUrlsAndMakesAToken()
    {
        Fixture f;
        make(f, {makeKey(1)});
        MainWindow *window = f.app->window();
        const quint16 port = f.app->link()->snapshot().port;
        const QString base = u"http://127.0.0.1:%1"_s.arg(port);
        QTRY_COMPARE(find<QLineEdit>(window, "openAiUrlEdit")->text(), base + u"/v1"_s);
        QCOMPARE(find<QLineEdit>(window, "geminiUrlEdit")->text(), base + u"/v1beta"_s);
        find<QPushButton>(window, "copyGeminiUrlButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), base + u"/v1beta"_s);
        QVERIFY(find<QLabel>(window, "listenAddressLabel")->text().endsWith(u':' + QString::number(port)));

        // No client token yet: generate one, saved, shown masked, copied whole.
        auto *generate = find<QPushButton>(window, "generateTokenButton");
        QVERIFY(f.proxy->settings->snapshot()->allowedTokens.isEmpty());
        QVERIFY(!generate->isHidden());
        generate->click();
        const QStringList tokens = f.proxy->settings->snapshot()->allowedTokens;
        QCOMPARE(tokens.size(), 1);
        QCOMPARE(f.proxy->settings->source(u"ALLOWED_TOKENS"_s), SettingSource::Saved);
        QVERIFY(generate->isHidden());
        QVERIFY(!find<QLineEdit>(window, "clientTokenEdit")->text().contains(tokens.first()));
        find<QPushButton>(window, "copyTokenButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), tokens.first());
    }

    void tokensGenerateCopyRevoke()
    {
        Fixture f;
        make(f, {makeKey(1)});
        f.app->window()->showPage(MainWindow::TokensPageIndex);
        QWidget *page = find<QWidget>(f.app->window(), "TokensPage");
        QVERIFY(page && page->isVisible());
        auto *table = find<QTableView>(page, "tokenTable");
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(table->model()->rowCount(), 0);
        find<QPushButton>(page, "newTokenButton")->click();
        find<QPushButton>(page, "newTokenButton")->click();
        const QStringList tokens = f.proxy->settings->snapshot()->allowedTokens;
        QCOMPARE(tokens.size(), 2);
        QCOMPARE(table->model()->rowCount(), 2);
        QVERIFY(!table->model()->index(1, TokenTableModel::TokenColumn).data().toString().contains(tokens.at(1)));  // masked
        table->selectRow(1);
        find<QPushButton>(page, "copySelectedTokenButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), tokens.at(1));
        QTimer::singleShot(0, this, [] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Yes)->click();
        });
        find<QPushButton>(page, "revokeTokenButton")->click();
        QCOMPARE(f.proxy->settings->snapshot()->allowedTokens, QStringList{tokens.at(0)});
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(f.proxy->settings->source(u"ALLOWED_TOKENS"_s), SettingSource::Saved);
        QCOMPARE(find<QLabel>(page, "adminTokenLabel")->text(), u"No admin token (AUTH_TOKEN) is set."_s);
    }

    void modelsAndSettingsPagesAreInTheWindow()
    {
        Fixture f;
        make(f, {makeKey(1)});
        auto *list = find<QListWidget>(f.app->window(), "pageList");
        QCOMPARE(list->count(), 6);
        f.app->window()->showPage(MainWindow::ModelsPageIndex);
        QVERIFY(find<QWidget>(f.app->window(), "ModelsPage")->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(find<QTableView>(f.app->window(), "modelTable")->model()->rowCount() > 0, 10000);
        f.app->window()->showPage(MainWindow::SettingsPageIndex);
        QVERIFY(find<QWidget>(f.app->window(), "SettingsPage")->isVisible());
        QVERIFY(find<QWidget>(f.app->window(), "setting_MAX_RETRIES") != nullptr);
    }

    void trayMenuActions()
    {
        Fixture f;
        make(f, {makeKey(1)});
        TrayController *tray = f.app->tray();
        QTRY_COMPARE(tray->health(), KeyHealthState::AllGood);
        QMenu *menu = tray->menu();
        const quint16 port = f.app->link()->snapshot().port;

        find<QAction>(menu, "copyBaseUrlAction")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"http://127.0.0.1:%1/v1"_s.arg(port));

        auto *startStop = find<QAction>(menu, "startStopAction");
        QCOMPARE(startStop->text(), u"Stop server"_s);
        startStop->trigger();
        QTRY_VERIFY(!f.app->link()->snapshot().listening);
        QCOMPARE(tray->health(), KeyHealthState::Stopped);
        QCOMPARE(startStop->text(), u"Start server"_s);
        QCOMPARE(find<QLabel>(f.app->window(), "serverStateLabel")->text(), u"stopped"_s);

        startStop->trigger();  // listens again on the same port, keys as they were
        QTRY_VERIFY(f.app->link()->snapshot().listening);
        QCOMPARE(f.app->link()->snapshot().port, port);
        QTRY_COMPARE(tray->health(), KeyHealthState::AllGood);

        f.app->window()->hide();
        find<QAction>(menu, "showWindowAction")->trigger();
        QVERIFY(f.app->window()->isVisible());

        QSignalSpy quit(tray, &TrayController::quitRequested);
        find<QAction>(menu, "quitAction")->trigger();
        QCOMPARE(quit.count(), 1);
    }

    // Choosing a language on the Settings page rebuilds the window and the tray menu in it,
    // on the same page; the choice is kept for the next start.
    void languageSwitch()
    {
        Fixture f;
        make(f, {makeKey(1)});
        f.app->window()->showPage(MainWindow::SettingsPageIndex);
        const auto choose = [&](const QString &language) {
            QPointer<MainWindow> old = f.app->window();
            auto *combo = find<QComboBox>(f.app->window(), "languageCombo");
            QVERIFY(combo);
            combo->setCurrentIndex(combo->findData(language));
            QTRY_VERIFY(old.isNull());  // a new window, built in the new language
        };
        choose(u"zh_CN"_s);
        QCOMPARE(f.app->language()->current(), u"zh_CN"_s);
        auto *list = find<QListWidget>(f.app->window(), "pageList");
        const QString overview = QCoreApplication::translate("gb::MainWindow", "Overview");
        QVERIFY(overview != u"Overview"_s);
        QCOMPARE(list->item(0)->text(), overview);
        QCOMPARE(list->currentRow(), int(MainWindow::SettingsPageIndex));
        QVERIFY(f.app->window()->isVisible());
        auto *quit = find<QAction>(f.app->tray()->menu(), "quitAction");
        QCOMPARE(quit->text(), QCoreApplication::translate("gb::TrayController", "Quit"));
        QVERIFY(quit->text() != u"Quit"_s);
        // Traditional Chinese, then back to English.
        choose(u"zh_TW"_s);
        QCOMPARE(f.app->language()->current(), u"zh_TW"_s);
        const QString traditional = find<QListWidget>(f.app->window(), "pageList")->item(0)->text();
        QCOMPARE(traditional, QCoreApplication::translate("gb::MainWindow", "Overview"));
        QVERIFY(traditional != overview && traditional != u"Overview"_s);
        choose(u"en"_s);
        QCOMPARE(find<QListWidget>(f.app->window(), "pageList")->item(0)->text(), u"Overview"_s);
    }

    void stoppedServerKeepsKeyStates()
    {
        Fixture f;
        make(f, {makeKey(1), makeKey(2)});
        KeysPage *page = f.app->window()->keysPage();
        QTRY_COMPARE(tableKeys(page).size(), 2);
        selectKeys(page, {makeKey(1)});
        find<QPushButton>(page, "disableButton")->click();
        QTRY_COMPARE(stateOf(f, makeKey(1)).disabled, DisableReason::Manual);
        f.app->link()->stopServer();
        QTRY_VERIFY(!f.app->link()->snapshot().listening);
        f.app->link()->startServer();
        QTRY_VERIFY(f.app->link()->snapshot().listening);
        QCOMPARE(stateOf(f, makeKey(1)).disabled, DisableReason::Manual);
    }

    void closingHidesIntoTheTray()
    {
        Fixture f;
        make(f, {makeKey(1)});
        MainWindow *window = f.app->window();
        window->setHideOnClose(true);
        QSignalSpy hidden(window, &MainWindow::hiddenToTray);
        QVERIFY(window->isVisible());
        window->close();
        QVERIFY(!window->isVisible());
        QCOMPARE(hidden.count(), 1);
        QVERIFY(f.app->link()->snapshot().listening);  // the server runs on
        f.app->raiseWindow();
        QVERIFY(window->isVisible());
    }

    void windowStateIsKept()
    {
        const QString stateFile = m_dir.filePath(u"kept.ini"_s);
        auto proxy = std::make_unique<ThreadedProxy>(QStringList{makeKey(1)});
        QVERIFY(proxy->ready);
        {
            DesktopApp app(proxy->proxy, proxy->settings.get(), &m_logs, stateFile);
            app.start(false);
            app.window()->resize(777, 555);
            app.window()->showPage(MainWindow::LogsPageIndex);
            proxy->stop();
        }
        auto again = std::make_unique<ThreadedProxy>(QStringList{makeKey(1)});
        DesktopApp app(again->proxy, again->settings.get(), &m_logs, stateFile);
        QCOMPARE(app.window()->size(), QSize(777, 555));
        QCOMPARE(find<QListWidget>(app.window(), "pageList")->currentRow(), int(MainWindow::LogsPageIndex));
        again->stop();
    }

    void aSecondInstanceRaisesTheFirst()
    {
        const QString name = SingleInstance::serverNameFor(m_dir.filePath(u"instance-data"_s));
        QVERIFY(name.startsWith(u"gembalance-"_s));
        QCOMPARE(name, SingleInstance::serverNameFor(m_dir.filePath(u"instance-data/"_s)));
        QVERIFY(name != SingleInstance::serverNameFor(m_dir.filePath(u"other-data"_s)));

        Fixture f;
        make(f, {makeKey(1)});
        SingleInstance first(name);
        QVERIFY(first.claim());
        connect(&first, &SingleInstance::raiseRequested, f.app.get(), &DesktopApp::raiseWindow);
        f.app->window()->hide();
        SingleInstance second(name);
        QVERIFY(!second.claim());
        QTRY_VERIFY(f.app->window()->isVisible());
    }
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
