#include "settings/SettingsJson.h"

#include "common/Redact.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

// Every mask contains this character (redact::secret's ellipsis); real keys, tokens and
// passwords do not, which is how a masked echo is told from a new value.
constexpr QChar kMaskMark = QChar(0x2026);

QString settingTypeName(SettingType type)
{
    switch (type) {
    case SettingType::String: return u"string"_s;
    case SettingType::Int: return u"integer"_s;
    case SettingType::Double: return u"number"_s;
    case SettingType::Bool: return u"boolean"_s;
    case SettingType::StringList: return u"string_list"_s;
    case SettingType::StringMap: return u"string_map"_s;
    case SettingType::NumberMap: return u"number_map"_s;
    case SettingType::MapList: return u"map_list"_s;
    }
    return u"string"_s;
}

QString maskText(const QString &value)
{
    return value.isEmpty() ? QString() : redact::secret(value);
}

// scheme://user:password@host:port -> scheme://us…er:…@host:port; without credentials the
// URL is not secret and is shown as written.
QString maskProxyUrl(const QString &url)
{
    const qsizetype schemeEnd = url.indexOf(u"://"_s);
    const qsizetype at = url.lastIndexOf(u'@');
    if (schemeEnd < 0 || at < schemeEnd)
        return url;
    const QString userInfo = url.mid(schemeEnd + 3, at - schemeEnd - 3);
    const QString user = userInfo.section(u':', 0, 0);
    return url.left(schemeEnd + 3) + maskText(user) + u':' + kMaskMark + url.mid(at);
}

QString maskListItem(const SettingSpec &spec, const QString &item)
{
    return spec.name == u"PROXIES"_s ? maskProxyUrl(item) : maskText(item);
}

bool sameText(const SettingSpec &spec, const QVariant &a, const QVariant &b)
{
    return formatSettingText(spec, a) == formatSettingText(spec, b);
}

// A list whose items may be masks of current items: each mask becomes the current item it
// stands for (same position first, else the first unused one with that mask).
QJsonValue unmaskList(const SettingSpec &spec, const QJsonArray &incoming, const QStringList &current, QString *error)
{
    QJsonArray out;
    QSet<qsizetype> used;
    for (qsizetype i = 0; i < incoming.size(); ++i) {
        const QJsonValue item = incoming.at(i);
        const QString text = item.toString();
        if (!item.isString() || !text.contains(kMaskMark)) {
            out.append(item);
            continue;
        }
        qsizetype match = -1;
        if (i < current.size() && !used.contains(i) && maskListItem(spec, current.at(i)) == text)
            match = i;
        for (qsizetype j = 0; match < 0 && j < current.size(); ++j)
            if (!used.contains(j) && maskListItem(spec, current.at(j)) == text)
                match = j;
        if (match < 0) {
            *error = u"%1: item %2 is a masked value that matches none of the current values; send the full value"_s
                         .arg(spec.name)
                         .arg(i + 1);
            return {};
        }
        used.insert(match);
        out.append(current.at(match));
    }
    return out;
}

// Masked echoes in a secret value turned back into the current value.
QJsonValue unmask(const SettingSpec &spec, const QJsonValue &incoming, const QVariant &currentTyped, QString *error)
{
    switch (spec.type) {
    case SettingType::String: {
        const QString current = currentTyped.toString();
        if (incoming.isString() && incoming.toString().contains(kMaskMark)) {
            if (!current.isEmpty() && incoming.toString() == maskText(current))
                return current;
            *error = u"%1: a masked value that is not the current one; send the full value"_s.arg(spec.name);
            return {};
        }
        return incoming;
    }
    case SettingType::StringList:
        if (incoming.isArray())
            return unmaskList(spec, incoming.toArray(), currentTyped.toStringList(), error);
        return incoming;
    case SettingType::StringMap: {
        if (!incoming.isObject())
            return incoming;
        const StringMap current = currentTyped.value<StringMap>();
        QJsonObject out = incoming.toObject();
        for (auto it = out.begin(); it != out.end(); ++it) {
            const QString text = it.value().toString();
            if (!it.value().isString() || !text.contains(kMaskMark))
                continue;
            if (!current.contains(it.key()) || maskText(current.value(it.key())) != text) {
                *error = u"%1: the value of %2 is masked but is not the current one; send the full value"_s.arg(
                    spec.name, it.key());
                return {};
            }
            it.value() = current.value(it.key());
        }
        return out;
    }
    case SettingType::NumberMap: {
        if (!incoming.isObject())
            return incoming;
        const NumberMap current = currentTyped.value<NumberMap>();
        const QJsonObject in = incoming.toObject();
        QJsonObject out;
        for (auto it = in.begin(); it != in.end(); ++it) {
            QString name = it.key();
            if (name.contains(kMaskMark)) {
                QString found;
                for (auto c = current.cbegin(); c != current.cend() && found.isEmpty(); ++c)
                    if (maskText(c.key()) == name)
                        found = c.key();
                if (found.isEmpty()) {
                    *error = u"%1: the masked name %2 matches no current entry; send the full name"_s.arg(spec.name, name);
                    return {};
                }
                name = found;
            }
            out.insert(name, it.value());
        }
        return out;
    }
    default:
        return incoming;
    }
}

} // namespace

