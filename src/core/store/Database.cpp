#include "store/Database.h"

#include "common/LogCategories.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

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
        QString options = u"MYSQL_OPT_RECONNECT=1;MYSQL_OPT_CONNECT_TIMEOUT=10"_s;
        if (!config.mysqlSocket.isEmpty())
            options += u";UNIX_SOCKET="_s + config.mysqlSocket;
        db.setConnectOptions(options);
        m_dialect = u"mysql"_s;
    } else {
        if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
            return Result<void>::failure(u"the SQLite driver for Qt is not installed (libqt6sql6-sqlite)"_s);
        const QFileInfo file(config.sqlitePath);
        if (!QDir().mkpath(file.absolutePath()))
            return Result<void>::failure(u"cannot create the folder %1"_s.arg(file.absolutePath()));
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(file.absoluteFilePath());
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        m_dialect = u"sqlite"_s;
    }
    QSqlDatabase db = handle();
    if (!db.open()) {
        const QString error = db.lastError().text();
        close();
        return Result<void>::failure(u"cannot open %1: %2"_s.arg(config.describe(), error));
    }
    if (m_dialect == u"sqlite"_s) {
        for (const QString &pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=NORMAL"_s,
                                      u"PRAGMA foreign_keys=ON"_s}) {
            if (auto r = exec(pragma); !r)
                return Result<void>::failure(u"%1 failed: %2"_s.arg(pragma, r.error()));
        }
    }
    qCInfo(lcStore).noquote() << "database:" << config.describe();
    return {};
}

int Database::schemaVersion() const
{
    QSqlQuery q(handle());
    if (!q.exec(u"SELECT MAX(version) FROM gb_schema_migrations"_s) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Result<int> Database::migrate()
{
    if (!isOpen())
        return Result<int>::failure(u"the database is not open"_s);
    if (auto r = exec(u"CREATE TABLE IF NOT EXISTS gb_schema_migrations (version INTEGER PRIMARY KEY, "
                      "name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)"_s);
        !r)
        return Result<int>::failure(u"cannot create the migrations table: "_s + r.error());

    static const QRegularExpression fileName(uR"(^(\d+)_([A-Za-z0-9_]+)\.sql$)"_s);
    QMap<int, QString> files;
    QDirIterator it(u":/sql/"_s + m_dialect, {u"*.sql"_s}, QDir::Files);
    while (it.hasNext()) {
        it.next();
        const auto m = fileName.match(it.fileName());
        if (m.hasMatch())
            files.insert(m.captured(1).toInt(), it.filePath());
    }

    int version = schemaVersion();
    QSqlDatabase db = handle();
    for (auto f = files.cbegin(); f != files.cend(); ++f) {
        if (f.key() <= version)
            continue;
        QFile file(f.value());
        if (!file.open(QIODevice::ReadOnly))
            return Result<int>::failure(u"cannot read migration "_s + f.value());
        const QString script = QString::fromUtf8(file.readAll());
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
            if (auto r = exec(sql); !r) {
                db.rollback();
                return Result<int>::failure(u"migration %1 failed: %2"_s.arg(QFileInfo(f.value()).fileName(), r.error()));
            }
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
