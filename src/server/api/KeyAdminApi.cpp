#include "api/KeyAdminApi.h"

#include "api/AdminAuth.h"

#include "api/ClientAuth.h"
#include "api/Responses.h"
#include "common/LogCategories.h"
#include "common/ResponseSink.h"
#include "keys/KeyChecker.h"
#include "keys/KeyPool.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr QByteArrayView kPrefix = "/gemini/v1beta/";

ErrorFormat formatFor(const QByteArray &path)
{
    return path.startsWith("/gemini/") ? ErrorFormat::Gemini : ErrorFormat::OpenAI;
}

// The path below the prefix and one optional {key} segment ("verify-key/AIza..." -> ("verify-key", key)).
std::pair<QByteArray, QString> splitAction(const QByteArray &path)
{
    const QByteArray rest = path.mid(kPrefix.size());
    const qsizetype slash = rest.indexOf('/');
    if (slash < 0)
        return {rest, {}};
    return {rest.left(slash), percentDecode(rest.mid(slash + 1))};
}

QStringList keysFromBody(const QByteArray &body, bool *ok)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    *ok = doc.isObject() && doc.object().value(u"keys"_s).isArray();
    QStringList keys;
    for (const QJsonValue &v : doc.object().value(u"keys"_s).toArray())
        if (v.isString() && !v.toString().trimmed().isEmpty())
            keys.append(v.toString().trimmed());
    return keys;
}
} // namespace

KeyAdminApi::KeyAdminApi(KeyPool *pool, KeyChecker *checker, QObject *parent)
    : QObject(parent), m_pool(pool), m_checker(checker)
{
}

bool KeyAdminApi::matches(const QByteArray &path)
{
    if (path == "/v1/keys/list" || path == "/hf/v1/keys/list")
        return true;
    if (!path.startsWith(kPrefix))
        return false;
    const QByteArray action = splitAction(path).first;
    return action == "verify-key" || action == "verify-selected-keys" || action == "verify-all-keys"
           || action == "reset-fail-count" || action == "reset-selected-fail-counts"
           || action == "reset-all-fail-counts" || action == "enable-key" || action == "disable-key";
}

void KeyAdminApi::handle(HttpRequest &&request, const AdminAuth &admin, ResponseSink *sink)
{
    const ErrorFormat format = formatFor(request.path);
    const RequestQuery query(request.query);
    const AdminCheck auth = admin.check(request, request.method != "GET");
    if (!auth.allowed) {
        sendError(sink, format, auth.status, auth.message);
        return;
    }
    if (request.path.endsWith("/keys/list")) {
        if (request.method != "GET")
            return sendError(sink, format, 405, u"Method not allowed here; use GET."_s);
        listKeys(sink);
        return;
    }
    if (request.method != "POST")
        return sendError(sink, format, 405, u"Method not allowed here; use POST."_s);

    const auto [action, key] = splitAction(request.path);
    if ((action == "verify-key" || action == "reset-fail-count" || action == "enable-key" || action == "disable-key")
        && key.isEmpty())
        return sendError(sink, format, 400, u"Put the key in the path: %1/{key}."_s.arg(QString::fromLatin1(action)));
    if (action == "verify-key") {
        verify({key}, true, sink);
    } else if (action == "verify-all-keys") {
        verify(m_pool->keys(), false, sink);
    } else if (action == "verify-selected-keys") {
        bool ok = false;
        const QStringList keys = keysFromBody(request.body, &ok);
        if (!ok)
            return sendError(sink, format, 400, u"Expected a JSON body {\"keys\": [\"...\"]}."_s);
        verify(keys, false, sink);
    } else if (action == "reset-fail-count") {
        if (!m_pool->resetFailures(key))
            return sendJson(sink, 404, QJsonDocument(QJsonObject{{u"success"_s, false},
                                                                 {u"message"_s, u"No such key in the pool."_s}}));
        sendJson(sink, 200, QJsonDocument(QJsonObject{{u"success"_s, true},
                                                      {u"message"_s, u"Failure count reset."_s}}));
    } else if (action == "enable-key" || action == "disable-key") {
        if (!m_pool->contains(key))
            return sendJson(sink, 404, QJsonDocument(QJsonObject{{u"success"_s, false},
                                                                 {u"message"_s, u"No such key in the pool."_s}}));
        if (action == "enable-key")
            m_pool->enable(key);
        else
            m_pool->disable(key, DisableReason::Manual, u"disabled by an admin"_s);
        sendJson(sink, 200, QJsonDocument(QJsonObject{
                                {u"success"_s, true},
                                {u"message"_s, action == "enable-key" ? u"Key enabled."_s
                                                                      : u"Key disabled until an admin enables it."_s}}));
    } else if (action == "reset-selected-fail-counts") {
        resetSelected(request.body, sink);
    } else {
        resetAll(query.value(u"key_type"_s), sink);
    }
}

