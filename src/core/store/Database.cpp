#include "store/Database.h"

#include "common/LogCategories.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace gb {

DatabaseConfig DatabaseConfig::fromSettings(const SettingsValues &s, const QString &dataDir)
{
    DatabaseConfig c;
    c.type = s.databaseType.toLower();
    c.sqlitePath = QDir(dataDir).absoluteFilePath(s.sqliteDatabase);
    c.mysqlHost = s.mysqlHost;
    c.mysqlPort = s.mysqlPort;
    c.mysqlUser = s.mysqlUser;
    c.mysqlPassword = s.mysqlPassword;
    c.mysqlDatabase = s.mysqlDatabase;
    c.mysqlSocket = s.mysqlSocket;
    return c;
}

QString DatabaseConfig::describe() const
{
    if (type == u"mysql"_s) {
        const QString where = mysqlSocket.isEmpty() ? u"%1:%2"_s.arg(mysqlHost).arg(mysqlPort) : mysqlSocket;
        return u"MySQL %1@%2/%3"_s.arg(mysqlUser, where, mysqlDatabase);
    }
    return u"SQLite %1"_s.arg(QDir::toNativeSeparators(sqlitePath));
}

Database::Database(const QString &connectionName) : m_connectionName(connectionName) {}

Database::~Database()
{
    close();
}

void Database::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && handle().isOpen();
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<void> Database::exec(const QString &sql)
{
    QSqlQuery q(handle());
    if (!q.exec(sql))
        return Result<void>::failure(q.lastError().text());
    return {};
}

Result<void> Database::open(const DatabaseConfig &config)
{
    close();
    m_config = config;
    if (auto r = openConnection(); !r) {
        close();
        return r;
    }
    qCInfo(lcStore).noquote() << "database:" << config.describe();
    return {};
}

QString Database::scrubbed(const QString &text) const
{
    QString out = text;
    if (!m_config.mysqlPassword.isEmpty())
        out.replace(m_config.mysqlPassword, u"***"_s);
    return out;
}

Result<void> Database::openConnection()
{
    const DatabaseConfig &config = m_config;
    if (config.type == u"mysql"_s) {
        const QString driver = QSqlDatabase::isDriverAvailable(u"QMARIADB"_s) ? u"QMARIADB"_s : u"QMYSQL"_s;
        if (!QSqlDatabase::isDriverAvailable(driver))
            return Result<void>::failure(u"the MySQL driver for Qt is not installed (libqt6sql6-mysql)"_s);
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, m_connectionName);
        db.setHostName(config.mysqlHost);
        db.setPort(config.mysqlPort);
        db.setUserName(config.mysqlUser);
        db.setPassword(config.mysqlPassword);
        db.setDatabaseName(config.mysqlDatabase);
        // No MYSQL_OPT_RECONNECT: a silent reconnect loses the session's transaction and
        // prepared statements; ensureConnected() reconnects where it is safe to.
        QString options = u"MYSQL_OPT_CONNECT_TIMEOUT=%1"_s.arg(qMax(1, config.connectTimeoutSeconds));
        if (!config.mysqlSocket.isEmpty())
            options += u";UNIX_SOCKET="_s + config.mysqlSocket;
        db.setConnectOptions(options);
        m_dialect = u"mysql"_s;
    } else {
        if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
            return Result<void>::failure(u"the SQLite driver for Qt is not installed (libqt6sql6-sqlite)"_s);
        const QFileInfo file(config.sqlitePath);
        if (config.readOnly) {
            if (!file.isFile())
                return Result<void>::failure(u"no such database file: %1"_s.arg(QDir::toNativeSeparators(config.sqlitePath)));
        } else if (!QDir().mkpath(file.absolutePath())) {
            return Result<void>::failure(u"cannot create the folder %1"_s.arg(file.absolutePath()));
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(file.absoluteFilePath());
        db.setConnectOptions(config.readOnly ? u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_s
                                             : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        m_dialect = u"sqlite"_s;
    }
    QSqlDatabase db = handle();
    if (!db.open()) {
        return Result<void>::failure(scrubbed(u"cannot open %1: %2"_s.arg(config.describe(), db.lastError().text())));
    }
    if (m_dialect == u"sqlite"_s && !config.readOnly) {
        for (const QString &pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=NORMAL"_s,
                                      u"PRAGMA foreign_keys=ON"_s}) {
            if (auto r = exec(pragma); !r)
                return Result<void>::failure(u"%1 failed: %2"_s.arg(pragma, r.error()));
        }
    }
    return {};
}

