#include "api/ConfigApi.h"

#include "api/AdminAuth.h"
#include "api/RequestQuery.h"
#include "api/Responses.h"
#include "common/LogCategories.h"
#include "common/Redact.h"
#include "common/ResponseSink.h"
#include "keys/KeyPool.h"
#include "settings/SettingSpec.h"
#include "settings/Settings.h"
#include "settings/SettingsJson.h"
#include "store/QueryRunner.h"
#include "store/SettingsStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr QByteArrayView kKeysPrefix = "/api/config/keys/";

// FastAPI's error shape, which gemini-balance's admin pages read.
void sendDetail(ResponseSink *sink, int status, const QString &detail)
{
    sendJson(sink, status, QJsonDocument(QJsonObject{{u"detail"_s, detail}}));
}

void sendDetails(ResponseSink *sink, int status, const QStringList &errors)
{
    sendJson(sink, status,
             QJsonDocument(QJsonObject{{u"detail"_s, errors.join(u"; "_s)}, {u"errors"_s, QJsonArray::fromStringList(errors)}}));
}

QStringList keysFrom(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        if (v.isString() && !v.toString().trimmed().isEmpty())
            out << v.toString().trimmed();
    return out;
}
} // namespace

ConfigApi::ConfigApi(Settings *settings, KeyPool *pool, QueryRunner *queries, QObject *parent)
    : QObject(parent), m_settings(settings), m_pool(pool), m_queries(queries)
{
}

bool ConfigApi::matches(const QByteArray &path)
{
    return path == "/api/config" || path.startsWith("/api/config/") || path == "/api/keys" || path == "/api/keys/all"
           || path == "/api/scheduler/start" || path == "/api/scheduler/stop";
}

void ConfigApi::handle(HttpRequest &&request, const AdminAuth &admin, ResponseSink *sink)
{
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    const AdminCheck auth = admin.check(request, method != "GET" && method != "HEAD");
    if (!auth.allowed)
        return sendDetail(sink, auth.status, auth.message);

    const bool get = method == "GET" || method == "HEAD";
    if (path == "/api/config") {
        if (get)
            return sendConfig(sink);
        if (method == "PUT" || method == "POST")  // gemini-balance's UI uses PUT; POST is kept for old scripts
            return putConfig(request.body, sink);
        return sendDetail(sink, 405, u"Method not allowed here; use GET or PUT."_s);
    }
    if (path == "/api/config/schema") {
        if (!get)
            return sendDetail(sink, 405, u"Method not allowed here; use GET."_s);
        return sendJson(sink, 200, QJsonDocument(configSchemaJson(*m_settings)));
    }
    if (path == "/api/config/reset") {
        if (method != "POST")
            return sendDetail(sink, 405, u"Method not allowed here; use POST."_s);
        return reset(sink);
    }
    if (path == "/api/config/keys/delete-selected" || path == "/api/config/keys/add") {
        if (method != "POST")
            return sendDetail(sink, 405, u"Method not allowed here; use POST."_s);
        if (path.endsWith("/add"))
            return addKeys(request.body, sink);
        const QJsonDocument doc = QJsonDocument::fromJson(request.body);
        if (!doc.isObject() || !doc.object().value(u"keys"_s).isArray())
            return sendDetail(sink, 400, u"Expected a JSON body {\"keys\": [\"...\"]}."_s);
        return changeKeys(keysFrom(doc.object().value(u"keys"_s)), sink, false);
    }
    if (path.startsWith(kKeysPrefix)) {
        if (method != "DELETE")
            return sendDetail(sink, 405, u"Method not allowed here; use DELETE."_s);
        const QString key = percentDecode(path.mid(kKeysPrefix.size())).trimmed();
        if (key.isEmpty())
            return sendDetail(sink, 400, u"Put the key in the path: /api/config/keys/{key}."_s);
        return changeKeys({key}, sink, true);
    }
    if (path == "/api/keys" || path == "/api/keys/all") {
        if (!get)
            return sendDetail(sink, 405, u"Method not allowed here; use GET."_s);
        return path == "/api/keys" ? listKeys(request, sink) : allKeys(sink);
    }
    if (path == "/api/scheduler/start" || path == "/api/scheduler/stop") {
        if (method != "POST")
            return sendDetail(sink, 405, u"Method not allowed here; use POST."_s);
        return scheduler(path.endsWith("/start"), sink);
    }
    sendDetail(sink, 404, u"No admin route %1 %2."_s.arg(QString::fromLatin1(method), QString::fromUtf8(path)));
}

void ConfigApi::sendConfig(ResponseSink *sink, const QStringList &restartRequired)
{
    const QJsonDocument body(maskedConfigJson(*m_settings->snapshot()));
    if (restartRequired.isEmpty())
        return sendJson(sink, 200, body);
    HttpHeaders headers = corsHeaders();
    headers.add("Content-Type", "application/json; charset=utf-8");
    // The body keeps gemini-balance's flat shape; the notice travels in a header.
    headers.add("X-Restart-Required", restartRequired.join(u',').toLatin1());
    sink->send(200, headers, body.toJson(QJsonDocument::Compact));
}

