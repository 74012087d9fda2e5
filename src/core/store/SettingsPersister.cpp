#include "store/SettingsPersister.h"

#include "common/LogCategories.h"
#include "secrets/SecretSettings.h"
#include "secrets/SecretStore.h"
#include "settings/SettingSpec.h"
#include "settings/Settings.h"
#include "store/QueryRunner.h"
#include "store/SettingsStore.h"

#include <QEventLoop>
#include <QTimer>

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
    m_secretWrites.ref();
    QMetaObject::invokeMethod(store, [self, store, key, name, text] {
        store->write(key, text, [self, store, name, text](const Result<void> &r) {
            if (!self)
                return;
            self->m_secretWrites.deref();
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

bool SettingsPersister::waitForSecretWrites(int timeoutMs)
{
    if (m_secretWrites.loadAcquire() == 0)
        return true;
    // The store answers on this thread: run its events until every write is answered.
    QEventLoop loop;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
        if (m_secretWrites.loadAcquire() == 0)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start(10);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (m_secretWrites.loadAcquire() == 0)
        return true;
    qCWarning(lcSecrets) << m_secretWrites.loadAcquire() << "secret settings were not confirmed by the keychain in time;"
                         << "the database keeps their previous rows";
    return false;
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
