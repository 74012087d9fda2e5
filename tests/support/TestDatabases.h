#pragma once

#include "store/Database.h"

#include <QList>
#include <QString>

namespace gb::test {

// A fresh, empty database of one backend for one test, dropped (MySQL) or deleted (SQLite)
// when the object goes. Not migrated: call Database::migrate() (or test the migrations).
class ScratchDatabase
{
public:
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;
    ~ScratchDatabase();

    QString backend() const { return m_config.type; }  // "sqlite" | "mysql"
    const DatabaseConfig &config() const { return m_config; }

private:
    friend class TestBackends;
    ScratchDatabase() = default;
    DatabaseConfig m_config;
    QString m_dir;  // SQLite: its temporary folder
};

// The backends the repository tests run on: SQLite always; MySQL/MariaDB when a server
// answers. GB_TEST_MYSQL = "host=127.0.0.1;port=3307;user=gbtest;password=gbtest" (these are
// the defaults, as tests/start-mariadb.sh sets it up); the user must be allowed to create
// and drop databases named gbtest_*. With GB_TEST_REQUIRE_MYSQL=1 (CI) an unreachable server
// is an error; otherwise the MySQL rows are skipped with a message saying why.
class TestBackends
{
public:
    // "sqlite", plus "mysql" when reachable (or required). For QTest _data() functions:
    //     QTest::addColumn<QString>("backend");
    //     for (const QString &b : TestBackends::names()) QTest::newRow(qPrintable(b)) << b;
    static QStringList names();
    // Why MySQL is not among names() ("" when it is).
    static QString mysqlUnavailableReason();
    // A new empty database of that backend; nullptr with `error` set when it cannot be made.
    static std::unique_ptr<ScratchDatabase> create(const QString &backend, QString *error = nullptr);
    // In a data-driven test: creates the row's database, or QSKIP/QFAIL per the rules above.
    // Use as:  auto db = GB_SCRATCH_DATABASE(backend);
};

} // namespace gb::test

#define GB_SCRATCH_DATABASE(backend)                                                                     \
    ([&]() {                                                                                             \
        QString gbScratchError;                                                                          \
        auto gbScratch = ::gb::test::TestBackends::create(backend, &gbScratchError);                     \
        if (!gbScratch)                                                                                  \
            qFatal("scratch database (%s): %s", qPrintable(backend), qPrintable(gbScratchError));        \
        return gbScratch;                                                                                \
    }())