void ConfigApi::putConfig(const QByteArray &body, ResponseSink *sink)
{
    if (!m_queries)
        return sendDetail(sink, 503, u"No database: settings cannot be saved."_s);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject())
        return sendDetail(sink, 400, u"Expected a JSON object {\"SETTING_NAME\": value, ...}."_s);
    const ConfigUpdate update = prepareConfigUpdate(doc.object(), *m_settings->snapshot());
    if (!update.errors.isEmpty())
        return sendDetails(sink, 400, update.errors);
    if (!update.changes.isEmpty()) {
        const Result<void> applied = m_settings->apply(update.changes, SettingSource::Saved);
        if (!applied.ok())
            return sendDetails(sink, 400, applied.error().split(u'\n'));
        qCInfo(lcApi).noquote() << "settings changed by an admin:" << update.changes.keys().join(u", "_s);
    }
    sendConfig(sink, update.restartRequired);
}

void ConfigApi::reset(ResponseSink *sink)
{
    if (!m_queries)
        return sendDetail(sink, 503, u"No database: there are no saved settings to forget."_s);
    LoadedSettings fresh = m_reload ? m_reload() : loadSettings(QProcessEnvironment::systemEnvironment());
    if (!fresh.errors.isEmpty())
        return sendDetails(sink, 400, QStringList{u"cannot reset: .env or the environment has errors"_s} + fresh.errors);
    const auto current = m_settings->snapshot();
    // The database connection cannot change without a restart: keep what is in use.
    for (const SettingSpec &spec : settingSpecs()) {
        if (spec.group == u"database"_s) {
            setSettingValue(fresh.values, spec, settingValue(*current, spec));
            fresh.sources.insert(spec.name, m_settings->source(spec.name));
        }
    }
    // Without an AUTH_TOKEN in .env or the environment, the saved (e.g. generated) one stays:
    // a reset must not lock the admin out.
    QStringList keep;
    if (fresh.values.authToken.isEmpty() && !current->authToken.isEmpty()) {
        keep << u"AUTH_TOKEN"_s;
        fresh.values.authToken = current->authToken;
        fresh.sources.insert(u"AUTH_TOKEN"_s, SettingSource::Saved);
    }
    QPointer<ResponseSink> guard(sink);
    QPointer<ConfigApi> self(this);
    m_queries->post(
        [keep](Database &db) -> QVariant {
            const Result<void> r = settingsstore::remove(db, {}, keep);
            return r.ok() ? QString() : r.error();
        },
        this,
        [self, guard, fresh](const QVariant &result) {
            if (!self)
                return;
            const QString error = !result.isValid() ? u"no database connection"_s : result.toString();
            if (!error.isEmpty()) {
                qCWarning(lcApi).noquote() << "settings reset failed:" << error;
                if (guard)
                    sendDetail(guard, 500, u"The saved settings could not be forgotten: "_s + error);
                return;
            }
            self->m_settings->replace(fresh.values, fresh.sources);
            qCInfo(lcApi) << "settings reset to .env and the environment by an admin";
            if (guard)
                self->sendConfig(guard);
        });
}

void ConfigApi::changeKeys(const QStringList &remove, ResponseSink *sink, bool single)
{
    if (!m_queries)
        return sendDetail(sink, 503, u"No database: settings cannot be saved."_s);
    const QStringList current = m_settings->snapshot()->apiKeys;
    QStringList next = current;
    int deleted = 0;
    QJsonArray notFound;
    for (const QString &key : remove) {
        const qsizetype removed = next.removeAll(key);
        if (removed > 0)
            ++deleted;
        else
            notFound.append(key);
    }
    if (single && deleted == 0)
        return sendJson(sink, 404, QJsonDocument(QJsonObject{{u"success"_s, false},
                                                             {u"message"_s, u"The key is not in API_KEYS."_s}}));
    if (deleted > 0) {
        const Result<void> applied = m_settings->apply({{u"API_KEYS"_s, next}}, SettingSource::Saved);
        if (!applied.ok())
            return sendDetail(sink, 400, applied.error());
    }
    QJsonObject out{{u"success"_s, deleted > 0},
                    {u"message"_s, u"Deleted %1 keys."_s.arg(deleted)},
                    {u"deleted_count"_s, deleted}};
    if (!single)
        out.insert(u"not_found_keys"_s, notFound);
    sendJson(sink, 200, QJsonDocument(out));
}

