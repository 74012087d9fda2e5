// Text and loosely typed values to the typed value of a setting, with validation.

#include "common/WholeNumber.h"
#include "settings/SettingSpec.h"
#include "settings/SettingSpec_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrl>

#include <climits>
#include <cmath>

using namespace Qt::StringLiterals;

namespace gb {
namespace {

using Typed = Result<QVariant>;

Typed fail(const QString &message) { return Typed::failure(message); }

bool isText(const QVariant &v) { return v.metaType().id() == QMetaType::QString; }

bool isNumber(const QVariant &v)
{
    switch (v.metaType().id()) {
    case QMetaType::Int: case QMetaType::UInt: case QMetaType::LongLong: case QMetaType::ULongLong:
    case QMetaType::Double: case QMetaType::Float: case QMetaType::Short: case QMetaType::UShort:
    case QMetaType::Long: case QMetaType::ULong:
        return true;
    default:
        return false;
    }
}

// What a value is, for "expected X, got Y" when it is not text.
QString kindOf(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return u"null"_s;
    if (v.metaType().id() == QMetaType::Bool)
        return v.toBool() ? u"true"_s : u"false"_s;
    if (isNumber(v))
        return u"a number"_s;
    if (v.canConvert<QVariantList>())
        return u"a list"_s;
    if (v.canConvert<QVariantMap>())
        return u"an object"_s;
    return u"a value of type %1"_s.arg(QString::fromLatin1(v.metaType().name()));
}

// Text quoted for a message; a secret's text is never shown, only its length.
QString shown(const SettingSpec &spec, const QString &text)
{
    if (text.isEmpty())
        return u"an empty value"_s;
    if (spec.isSecret())
        return text.size() == 1 ? u"a value of 1 character"_s : u"a value of %1 characters"_s.arg(text.size());
    const QString cut = text.size() > 80 ? text.left(77) + u"..."_s : text;
    QString quoted = u"\""_s;
    for (const QChar c : cut) {
        if (c == u'"' || c == u'\\')
            quoted += u'\\' + c;
        else if (c == u'\n')
            quoted += u"\\n"_s;
        else if (c == u'\t')
            quoted += u"\\t"_s;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            quoted += u"\\u%1"_s.arg(uint(c.unicode()), 4, 16, QLatin1Char('0'));
        else
            quoted += c;
    }
    return quoted + u'"';
}

QString got(const SettingSpec &spec, const QVariant &v)
{
    return isText(v) ? shown(spec, v.toString()) : kindOf(v);
}

QString number(double value) { return QString::number(value, 'g', QLocale::FloatingPointShortest); }

// A number for a message; hidden for a secret like any other value.
QString shownNumber(const SettingSpec &spec, double value)
{
    return spec.isSecret() ? shown(spec, number(value)) : number(value);
}

QString rangeText(const SettingSpec &spec)
{
    if (spec.maximum >= INT_MAX)
        return u"at least %1"_s.arg(number(spec.minimum));
    return u"between %1 and %2"_s.arg(number(spec.minimum), number(spec.maximum));
}

bool inRange(const SettingSpec &spec, double value)
{
    return !spec.hasRange || (value >= spec.minimum && value <= spec.maximum);
}

// JSON text, also accepting Python-style single quotes as gemini-balance does for
// its number maps ({'gemini-2.5-flash': 1000}).
bool parseJson(const QString &text, QJsonDocument *document, QString *error)
{
    QJsonParseError parseError;
    *document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return true;
    if (text.contains(u'\'')) {
        QString doubleQuoted = text;
        doubleQuoted.replace(u'\'', u'"');
        QJsonParseError retryError;
        const QJsonDocument retry = QJsonDocument::fromJson(doubleQuoted.toUtf8(), &retryError);
        if (retryError.error == QJsonParseError::NoError) {
            *document = retry;
            return true;
        }
    }
    *error = u"%1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset);
    return false;
}

// ---- checks beyond the type -------------------------------------------------------

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http"_s || scheme == u"https"_s) && !url.host().isEmpty();
}

Typed checkString(const SettingSpec &spec, const QString &text)
{
    if (!spec.choices.isEmpty()) {
        const QString trimmed = text.trimmed();
        for (const QString &choice : spec.choices) {
            if (choice.compare(trimmed, Qt::CaseInsensitive) == 0)
                return QVariant(choice);
        }
        return fail(u"expected one of %1, got %2"_s.arg(spec.choices.join(u", "_s), shown(spec, text)));
    }
    switch (spec.check) {
    case SettingCheck::HttpUrl:
    case SettingCheck::OptionalHttpUrl: {
        QString url = text.trimmed();
        if (url.isEmpty() && spec.check == SettingCheck::OptionalHttpUrl)
            return QVariant(url);
        if (!isHttpUrl(url)) {
            const QString hint = url.startsWith(u'[') ? u" (write the URL itself, not a JSON list)"_s : QString();
            return fail(u"expected an absolute http:// or https:// URL, got %1%2"_s.arg(shown(spec, text), hint));
        }
        if (spec.check == SettingCheck::HttpUrl) {
            while (url.endsWith(u'/'))
                url.chop(1);
        }
        return QVariant(url);
    }
    case SettingCheck::TimeZone: {
        const QString id = text.trimmed();
        if (!id.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(id.toUtf8()))
            return fail(u"%1 is not a known IANA time zone id such as \"Asia/Shanghai\" or \"UTC\""_s.arg(shown(spec, text)));
        return QVariant(id);
    }
    case SettingCheck::None:
    case SettingCheck::ProxyUrls:
    case SettingCheck::StatusCodes:
        break;
    }
    return QVariant(text);
}

// A proxy for a message: scheme://host:port without credentials, if it parses that far.
QString shownProxy(const SettingSpec &spec, const QString &item)
{
    const QUrl url(item, QUrl::StrictMode);
    if (url.isValid() && !url.host().isEmpty())
        return u"\"%1\""_s.arg(url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
    return shown(spec, item);
}

QString checkProxy(const SettingSpec &spec, const QString &item)
{
    const QUrl url(item, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const bool knownScheme = scheme == u"http"_s || scheme == u"https"_s || scheme == u"socks5"_s || scheme == u"socks5h"_s;
    const bool plainPath = url.path().isEmpty() || url.path() == u"/"_s;
    if (url.isValid() && knownScheme && !url.host().isEmpty() && url.port() > 0 && plainPath && !url.hasQuery()
        && !url.hasFragment())
        return {};
    if (!knownScheme || !url.isValid())
        return u"%1 is not an http://, https:// or socks5:// URL"_s.arg(shownProxy(spec, item));
    return u"%1 is not a proxy URL of the form scheme://[user:password@]host:port"_s.arg(shownProxy(spec, item));
}

// ---- one function per type ---------------------------------------------------------

Typed toString(const SettingSpec &spec, const QVariant &v)
{
    if (!isText(v))
        return fail(u"expected text, got %1"_s.arg(kindOf(v)));
    return checkString(spec, v.toString());
}

Typed toInt(const SettingSpec &spec, const QVariant &v)
{
    qint64 n = 0;
    if (isText(v)) {
        bool ok = false;
        n = v.toString().trimmed().toLongLong(&ok, 10);
        if (!ok)
            return fail(u"expected an integer, got %1"_s.arg(got(spec, v)));
    } else if (isNumber(v)) {
        const double d = v.toDouble();
        const std::optional<qint64> whole = wholeNumber(d);
        if (!whole || std::fabs(d) > 1e15)
            return fail(u"expected an integer, got %1"_s.arg(shownNumber(spec, d)));
        n = *whole;
    } else {
        return fail(u"expected an integer, got %1"_s.arg(kindOf(v)));
    }
    if (n < INT_MIN || n > INT_MAX || !inRange(spec, double(n))) {
        const QString range = spec.hasRange ? rangeText(spec) : u"between %1 and %2"_s.arg(INT_MIN).arg(INT_MAX);
        return fail(u"must be %1, got %2"_s.arg(range, shownNumber(spec, double(n))));
    }
    return QVariant(int(n));
}

Typed toDouble(const SettingSpec &spec, const QVariant &v)
{
    double d = 0;
    bool ok = false;
    if (isText(v))
        d = v.toString().trimmed().toDouble(&ok);
    else if (isNumber(v))
        d = v.toDouble(&ok);
    else
        return fail(u"expected a number, got %1"_s.arg(kindOf(v)));
    if (!ok || !std::isfinite(d))
        return fail(u"expected a number, got %1"_s.arg(got(spec, v)));
    if (!inRange(spec, d))
        return fail(u"must be %1, got %2"_s.arg(rangeText(spec), shownNumber(spec, d)));
    return QVariant(d);
}

Typed toBool(const SettingSpec &spec, const QVariant &v)
{
    if (v.metaType().id() == QMetaType::Bool)
        return QVariant(v.toBool());
    if (isNumber(v) && (v.toDouble() == 0 || v.toDouble() == 1))
        return QVariant(v.toDouble() == 1);
    if (isText(v)) {
        static const QStringList yes = {u"true"_s, u"1"_s, u"yes"_s, u"on"_s, u"t"_s, u"y"_s};
        static const QStringList no = {u"false"_s, u"0"_s, u"no"_s, u"off"_s, u"f"_s, u"n"_s};
        const QString word = v.toString().trimmed().toLower();
        if (yes.contains(word))
            return QVariant(true);
        if (no.contains(word))
            return QVariant(false);
    }
    return fail(u"expected true or false (or 1/0, yes/no, on/off), got %1"_s.arg(got(spec, v)));
}

// Text of a list item: quotes around a comma-separated item are removed.
QString unquoted(const QString &item)
{
    if (item.size() >= 2 && (item.front() == u'"' || item.front() == u'\'') && item.back() == item.front())
        return item.mid(1, item.size() - 2).trimmed();
    return item;
}

// Text holding a JSON object or array, or the equivalent QVariant; empty text is empty.
bool jsonVariant(const QVariant &v, bool wantObject, QVariant *out, QString *error)
{
    if (!isText(v)) {
        *out = v;
        return true;
    }
    const QString text = v.toString().trimmed();
    if (text.isEmpty()) {
        *out = wantObject ? QVariant(QVariantMap()) : QVariant(QVariantList());
        return true;
    }
    const QString what = wantObject ? u"JSON object"_s : u"JSON list"_s;
    QJsonDocument document;
    QString parseError;
    if (!parseJson(text, &document, &parseError)) {
        *error = u"invalid %1: %2"_s.arg(what, parseError);
        return false;
    }
    if (wantObject ? !document.isObject() : !document.isArray()) {
        *error = u"expected a %1, got a JSON %2"_s.arg(what, document.isObject() ? u"object"_s : u"list"_s);
        return false;
    }
    *out = wantObject ? QVariant(document.object().toVariantMap()) : QVariant(document.array().toVariantList());
    return true;
}

Typed toStringList(const SettingSpec &spec, const QVariant &v)
{
    QVariant list = v;
    QString error;
    if (isText(v) && !v.toString().trimmed().startsWith(u'[')) {
        QStringList commaSeparated;
        for (const QString &item : v.toString().split(u','))
            commaSeparated << unquoted(item.trimmed());
        list = commaSeparated;
    } else if (!jsonVariant(v, false, &list, &error)) {
        return fail(error);
    }
    QStringList raw;
    if (list.metaType() == QMetaType::fromType<QStringList>()) {
        raw = list.toStringList();
    } else if (list.metaType().id() == QMetaType::QVariantList) {
        const QVariantList variants = list.toList();
        for (qsizetype i = 0; i < variants.size(); ++i) {
            if (!isText(variants[i]))
                return fail(u"item %1 is not text but %2"_s.arg(i + 1).arg(kindOf(variants[i])));
            raw << variants[i].toString();
        }
    } else {
        return fail(u"expected a list, got %1"_s.arg(kindOf(v)));
    }

    QStringList items;
    for (const QString &item : std::as_const(raw)) {
        QString trimmed = item.trimmed();
        // Byte-order marks opening an item are dropped: Qt's UTF-8 decoding drops one from the
        // start of every JSON string, so the comma form and the JSON form of a list (which
        // formatSettingText writes) must not read it differently (found by fuzz_dotenv).
        while (trimmed.startsWith(QChar(0xFEFF)))
            trimmed = trimmed.sliced(1).trimmed();
        if (!trimmed.isEmpty())
            items << trimmed;
    }
    if (spec.check == SettingCheck::StatusCodes) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            bool ok = false;
            const int code = items[i].toInt(&ok);
            if (!ok || code < 100 || code > 599)
                return fail(u"item %1: \"%2\" is not an HTTP status code (100 to 599)"_s.arg(i + 1).arg(items[i]));
        }
    }
    if (spec.check == SettingCheck::ProxyUrls) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString problem = checkProxy(spec, items[i]);
            if (!problem.isEmpty())
                return fail(items.size() > 1 ? u"item %1: %2"_s.arg(i + 1).arg(problem) : problem);
        }
    }
    return QVariant(items);
}

