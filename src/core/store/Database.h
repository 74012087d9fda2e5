#pragma once

#include "common/Result.h"
#include "settings/SettingsValues.h"

#include <QSqlDatabase>
#include <QString>

namespace gb {

struct DatabaseConfig
{
    QString type = QStringLiteral("sqlite");  // "sqlite" | "mysql"
    QString sqlitePath;                        // absolute file path
    QString mysqlHost;
    int mysqlPort = 3306;
    QString mysqlUser;
    QString mysqlPassword;
    QString mysqlDatabase;
    QString mysqlSocket;

    // SQLITE_DATABASE is a file name (or path) relative to the data dir.
    static DatabaseConfig fromSettings(const SettingsValues &settings, const QString &dataDir);
    // For logs: where, never the password.
    QString describe() const;
};

// One database connection (QtSql connections belong to the thread that opened them) with
// versioned schema migrations from :/sql/<sqlite|mysql>/NNN_name.sql.
class Database
{
public:
    explicit Database(const QString &connectionName);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Result<void> open(const DatabaseConfig &config);
    // Applies every migration newer than the recorded version, each in a transaction.
    // Returns the schema version reached.
    Result<int> migrate();
    int schemaVersion() const;

    bool isOpen() const;
    QSqlDatabase handle() const;
    QString dialect() const { return m_dialect; }  // "sqlite" | "mysql"
    void close();

private:
    Result<void> exec(const QString &sql);

    QString m_connectionName;
    QString m_dialect;
};

} // namespace gb
