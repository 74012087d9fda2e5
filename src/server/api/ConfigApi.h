#pragma once

#include "http/HttpRequest.h"
#include "settings/SettingsLoader.h"

#include <QList>
#include <QObject>

#include <functional>

namespace gb {

class AdminAuth;
class KeyPool;
class QueryRunner;
class ResponseSink;
class Settings;

// A scheduled job that POST /api/scheduler/stop pauses and /start resumes.
struct PausableJob
{
    QString name;
    std::function<void(bool paused)> setPaused;
};

// The settings half of the admin API, gemini-balance's paths and JSON shapes:
//   GET    /api/config                        every setting, secrets masked
//   GET    /api/config/schema                 (GemBalance) type, default, source, secret, group, description
//   PUT    /api/config                        partial object, validated, all-or-nothing, saved, live
//   POST   /api/config/reset                  forget saved values, re-read .env and environment, live
//   DELETE /api/config/keys/{key}             remove one key from API_KEYS
//   POST   /api/config/keys/delete-selected   {"keys":[...]}
//   POST   /api/config/keys/add               (GemBalance) {"keys":[...]} or {"text":"pasted text"}
//   GET    /api/keys                          paged key list with failure counts
//   GET    /api/keys/all                      {valid_keys, invalid_keys, total_count}
//   POST   /api/scheduler/start | stop        resume or pause the scheduled jobs
// Every route needs the admin gate; changes need its CSRF proof when a browser session
// makes them. Saving happens through SettingsPersister, which watches the settings.
class ConfigApi : public QObject
{
    Q_OBJECT
public:
    using Reload = std::function<LoadedSettings()>;

    ConfigApi(Settings *settings, KeyPool *pool, QueryRunner *queries, QObject *parent = nullptr);

    static bool matches(const QByteArray &path);
    void handle(HttpRequest &&request, const AdminAuth &admin, ResponseSink *sink);

    // How /api/config/reset reads .env and the environment again (Runtime: its .env file).
    void setReload(Reload reload) { m_reload = std::move(reload); }
    void setPausableJobs(QList<PausableJob> jobs) { m_jobs = std::move(jobs); }
    bool schedulerPaused() const { return m_paused; }

private:
    void putConfig(const QByteArray &body, ResponseSink *sink);
    void reset(ResponseSink *sink);
    void changeKeys(const QStringList &remove, ResponseSink *sink, bool single);
    void addKeys(const QByteArray &body, ResponseSink *sink);
    void listKeys(const HttpRequest &request, ResponseSink *sink);
    void allKeys(ResponseSink *sink);
    void scheduler(bool start, ResponseSink *sink);
    void sendConfig(ResponseSink *sink, const QStringList &restartRequired = {});

    Settings *m_settings;
    KeyPool *m_pool;
    QueryRunner *m_queries;
    Reload m_reload;
    QList<PausableJob> m_jobs;
    bool m_paused = false;
};

} // namespace gb
