#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

namespace gb {

class QueryRunner;
class Settings;

// Writes every setting change made with source Saved (by the admin API, the GUI or anyone
// else calling Settings::apply(..., SettingSource::Saved)) to t_settings through the
// QueryRunner, so it wins over .env and the environment from the next start on.
// The writes are posted on the thread that changed the settings, in order, so a later reset
// (forget) is never overtaken by an earlier save.
class SettingsPersister : public QObject
{
    Q_OBJECT
public:
    SettingsPersister(Settings *settings, QueryRunner *queries, QObject *parent = nullptr);

    // Deletes the saved rows (all but `keep`) after every write already posted; `done` runs
    // on `context`'s thread with an empty string or the error.
    void forgetAll(const QStringList &keep, QObject *context, std::function<void(const QString &error)> done);

signals:
    // After each write, on this object's thread: empty `error` = saved.
    void saved(const QStringList &names, const QString &error);

private:
    void persist(const QStringList &names);

    Settings *m_settings;
    QueryRunner *m_queries;
};

} // namespace gb
