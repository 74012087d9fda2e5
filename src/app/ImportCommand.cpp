#include "ImportCommand.h"

#include "settings/SettingsLoader.h"
#include "store/Database.h"
#include "store/GeminiBalanceImport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

void printTo(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
    std::fflush(stream);
}

} // namespace

int runImportCommand(int argc, char *argv[], const CommandLineOptions &options)
{
    QCoreApplication app(argc, argv);
    const LoadedSettings loaded = loadSettings(QProcessEnvironment::systemEnvironment(), options.envFile);
    if (!loaded.errors.isEmpty()) {
        printTo(stderr, u"import failed: invalid settings:\n  "_s + loaded.errors.join(u"\n  "_s));
        return 1;
    }
    // The same data folder and database a normal start would use.
    const QString dataDir = options.dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                                      : QDir(options.dataDir).absolutePath();
    Database target(u"gembalance-import-target"_s);
    if (auto r = target.open(DatabaseConfig::fromSettings(loaded.values, dataDir)); !r) {
        printTo(stderr, u"import failed: database: "_s + r.error());
        return 1;
    }
    if (auto r = target.migrate(); !r) {
        printTo(stderr, u"import failed: database: "_s + r.error());
        return 1;
    }

    GeminiBalanceImport::Options importOptions;
    if (!loaded.values.timezone.isEmpty())
        importOptions.timeZone = QTimeZone(loaded.values.timezone.toUtf8());
    QElapsedTimer sinceReport;
    sinceReport.start();
    importOptions.progress = [&sinceReport](const ImportProgress &p) {
        // At most a line a second, plus each table's last one.
        if (p.done < p.total && sinceReport.elapsed() < 1000)
            return;
        sinceReport.restart();
        printTo(stderr, u"%1: %2 of %3"_s.arg(p.table).arg(p.done).arg(p.total));
    };
    GeminiBalanceImport import(target, importOptions);
    const auto result = import.run(options.importSource);
    if (!result) {
        printTo(stderr, u"import failed: "_s + result.error());
        return 1;
    }
    printTo(stdout, result.value().text());
    return 0;
}

} // namespace gb