bool isObject(const QVariant &v)
{
    const int id = v.metaType().id();
    return id == QMetaType::QVariantMap || id == QMetaType::QVariantHash || v.metaType() == QMetaType::fromType<StringMap>();
}

// An object whose values must all be text; `where` prefixes messages ("item 2: ").
bool toTextMap(const QVariant &v, const QString &where, StringMap *out, QString *error)
{
    if (v.metaType() == QMetaType::fromType<StringMap>()) {
        *out = v.value<StringMap>();
    } else if (isObject(v)) {
        const QVariantMap map = v.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (!isText(it.value())) {
                *error = u"%1value of \"%2\" is not text but %3"_s.arg(where, it.key(), kindOf(it.value()));
                return false;
            }
            out->insert(it.key(), it.value().toString());
        }
    } else {
        *error = u"%1expected a JSON object, got %2"_s.arg(where, kindOf(v));
        return false;
    }
    if (out->contains(QString())) {
        *error = u"%1a name is empty"_s.arg(where);
        return false;
    }
    return true;
}

Typed toStringMap(const SettingSpec &spec, const QVariant &v)
{
    QVariant object;
    QString error;
    StringMap map;
    if (!jsonVariant(v, true, &object, &error) || !toTextMap(object, QString(), &map, &error))
        return fail(error);
    return QVariant::fromValue(map);
}

