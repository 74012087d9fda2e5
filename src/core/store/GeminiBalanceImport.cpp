#include "store/GeminiBalanceImport.h"

#include "common/LogCategories.h"
#include "common/Redact.h"
#include "settings/SettingSpec.h"
#include "store/KeyStateStore.h"
#include "store/MultiRowInsert.h"
#include "store/UtcText.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

#include <array>
#include <atomic>
#include <map>
#include <tuple>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

std::atomic<int> g_serial{0};

constexpr int kLatencyBuckets = 16;

// gb_counters_minute's histogram (see migration 003): bucket 0 = [0,1) ms, bucket i > 0 =
// [2^(i-1), 2^i) ms, the last one open-ended.
int latencyBucket(qint64 ms)
{
    if (ms < 1)
        return 0;
    int bucket = 1;
    while (bucket < kLatencyBuckets - 1 && ms >= (qint64(1) << bucket))
        ++bucket;
    return bucket;
}

// gemini-balance writes naive local datetimes: "2025-01-02 03:04:05[.123456]" (SQLAlchemy
// on SQLite) or the same text from MySQL's CAST(... AS CHAR). They are read in one zone,
// whose offset is looked up once per naive minute: QTimeZone lookups are slow, and a
// million rows share a few thousand minutes.
class NaiveTimes
{
public:
    explicit NaiveTimes(QTimeZone zone) : m_zone(std::move(zone)) {}

    // Epoch ms, or -1 when the text is no datetime.
    qint64 toEpochMs(const QString &text)
    {
        const QString t = text.trimmed();
        if (t.size() < 19)
            return -1;
        const QDate date = QDate::fromString(t.left(10), u"yyyy-MM-dd"_s);
        const QTime time = QTime::fromString(t.mid(11, 8), u"HH:mm:ss"_s);
        if (!date.isValid() || !time.isValid())
            return -1;
        int ms = 0;
        if (t.size() > 20 && t.at(19) == u'.')
            ms = (t.mid(20, 3) + u"00"_s).left(3).toInt();
        const qint64 minute = date.toJulianDay() * 1440 + time.hour() * 60 + time.minute();
        auto offset = m_offsets.constFind(minute);
        if (offset == m_offsets.cend()) {
            const QDateTime start(date, QTime(time.hour(), time.minute()), m_zone);
            offset = m_offsets.insert(minute, qint64(start.offsetFromUtc()) * 1000);
        }
        constexpr qint64 kUnixEpochJulianDay = 2440588;
        const qint64 naiveMs = (date.toJulianDay() - kUnixEpochJulianDay) * 86'400'000
                               + qint64(time.msecsSinceStartOfDay()) + ms;
        return naiveMs - *offset;
    }

private:
    QTimeZone m_zone;
    QHash<qint64, qint64> m_offsets;  // naive minute -> offset from UTC in ms
};

QString orEmpty(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QVariant nullable(const QVariant &value, QMetaType type)
{
    return value.isNull() ? QVariant(type) : value;
}

QVariant nullString()
{
    return QVariant(QMetaType::fromType<QString>());
}

struct KeyIdentity
{
    QVariant id;    // NULL for a row without a key
    QVariant hint;
};

// Keys repeat across millions of rows: hash each once.
class KeyIdentities
{
public:
    KeyIdentity of(const QString &key)
    {
        if (key.isEmpty())
            return {nullString(), nullString()};
        auto it = m_cache.constFind(key);
        if (it == m_cache.cend())
            it = m_cache.insert(key, {KeyStateStore::keyId(key), KeyStateStore::keyHint(key)});
        return *it;
    }

private:
    QHash<QString, KeyIdentity> m_cache;
};

struct Counter
{
    qint64 requests = 0;
    qint64 failures = 0;
    qint64 latencySum = 0;
    std::array<qint64, kLatencyBuckets> buckets{};
};
using CounterKey = std::tuple<qint64, QString, QString>;  // minute, key_id, model

QString counterUpsertTail(const QString &dialect)
{
    QStringList columns{u"requests"_s, u"failures"_s, u"latency_ms_sum"_s};
    for (int i = 0; i < kLatencyBuckets; ++i)
        columns << u"lat_b%1"_s.arg(i);
    QStringList sets;
    const bool mysql = dialect == u"mysql"_s;
    for (const QString &c : columns)
        sets << (mysql ? u"%1 = %1 + VALUES(%1)"_s : u"%1 = %1 + excluded.%1"_s).arg(c);
    return (mysql ? u"ON DUPLICATE KEY UPDATE "_s : u"ON CONFLICT(minute, key_id, model_name) DO UPDATE SET "_s)
           + sets.join(u", "_s);
}

QString counterInsertHead()
{
    QStringList columns{u"minute"_s, u"key_id"_s, u"model_name"_s, u"requests"_s, u"failures"_s, u"latency_ms_sum"_s};
    for (int i = 0; i < kLatencyBuckets; ++i)
        columns << u"lat_b%1"_s.arg(i);
    return u"INSERT INTO gb_counters_minute ("_s + columns.join(u", "_s) + u')';
}

Result<void> fail(const QString &what, const QSqlQuery &q)
{
    return Result<void>::failure(u"%1: %2"_s.arg(what, q.lastError().text()));
}

} // namespace

