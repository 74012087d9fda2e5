// The desktop window in --demo: DEMO in the title and a banner over the pages, with the
// proxy on its own thread against the demo's built-in upstream and sample keys; and the
// Tokens page saying where secrets are kept (keychain, or the database file).
#include "DemoKeys.h"
#include "DemoUpstream.h"
#include "DesktopApp.h"
#include "KeyTableModel.h"
#include "MainWindow.h"
#include "ProxyService.h"
#include "common/LogBuffer.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace gb;
using namespace Qt::StringLiterals;

class TestDemoBanner : public QObject
{
    Q_OBJECT
private slots:
    void demoWindowShowsBannerAndSampleKeys()
    {
        demo::DemoUpstream upstream;
        QVERIFY(upstream.start());
        SettingsValues values;
        values.baseUrl = upstream.baseUrl();
        for (const demo::DemoKey &k : demo::demoKeys())
            values.apiKeys << k.key;
        values.allowedTokens = {demo::demoClientToken()};
        values.authToken = demo::demoAdminToken();
        Settings settings(values, {});
        auto *proxy = new ProxyService(&settings);
        QThread thread;
        proxy->setDemo(true);
        proxy->moveToThread(&thread);
        connect(&thread, &QThread::finished, proxy, &QObject::deleteLater);
        thread.start();
        bool ready = false;
        QMetaObject::invokeMethod(proxy, [&] { ready = proxy->start(QHostAddress(QHostAddress::LocalHost), 0); },
                                  Qt::BlockingQueuedConnection);
        QVERIFY(ready);

        QTemporaryDir dir;
        LogBuffer logs(100);
        {
            DesktopApp app(proxy, &settings, &logs, dir.filePath(u"desktop.ini"_s));
            MainWindow *window = app.window();
            QVERIFY(!window->windowTitle().contains(u"DEMO"_s));
            QVERIFY(!window->findChild<QLabel *>(u"demoBanner"_s));

            app.showDemo(demo::demoAdminToken(), demo::demoClientToken());
            app.start(false);
            QVERIFY(QTest::qWaitForWindowExposed(window));
            QVERIFY(window->windowTitle().contains(u"DEMO"_s));
            auto *banner = window->findChild<QLabel *>(u"demoBanner"_s);
            QVERIFY(banner);
            QVERIFY(banner->isVisible());
            QVERIFY(banner->text().contains(u"DEMO"_s));
            QVERIFY(banner->text().contains(demo::demoAdminToken()));
            // Above the pages: the page list is still there, under the banner.
            auto *pageList = window->findChild<QWidget *>(u"pageList"_s);
            QVERIFY(pageList && pageList->isVisible());
            QVERIFY(banner->mapTo(window, QPoint(0, 0)).y() < pageList->mapTo(window, QPoint(0, 0)).y());
            // Calling it again keeps one banner.
            app.showDemo(demo::demoAdminToken(), demo::demoClientToken());
            QCOMPARE(window->findChildren<QLabel *>(u"demoBanner"_s).size(), 1);

            // The Keys page lists the five sample keys from the proxy.
            window->showPage(MainWindow::KeysPageIndex);
            auto *table = window->findChild<QTableView *>(u"keyTable"_s);
            QVERIFY(table);
            QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 5, 5000);

            // The Tokens page says where secrets are kept.
            auto *label = window->findChild<QLabel *>(u"secretStorageLabel"_s);
            QVERIFY(label);
            app.showSecretStorage(false);
            QVERIFY(label->text().contains(u"database file (no system keychain found)"_s));
            app.showSecretStorage(true);
            QVERIFY(label->text().contains(u"system keychain"_s));
            QVERIFY(!label->text().contains(u"no system keychain"_s));
        }
        QMetaObject::invokeMethod(proxy, [&] { proxy->stop(); }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
};

QTEST_MAIN(TestDemoBanner)
#include "tst_demobanner.moc"
