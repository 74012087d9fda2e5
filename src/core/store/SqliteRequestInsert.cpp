#include "store/SqliteRequestInsert.h"

#include "common/LogCategories.h"
#include "store/LogRecords.h"
#include "store/UtcText.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <array>
#include <vector>

#if GB_HAVE_SQLITE3
#include <sqlite3.h>
#if defined(Q_OS_UNIX)
#include <dlfcn.h>
#define GB_SQLITE_DIRECT 1
#endif
#endif

using namespace Qt::StringLiterals;

namespace gb {

#if GB_SQLITE_DIRECT

namespace {

// Rows per statement: each statement's end costs a statement-journal commit (~8,000
// instructions), shared by the rows of a multi-row INSERT.
constexpr int kRowsPerStatement = 32;

// Parameters ?1, ?2, ... row by row, in kRequestLogInsertHead's column order.
QByteArray insertSql(int rows)
{
    QByteArray sql = kRequestLogInsertHead;
    for (int r = 0; r < rows; ++r) {
        sql += r > 0 ? ", (" : "(";
        for (int c = 0; c < kRequestLogColumns; ++c) {
            sql += c > 0 ? ", ?" : "?";
            sql += QByteArray::number(r * kRequestLogColumns + c + 1);
        }
        sql += ')';
    }
    return sql;
}

// True when the library the Qt driver (a plugin) resolves sqlite3_prepare_v2 to is the one
// linked here: the plugin file holding the driver's code is asked for the symbol, which finds
// a private copy first and the shared library through its dependencies.
bool driverUsesLinkedSqlite(const QSqlDriver *driver)
{
    Dl_info info{};
    if (!dladdr(reinterpret_cast<const void *>(driver->metaObject()), &info) || !info.dli_fname)
        return false;
    void *plugin = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!plugin)
        return false;
    const void *theirs = dlsym(plugin, "sqlite3_prepare_v2");
    dlclose(plugin);
    return theirs && theirs == reinterpret_cast<const void *>(&sqlite3_prepare_v2);
}

} // namespace

struct SqliteRequestInsert::Handles
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *many = nullptr;  // kRowsPerStatement rows
    sqlite3_stmt *one = nullptr;

    ~Handles()
    {
        sqlite3_finalize(many);
        sqlite3_finalize(one);
    }
    // Binds `e` as row `row` of `s`; the UTF-8 texts go into `texts`, which must outlive the step.
    static void bind(sqlite3_stmt *s, int row, const RequestLogEntry &e, std::array<QByteArray, 6> &texts);
    Result<void> step(sqlite3_stmt *s);
};

std::unique_ptr<SqliteRequestInsert> SqliteRequestInsert::create(const QSqlDatabase &db)
{
    const QSqlDriver *driver = db.driver();
    if (!db.isOpen() || !driver || db.driverName() != u"QSQLITE"_s)
        return nullptr;
    const QVariant handle = driver->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0 || !driverUsesLinkedSqlite(driver))
        return nullptr;
    auto h = std::make_unique<Handles>();
    h->db = *static_cast<sqlite3 *const *>(handle.constData());
    const auto prepare = [&h](int rows, sqlite3_stmt **statement) {
        const QByteArray sql = insertSql(rows);
        return sqlite3_prepare_v3(h->db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, statement,
                                  nullptr) == SQLITE_OK;
    };
    if (!h->db || !prepare(kRowsPerStatement, &h->many) || !prepare(1, &h->one)) {
        qCWarning(lcStore) << "request log: the direct SQLite insert does not prepare:"
                           << (h->db ? sqlite3_errmsg(h->db) : "no handle");
        return nullptr;
    }
    return std::unique_ptr<SqliteRequestInsert>(new SqliteRequestInsert(std::move(h)));
}

SqliteRequestInsert::SqliteRequestInsert(std::unique_ptr<Handles> handles) : d(std::move(handles)) {}

SqliteRequestInsert::~SqliteRequestInsert() = default;

void SqliteRequestInsert::Handles::bind(sqlite3_stmt *s, int row, const RequestLogEntry &e,
                                        std::array<QByteArray, 6> &texts)
{
    texts = {utcDateTimeText(e.timeMs).toUtf8(), e.model.toUtf8(), e.keyHint.toUtf8(),
             e.keyId.toUtf8(),                   e.tokenId.toUtf8(), e.operation.toUtf8()};
    const int base = row * kRequestLogColumns;
    const auto text = [s, base](int column, const QByteArray &value) {
        // constData() of an empty QByteArray is "", never null: NOT NULL columns get ''.
        sqlite3_bind_text(s, base + column, value.constData(), int(value.size()), SQLITE_STATIC);
    };
    const auto tokens = [s, base, &e](int column, int value) {
        if (e.usage.known)
            sqlite3_bind_int64(s, base + column, value);
        else
            sqlite3_bind_null(s, base + column);
    };
    text(1, texts[0]);
    text(2, texts[1]);
    text(3, texts[2]);
    sqlite3_bind_int(s, base + 4, e.success ? 1 : 0);
    sqlite3_bind_int(s, base + 5, e.statusCode);
    sqlite3_bind_int(s, base + 6, e.latencyMs);
    sqlite3_bind_int64(s, base + 7, e.timeMs);
    text(8, texts[3]);
    text(9, texts[4]);
    tokens(10, e.usage.prompt);
    tokens(11, e.usage.candidates);
    tokens(12, e.usage.thoughts);
    tokens(13, e.usage.total);
    sqlite3_bind_int(s, base + 14, e.stream ? 1 : 0);
    sqlite3_bind_int(s, base + 15, e.attempt);
    text(16, texts[5]);
}

Result<void> SqliteRequestInsert::Handles::step(sqlite3_stmt *s)
{
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE)
        return Result<void>::failure(QString::fromUtf8(sqlite3_errmsg(db)));
    return {};
}

Result<void> SqliteRequestInsert::insert(const QList<RequestLogEntry> &entries)
{
    // The texts stay alive until their statement has run: bound without a copy.
    std::vector<std::array<QByteArray, 6>> texts(size_t(qMin<qsizetype>(entries.size(), kRowsPerStatement)));
    qsizetype i = 0;
    for (; i + kRowsPerStatement <= entries.size(); i += kRowsPerStatement) {
        for (int r = 0; r < kRowsPerStatement; ++r)
            Handles::bind(d->many, r, entries[i + r], texts[size_t(r)]);
        if (auto r = d->step(d->many); !r)
            return r;
    }
    for (; i < entries.size(); ++i) {
        Handles::bind(d->one, 0, entries[i], texts[0]);
        if (auto r = d->step(d->one); !r)
            return r;
    }
    return {};
}

#else  // no SQLite headers, or a platform without dladdr: QtSql does it all

struct SqliteRequestInsert::Handles
{
};

std::unique_ptr<SqliteRequestInsert> SqliteRequestInsert::create(const QSqlDatabase &)
{
    return nullptr;
}

SqliteRequestInsert::SqliteRequestInsert(std::unique_ptr<Handles> handles) : d(std::move(handles)) {}

SqliteRequestInsert::~SqliteRequestInsert() = default;

Result<void> SqliteRequestInsert::insert(const QList<RequestLogEntry> &)
{
    return Result<void>::failure(u"no direct SQLite access in this build"_s);
}

#endif

} // namespace gb
