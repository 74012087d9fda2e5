#pragma once

#include "common/Result.h"
#include "settings/SettingsValues.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QVariantMap>

#include <memory>

namespace gb {

enum class SettingSource { Default, DotEnv, Environment, Saved };
QString settingSourceName(SettingSource source);  // "default", ".env", "environment", "saved"

// The one typed settings object. Reads are lock-cheap and thread-safe: take a snapshot
// once per request and read plain fields from it. Changes are all-or-nothing and emit
// changed() with the names that really changed (on the caller's thread; connect with
// Qt::QueuedConnection from other threads, which AutoConnection does).
class Settings : public QObject
{
    Q_OBJECT
public:
    explicit Settings(QObject *parent = nullptr);
    Settings(const SettingsValues &values, const QHash<QString, SettingSource> &sources, QObject *parent = nullptr);

    std::shared_ptr<const SettingsValues> snapshot() const;
    SettingSource source(const QString &name) const;

    // Applies typed or text values by setting name (text is parsed as from the
    // environment). Every value is validated first; on any error nothing changes and
    // the error names every offending setting. Unknown names are errors.
    Result<void> apply(const QVariantMap &changes, SettingSource source);
    // Replaces everything, e.g. after a reset to .env/environment.
    void replace(const SettingsValues &values, const QHash<QString, SettingSource> &sources);

signals:
    void changed(const QStringList &names);

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const SettingsValues> m_values;
    QHash<QString, SettingSource> m_sources;
};

} // namespace gb
