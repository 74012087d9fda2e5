#include "store/SettingsPersister.h"

#include "common/LogCategories.h"
#include "secrets/SecretSettings.h"
#include "secrets/SecretStore.h"
#include "settings/SettingSpec.h"
#include "settings/Settings.h"
#include "store/QueryRunner.h"
#include "store/SettingsStore.h"

using namespace Qt::StringLiterals;

namespace gb {

SettingsPersister::SettingsPersister(Settings *settings, QueryRunner *queries, QObject *parent)
    : QObject(parent), m_settings(settings), m_queries(queries)
{
    // Direct: runs on the thread that changed the settings and only posts to the query
    // thread (thread-safe), which keeps the writes in the order of the changes.
    connect(settings, &Settings::changed, this, &SettingsPersister::persist, Qt::DirectConnection);
}

void SettingsPersister::setSecretStore(SecretStore *store, const QString &scope)
{
    m_secretStore = store;
    m_secretScope = scope;
}

void SettingsPersister::persist(const QStringList &names)
{
    const auto values = m_settings->snapshot();
    QHash<QString, QString> rows;
    for (const QString &name : names) {
        if (m_settings->source(name) != SettingSource::Saved)
            continue;
        const SettingSpec *spec = findSettingSpec(name);
        if (!spec)
            continue;
        const QString text = formatSettingText(*spec, settingValue(*values, *spec));
        if (spec->isSecret() && m_secretStore)
            saveSecret(name, text);
        else
            rows.insert(name, text);
    }
    saveRows(rows);
}

void SettingsPersister::saveSecret(const QString &name, const QString &text)
{
    // On the store's thread; its answer comes back there, and the row is posted from there.
    QPointer<SettingsPersister> self(this);
    SecretStore *store = m_secretStore;
    const QString key = secretsettings::entryKey(m_secretScope, name);
    QMetaObject::invokeMethod(store, [self, store, key, name, text] {
        store->write(key, text, [self, store, name, text](const Result<void> &r) {
            if (!self)
                return;
            if (r.ok()) {
                self->saveRows({{name, secretsettings::marker()}});
                return;
            }
            qCWarning(lcSecrets).noquote() << name << "could not be saved in the" << store->displayName() << u"(%1);"_s.arg(r.error())
                                         << "it is saved in the database file instead";
            self->saveRows({{name, text}});
        });
    });
}

void SettingsPersister::saveRows(const QHash<QString, QString> &rows)
{
    if (rows.isEmpty())
        return;
    const QStringList saved = rows.keys();
    m_queries->post(
        [rows](Database &db) -> QVariant {
            const Result<void> r = settingsstore::save(db, rows);
            return r.ok() ? QString() : r.error();
        },
        this,
        [this, saved](const QVariant &result) {
            const QString error = !result.isValid() ? u"no database connection"_s : result.toString();
            if (!error.isEmpty())
                qCWarning(lcStore).noquote() << "settings not saved:" << saved << error;
            else
                qCDebug(lcStore) << "settings saved:" << saved;
            emit this->saved(saved, error);
        });
}

void SettingsPersister::forgetAll(const QStringList &keep, QObject *context, std::function<void(const QString &)> done)
{
    m_queries->post(
        [keep](Database &db) -> QVariant {
            const Result<void> r = settingsstore::remove(db, {}, keep);
            return r.ok() ? QString() : r.error();
        },
        context,
        [done](const QVariant &result) { done(!result.isValid() ? u"no database connection"_s : result.toString()); });
}

} // namespace gb
