#pragma once

#include <QString>
#include <QTimeZone>

#include <optional>

namespace gb {

struct SettingsValues;

// Parsing and formatting shared by the statistics and error-log routes.
namespace adminparams {

// TIMEZONE when set and known, else the system zone.
QTimeZone zoneOf(const SettingsValues &settings);

// An integer query parameter: `fallback` when absent or empty, nullopt when not an integer
// or outside [min, max].
std::optional<qint64> integer(const QString &text, qint64 fallback, qint64 min, qint64 max);

// A point in time: epoch milliseconds (digits only), or ISO 8601 ("2026-02-01T08:30:00",
// a space instead of the T, with or without seconds, Z or an offset); a time without zone
// is read in `zone`. nullopt when it is neither.
std::optional<qint64> timePoint(const QString &text, const QTimeZone &zone);
// ISO 8601 with the zone's offset, e.g. "2026-02-01T08:30:00+08:00" (browsers parse it).
QString isoTime(qint64 ms, const QTimeZone &zone);

// The key_id of a route's {key}: a 64-hex key_id as is, anything else as a full key (hashed).
QString keyIdOf(const QString &keyOrId);

} // namespace adminparams
} // namespace gb
