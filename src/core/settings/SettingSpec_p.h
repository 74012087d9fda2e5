#pragma once

// Internal to src/core/settings: helpers shared by the spec table, the loader and
// Settings. Not part of the public API.

#include "settings/SettingSpec.h"

namespace gb::detail {

// As parseSettingText, but the error message does not start with "NAME: ", so the
// caller can name the source too ("NAME (environment): ...").
Result<QVariant> parseSettingTextUnnamed(const SettingSpec &spec, const QString &text);

// True when both hold the same value for the spec's field.
bool sameSettingValue(const SettingsValues &a, const SettingsValues &b, const SettingSpec &spec);

// The known setting name closest to an unknown one (a likely typo), or empty.
QString suggestSettingName(const QString &unknownName);

} // namespace gb::detail
