#include "settings/SettingsLoader.h"

#include "common/LogCategories.h"
#include "settings/DotEnv.h"
#include "settings/SettingSpec.h"
#include "settings/SettingSpec_p.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace gb {
namespace {

struct RawValue
{
    QString text;
    QString origin;  // "environment" or "/path/.env line 3", for messages
};

// python-dotenv expands ${NAME} and ${NAME:-default} in .env values, taking NAME from
// the environment first, then from the .env lines above.
QString expandVariables(const QString &value, const QProcessEnvironment &environment,
                        const QHash<QString, QString> &earlier)
{
    if (!value.contains(u"${"_s))
        return value;
    static const QRegularExpression variable(u"\\$\\{([^}:]*)(?::-([^}]*))?\\}"_s);
    QString result;
    qsizetype cursor = 0;
    QRegularExpressionMatchIterator it = variable.globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += value.mid(cursor, match.capturedStart() - cursor);
        const QString name = match.captured(1);
        if (environment.contains(name))
            result += environment.value(name);
        else if (earlier.contains(name))
            result += earlier.value(name);
        else
            result += match.captured(2);
        cursor = match.capturedEnd();
    }
    return result + value.mid(cursor);
}

// The spec an environment or .env name stands for: exact, else in another case (like
// pydantic-settings, which matches names case-insensitively).
const SettingSpec *specForName(const QString &name)
{
    if (const SettingSpec *spec = findSettingSpec(name))
        return spec;
    return findSettingSpec(name.toUpper());
}

class Loader
{
public:
    Loader(const QProcessEnvironment &environment, LoadedSettings *out) : m_environment(environment), m_out(out) {}

    void readEnvironment()
    {
        const QStringList names = m_environment.keys();
        for (const QString &name : names) {
            const SettingSpec *spec = specForName(name);
            if (!spec)
                continue;  // PATH, HOME and friends: not ours, not reported
            if (name != spec->name) {
                if (m_environment.contains(spec->name))
                    continue;  // the exact name wins
                m_out->warnings << u"environment variable %1 is read as %2; write setting names in upper case"_s.arg(name, spec->name);
            }
            m_raw.insert(spec->name, {m_environment.value(name), u"environment"_s});
        }
    }

    void readDotEnv(const QString &requestedPath)
    {
        QString path = requestedPath;
        if (path.isEmpty()) {
            if (!QFileInfo(u".env"_s).isFile())
                return;
            path = u".env"_s;
        }
        const QFileInfo info(path);
        const QString shownPath = info.absoluteFilePath();
        if (!info.exists()) {
            m_out->errors << u"the .env file %1 does not exist"_s.arg(shownPath);
            return;
        }
        QFile file(path);
        if (info.isDir() || !file.open(QIODevice::ReadOnly)) {
            m_out->errors << u"cannot read the .env file %1: %2"_s.arg(
                shownPath, info.isDir() ? u"it is a directory"_s : file.errorString());
            return;
        }
        m_out->dotEnvPath = shownPath;
        const DotEnvFile parsed = parseDotEnv(file.readAll());
        for (const QString &error : parsed.errors)
            m_out->errors << shownPath + u' ' + error;

        QHash<QString, QString> expanded;  // every name so far, for ${NAME}
        QHash<QString, int> firstLine;
        for (const DotEnvEntry &entry : parsed.entries) {
            const QString where = u"%1 line %2"_s.arg(shownPath).arg(entry.line);
            const QString value = expandVariables(entry.value, m_environment, expanded);
            expanded.insert(entry.name, value);
            if (firstLine.contains(entry.name)) {
                m_out->warnings << u"%1 is set more than once in %2 (lines %3 and %4); the last one is used"_s.arg(
                    entry.name, shownPath, QString::number(firstLine.value(entry.name)), QString::number(entry.line));
            } else {
                firstLine.insert(entry.name, entry.line);
            }

            const SettingSpec *spec = specForName(entry.name);
            if (!spec) {
                const QString suggestion = detail::suggestSettingName(entry.name);
                m_out->warnings << (suggestion.isEmpty()
                                        ? u"unknown setting %1 in %2 (ignored)"_s.arg(entry.name, where)
                                        : u"unknown setting %1 in %2; did you mean %3?"_s.arg(entry.name, where, suggestion));
                continue;
            }
            if (entry.name != spec->name)
                m_out->warnings << u"%1 in %2 is read as %3; write setting names in upper case"_s.arg(entry.name, where, spec->name);
            if (m_raw.contains(spec->name) && m_raw.value(spec->name).origin == u"environment"_s) {
                qCDebug(lcSettings).noquote() << spec->name << "in" << where << "is overridden by the environment";
                continue;  // python-dotenv's load_dotenv() never overrides the environment
            }
            m_raw.insert(spec->name, {value, where});
            m_fromDotEnv.insert(spec->name);
        }
    }

    void parseValues()
    {
        for (const SettingSpec &spec : settingSpecs()) {
            m_out->sources.insert(spec.name, SettingSource::Default);
            const auto raw = m_raw.constFind(spec.name);
            if (raw == m_raw.cend())
                continue;
            const Result<QVariant> value = detail::parseSettingTextUnnamed(spec, raw->text);
            if (!value.ok()) {
                m_out->errors << u"%1 (%2): %3"_s.arg(spec.name, raw->origin, value.error());
                m_failed.insert(spec.name);
                continue;
            }
            setSettingValue(m_out->values, spec, value.value());
            m_out->sources.insert(spec.name, m_fromDotEnv.contains(spec.name) ? SettingSource::DotEnv
                                                                             : SettingSource::Environment);
        }
    }

    // Rules that involve more than one setting (gemini-balance checks the MySQL ones).
    void checkCombinations()
    {
        const SettingsValues &v = m_out->values;
        const auto require = [&](const QString &name, bool missing, const QString &why) {
            if (!missing || m_failed.contains(name))
                return;
            const auto raw = m_raw.constFind(name);
            const QString origin = raw == m_raw.cend() ? QString() : u" (%1)"_s.arg(raw->origin);
            m_out->errors << u"%1%2: %3"_s.arg(name, origin, why);
        };
        if (v.databaseType == u"mysql"_s) {
            const QString why = u"must be set when DATABASE_TYPE is mysql"_s;
            require(u"MYSQL_HOST"_s, v.mysqlHost.trimmed().isEmpty() && v.mysqlSocket.trimmed().isEmpty(),
                    u"must be set when DATABASE_TYPE is mysql, unless MYSQL_SOCKET is"_s);
            require(u"MYSQL_USER"_s, v.mysqlUser.trimmed().isEmpty(), why);
            require(u"MYSQL_DATABASE"_s, v.mysqlDatabase.trimmed().isEmpty(), why);
        } else {
            require(u"SQLITE_DATABASE"_s, v.sqliteDatabase.trimmed().isEmpty(), u"must not be empty when DATABASE_TYPE is sqlite"_s);
        }
    }

private:
    const QProcessEnvironment &m_environment;
    LoadedSettings *m_out;
    QHash<QString, RawValue> m_raw;  // by setting name: the text that wins
    QSet<QString> m_fromDotEnv;
    QSet<QString> m_failed;  // names whose text did not parse (already reported)
};

} // namespace

LoadedSettings loadSettings(const QProcessEnvironment &environment, const QString &dotEnvPath)
{
    LoadedSettings out;
    Loader loader(environment, &out);
    loader.readEnvironment();
    loader.readDotEnv(dotEnvPath);
    loader.parseValues();
    loader.checkCombinations();
    return out;
}

} // namespace gb
