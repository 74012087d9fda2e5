#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace gb {

class Settings;

struct SettingsEditResult
{
    QMap<QString, QString> errors;  // by setting name ("" for an error of the whole change); non-empty = nothing applied
    QStringList applied;            // the settings that changed
    QStringList restartRequired;    // of those, the ones read only at start-up
    bool ok() const { return errors.isEmpty(); }
};

// Edits made in a form (the desktop's Settings and Models pages), applied the way the admin
// API's PUT /api/config applies a body: every field validated by its spec and by the same
// rules (prepareConfigUpdate: masked echoes stand for the current value, the database
// connection cannot be saved, AUTH_TOKEN cannot be emptied), all-or-nothing, live, and with
// source Saved, so SettingsPersister writes them to t_settings.
// A value is either typed (bool, int, double, QStringList...) or text as in .env: lists as a
// JSON array or comma-separated text, maps as JSON.
SettingsEditResult applySettingEdits(Settings &settings, const QVariantMap &edits);

} // namespace gb
