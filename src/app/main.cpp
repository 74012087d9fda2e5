// GemBalance entry point: decides between the headless server and the desktop application
// before any Q(Core)Application exists, then hands over to the composition root.

#include "CommandLine.h"
#include "DemoKeys.h"
#include "ImportCommand.h"
#include "Runtime.h"
#include "SignalWatcher.h"
#include "common/LogBuffer.h"
#include "common/LogCategories.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QDir>

#ifdef GEMBALANCE_WITH_GUI
#include "DesktopApp.h"
#include "KeychainSecretStore.h"
#include "SavedListenAddress.h"
#include "SingleInstance.h"

#include <QApplication>
#include <QTimer>
#include <QMessageBox>
#include <QSettings>
#endif

#include <cstdio>


using namespace Qt::StringLiterals;

namespace {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(u"GemBalance"_s);
    QCoreApplication::setOrganizationDomain(u"gembalance.app"_s);
    QCoreApplication::setApplicationName(u"GemBalance"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(GEMBALANCE_VERSION));
}

int runHeadless(int argc, char *argv[], const gb::CommandLineOptions &options)
{
#if defined(Q_OS_UNIX)
    // No GLib main loop here (nothing headless needs one): Qt's own Unix event dispatcher
    // coalesces wake-ups, GLib's writes an eventfd for every posted event and every socket
    // notifier switched on or off (strace -c: 9.05 -> 2.20 write calls per relayed request).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
#endif
    QCoreApplication app(argc, argv);
    gb::Runtime runtime(options);
    if (auto started = runtime.start(); !started) {
        qCCritical(lcApp).noquote() << "cannot start:" << started.error();
        return 1;
    }
    gb::SignalWatcher watcher;
    QObject::connect(&watcher, &gb::SignalWatcher::terminationRequested, &app, [](int number) {
        qCInfo(lcApp) << "signal" << number << "received, shutting down";
        QCoreApplication::quit();
    });
    const int code = app.exec();
    runtime.stop();
    qCInfo(lcApp) << "stopped";
    return code;
}

#ifdef GEMBALANCE_WITH_GUI
int runDesktop(int argc, char *argv[], gb::CommandLineOptions options, gb::LogBuffer *logs)
{
    QApplication app(argc, argv);
    QGuiApplication::setDesktopFileName(u"io.github.gembalance.GemBalance"_s);  // packaging/linux
    app.setQuitOnLastWindowClosed(false);  // the tray icon keeps the application (and the server) alive
    const QString dataDir = gb::Runtime::resolveDataDir(options);
    // Before the runtime: a second launch must not try the port, only raise the first window.
    gb::SingleInstance instance(gb::SingleInstance::serverNameFor(dataDir));
    if (!instance.claim()) {
        qCInfo(lcApp) << "GemBalance already runs for this data folder; its window was raised";
        return 0;
    }
    // Secrets in the OS keychain when one answers (never for the demo's sample secrets).
    std::unique_ptr<gb::KeychainSecretStore> keychain;
    if (!options.demo) {
        QString why;
        keychain = gb::KeychainSecretStore::probe(gb::KeychainSecretStore::kDefaultTimeoutMs, &why);
        if (!keychain)
            qCInfo(lcSecrets).noquote() << u"no system keychain (%1): secret settings stay in the database file"_s.arg(why);
    }
    // Where the Settings page last moved the server, unless --host / --port say otherwise.
    const QString uiStateFile = QDir(dataDir).absoluteFilePath(u"desktop.ini"_s);
    if (gb::savedlisten::applyTo(QSettings(uiStateFile, QSettings::IniFormat), &options.host, &options.port,
                                 options.hostGiven, options.portGiven))
        qCInfo(lcApp).noquote() << "listening where the Settings page moved the server:" << options.host << options.port;
    gb::Runtime runtime(options);
    runtime.setSecretStore(keychain.get());
    runtime.setListenFailureTolerated(true);  // the window opens and says why the server is stopped
    if (auto started = runtime.start(); !started) {
        qCCritical(lcApp).noquote() << "cannot start:" << started.error();
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "GemBalance cannot start"), started.error());
        return 1;
    }
    gb::SignalWatcher watcher;
    QObject::connect(&watcher, &gb::SignalWatcher::terminationRequested, &app, [](int number) {
        qCInfo(lcApp) << "signal" << number << "received, shutting down";
        QCoreApplication::quit();
    });
    // The window goes after the proxy has stopped: answers still queued to it are dropped with it.
    gb::DesktopApp desktop(runtime.proxy(), runtime.settings(), logs, uiStateFile, runtime.queries());
    QObject::connect(&instance, &gb::SingleInstance::raiseRequested, &desktop, &gb::DesktopApp::raiseWindow);
    desktop.showGeneratedAdminToken(runtime.generatedAdminToken());
    desktop.showSecretStorage(runtime.secretsInKeychain());
    if (!runtime.listenError().isEmpty())
        desktop.showStartFailure(runtime.listenError());
    if (runtime.isDemo())
        desktop.showDemo(gb::demo::demoAdminToken(), gb::demo::demoClientToken());
    desktop.start(options.minimized);
    if (!options.screenshotDir.isEmpty()) {
        // Documentation pictures: traffic has 30 s to fill the pages, then each page is saved.
        QTimer::singleShot(30'000, &desktop, [&desktop, dir = options.screenshotDir] {
            const QStringList saved = desktop.saveScreenshots(dir);
            qCInfo(lcApp).noquote() << "saved" << saved.size() << "screenshots into" << dir;
            QCoreApplication::exit(saved.isEmpty() ? 1 : 0);
        });
    }
    const int code = app.exec();
    runtime.stop();
    qCInfo(lcApp) << "stopped";
    return code;
}

// A GUI build still runs where there is no display (a server, a container): headless then.
bool displayAvailable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return true;
#endif
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
#ifdef GEMBALANCE_WITH_GUI
    const bool guiAvailable = displayAvailable();
#else
    constexpr bool guiAvailable = false;  // built without the desktop application
#endif
    const gb::ParsedCommandLine parsed = gb::parseCommandLine(arguments, guiAvailable);
    switch (parsed.action) {
    case gb::ParsedCommandLine::Action::ShowHelp:
    case gb::ParsedCommandLine::Action::ShowVersion:
        std::fputs(qPrintable(parsed.text + u'\n'), stdout);
        return 0;
    case gb::ParsedCommandLine::Action::Error:
        std::fputs(qPrintable(parsed.text + u'\n'), stderr);
        return 2;
    case gb::ParsedCommandLine::Action::Run:
        break;
    }

    setApplicationIdentity();
    // Every log line is also kept in memory for the log viewer. Never freed: threads and
    // static destructors may still log after main() returns.
    static gb::LogBuffer *const logs = new gb::LogBuffer(10000);
    gb::setLogBuffer(logs);
    gb::installLogHandler();
    if (!parsed.options.importSource.isEmpty())
        return gb::runImportCommand(argc, argv, parsed.options);
#ifdef GEMBALANCE_WITH_GUI
    if (!parsed.options.headless)
        return runDesktop(argc, argv, parsed.options, logs);
#endif
    return runHeadless(argc, argv, parsed.options);
}
