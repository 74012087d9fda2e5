#pragma once

#include "settings/Settings.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QStringList>

namespace gb {

struct LoadedSettings
{
    SettingsValues values;
    QHash<QString, SettingSource> sources;  // every setting name -> where its value came from
    QStringList errors;    // each names the setting and its source, e.g.
                           // "MAX_RETRIES (/srv/.env line 4): expected an integer, got \"three\"",
                           // "API_KEYS (environment): invalid JSON list: ..."
    QStringList warnings;  // e.g. unknown names in the .env file
    QString dotEnvPath;    // the file that was read, empty if none
};

// Reads every setting by name from the environment and from a .env file; the
// environment wins over .env, .env wins over defaults (as gemini-balance). When
// dotEnvPath is empty, "./.env" is read if it exists. An explicit path that cannot be
// read is an error. A bad value is an error, never silently a default.
LoadedSettings loadSettings(const QProcessEnvironment &environment, const QString &dotEnvPath = {});

} // namespace gb