void ConfigApi::addKeys(const QByteArray &body, ResponseSink *sink)
{
    if (!m_queries)
        return sendDetail(sink, 503, u"No database: settings cannot be saved."_s);
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonObject object = doc.object();
    if (!doc.isObject() || (!object.value(u"keys"_s).isArray() && !object.value(u"text"_s).isString()))
        return sendDetail(sink, 400, u"Expected a JSON body {\"keys\": [\"...\"]} or {\"text\": \"pasted text\"}."_s);

    static const QRegularExpression geminiKey(u"AIza[0-9A-Za-z_-]{35}"_s);
    static const QRegularExpression exactKey(u"^AIza[0-9A-Za-z_-]{35}$"_s);
    QStringList candidates;
    int invalid = 0;
    if (object.value(u"keys"_s).isArray()) {
        for (const QString &k : keysFrom(object.value(u"keys"_s))) {
            if (exactKey.match(k).hasMatch())
                candidates << k;
            else
                ++invalid;
        }
    }
    if (object.value(u"text"_s).isString()) {
        QRegularExpressionMatchIterator it = geminiKey.globalMatch(object.value(u"text"_s).toString());
        while (it.hasNext())
            candidates << it.next().captured(0);
    }
    QStringList keys = m_settings->snapshot()->apiKeys;
    QSet<QString> known(keys.cbegin(), keys.cend());
    QJsonArray added;
    int duplicates = 0;
    for (const QString &k : std::as_const(candidates)) {
        if (known.contains(k)) {
            ++duplicates;
            continue;
        }
        known.insert(k);
        keys << k;
        added.append(redact::secret(k));
    }
    if (!added.isEmpty()) {
        const Result<void> applied = m_settings->apply({{u"API_KEYS"_s, keys}}, SettingSource::Saved);
        if (!applied.ok())
            return sendDetail(sink, 400, applied.error());
        qCInfo(lcApi) << "admin added" << added.size() << "API keys";
    }
    sendJson(sink, 200, QJsonDocument(QJsonObject{{u"success"_s, true},
                                                  {u"added_count"_s, int(added.size())},
                                                  {u"duplicate_count"_s, duplicates},
                                                  {u"invalid_count"_s, invalid},
                                                  {u"keys_added"_s, added}}));
}

void ConfigApi::listKeys(const HttpRequest &request, ResponseSink *sink)
{
    const RequestQuery query(request.query);
    bool ok = true;
    const auto intParam = [&](const QString &name, int fallback) {
        const QString text = query.value(name).trimmed();
        if (text.isEmpty())
            return fallback;
        bool good = false;
        const int v = text.toInt(&good);
        ok &= good;
        return v;
    };
    const int page = intParam(u"page"_s, 1);
    const int limit = intParam(u"limit"_s, 10);
    const bool hasThreshold = !query.value(u"fail_count_threshold"_s).trimmed().isEmpty();
    const int threshold = intParam(u"fail_count_threshold"_s, 0);
    const QString status = query.value(u"status"_s).isEmpty() ? u"all"_s : query.value(u"status"_s);
    const QString search = query.value(u"search"_s);
    if (!ok || page < 1 || limit < 1 || limit > 1000)
        return sendDetail(sink, 400, u"page must be 1 or more, limit 1 to 1000, fail_count_threshold an integer."_s);
    if (status != u"all"_s && status != u"valid"_s && status != u"invalid"_s)
        return sendDetail(sink, 400, u"status must be valid, invalid or all."_s);

    QList<KeyState> matching;
    for (const KeyState &s : m_pool->states()) {
        if (status == u"valid"_s && s.isDisabled())
            continue;
        if (status == u"invalid"_s && !s.isDisabled())
            continue;
        if (!search.isEmpty() && !s.key.contains(search, Qt::CaseInsensitive))
            continue;
        if (hasThreshold && s.failures < threshold)
            continue;
        matching << s;
    }
    const int total = int(matching.size());
    const int pages = total == 0 ? 1 : (total + limit - 1) / limit;
    QJsonObject keys;
    for (qsizetype i = qsizetype(page - 1) * limit; i < matching.size() && i < qsizetype(page) * limit; ++i)
        keys.insert(matching.at(i).key, matching.at(i).failures);
    sendJson(sink, 200, QJsonDocument(QJsonObject{{u"keys"_s, keys},
                                                  {u"total_items"_s, total},
                                                  {u"total_pages"_s, pages},
                                                  {u"current_page"_s, page}}));
}

void ConfigApi::allKeys(ResponseSink *sink)
{
    QJsonArray valid, invalid;
    for (const KeyState &s : m_pool->states())
        (s.isDisabled() ? invalid : valid).append(s.key);
    sendJson(sink, 200, QJsonDocument(QJsonObject{{u"valid_keys"_s, valid},
                                                  {u"invalid_keys"_s, invalid},
                                                  {u"total_count"_s, int(valid.size() + invalid.size())}}));
}

void ConfigApi::scheduler(bool start, ResponseSink *sink)
{
    m_paused = !start;
    QJsonArray names;
    for (const PausableJob &job : std::as_const(m_jobs)) {
        job.setPaused(m_paused);
        names.append(job.name);
    }
    qCInfo(lcApi) << "scheduled jobs" << (start ? "resumed" : "paused") << "by an admin";
    sendJson(sink, 200, QJsonDocument(QJsonObject{
                            {u"status"_s, start ? u"started"_s : u"stopped"_s},
                            {u"message"_s, start ? u"Scheduler started."_s : u"Scheduler stopped."_s},
                            {u"jobs"_s, names}}));
}

} // namespace gb
