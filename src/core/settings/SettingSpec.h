#pragma once

#include "common/Result.h"
#include "settings/SettingsValues.h"

#include <QString>
#include <QVariant>

#include <variant>

namespace gb {

enum class SettingType { String, Int, Double, Bool, StringList, StringMap, NumberMap, MapList };

enum SettingFlag {
    NoFlags = 0,
    Secret = 1 << 0,           // masked in every API answer, log line and UI by default
    RestartRequired = 1 << 1,  // read once at start-up (e.g. the database connection)
};

// Validation beyond type, range and choices.
enum class SettingCheck {
    None,
    HttpUrl,          // absolute http(s) URL; trailing '/' removed
    OptionalHttpUrl,  // empty, or an absolute http(s) URL kept as written
    ProxyUrls,        // every list item is http://, https://, socks5:// or socks5h://host:port
    TimeZone,         // empty, or an IANA time zone id known to QTimeZone
    StatusCodes,      // every list item is an HTTP status code, 100..599
};

// Pointer to the field of SettingsValues that holds a setting.
using SettingMember = std::variant<QString SettingsValues::*, int SettingsValues::*, double SettingsValues::*,
                                   bool SettingsValues::*, QStringList SettingsValues::*, StringMap SettingsValues::*,
                                   NumberMap SettingsValues::*, MapList SettingsValues::*>;

struct SettingSpec
{
    QString name;              // e.g. "API_KEYS"
    SettingType type;
    QString group;             // "database", "api", "models", "media", "stream", "scheduler", "logging", "files", "admin"
    int flags = NoFlags;
    SettingMember member;
    double minimum = 0;        // for Int/Double and each NumberMap value, when hasRange
    double maximum = 0;
    bool hasRange = false;
    QStringList choices;       // allowed values for an enumerated String (case-insensitive), empty = any
    SettingCheck check = SettingCheck::None;
    QString description;       // one English sentence, shown in the UI and `--help-settings`;
                               // the desktop translates it (context "gb::SettingSpec")

    bool isSecret() const { return flags & Secret; }
};

// Every setting, in display order.
const QList<SettingSpec> &settingSpecs();
const SettingSpec *findSettingSpec(const QString &name);

// Text (from the environment, a .env file or the database) to a typed value.
// Lists: a JSON array, or comma-separated text (items trimmed, empty items dropped).
// Maps and MapList: JSON only. Bool: true/false/1/0/yes/no/on/off (any case).
// Int: decimal integer. Double: decimal number. Range and choices are checked.
// The error message names the setting and says what was expected and what was found.
Result<QVariant> parseSettingText(const SettingSpec &spec, const QString &text);
// A typed value (QVariant from valueOf or parseSettingText, or a JSON value from an
// API body converted with QVariant::fromValue/QJsonValue::toVariant) checked and
// normalised to the spec's C++ type; same rules and messages as parseSettingText.
Result<QVariant> coerceSettingValue(const SettingSpec &spec, const QVariant &value);
// A typed value back to text (JSON for lists and maps, "true"/"false" for bools),
// so parseSettingText(formatSettingText(v)) == v.
QString formatSettingText(const SettingSpec &spec, const QVariant &value);

QVariant settingValue(const SettingsValues &values, const SettingSpec &spec);
void setSettingValue(SettingsValues &values, const SettingSpec &spec, const QVariant &typedValue);

} // namespace gb
