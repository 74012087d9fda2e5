#pragma once

#include <QAtomicInt>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace gb {

class QueryRunner;
class SecretStore;
class Settings;

// Writes every setting change made with source Saved (by the admin API, the GUI or anyone
// else calling Settings::apply(..., SettingSource::Saved)) to t_settings through the
// QueryRunner, so it wins over .env and the environment from the next start on.
// The writes are posted on the thread that changed the settings, in order, so a later reset
// (forget) is never overtaken by an earlier save.
// With a SecretStore (the desktop's keychain), secret settings are written there instead and
// their rows hold only a marker (see secretsettings); a store that refuses a value makes it
// fall back to the database with a warning, so a change is never lost.
class SettingsPersister : public QObject
{
    Q_OBJECT
public:
    SettingsPersister(Settings *settings, QueryRunner *queries, QObject *parent = nullptr);

    // Deletes the saved rows (all but `keep`) after every write already posted; `done` runs
    // on `context`'s thread with an empty string or the error.
    // `store` lives on its own thread (the main thread); `scope` tells data folders apart.
    void setSecretStore(SecretStore *store, const QString &scope);
    // On the store's thread, before shutting down: lets the secret writes in flight finish
    // (and their rows be posted), waiting at most `timeoutMs`. False if some did not.
    bool waitForSecretWrites(int timeoutMs);

    void forgetAll(const QStringList &keep, QObject *context, std::function<void(const QString &error)> done);

signals:
    // After each write, on this object's thread: empty `error` = saved.
    void saved(const QStringList &names, const QString &error);

private:
    void persist(const QStringList &names);
    void saveRows(const QHash<QString, QString> &rows);
    void saveSecret(const QString &name, const QString &text);

    Settings *m_settings;
    QueryRunner *m_queries;
    QPointer<SecretStore> m_secretStore;
    QString m_secretScope;
    QAtomicInt m_secretWrites;  // started and not answered yet
};

} // namespace gb
