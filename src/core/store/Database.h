#pragma once

#include "common/Result.h"
#include "settings/SettingsValues.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <climits>

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
    int connectTimeoutSeconds = 10;  // MySQL: how long open() waits for the server
    bool readOnly = false;           // SQLite: open an existing file read-only (import sources)

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

    // Errors never contain the MySQL password (it is scrubbed from the driver's text).
    Result<void> open(const DatabaseConfig &config);
    // Applies every migration newer than the recorded version and not above upToVersion,
    // each in a transaction, from `directory` (default :/sql/<dialect>; tests give their
    // own). Returns the schema version reached. A migration that fails leaves the recorded
    // version unchanged. SQLite rolls its DDL back; MySQL commits DDL at once, so its
    // migrations are written to be re-run (IF NOT EXISTS; "duplicate column/key name"
    // errors are taken as already done).
    Result<int> migrate(int upToVersion = INT_MAX, const QString &directory = {});
    int schemaVersion() const;

    // MySQL: checks the connection with a round trip and, when the server went away
    // (restart, timeout, killed session), opens a new one: up to `attempts` times with a
    // doubling pause from 100 ms. Blocks the calling thread, so only database threads call
    // it. SQLite: nothing to do. True when the connection works.
    bool ensureConnected(int attempts = 3);
    // Whether an error means the MySQL connection is gone (2006 "server has gone away",
    // 2013 "lost connection", ...), as opposed to a bad statement.
    static bool isConnectionLost(const QSqlError &error);
    // The driver's error text with the password removed (defence in depth: MySQL client
    // errors do not quote it, but a connect option or a future driver might).
    QString scrubbed(const QString &text) const;

    bool isOpen() const;
    QSqlDatabase handle() const;
    QString dialect() const { return m_dialect; }  // "sqlite" | "mysql"
    void close();

private:
    Result<void> exec(const QString &sql);

    Result<void> openConnection();

    QString m_connectionName;
    QString m_dialect;
    DatabaseConfig m_config;
};

} // namespace gb
