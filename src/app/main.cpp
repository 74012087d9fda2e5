// GemBalance entry point: decides between the headless server and the desktop application
// before any Q(Core)Application exists, then hands over to the composition root.

#include "CommandLine.h"
#include "ImportCommand.h"
#include "Runtime.h"
#include "SignalWatcher.h"
#include "common/LogCategories.h"
#include "common/Logging.h"

#include <QCoreApplication>

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

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    constexpr bool guiAvailable = false;  // the desktop window arrives with the GUI work
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
    gb::installLogHandler();
    if (!parsed.options.importSource.isEmpty())
        return gb::runImportCommand(argc, argv, parsed.options);
    return runHeadless(argc, argv, parsed.options);
}