// The source connection and what it holds.
struct GeminiBalanceImport::Source
{
    std::unique_ptr<Database> db;
    QString described;
    QString id;  // SHA-256 hex of `described`
    QStringList tables;

    // A datetime (or JSON) column as text on either dialect: naive datetimes stay naive.
    QString asText(const QString &column) const
    {
        return db->dialect() == u"mysql"_s ? u"CAST(%1 AS CHAR)"_s.arg(column) : column;
    }
};

QString GeminiBalanceImportSummary::text() const
{
    QStringList lines;
    lines << u"Imported from %1:"_s.arg(source);
    lines << u"  t_settings: %1 imported, %2 kept (already set in GemBalance), %3 skipped"_s.arg(settingsImported)
                 .arg(settingsKept)
                 .arg(skippedSettings.size());
    lines << u"  t_request_log: %1 rows imported (%2 from an earlier import left out)"_s.arg(requestRows)
                 .arg(requestRowsAlreadyImported);
    lines << u"  t_error_logs: %1 rows imported (%2 from an earlier import left out)"_s.arg(errorRows)
                 .arg(errorRowsAlreadyImported);
    lines << u"  gb_counters_minute: %1 rows added to or created"_s.arg(counterRows);
    for (const QString &s : skippedSettings)
        lines << u"  skipped setting "_s + s;
    return lines.join(u'\n');
}

Result<DatabaseConfig> GeminiBalanceImport::sourceConfig(const QString &pathOrUrl)
{
    DatabaseConfig c;
    if (pathOrUrl.startsWith(u"mysql://"_s, Qt::CaseInsensitive)
        || pathOrUrl.startsWith(u"mysql+pymysql://"_s, Qt::CaseInsensitive)) {
        QString text = pathOrUrl;
        text.replace(u"mysql+pymysql://"_s, u"mysql://"_s, Qt::CaseInsensitive);
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid())
            return Result<DatabaseConfig>::failure(u"not a valid MySQL URL (mysql://user:password@host:port/database)"_s);
        c.type = u"mysql"_s;
        c.mysqlHost = url.host().isEmpty() ? u"localhost"_s : url.host();
        c.mysqlPort = url.port(3306);
        c.mysqlUser = url.userName(QUrl::FullyDecoded);
        c.mysqlPassword = url.password(QUrl::FullyDecoded);
        c.mysqlDatabase = url.path(QUrl::FullyDecoded).mid(1);
        c.mysqlSocket = QUrlQuery(url).queryItemValue(u"unix_socket"_s, QUrl::FullyDecoded);
        if (c.mysqlDatabase.isEmpty())
            return Result<DatabaseConfig>::failure(u"the MySQL URL names no database (mysql://user:password@host:port/database)"_s);
        return c;
    }
    if (pathOrUrl.contains(u"://"_s))
        return Result<DatabaseConfig>::failure(u"unsupported source: give an SQLite file path or a mysql:// URL"_s);
    const QFileInfo file(pathOrUrl);
    if (!file.isFile())
        return Result<DatabaseConfig>::failure(u"no such file: %1"_s.arg(QDir::toNativeSeparators(pathOrUrl)));
    c.type = u"sqlite"_s;
    c.sqlitePath = file.canonicalFilePath();
    c.readOnly = true;
    return c;
}