bool Database::isConnectionLost(const QSqlError &error)
{
    // CR_SERVER_GONE_ERROR, CR_SERVER_LOST, CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR,
    // CR_SERVER_LOST_EXTENDED, ER_CONNECTION_KILLED (MariaDB), ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8).
    static const QStringList codes = {u"2006"_s, u"2013"_s, u"2002"_s, u"2003"_s,
                                      u"2055"_s, u"1927"_s, u"4031"_s};
    return codes.contains(error.nativeErrorCode());
}

bool Database::ensureConnected(int attempts)
{
    if (m_dialect != u"mysql"_s)
        return isOpen();
    if (isOpen()) {
        QSqlQuery ping(handle());
        if (ping.exec(u"SELECT 1"_s))
            return true;
        if (!isConnectionLost(ping.lastError()) && !ping.lastError().nativeErrorCode().isEmpty())
            return false;  // the server answered with an error: not a connection problem
    }
    int pauseMs = 100;
    for (int attempt = 1; attempt <= qMax(1, attempts); ++attempt) {
        {
            QSqlDatabase db = handle();
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
        const auto r = openConnection();
        if (r) {
            qCInfo(lcStore).noquote() << "database: reconnected to" << m_config.describe();
            return true;
        }
        qCWarning(lcStore).noquote() << "database: reconnect" << attempt << "of" << attempts << "failed:" << r.error();
        if (attempt < attempts) {
            QThread::msleep(ulong(pauseMs));
            pauseMs *= 2;
        }
    }
    return false;
}

int Database::schemaVersion() const
{
    QSqlQuery q(handle());
    if (!q.exec(u"SELECT MAX(version) FROM gb_schema_migrations"_s) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Result<int> Database::migrate(int upToVersion, const QString &directory)
{
    if (!isOpen())
        return Result<int>::failure(u"the database is not open"_s);
    if (auto r = exec(u"CREATE TABLE IF NOT EXISTS gb_schema_migrations (version INTEGER PRIMARY KEY, "
                      "name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)"_s);
        !r)
        return Result<int>::failure(u"cannot create the migrations table: "_s + r.error());

    static const QRegularExpression fileName(uR"(^(\d+)_([A-Za-z0-9_]+)\.sql$)"_s);
    QMap<int, QString> files;
    QDirIterator it(directory.isEmpty() ? u":/sql/"_s + m_dialect : directory, {u"*.sql"_s}, QDir::Files);
    while (it.hasNext()) {
        it.next();
        const auto m = fileName.match(it.fileName());
        if (m.hasMatch())
            files.insert(m.captured(1).toInt(), it.filePath());
    }

    int version = schemaVersion();
    QSqlDatabase db = handle();
    for (auto f = files.cbegin(); f != files.cend(); ++f) {
        if (f.key() <= version || f.key() > upToVersion)
            continue;
        QFile file(f.value());
        if (!file.open(QIODevice::ReadOnly))
            return Result<int>::failure(u"cannot read migration "_s + f.value());
        const QString script = QString::fromUtf8(file.readAll());
        const QString name = QFileInfo(f.value()).fileName();
        db.transaction();
        // Statements end with ';' at the end of a line; migrations keep to that form.
        static const QRegularExpression statementEnd(u";\\s*(\\n|$)"_s);
        for (const QString &statement : script.split(statementEnd, Qt::SkipEmptyParts)) {
            QString sql;
            for (const QString &line : statement.split(u'\n'))
                if (!line.trimmed().startsWith(u"--"_s))
                    sql += line + u'\n';
            if (sql.trimmed().isEmpty())
                continue;
            QSqlQuery q(db);
            if (q.exec(sql))
                continue;
            // MySQL: a re-run of a migration whose DDL was committed before it failed.
            // ER_DUP_FIELDNAME, ER_DUP_KEYNAME: that statement is done already.
            const QString code = q.lastError().nativeErrorCode();
            if (m_dialect == u"mysql"_s && (code == u"1060"_s || code == u"1061"_s)) {
                qCInfo(lcStore).noquote() << "migration" << name << "- already applied:" << q.lastError().text();
                continue;
            }
            const QString error = q.lastError().text();
            db.rollback();
            return Result<int>::failure(u"migration %1 failed: %2"_s.arg(name, error));
        }
        QSqlQuery record(db);
        record.prepare(u"INSERT INTO gb_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"_s);
        record.addBindValue(f.key());
        record.addBindValue(QFileInfo(f.value()).completeBaseName());
        record.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        if (!record.exec()) {
            db.rollback();
            return Result<int>::failure(u"cannot record migration: "_s + record.lastError().text());
        }
        if (!db.commit())
            return Result<int>::failure(u"cannot commit migration: "_s + db.lastError().text());
        version = f.key();
        qCInfo(lcStore) << "schema migrated to version" << version;
    }
    return version;
}

} // namespace gb