Typed toNumberMap(const SettingSpec &spec, const QVariant &v)
{
    QVariant object;
    QString error;
    if (!jsonVariant(v, true, &object, &error))
        return fail(error);
    QVariantMap entries;
    if (object.metaType() == QMetaType::fromType<NumberMap>()) {
        const NumberMap typed = object.value<NumberMap>();
        for (auto it = typed.cbegin(); it != typed.cend(); ++it)
            entries.insert(it.key(), it.value());
    } else if (isObject(object) && object.metaType() != QMetaType::fromType<StringMap>()) {
        entries = object.toMap();
    } else {
        return fail(u"expected a JSON object of numbers, got %1"_s.arg(kindOf(object)));
    }
    NumberMap map;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        bool ok = false;
        const double d = isNumber(*it) ? it->toDouble(&ok) : isText(*it) ? it->toString().trimmed().toDouble(&ok) : 0;
        if (!ok || !std::isfinite(d))
            return fail(u"value of \"%1\" is not a number but %2"_s.arg(it.key(), got(spec, *it)));
        if (!inRange(spec, d))
            return fail(u"value of \"%1\" must be %2, got %3"_s.arg(it.key(), rangeText(spec), shownNumber(spec, d)));
        if (it.key().isEmpty())
            return fail(u"a name is empty"_s);
        map.insert(it.key(), d);
    }
    return QVariant::fromValue(map);
}

