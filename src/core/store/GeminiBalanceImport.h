#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <functional>

namespace gb {

// Where an import stands, for a progress line: `done` of `total` rows of `table`.
struct ImportProgress
{
    QString table;  // "t_settings", "t_request_log", "t_error_logs"
    qint64 done = 0;
    qint64 total = 0;
};

struct GeminiBalanceImportSummary
{
    QString source;                 // described, never with a password
    int settingsImported = 0;
    int settingsKept = 0;           // already set in GemBalance: left as they are
    QStringList skippedSettings;    // "NAME: why" (unknown, invalid, connection settings)
    qint64 requestRows = 0;
    qint64 errorRows = 0;
    qint64 counterRows = 0;         // (minute, key, model) counter rows added to or created
    qint64 requestRowsAlreadyImported = 0;  // skipped because an earlier import took them
    qint64 errorRowsAlreadyImported = 0;

    // Several lines for a person: counts per table, then each skipped setting.
    QString text() const;
};

// Imports an existing gemini-balance database (SQLite file or MySQL) into GemBalance's:
// t_settings (as saved settings under our names, validated by the settings parser),
// t_request_log and t_error_logs (keys replaced by key_id and a redacted hint, keys
// redacted from the error texts, naive local times converted to epoch ms), and rebuilds
// gb_counters_minute for the imported request rows.
//
// Rows go in batches, each batch in one transaction together with the import's record in
// gb_imports (the last source id taken per table), so an interrupted import resumes and a
// second import of the same source adds only rows that are new since. Runs on the calling
// thread with its own source connection: call it from the command line or a database
// thread, never from the proxy thread.
class GeminiBalanceImport
{
public:
    struct Options
    {
        // How gemini-balance's naive local times are read: its server's zone (TIMEZONE,
        // or the local zone when empty/invalid).
        QTimeZone timeZone = QTimeZone::systemTimeZone();
        int batchSize = 5000;
        std::function<void(const ImportProgress &)> progress;  // called on this thread
    };

    // An SQLite file path, or mysql://user:password@host:port/db?unix_socket=/path
    // (user and password percent-encoded). The file is opened read-only.
    static Result<DatabaseConfig> sourceConfig(const QString &pathOrUrl);
    // The source as shown to people and recorded in gb_imports: no password.
    static QString describeSource(const DatabaseConfig &source);

    // `target` is open and migrated (version 4 or later).
    GeminiBalanceImport(Database &target, Options options);

    Result<GeminiBalanceImportSummary> run(const QString &pathOrUrl);
    Result<GeminiBalanceImportSummary> run(const DatabaseConfig &source);

private:
    struct Source;
    Result<void> importSettings(Source &source, GeminiBalanceImportSummary &summary);
    Result<void> importRequests(Source &source, GeminiBalanceImportSummary &summary);
    Result<void> importErrors(Source &source, GeminiBalanceImportSummary &summary);
    Result<qint64> lastImportedId(const QString &sourceId, const QString &table);
    Result<void> recordImported(const QString &sourceId, const QString &source, const QString &table, qint64 lastId,
                                qint64 rows);
    void report(const QString &table, qint64 done, qint64 total) const;

    Database &m_target;
    Options m_options;
};

} // namespace gb
