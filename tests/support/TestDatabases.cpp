#include "TestDatabases.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace gb::test {

namespace {

struct MysqlServer
{
    QString host = u"127.0.0.1"_s;
    int port = 3307;
    QString user = u"gbtest"_s;
    QString password = u"gbtest"_s;
};

MysqlServer mysqlServer()
{
    MysqlServer server;
    const QString spec = QProcessEnvironment::systemEnvironment().value(u"GB_TEST_MYSQL"_s);
    for (const QString &part : spec.split(u';', Qt::SkipEmptyParts)) {
        const QString name = part.section(u'=', 0, 0).trimmed();
        const QString value = part.section(u'=', 1);
        if (name == u"host")
            server.host = value;
        else if (name == u"port")
            server.port = value.toInt();
        else if (name == u"user")
            server.user = value;
        else if (name == u"password")
            server.password = value;
    }
    return server;
}

bool mysqlRequired()
{
    return QProcessEnvironment::systemEnvironment().value(u"GB_TEST_REQUIRE_MYSQL"_s) == u"1";
}

QAtomicInt g_serial;

// Runs `sql` on a connection without a database selected; "" or the error.
QString adminExec(const MysqlServer &server, const QString &sql)
{
    const QString name = u"gb-test-admin-%1"_s.arg(g_serial.fetchAndAddRelaxed(1));
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, name);
        db.setHostName(server.host);
        db.setPort(server.port);
        db.setUserName(server.user);
        db.setPassword(server.password);
        db.setConnectOptions(u"MYSQL_OPT_CONNECT_TIMEOUT=3"_s);
        if (!db.open()) {
            error = db.lastError().text();
        } else if (!sql.isEmpty()) {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

QString probeMysql()
{
    if (!QSqlDatabase::isDriverAvailable(u"QMYSQL"_s))
        return u"the Qt MySQL driver (libqt6sql6-mysql) is not installed"_s;
    const MysqlServer server = mysqlServer();
    const QString error = adminExec(server, {});
    if (!error.isEmpty())
        return u"no MySQL/MariaDB server answers at %1:%2 as %3 (%4); tests/start-mariadb.sh starts one"_s.arg(
            server.host).arg(server.port).arg(server.user, error);
    return {};
}

const QString &mysqlReason()
{
    static const QString reason = probeMysql();
    return reason;
}

} // namespace

ScratchDatabase::~ScratchDatabase()
{
    if (m_config.type == u"mysql")
        adminExec(mysqlServer(), u"DROP DATABASE IF EXISTS `%1`"_s.arg(m_config.mysqlDatabase));
    else if (!m_dir.isEmpty())
        QDir(m_dir).removeRecursively();
}

QStringList TestBackends::names()
{
    QStringList names{u"sqlite"_s};
    if (mysqlReason().isEmpty() || mysqlRequired())
        names << u"mysql"_s;
    else
        qInfo().noquote() << "MySQL rows skipped:" << mysqlReason();
    return names;
}

QString TestBackends::mysqlUnavailableReason()
{
    return mysqlReason();
}

std::unique_ptr<ScratchDatabase> TestBackends::create(const QString &backend, QString *error)
{
    std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase);
    if (backend == u"sqlite") {
        QTemporaryDir dir(QDir::tempPath() + u"/gbtest-XXXXXX"_s);
        if (!dir.isValid()) {
            if (error)
                *error = u"cannot make a temporary folder"_s;
            return nullptr;
        }
        dir.setAutoRemove(false);
        scratch->m_dir = dir.path();
        scratch->m_config.type = u"sqlite"_s;
        scratch->m_config.sqlitePath = dir.filePath(u"gembalance.db"_s);
        return scratch;
    }
    if (backend == u"mysql") {
        if (!mysqlReason().isEmpty()) {
            if (error)
                *error = mysqlReason();
            return nullptr;
        }
        const MysqlServer server = mysqlServer();
        const QString name = u"gbtest_%1_%2"_s.arg(QCoreApplication::applicationPid())
                                 .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
        if (const QString e = adminExec(server, u"CREATE DATABASE `%1` CHARACTER SET utf8mb4"_s.arg(name)); !e.isEmpty()) {
            if (error)
                *error = e;
            return nullptr;
        }
        DatabaseConfig &c = scratch->m_config;
        c.type = u"mysql"_s;
        c.mysqlHost = server.host;
        c.mysqlPort = server.port;
        c.mysqlUser = server.user;
        c.mysqlPassword = server.password;
        c.mysqlDatabase = name;
        return scratch;
    }
    if (error)
        *error = u"unknown backend "_s + backend;
    return nullptr;
}

} // namespace gb::test
