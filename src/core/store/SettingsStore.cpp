#include "store/SettingsStore.h"

#include "settings/SettingSpec.h"
#include "store/Database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace gb::settingsstore {

namespace {
QString now()
{
    return QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

Result<void> failure(const QString &what, const QSqlQuery &query)
{
    return Result<void>::failure(u"t_settings: %1: %2"_s.arg(what, query.lastError().text()));
}
} // namespace

Result<QHash<QString, QString>> loadAll(Database &database)
{
    QSqlQuery query(database.handle());
    if (!query.exec(u"SELECT `key`, value FROM t_settings"_s))
        return Result<QHash<QString, QString>>::failure(u"t_settings: cannot read: %1"_s.arg(query.lastError().text()));
    QHash<QString, QString> rows;
    while (query.next())
        rows.insert(query.value(0).toString(), query.value(1).toString());
    return rows;
}

Result<void> save(Database &database, const QHash<QString, QString> &rows)
{
    if (rows.isEmpty())
        return {};
    QSqlDatabase db = database.handle();
    if (!db.transaction())
        return Result<void>::failure(u"t_settings: cannot begin a transaction: %1"_s.arg(db.lastError().text()));
    // Update first, insert when no row was there: portable between SQLite and MySQL and
    // keeps created_at and the description of rows gemini-balance wrote.
    QSqlQuery update(db);
    QSqlQuery insert(db);
    if (!update.prepare(u"UPDATE t_settings SET value = ?, updated_at = ? WHERE `key` = ?"_s)
        || !insert.prepare(u"INSERT INTO t_settings (`key`, value, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"_s)) {
        db.rollback();
        return failure(u"cannot prepare"_s, update.lastError().isValid() ? update : insert);
    }
    const QString stamp = now();
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        update.addBindValue(it.value());
        update.addBindValue(stamp);
        update.addBindValue(it.key());
        if (!update.exec()) {
            db.rollback();
            return failure(u"cannot update "_s + it.key(), update);
        }
        // MySQL counts only rows whose value really changed; look the row up instead.
        QSqlQuery exists(db);
        exists.prepare(u"SELECT COUNT(*) FROM t_settings WHERE `key` = ?"_s);
        exists.addBindValue(it.key());
        if (!exists.exec() || !exists.next()) {
            db.rollback();
            return failure(u"cannot read "_s + it.key(), exists);
        }
        if (exists.value(0).toInt() > 0)
            continue;
        const SettingSpec *spec = findSettingSpec(it.key());
        insert.addBindValue(it.key());
        insert.addBindValue(it.value());
        insert.addBindValue(spec ? spec->description.left(255) : QString());
        insert.addBindValue(stamp);
        insert.addBindValue(stamp);
        if (!insert.exec()) {
            db.rollback();
            return failure(u"cannot insert "_s + it.key(), insert);
        }
    }
    if (!db.commit())
        return Result<void>::failure(u"t_settings: cannot commit: %1"_s.arg(db.lastError().text()));
    return {};
}

Result<void> remove(Database &database, const QStringList &names, const QStringList &keep)
{
    QSqlDatabase db = database.handle();
    if (!db.transaction())
        return Result<void>::failure(u"t_settings: cannot begin a transaction: %1"_s.arg(db.lastError().text()));
    QSqlQuery query(db);
    if (names.isEmpty()) {
        // Every row except those to keep: read the names, delete the others one by one.
        const auto all = loadAll(database);
        if (!all.ok()) {
            db.rollback();
            return Result<void>::failure(all.error());
        }
        QStringList doomed;
        for (auto it = all.value().cbegin(); it != all.value().cend(); ++it)
            if (!keep.contains(it.key()))
                doomed << it.key();
        db.commit();
        return doomed.isEmpty() ? Result<void>() : remove(database, doomed);
    }
    query.prepare(u"DELETE FROM t_settings WHERE `key` = ?"_s);
    for (const QString &name : names) {
        query.addBindValue(name);
        if (!query.exec()) {
            db.rollback();
            return failure(u"cannot delete "_s + name, query);
        }
    }
    if (!db.commit())
        return Result<void>::failure(u"t_settings: cannot commit: %1"_s.arg(db.lastError().text()));
    return {};
}

QStringList overlay(LoadedSettings &loaded, const QHash<QString, QString> &rows)
{
    QStringList taken;
    QStringList names = rows.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const SettingSpec *spec = findSettingSpec(name);
        if (!spec) {
            loaded.warnings << u"saved setting %1 is unknown and ignored"_s.arg(name);
            continue;
        }
        if (spec->group == u"database"_s)
            continue;  // gemini-balance saved these too; the connection comes from .env/environment
        const Result<QVariant> value = parseSettingText(*spec, rows.value(name));
        if (!value.ok()) {
            loaded.warnings << u"saved setting %1 is ignored: %2"_s.arg(name, value.error());
            continue;
        }
        setSettingValue(loaded.values, *spec, value.value());
        loaded.sources.insert(spec->name, SettingSource::Saved);
        taken << spec->name;
    }
    return taken;
}

} // namespace gb::settingsstore
