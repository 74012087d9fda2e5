#pragma once

#include "common/Result.h"
#include "settings/SettingsLoader.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace gb {

class Database;

// Settings saved from the admin API or the GUI, in gemini-balance's t_settings table
// (migration 001): one row per setting, the value as text in .env syntax (lists and maps as
// JSON, booleans as true/false), so rows written by gemini-balance import as they are.
// Plain functions on an open connection: start-up calls them on the main thread's migration
// connection, later changes go through the QueryRunner (see SettingsPersister).
namespace settingsstore {

// Every row: name -> text.
Result<QHash<QString, QString>> loadAll(Database &database);
// Inserts or updates the rows in one transaction.
Result<void> save(Database &database, const QHash<QString, QString> &rows);
// Deletes the named rows, or every row except `keep` when `names` is empty.
Result<void> remove(Database &database, const QStringList &names, const QStringList &keep = {});

// Lays the saved rows over `loaded` (defaults < .env < environment): a saved value wins with
// source Saved. Rows that cannot be used are reported in `loaded.warnings` and skipped,
// never fatal: unknown names, values that no longer parse, and the database connection
// settings (the connection is read before the database, so they come from .env only).
// Returns the names that were taken.
QStringList overlay(LoadedSettings &loaded, const QHash<QString, QString> &rows);

} // namespace settingsstore
} // namespace gb