QString GeminiBalanceImport::describeSource(const DatabaseConfig &source)
{
    if (source.type == u"mysql"_s) {
        const QString where = source.mysqlSocket.isEmpty() ? u"%1:%2"_s.arg(source.mysqlHost).arg(source.mysqlPort)
                                                           : u"localhost?unix_socket="_s + source.mysqlSocket;
        return u"mysql://%1@%2/%3"_s.arg(source.mysqlUser, where, source.mysqlDatabase);
    }
    return QDir::toNativeSeparators(source.sqlitePath);
}

GeminiBalanceImport::GeminiBalanceImport(Database &target, Options options)
    : m_target(target), m_options(std::move(options))
{
    if (!m_options.timeZone.isValid())
        m_options.timeZone = QTimeZone::systemTimeZone();
    m_options.batchSize = qBound(100, m_options.batchSize, 100'000);
}

void GeminiBalanceImport::report(const QString &table, qint64 done, qint64 total) const
{
    if (m_options.progress)
        m_options.progress(ImportProgress{table, done, total});
}

Result<GeminiBalanceImportSummary> GeminiBalanceImport::run(const QString &pathOrUrl)
{
    auto config = sourceConfig(pathOrUrl);
    if (!config)
        return Result<GeminiBalanceImportSummary>::failure(config.error());
    return run(config.value());
}

Result<GeminiBalanceImportSummary> GeminiBalanceImport::run(const DatabaseConfig &sourceConfig)
{
    using R = Result<GeminiBalanceImportSummary>;
    if (!m_target.isOpen())
        return R::failure(u"the GemBalance database is not open"_s);
    Source source;
    source.described = describeSource(sourceConfig);
    source.id = QString::fromLatin1(
        QCryptographicHash::hash(source.described.toUtf8(), QCryptographicHash::Sha256).toHex());
    source.db = std::make_unique<Database>(u"gembalance-import-source-%1"_s.arg(g_serial.fetch_add(1)));
    if (auto r = source.db->open(sourceConfig); !r)
        return R::failure(u"gemini-balance database: "_s + r.error());
    source.tables = source.db->handle().tables();
    if (source.tables.contains(u"gb_schema_migrations"_s))
        return R::failure(u"%1 is a GemBalance database, not a gemini-balance one"_s.arg(source.described));
    const QStringList wanted{u"t_settings"_s, u"t_request_log"_s, u"t_error_logs"_s};
    bool any = false;
    for (const QString &t : wanted)
        any = any || source.tables.contains(t);
    if (!any)
        return R::failure(u"%1 has none of gemini-balance's tables (t_settings, t_request_log, t_error_logs)"_s.arg(
            source.described));

    GeminiBalanceImportSummary summary;
    summary.source = source.described;
    qCInfo(lcStore).noquote() << "import: from" << source.described;
    if (source.tables.contains(u"t_settings"_s))
        if (auto r = importSettings(source, summary); !r)
            return R::failure(r.error());
    if (source.tables.contains(u"t_request_log"_s))
        if (auto r = importRequests(source, summary); !r)
            return R::failure(r.error());
    if (source.tables.contains(u"t_error_logs"_s))
        if (auto r = importErrors(source, summary); !r)
            return R::failure(r.error());
    qCInfo(lcStore).noquote() << "import: done," << summary.requestRows << "request rows," << summary.errorRows
                              << "error rows," << summary.settingsImported << "settings";
    return summary;
}

Result<void> GeminiBalanceImport::importSettings(Source &source, GeminiBalanceImportSummary &summary)
{
    QSet<QString> existing;
    QSqlDatabase db = m_target.handle();
    {
        QSqlQuery q(db);
        if (!q.exec(u"SELECT `key` FROM t_settings"_s))
            return fail(u"reading GemBalance's settings"_s, q);
        while (q.next())
            existing.insert(q.value(0).toString());
    }
    QSqlQuery in(source.db->handle());
    in.setForwardOnly(true);
    if (!in.exec(u"SELECT `key`, value, description FROM t_settings ORDER BY id"_s))
        return fail(u"reading gemini-balance's t_settings"_s, in);

    struct Row
    {
        QString name, value, description;
    };
    QList<Row> rows;
    while (in.next()) {
        const QString rawName = in.value(0).toString().trimmed();
        const QString name = rawName.toUpper() == u"TZ"_s ? u"TIMEZONE"_s : rawName.toUpper();
        const SettingSpec *spec = findSettingSpec(name);
        if (!spec) {
            summary.skippedSettings << u"%1: not a GemBalance setting"_s.arg(rawName);
            continue;
        }
        if (spec->group == u"database"_s) {
            summary.skippedSettings << u"%1: database connection settings stay in the environment or .env"_s.arg(name);
            continue;
        }
        const QString text = in.value(1).toString();
        const auto parsed = parseSettingText(*spec, text);
        if (!parsed) {
            // A secret's parse error might quote the value.
            summary.skippedSettings << (spec->isSecret() ? u"%1: invalid value"_s.arg(name)
                                                         : u"%1: %2"_s.arg(name, parsed.error()));
            continue;
        }
        if (existing.contains(name)) {
            ++summary.settingsKept;
            continue;
        }
        existing.insert(name);
        rows.append({name, formatSettingText(*spec, parsed.value()), in.value(2).toString()});
    }
    report(u"t_settings"_s, 0, rows.size());
    if (rows.isEmpty())
        return {};
    if (!db.transaction())
        return Result<void>::failure(u"import: "_s + db.lastError().text());
    QSqlQuery out(db);
    if (!out.prepare(u"INSERT INTO t_settings (`key`, value, description) VALUES (?, ?, ?)"_s)) {
        db.rollback();
        return fail(u"writing settings"_s, out);
    }
    for (const Row &row : std::as_const(rows)) {
        out.bindValue(0, row.name);
        out.bindValue(1, row.value);
        out.bindValue(2, row.description.isEmpty() ? nullString() : QVariant(row.description.left(255)));
        if (!out.exec()) {
            const auto r = fail(u"writing setting "_s + row.name, out);
            db.rollback();
            return r;
        }
    }
    out.finish();
    if (!db.commit())
        return Result<void>::failure(u"import: "_s + db.lastError().text());
    summary.settingsImported = int(rows.size());
    report(u"t_settings"_s, rows.size(), rows.size());
    return {};
}

Result<qint64> GeminiBalanceImport::lastImportedId(const QString &sourceId, const QString &table)
{
    QSqlQuery q(m_target.handle());
    q.prepare(u"SELECT last_id FROM gb_imports WHERE source_id = ? AND table_name = ?"_s);
    q.addBindValue(sourceId);
    q.addBindValue(table);
    if (!q.exec())
        return Result<qint64>::failure(u"reading gb_imports: "_s + q.lastError().text());
    return q.next() ? q.value(0).toLongLong() : 0;
}

Result<void> GeminiBalanceImport::recordImported(const QString &sourceId, const QString &source, const QString &table,
                                                 qint64 lastId, qint64 rows)
{
    const bool mysql = m_target.dialect() == u"mysql"_s;
    QSqlQuery q(m_target.handle());
    q.prepare(u"INSERT INTO gb_imports (source_id, table_name, source, last_id, rows_imported, updated_ms) "
              "VALUES (?, ?, ?, ?, ?, ?) "_s
              + (mysql ? u"ON DUPLICATE KEY UPDATE last_id = VALUES(last_id), rows_imported = rows_imported + "
                         "VALUES(rows_imported), updated_ms = VALUES(updated_ms)"_s
                       : u"ON CONFLICT(source_id, table_name) DO UPDATE SET last_id = excluded.last_id, "
                         "rows_imported = rows_imported + excluded.rows_imported, updated_ms = excluded.updated_ms"_s));
    q.addBindValue(sourceId);
    q.addBindValue(table);
    q.addBindValue(source.left(500));
    q.addBindValue(lastId);
    q.addBindValue(rows);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return fail(u"recording the import"_s, q);
    return {};
}

// Shared by both log tables: counts what is new and what an earlier import took.
static Result<std::pair<qint64, qint64>> countRows(Database &source, const QString &table, qint64 afterId)
{
    QSqlQuery q(source.handle());
    q.prepare(u"SELECT COUNT(*), COALESCE(SUM(CASE WHEN id <= ? THEN 1 ELSE 0 END), 0) FROM "_s + table);
    q.addBindValue(afterId);
    if (!q.exec() || !q.next())
        return Result<std::pair<qint64, qint64>>::failure(u"counting %1: %2"_s.arg(table, q.lastError().text()));
    const qint64 all = q.value(0).toLongLong();
    const qint64 old = q.value(1).toLongLong();
    return std::pair<qint64, qint64>{all - old, old};
}

Result<void> GeminiBalanceImport::importRequests(Source &source, GeminiBalanceImportSummary &summary)
{
    const QString table = u"t_request_log"_s;
    auto last = lastImportedId(source.id, table);
    if (!last)
        return Result<void>::failure(last.error());
    qint64 lastId = last.value();
    auto counts = countRows(*source.db, table, lastId);
    if (!counts)
        return Result<void>::failure(counts.error());
    const qint64 total = counts.value().first;
    summary.requestRowsAlreadyImported = counts.value().second;
    report(table, 0, total);

    QSqlDatabase db = m_target.handle();
    const QString dialect = m_target.dialect();
    KeyIdentities keys;
    NaiveTimes times(m_options.timeZone);
    qint64 done = 0;
    for (;;) {
        QSqlQuery in(source.db->handle());
        in.setForwardOnly(true);
        in.prepare(u"SELECT id, %1, model_name, api_key, is_success, status_code, latency_ms FROM t_request_log "
                   "WHERE id > ? ORDER BY id LIMIT %2"_s.arg(source.asText(u"request_time"_s))
                       .arg(m_options.batchSize));
        in.addBindValue(lastId);
        if (!in.exec())
            return fail(u"reading gemini-balance's t_request_log"_s, in);

        if (!db.transaction())
            return Result<void>::failure(u"import: "_s + db.lastError().text());
        MultiRowInsert rows(db,
                            u"INSERT INTO t_request_log (request_time, model_name, api_key, is_success, status_code, "
                            "latency_ms, request_ms, key_id, attempt)"_s,
                            9);
        std::map<CounterKey, Counter> counters;
        qint64 batch = 0;
        qint64 batchLastId = lastId;
        Result<void> written;
        while (written && in.next()) {
            batchLastId = in.value(0).toLongLong();
            const qint64 ms = times.toEpochMs(in.value(1).toString());
            const QString model = orEmpty(in.value(2).toString());  // counters: "" for none
            const KeyIdentity key = keys.of(in.value(3).toString());
            const bool success = in.value(4).toInt() != 0;
            const QVariant latency = in.value(6);
            written = rows.add({ms < 0 ? nullString() : QVariant(utcDateTimeText(ms)),
                                nullable(in.value(2), QMetaType::fromType<QString>()), key.hint, success ? 1 : 0,
                                nullable(in.value(5), QMetaType::fromType<int>()),
                                nullable(latency, QMetaType::fromType<int>()), qMax<qint64>(0, ms), key.id, 1});
            ++batch;
            if (ms < 0)
                continue;  // no time: the row is kept, but belongs to no minute
            Counter &c = counters[{ms / 60'000, orEmpty(key.id.toString()), model}];
            ++c.requests;
            c.failures += success ? 0 : 1;
            if (!latency.isNull()) {
                const qint64 l = qMax<qint64>(0, latency.toLongLong());
                c.latencySum += l;
                ++c.buckets[size_t(latencyBucket(l))];
            }
        }
        in.finish();
        if (written)
            written = rows.flush();
        if (written && !counters.empty()) {
            MultiRowInsert upsert(db, counterInsertHead(), 6 + kLatencyBuckets, counterUpsertTail(dialect));
            for (auto it = counters.cbegin(); written && it != counters.cend(); ++it) {
                const auto &[minute, keyId, model] = it->first;
                QVariantList row{minute, keyId, model, it->second.requests, it->second.failures, it->second.latencySum};
                for (qint64 b : it->second.buckets)
                    row << b;
                written = upsert.add(row);
            }
            if (written)
                written = upsert.flush();
        }
        if (written && batch > 0)
            written = recordImported(source.id, source.described, table, batchLastId, batch);
        if (!written || !db.commit()) {
            const QString error = written ? db.lastError().text() : written.error();
            db.rollback();
            return Result<void>::failure(u"importing t_request_log: "_s + error);
        }
        if (batch == 0)
            break;
        lastId = batchLastId;
        done += batch;
        summary.requestRows += batch;
        summary.counterRows += qint64(counters.size());
        report(table, done, total);
        if (batch < m_options.batchSize)
            break;
    }
    return {};
}

Result<void> GeminiBalanceImport::importErrors(Source &source, GeminiBalanceImportSummary &summary)
{
    const QString table = u"t_error_logs"_s;
    auto last = lastImportedId(source.id, table);
    if (!last)
        return Result<void>::failure(last.error());
    qint64 lastId = last.value();
    auto counts = countRows(*source.db, table, lastId);
    if (!counts)
        return Result<void>::failure(counts.error());
    const qint64 total = counts.value().first;
    summary.errorRowsAlreadyImported = counts.value().second;
    report(table, 0, total);

    QSqlDatabase db = m_target.handle();
    KeyIdentities keys;
    NaiveTimes times(m_options.timeZone);
    // Error texts are upstream bodies: redact the row's key and anything shaped like a key.
    const auto redacted = [](const QVariant &text, const QString &key) -> QVariant {
        if (text.isNull())
            return nullString();
        const QList<QByteArray> known = key.isEmpty() ? QList<QByteArray>{} : QList<QByteArray>{key.toUtf8()};
        return QString::fromUtf8(redact::secretsInText(text.toString().toUtf8(), known));
    };
    // Batches of error rows are smaller: their bodies can be large.
    const int batchSize = qMax(100, m_options.batchSize / 5);
    qint64 done = 0;
    for (;;) {
        QSqlQuery in(source.db->handle());
        in.setForwardOnly(true);
        in.prepare(u"SELECT id, gemini_key, model_name, error_type, error_log, error_code, %1, %2 FROM t_error_logs "
                   "WHERE id > ? ORDER BY id LIMIT %3"_s.arg(source.asText(u"request_msg"_s),
                                                               source.asText(u"request_time"_s))
                       .arg(batchSize));
        in.addBindValue(lastId);
        if (!in.exec())
            return fail(u"reading gemini-balance's t_error_logs"_s, in);
        if (!db.transaction())
            return Result<void>::failure(u"import: "_s + db.lastError().text());
        MultiRowInsert rows(db,
                            u"INSERT INTO t_error_logs (gemini_key, model_name, error_type, error_log, error_code, "
                            "request_msg, request_time, request_ms, key_id)"_s,
                            9);
        qint64 batch = 0;
        qint64 batchLastId = lastId;
        Result<void> written;
        while (written && in.next()) {
            batchLastId = in.value(0).toLongLong();
            const QString fullKey = in.value(1).toString();
            const KeyIdentity key = keys.of(fullKey);
            const qint64 ms = times.toEpochMs(in.value(7).toString());
            written = rows.add({key.hint, nullable(in.value(2), QMetaType::fromType<QString>()),
                                nullable(in.value(3), QMetaType::fromType<QString>()), redacted(in.value(4), fullKey),
                                nullable(in.value(5), QMetaType::fromType<int>()), redacted(in.value(6), fullKey),
                                ms < 0 ? nullString() : QVariant(utcDateTimeText(ms)), qMax<qint64>(0, ms), key.id});
            ++batch;
        }
        in.finish();
        if (written)
            written = rows.flush();
        if (written && batch > 0)
            written = recordImported(source.id, source.described, table, batchLastId, batch);
        if (!written || !db.commit()) {
            const QString error = written ? db.lastError().text() : written.error();
            db.rollback();
            return Result<void>::failure(u"importing t_error_logs: "_s + error);
        }
        if (batch == 0)
            break;
        lastId = batchLastId;
        done += batch;
        summary.errorRows += batch;
        report(table, done, total);
        if (batch < batchSize)
            break;
    }
    return {};
}

} // namespace gb
