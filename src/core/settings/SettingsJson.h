#pragma once

#include "settings/SettingSpec.h"
#include "settings/Settings.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QStringList>
#include <QVariantMap>

namespace gb {

// The admin API's JSON view of the settings (gemini-balance's /api/config shape: a flat
// object NAME -> value, lists as arrays, numbers as numbers, booleans as booleans), with
// every secret masked so that a browser, a log or a proxy in between never sees one.

// A typed value (as settingValue() gives it) as JSON, unmasked.
QJsonValue settingToJson(const SettingSpec &spec, const QVariant &typedValue);
// The same, masked when the setting is secret: strings and list items keep a recognisable
// hint (redact::secret, e.g. "AIzaSy…x9Qa") and lists keep their count; proxy URLs keep
// scheme, host and port but not their credentials; header maps keep their names, weight
// maps their numbers.
QJsonValue maskedSettingJson(const SettingSpec &spec, const QVariant &typedValue);
// Every setting, masked.
QJsonObject maskedConfigJson(const SettingsValues &values);
// Per setting: type, default, source, secret, restart_required, group, description (and
// choices / minimum / maximum when it has them). Defaults of secrets are masked too.
QJsonObject configSchemaJson(const Settings &settings);

// A PUT /api/config body checked against the current values.
struct ConfigUpdate
{
    QVariantMap changes;           // typed values that differ from the current ones
    QStringList errors;            // one per bad field, naming it; non-empty = apply nothing
    QMap<QString, QString> fieldErrors;  // the same errors by setting name (for a form)
    QStringList unchanged;         // fields equal to the current value (or a masked echo of it)
    QStringList restartRequired;   // changed settings that only take effect after a restart
};
// Validates every field by its spec. A masked value sent back unchanged (a whole masked
// string, or masked list items / header values / weight names) stands for the current
// value, so a client that GETs, edits one field and PUTs everything keeps the secrets.
// Settings read at start-up to reach the database (the database group) cannot be saved in
// that database: changing them is an error that says to set them in .env or the environment.
ConfigUpdate prepareConfigUpdate(const QJsonObject &body, const SettingsValues &current);

} // namespace gb
