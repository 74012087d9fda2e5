#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace gb {

struct CommandLineOptions
{
    bool headless = false;
    bool minimized = false;
    bool demo = false;  // --demo: built-in fake upstream and sample keys, own data folder
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8000;
    bool hostGiven = false;  // --host on the command line (wins over the desktop's saved address)
    bool portGiven = false;  // --port on the command line
    QString dataDir;   // empty = QStandardPaths::AppDataLocation
    QString envFile;   // empty = ./.env if it exists
    QString importSource;  // --import-gemini-balance: SQLite file or mysql:// URL; import and exit
    QString screenshotDir; // --screenshots: save each page of the window as a PNG here, then quit
};

struct ParsedCommandLine
{
    enum class Action { Run, ShowHelp, ShowVersion, Error };
    Action action = Action::Run;
    CommandLineOptions options;
    QString text;  // help, version or error text to print
};

// Parses the command line without needing a Q(Core)Application, so the choice between the
// headless server and the desktop application can be made before either is created.
ParsedCommandLine parseCommandLine(const QStringList &arguments, bool guiAvailable);

} // namespace gb
