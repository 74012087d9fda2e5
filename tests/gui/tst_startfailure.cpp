// A desktop start where the server cannot listen (the port is taken, a TLS file is broken):
// the window still opens, on the Overview, saying why the server is stopped, and the server
// starts from there once the cause is gone. The headless server fails such a start instead.
#include "DesktopApp.h"
#include "GemBalanceProcess.h"
#include "ThreadedProxy.h"
#include "MainWindow.h"
#include "ProxyService.h"
#include "common/LogBuffer.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace gb;
using gb::test::ThreadedProxy;
using namespace Qt::StringLiterals;

class TestStartFailure : public QObject
{
    Q_OBJECT
private slots:
    void windowSaysWhyAndStartsTheServerLater()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        const quint16 port = squatter.serverPort();

        SettingsValues values;
        values.allowedTokens = {u"client-token"_s};
        ThreadedProxy server(values);
        QVERIFY(server.ready);
        ProxyService *proxy = server.proxy;
        // A start on the taken port fails as the application's first start would.
        bool listening = true;
        QString error;
        QMetaObject::invokeMethod(
            proxy, [&] {
                listening = proxy->start(QHostAddress(QHostAddress::LocalHost), port);
                error = proxy->errorString();
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(!listening);
        QVERIFY(!error.isEmpty());

        QTemporaryDir dir;
        LogBuffer logs(100);
        {
            DesktopApp app(proxy, server.settings.get(), &logs, dir.filePath(u"desktop.ini"_s));
            MainWindow *window = app.window();
            window->showPage(MainWindow::KeysPageIndex);
            app.showStartFailure(error);
            app.start(true);  // --minimized, yet the window opens: the user must see this
            QVERIFY(QTest::qWaitForWindowExposed(window));
            auto *state = window->findChild<QLabel *>(u"serverStateLabel"_s);
            auto *startStop = window->findChild<QPushButton *>(u"startStopButton"_s);
            QVERIFY(state && startStop);
            QVERIFY(state->isVisible());  // the Overview is the page shown
            QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(error), 5000);
            QCOMPARE(startStop->text(), u"Start server"_s);

            // The cause goes away; Start on the Overview brings the server up on that port.
            squatter.close();
            startStop->click();
            QTRY_COMPARE_WITH_TIMEOUT(state->text(), u"running"_s, 5000);
            QTRY_COMPARE_WITH_TIMEOUT(startStop->text(), u"Stop server"_s, 5000);
            quint16 nowListening = 0;
            QMetaObject::invokeMethod(proxy, [&] { nowListening = proxy->port(); }, Qt::BlockingQueuedConnection);
            QCOMPARE(nowListening, port);
        }
    }

    // The real binary: the desktop keeps running with the server stopped; headless exits 1.
    void realBinaryKeepsTheWindowHeadlessFails()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        const QString port = QString::number(squatter.serverPort());
        QTemporaryDir home;
        QProcessEnvironment env = test::cleanGemBalanceEnvironment(home.path());
        env.insert(u"ALLOWED_TOKENS"_s, u"[\"client-token\"]"_s);
        env.insert(u"AUTH_TOKEN"_s, u"admin-token-for-tests"_s);

        QProcess desktop;
        desktop.setProcessEnvironment(env);
        desktop.setProcessChannelMode(QProcess::MergedChannels);
        desktop.start(QStringLiteral(GB_BINARY_PATH),
                      {u"--host"_s, u"127.0.0.1"_s, u"--port"_s, port, u"--data-dir"_s, home.filePath(u"desktop"_s)});
        QVERIFY(desktop.waitForStarted(5000));
        QByteArray out;
        for (int i = 0; i < 150 && !out.contains("the server is stopped"); ++i) {
            desktop.waitForReadyRead(100);
            out += desktop.readAll();
            QVERIFY2(desktop.state() == QProcess::Running, out.constData());
        }
        QVERIFY2(out.contains("the server is stopped"), out.constData());
        QTest::qWait(1000);
        QCOMPARE(desktop.state(), QProcess::Running);  // no "cannot start" and exit
        desktop.terminate();
        QVERIFY(desktop.waitForFinished(10000));
        QCOMPARE(desktop.exitCode(), 0);

        QProcess headless;
        headless.setProcessEnvironment(env);
        headless.setProcessChannelMode(QProcess::MergedChannels);
        headless.start(QStringLiteral(GB_BINARY_PATH), {u"--headless"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s, port,
                                                        u"--data-dir"_s, home.filePath(u"headless"_s)});
        QVERIFY(headless.waitForFinished(15000));
        QCOMPARE(headless.exitCode(), 1);
        QVERIFY(headless.readAll().contains("cannot start"));
    }
};

QTEST_MAIN(TestStartFailure)
#include "tst_startfailure.moc"
