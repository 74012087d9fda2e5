#include "settings/SettingsEdits.h"

#include "common/LogCategories.h"
#include "settings/SettingSpec.h"
#include "settings/Settings.h"
#include "settings/SettingsJson.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gb {

SettingsEditResult applySettingEdits(Settings &settings, const QVariantMap &edits)
{
    SettingsEditResult out;
    QJsonObject body;
    for (auto it = edits.cbegin(); it != edits.cend(); ++it) {
        const SettingSpec *spec = findSettingSpec(it.key());
        if (!spec) {
            out.errors.insert(it.key(), u"%1: unknown setting"_s.arg(it.key()));
            continue;
        }
        // Text and typed values both become the JSON value the admin API would receive.
        const bool text = it.value().typeId() == QMetaType::QString;
        const Result<QVariant> typed =
            text ? parseSettingText(*spec, it.value().toString()) : coerceSettingValue(*spec, it.value());
        if (!typed.ok()) {
            out.errors.insert(spec->name, typed.error());
            continue;
        }
        body.insert(spec->name, settingToJson(*spec, typed.value()));
    }
    // The fields that parsed go through the admin API's checks too, so every error shows at once.
    const ConfigUpdate update = prepareConfigUpdate(body, *settings.snapshot());
    out.errors.insert(update.fieldErrors);
    if (!out.ok() || update.changes.isEmpty())
        return out;
    if (const Result<void> applied = settings.apply(update.changes, SettingSource::Saved); !applied.ok()) {
        out.errors.insert(QString(), applied.error());
        return out;
    }
    out.applied = update.changes.keys();
    out.restartRequired = update.restartRequired;
    qCInfo(lcSettings).noquote() << "settings changed in the desktop application:" << out.applied.join(u", "_s);
    return out;
}

} // namespace gb