Typed toMapList(const SettingSpec &spec, const QVariant &v)
{
    if (v.metaType() == QMetaType::fromType<MapList>())
        return v;
    QVariant list;
    QString error;
    if (!jsonVariant(v, false, &list, &error))
        return fail(error);
    if (list.metaType().id() != QMetaType::QVariantList)
        return fail(u"expected a JSON list of objects, got %1"_s.arg(kindOf(list)));
    MapList result;
    const QVariantList items = list.toList();
    for (qsizetype i = 0; i < items.size(); ++i) {
        StringMap map;
        if (!toTextMap(items[i], u"item %1: "_s.arg(i + 1), &map, &error))
            return fail(error);
        result << map;
    }
    return QVariant::fromValue(result);
}

Typed toTyped(const SettingSpec &spec, const QVariant &v)
{
    switch (spec.type) {
    case SettingType::String: return toString(spec, v);
    case SettingType::Int: return toInt(spec, v);
    case SettingType::Double: return toDouble(spec, v);
    case SettingType::Bool: return toBool(spec, v);
    case SettingType::StringList: return toStringList(spec, v);
    case SettingType::StringMap: return toStringMap(spec, v);
    case SettingType::NumberMap: return toNumberMap(spec, v);
    case SettingType::MapList: return toMapList(spec, v);
    }
    return fail(u"unsupported setting type"_s);
}

Typed named(const SettingSpec &spec, Typed result)
{
    if (result.ok())
        return result;
    return fail(spec.name + u": "_s + result.error());
}

} // namespace

namespace detail {

Result<QVariant> parseSettingTextUnnamed(const SettingSpec &spec, const QString &text)
{
    return toTyped(spec, QVariant(text));
}

} // namespace detail

Result<QVariant> parseSettingText(const SettingSpec &spec, const QString &text)
{
    return named(spec, toTyped(spec, QVariant(text)));
}

Result<QVariant> coerceSettingValue(const SettingSpec &spec, const QVariant &value)
{
    return named(spec, toTyped(spec, value));
}

} // namespace gb