QJsonValue settingToJson(const SettingSpec &spec, const QVariant &typedValue)
{
    switch (spec.type) {
    case SettingType::String: return typedValue.toString();
    case SettingType::Int: return typedValue.toInt();
    case SettingType::Double: return typedValue.toDouble();
    case SettingType::Bool: return typedValue.toBool();
    default: break;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(formatSettingText(spec, typedValue).toUtf8());
    if (doc.isArray())
        return doc.array();
    return doc.object();
}

QJsonValue maskedSettingJson(const SettingSpec &spec, const QVariant &typedValue)
{
    if (!spec.isSecret())
        return settingToJson(spec, typedValue);
    switch (spec.type) {
    case SettingType::String:
        return maskText(typedValue.toString());
    case SettingType::StringList: {
        QJsonArray out;
        for (const QString &item : typedValue.toStringList())
            out.append(maskListItem(spec, item));
        return out;
    }
    case SettingType::StringMap: {
        QJsonObject out;
        const StringMap map = typedValue.value<StringMap>();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            out.insert(it.key(), maskText(it.value()));
        return out;
    }
    case SettingType::NumberMap: {
        QJsonObject out;
        const NumberMap map = typedValue.value<NumberMap>();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            out.insert(maskText(it.key()), it.value());
        return out;
    }
    default:
        // No secret of another type exists; never show one in full if it appears.
        return maskText(formatSettingText(spec, typedValue));
    }
}

QJsonObject maskedConfigJson(const SettingsValues &values)
{
    QJsonObject out;
    for (const SettingSpec &spec : settingSpecs())
        out.insert(spec.name, maskedSettingJson(spec, settingValue(values, spec)));
    return out;
}

QJsonObject configSchemaJson(const Settings &settings)
{
    const SettingsValues defaults;
    QJsonObject out;
    for (const SettingSpec &spec : settingSpecs()) {
        QJsonObject item{
            {u"type"_s, settingTypeName(spec.type)},
            {u"default"_s, maskedSettingJson(spec, settingValue(defaults, spec))},
            {u"source"_s, settingSourceName(settings.source(spec.name))},
            {u"secret"_s, spec.isSecret()},
            {u"restart_required"_s, bool(spec.flags & RestartRequired)},
            {u"group"_s, spec.group},
            {u"description"_s, spec.description},
        };
        if (!spec.choices.isEmpty())
            item.insert(u"choices"_s, QJsonArray::fromStringList(spec.choices));
        if (spec.hasRange) {
            item.insert(u"minimum"_s, spec.minimum);
            item.insert(u"maximum"_s, spec.maximum);
        }
        out.insert(spec.name, item);
    }
    return out;
}

ConfigUpdate prepareConfigUpdate(const QJsonObject &body, const SettingsValues &current)
{
    ConfigUpdate out;
    const auto fail = [&out](const QString &name, const QString &error) {
        out.errors << error;
        out.fieldErrors.insert(name, error);
    };
    for (auto it = body.begin(); it != body.end(); ++it) {
        const SettingSpec *spec = findSettingSpec(it.key());
        if (!spec) {
            fail(it.key(), u"%1: unknown setting"_s.arg(it.key()));
            continue;
        }
        const QVariant currentTyped = settingValue(current, *spec);
        QJsonValue incoming = it.value();
        if (spec->isSecret()) {
            QString error;
            incoming = unmask(*spec, incoming, currentTyped, &error);
            if (!error.isEmpty()) {
                fail(spec->name, error);
                continue;
            }
        }
        Result<QVariant> typed = coerceSettingValue(*spec, incoming.toVariant());
        if (!typed.ok()) {
            fail(spec->name, typed.error());
            continue;
        }
        if (sameText(*spec, typed.value(), currentTyped)) {
            out.unchanged << spec->name;
            continue;
        }
        if (spec->isSecret() && formatSettingText(*spec, typed.value()).contains(kMaskMark)) {
            fail(spec->name, u"%1: contains a masked value; send the full value"_s.arg(spec->name));
            continue;
        }
        if (spec->group == u"database"_s) {
            fail(spec->name, u"%1: the database connection is read at start-up from .env or the environment; set it there"_s
                                 .arg(spec->name));
            continue;
        }
        if (spec->name == u"AUTH_TOKEN"_s && typed.value().toString().trimmed().isEmpty()) {
            fail(spec->name, u"AUTH_TOKEN: must not be empty (it guards the admin API)"_s);
            continue;
        }
        if (spec->flags & RestartRequired)
            out.restartRequired << spec->name;
        out.changes.insert(spec->name, typed.takeValue());
    }
    return out;
}

} // namespace gb