void KeyAdminApi::verify(const QStringList &keys, bool single, ResponseSink *sink)
{
    QPointer<ResponseSink> guard(sink);
    m_checker->check(keys, [guard, single](const QList<KeyCheckResult> &results) {
        if (!guard)
            return;
        if (single) {
            const KeyCheckResult r = results.value(0);
            QJsonObject out{{u"status"_s, r.valid ? u"valid"_s : u"invalid"_s}};
            if (!r.valid)
                out.insert(u"error"_s, r.error);
            sendJson(guard, 200, QJsonDocument(out));
            return;
        }
        QJsonArray successful;
        QJsonObject failed;
        QMap<QString, QJsonObject> groups;  // by "code message": the results grouped by error
        for (const KeyCheckResult &r : results) {
            if (r.valid) {
                successful.append(r.key);
                continue;
            }
            failed.insert(r.key, QJsonObject{{u"error_message"_s, r.error}, {u"error_code"_s, r.httpStatus}});
            QJsonObject &g = groups[u"%1 %2"_s.arg(r.httpStatus).arg(r.error)];
            g.insert(u"error_code"_s, r.httpStatus);
            g.insert(u"error_message"_s, r.error);
            QJsonArray keys = g.value(u"keys"_s).toArray();
            keys.append(r.key);
            g.insert(u"keys"_s, keys);
        }
        QJsonArray grouped;
        for (const QJsonObject &g : std::as_const(groups))
            grouped.append(g);
        sendJson(guard, 200,
                 QJsonDocument(QJsonObject{
                     {u"success"_s, true},
                     {u"message"_s, u"Checked %1 keys: %2 valid, %3 invalid."_s.arg(results.size())
                                        .arg(successful.size())
                                        .arg(failed.size())},
                     {u"successful_keys"_s, successful},
                     {u"failed_keys"_s, failed},
                     {u"failed_groups"_s, grouped},
                     {u"valid_count"_s, int(successful.size())},
                     {u"invalid_count"_s, int(failed.size())},
                 }));
    });
}

void KeyAdminApi::resetSelected(const QByteArray &body, ResponseSink *sink)
{
    bool ok = false;
    const QStringList keys = keysFromBody(body, &ok);
    if (!ok)
        return sendError(sink, ErrorFormat::Gemini, 400, u"Expected a JSON body {\"keys\": [\"...\"]}."_s);
    int reset = 0;
    QJsonArray notFound;
    for (const QString &key : keys) {
        if (m_pool->resetFailures(key))
            ++reset;
        else
            notFound.append(key);
    }
    QJsonObject out{{u"success"_s, notFound.isEmpty()},
                    {u"message"_s, u"Reset the failure count of %1 keys."_s.arg(reset)},
                    {u"reset_count"_s, reset}};
    if (!notFound.isEmpty())
        out.insert(u"not_found_keys"_s, notFound);
    sendJson(sink, notFound.isEmpty() ? 200 : 207, QJsonDocument(out));
}

void KeyAdminApi::resetAll(const QString &keyType, ResponseSink *sink)
{
    KeyPool::KeyFilter filter = KeyPool::KeyFilter::All;
    if (keyType == u"valid"_s)
        filter = KeyPool::KeyFilter::Valid;
    else if (keyType == u"invalid"_s)
        filter = KeyPool::KeyFilter::Invalid;
    else if (!keyType.isEmpty())
        return sendError(sink, ErrorFormat::Gemini, 400, u"key_type must be valid or invalid (or absent for all)."_s);
    const int reset = m_pool->resetFailures(filter);
    sendJson(sink, 200,
             QJsonDocument(QJsonObject{{u"success"_s, true},
                                       {u"message"_s, u"Reset the failure count of %1 keys."_s.arg(reset)},
                                       {u"reset_count"_s, reset}}));
}

void KeyAdminApi::listKeys(ResponseSink *sink)
{
    QJsonObject valid, invalid;
    const QList<KeyState> states = m_pool->states();
    for (const KeyState &s : states)
        (s.isDisabled() ? invalid : valid).insert(s.key, s.failures);
    sendJson(sink, 200,
             QJsonDocument(QJsonObject{{u"status"_s, u"success"_s},
                                       {u"data"_s, QJsonObject{{u"valid_keys"_s, valid}, {u"invalid_keys"_s, invalid}}},
                                       {u"total"_s, int(states.size())}}));
}

} // namespace gb
