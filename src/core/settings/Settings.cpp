#include "settings/Settings.h"

#include "common/LogCategories.h"
#include "settings/SettingSpec.h"
#include "settings/SettingSpec_p.h"

#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace gb {

QString settingSourceName(SettingSource source)
{
    switch (source) {
    case SettingSource::Default: return u"default"_s;
    case SettingSource::DotEnv: return u".env"_s;
    case SettingSource::Environment: return u"environment"_s;
    case SettingSource::Saved: return u"saved"_s;
    }
    return u"default"_s;
}

Settings::Settings(QObject *parent)
    : Settings(SettingsValues(), {}, parent)
{
}

Settings::Settings(const SettingsValues &values, const QHash<QString, SettingSource> &sources, QObject *parent)
    : QObject(parent)
    , m_values(std::make_shared<const SettingsValues>(values))
    , m_sources(sources)
{
}

std::shared_ptr<const SettingsValues> Settings::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_values;
}

SettingSource Settings::source(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    return m_sources.value(name, SettingSource::Default);
}

Result<void> Settings::apply(const QVariantMap &changes, SettingSource source)
{
    // Validate everything before touching anything.
    QStringList errors;
    QList<std::pair<const SettingSpec *, QVariant>> typed;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const SettingSpec *spec = findSettingSpec(it.key());
        if (!spec) {
            const QString suggestion = detail::suggestSettingName(it.key());
            errors << (suggestion.isEmpty() ? u"unknown setting %1"_s.arg(it.key())
                                            : u"unknown setting %1; did you mean %2?"_s.arg(it.key(), suggestion));
            continue;
        }
        Result<QVariant> value = coerceSettingValue(*spec, it.value());
        if (!value.ok())
            errors << value.error();
        else
            typed.append({spec, value.takeValue()});
    }
    if (!errors.isEmpty())
        return Result<void>::failure(errors.join(u'\n'));

    QStringList changedNames;
    {
        QMutexLocker lock(&m_mutex);
        auto next = std::make_shared<SettingsValues>(*m_values);
        for (const auto &[spec, value] : std::as_const(typed)) {
            setSettingValue(*next, *spec, value);
            if (!detail::sameSettingValue(*next, *m_values, *spec))
                changedNames << spec->name;
            m_sources.insert(spec->name, source);
        }
        if (!changedNames.isEmpty())
            m_values = std::move(next);
    }
    if (!changedNames.isEmpty()) {
        qCDebug(lcSettings) << "changed from" << settingSourceName(source) << ":" << changedNames;
        emit changed(changedNames);
    }
    return {};
}

void Settings::replace(const SettingsValues &values, const QHash<QString, SettingSource> &sources)
{
    QStringList changedNames;
    {
        auto next = std::make_shared<const SettingsValues>(values);
        QMutexLocker lock(&m_mutex);
        for (const SettingSpec &spec : settingSpecs()) {
            if (!detail::sameSettingValue(*next, *m_values, spec))
                changedNames << spec.name;
        }
        m_values = std::move(next);
        m_sources = sources;
    }
    if (!changedNames.isEmpty())
        emit changed(changedNames);
}

} // namespace gb
