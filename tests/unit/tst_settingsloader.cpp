#include "settings/SettingSpec.h"
#include "settings/SettingsLoader.h"

#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gb;

namespace {

QProcessEnvironment environment(const QList<std::pair<QString, QString>> &variables)
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin"_s);  // never reported: not ours
    env.insert(u"HOME"_s, u"/home/user"_s);
    for (const auto &[name, value] : variables)
        env.insert(name, value);
    return env;
}

} // namespace

class TestSettingsLoader : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void defaultsWithoutAnything();
    void readsGeminiBalanceEnvFile();
    void precedence();
    void emptyEnvironmentValueStillWins();
    void errorsNameSettingAndSource();
    void badValueIsNeverSilentlyDefault();
    void errorsNeverLeakSecrets();
    void unknownDotEnvNamesWarned();
    void otherCaseNamesAccepted();
    void duplicateNamesWarned();
    void dotEnvSyntaxErrors();
    void explicitMissingPathIsError();
    void directoryIsError();
    void implicitDotEnvInWorkingDirectory();
    void variableExpansion();
    void mysqlNeedsConnectionSettings();

private:
    QString writeEnv(const QByteArray &content, const QString &name = u"test.env"_s);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSettingsLoader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestSettingsLoader::writeEnv(const QByteArray &content, const QString &name)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestSettingsLoader::defaultsWithoutAnything()
{
    const QString empty = writeEnv("# nothing here\n");
    const LoadedSettings loaded = loadSettings(environment({}), empty);
    QVERIFY2(loaded.errors.isEmpty(), qPrintable(loaded.errors.join(u'\n')));
    QVERIFY(loaded.warnings.isEmpty());
    QCOMPARE(loaded.dotEnvPath, QFileInfo(empty).absoluteFilePath());
    QCOMPARE(loaded.values.maxRetries, 3);
    QCOMPARE(loaded.values.databaseType, u"sqlite"_s);
    QCOMPARE(loaded.sources.size(), settingSpecs().size());  // one source per setting
    for (auto it = loaded.sources.cbegin(); it != loaded.sources.cend(); ++it)
        QCOMPARE(it.value(), SettingSource::Default);
}

void TestSettingsLoader::readsGeminiBalanceEnvFile()
{
    const QString path = writeEnv(test::readTestData(u"settings/gemini-balance.env"_s));
    const LoadedSettings loaded = loadSettings(environment({}), path);
    QVERIFY2(loaded.errors.isEmpty(), qPrintable(loaded.errors.join(u'\n')));
    QVERIFY2(loaded.warnings.isEmpty(), qPrintable(loaded.warnings.join(u'\n')));
    const SettingsValues &v = loaded.values;
    QCOMPARE(v.apiKeys, (QStringList{u"AIzaSyFAKE-key-number-one"_s, u"AIzaSyFAKE-key-number-two"_s}));
    QCOMPARE(v.allowedTokens, QStringList{u"sk-123456"_s});
    QCOMPARE(v.mysqlPassword, u"mysql_password"_s);
    QCOMPARE(v.maxFailures, 10);
    QCOMPARE(v.baseUrl, u"https://generativelanguage.googleapis.com/v1beta"_s);
    QCOMPARE(v.thinkingBudgetMap, (NumberMap{{u"gemini-2.5-flash"_s, 4000}}));
    QCOMPARE(v.customHeaders, (StringMap{{u"X-Gateway"_s, u"gembalance"_s}}));
    QCOMPARE(v.logLevel, u"INFO"_s);
    QCOMPARE(v.fakeStreamEnabled, true);
    QCOMPARE(v.timezone, u"Asia/Shanghai"_s);
    QCOMPARE(v.proxies, QStringList());
    QCOMPARE(v.safetySettings.size(), qsizetype(3));
    QCOMPARE(v.safetySettings[2].value(u"threshold"_s), u"BLOCK_NONE"_s);
    QCOMPARE(v.streamMaxDelay, 0.024);
    QCOMPARE(loaded.sources.value(u"API_KEYS"_s), SettingSource::DotEnv);
    QCOMPARE(loaded.sources.value(u"ADMIN_SESSION_EXPIRE"_s), SettingSource::Default);
}

void TestSettingsLoader::precedence()
{
    const QString path = writeEnv("MAX_RETRIES=5\nMAX_FAILURES=7\nAPI_KEYS=from-dotenv\n");
    const LoadedSettings loaded = loadSettings(environment({{u"MAX_RETRIES"_s, u"9"_s}, {u"TIME_OUT"_s, u"60"_s}}), path);
    QVERIFY2(loaded.errors.isEmpty(), qPrintable(loaded.errors.join(u'\n')));
    QCOMPARE(loaded.values.maxRetries, 9);                       // environment beats .env
    QCOMPARE(loaded.values.maxFailures, 7);                      // .env beats default
    QCOMPARE(loaded.values.timeOut, 60);                         // environment beats default
    QCOMPARE(loaded.values.apiKeys, QStringList{u"from-dotenv"_s});
    QCOMPARE(loaded.values.checkIntervalHours, 1);               // default
    QCOMPARE(loaded.sources.value(u"MAX_RETRIES"_s), SettingSource::Environment);
    QCOMPARE(loaded.sources.value(u"MAX_FAILURES"_s), SettingSource::DotEnv);
    QCOMPARE(loaded.sources.value(u"TIME_OUT"_s), SettingSource::Environment);
    QCOMPARE(loaded.sources.value(u"CHECK_INTERVAL_HOURS"_s), SettingSource::Default);
}

void TestSettingsLoader::emptyEnvironmentValueStillWins()
{
    // load_dotenv() never overrides a variable that exists, even an empty one.
    const QString path = writeEnv("API_KEYS=a,b\n");
    const LoadedSettings loaded = loadSettings(environment({{u"API_KEYS"_s, QString()}}), path);
    QVERIFY(loaded.errors.isEmpty());
    QCOMPARE(loaded.values.apiKeys, QStringList());
    QCOMPARE(loaded.sources.value(u"API_KEYS"_s), SettingSource::Environment);
}

void TestSettingsLoader::errorsNameSettingAndSource()
{
    const QString path = writeEnv("# keys\nLOG_LEVEL=debug\nAPI_KEYS=[\"a\",\n\n  PROXIES = [\"ftp://x:21\"]\n");
    const QString abs = QFileInfo(path).absoluteFilePath();
    const LoadedSettings loaded = loadSettings(environment({{u"MAX_RETRIES"_s, u"three"_s}}), path);
    QCOMPARE(loaded.errors.size(), 3);
    const QString jsonError = u"API_KEYS ("_s + abs + u" line 3): invalid JSON list: "_s;
    QVERIFY2(loaded.errors[0].startsWith(jsonError) && loaded.errors[0].size() > jsonError.size() + 5,
             qPrintable(loaded.errors[0]));
    QCOMPARE(loaded.errors[1], u"MAX_RETRIES (environment): expected an integer, got \"three\""_s);
    QCOMPARE(loaded.errors[2], u"PROXIES ("_s + abs + u" line 5): \"ftp://x:21\" is not an http://, https:// or socks5:// URL"_s);
    QCOMPARE(loaded.values.logLevel, u"DEBUG"_s);
}

void TestSettingsLoader::badValueIsNeverSilentlyDefault()
{
    const QString path = writeEnv("MAX_RETRIES=0\n");
    const LoadedSettings loaded = loadSettings(environment({}), path);
    QCOMPARE(loaded.errors.size(), 1);
    QVERIFY(loaded.errors[0].startsWith(u"MAX_RETRIES ("_s));
    // The value stays the default and is reported as such; the caller refuses to start.
    QCOMPARE(loaded.sources.value(u"MAX_RETRIES"_s), SettingSource::Default);

    // A bad .env value hidden by the environment is never used, so it is not an error.
    const LoadedSettings overridden = loadSettings(environment({{u"MAX_RETRIES"_s, u"4"_s}}), path);
    QVERIFY(overridden.errors.isEmpty());
    QCOMPARE(overridden.values.maxRetries, 4);
}

void TestSettingsLoader::errorsNeverLeakSecrets()
{
    const QString path = writeEnv("API_KEYS=[\"AIzaSySECRETKEY\", 42]\nVERTEX_API_KEYS=[\"SECRETVERTEX\"\n"
                                  "PROXIES=http://SECRETUSER:SECRETPW@proxy.example\nPAID_KEY=\"SECRETPAID\n");
    const LoadedSettings loaded = loadSettings(
        environment({{u"ALLOWED_TOKENS"_s, u"['SECRETTOKEN', "_s}, {u"MYSQL_PASSWORD"_s, u"SECRETDB"_s}}), path);
    QCOMPARE(loaded.errors.size(), 5);
    for (const QString &error : loaded.errors)
        QVERIFY2(!error.contains(u"SECRET"_s), qPrintable(error));
    for (const QString &warning : loaded.warnings)
        QVERIFY2(!warning.contains(u"SECRET"_s), qPrintable(warning));
}

void TestSettingsLoader::unknownDotEnvNamesWarned()
{
    const QString path = writeEnv("APIKEYS=a\nMAX_RETRY=4\nTZ=Asia/Shanghai\nCOMPLETELY_DIFFERENT=1\nREDIS_URL=redis://x\n");
    const QString abs = QFileInfo(path).absoluteFilePath();
    const LoadedSettings loaded = loadSettings(environment({{u"SOME_OTHER_TOOL"_s, u"x"_s}, {u"API_KEY"_s, u"y"_s}}), path);
    QVERIFY(loaded.errors.isEmpty());
    QCOMPARE(loaded.warnings,
             (QStringList{u"unknown setting APIKEYS in "_s + abs + u" line 1; did you mean API_KEYS?"_s,
                          u"unknown setting MAX_RETRY in "_s + abs + u" line 2; did you mean MAX_RETRIES?"_s,
                          u"unknown setting TZ in "_s + abs + u" line 3; did you mean TIMEZONE?"_s,
                          u"unknown setting COMPLETELY_DIFFERENT in "_s + abs + u" line 4 (ignored)"_s,
                          u"unknown setting REDIS_URL in "_s + abs + u" line 5 (ignored)"_s}));
    QCOMPARE(loaded.values.apiKeys, QStringList());  // nothing guessed
}

void TestSettingsLoader::otherCaseNamesAccepted()
{
    // pydantic-settings matches names case-insensitively, so gemini-balance read these.
    const QString path = writeEnv("api_keys=k1,k2\n");
    const LoadedSettings loaded = loadSettings(environment({{u"max_retries"_s, u"6"_s}}), path);
    QVERIFY(loaded.errors.isEmpty());
    QCOMPARE(loaded.values.apiKeys, (QStringList{u"k1"_s, u"k2"_s}));
    QCOMPARE(loaded.values.maxRetries, 6);
    QCOMPARE(loaded.warnings.size(), 2);
    QVERIFY(loaded.warnings.join(u'\n').contains(u"environment variable max_retries is read as MAX_RETRIES"_s));
    QVERIFY(loaded.warnings.join(u'\n').contains(u"api_keys in "_s));

    // The exact name wins over another case.
    const LoadedSettings both = loadSettings(environment({{u"max_retries"_s, u"6"_s}, {u"MAX_RETRIES"_s, u"8"_s}}), path);
    QCOMPARE(both.values.maxRetries, 8);
}

void TestSettingsLoader::duplicateNamesWarned()
{
    const QString path = writeEnv("MAX_RETRIES=2\nMAX_RETRIES=5\n");
    const LoadedSettings loaded = loadSettings(environment({}), path);
    QCOMPARE(loaded.values.maxRetries, 5);  // the last one, as python-dotenv
    QCOMPARE(loaded.warnings.size(), 1);
    QVERIFY(loaded.warnings[0].contains(u"MAX_RETRIES is set more than once"_s));
    QVERIFY(loaded.warnings[0].contains(u"(lines 1 and 2); the last one is used"_s));
}

void TestSettingsLoader::dotEnvSyntaxErrors()
{
    const QString path = writeEnv("MAX_RETRIES=2\nAPI_KEYS\nTIME_OUT=\"10\n");
    const QString abs = QFileInfo(path).absoluteFilePath();
    const LoadedSettings loaded = loadSettings(environment({}), path);
    QCOMPARE(loaded.errors, (QStringList{abs + u" line 2: API_KEYS has no '=' (expected NAME=VALUE)"_s,
                                         abs + u" line 3: TIME_OUT: the value has no closing \""_s}));
    QCOMPARE(loaded.values.maxRetries, 2);
}

void TestSettingsLoader::explicitMissingPathIsError()
{
    const QString missing = m_dir->filePath(u"nope.env"_s);
    const LoadedSettings loaded = loadSettings(environment({}), missing);
    QCOMPARE(loaded.errors, QStringList{u"the .env file "_s + QFileInfo(missing).absoluteFilePath() + u" does not exist"_s});
    QVERIFY(loaded.dotEnvPath.isEmpty());
}

void TestSettingsLoader::directoryIsError()
{
    const LoadedSettings loaded = loadSettings(environment({}), m_dir->path());
    QCOMPARE(loaded.errors.size(), 1);
    QVERIFY2(loaded.errors[0].contains(u"it is a directory"_s), qPrintable(loaded.errors[0]));
}

void TestSettingsLoader::implicitDotEnvInWorkingDirectory()
{
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir->path()));
    const LoadedSettings none = loadSettings(environment({}));
    QVERIFY(none.errors.isEmpty());
    QVERIFY(none.dotEnvPath.isEmpty());

    writeEnv("MAX_FAILURES=12\n", u".env"_s);
    const LoadedSettings found = loadSettings(environment({}));
    QDir::setCurrent(previous);
    QVERIFY(found.errors.isEmpty());
    QCOMPARE(found.dotEnvPath, QDir(m_dir->path()).absoluteFilePath(u".env"_s));
    QCOMPARE(found.values.maxFailures, 12);
}

void TestSettingsLoader::variableExpansion()
{
    const QString path = writeEnv("HOST=gw.example\nBASE_URL=https://${HOST}/v1beta\n"
                                  "TEST_MODEL=${MODEL_FROM_ENV}\nTTS_VOICE_NAME=${UNSET:-Puck}\nOSS_REGION=${UNSET}\n");
    const LoadedSettings loaded = loadSettings(environment({{u"MODEL_FROM_ENV"_s, u"gemini-x"_s}}), path);
    QVERIFY2(loaded.errors.isEmpty(), qPrintable(loaded.errors.join(u'\n')));
    QCOMPARE(loaded.values.baseUrl, u"https://gw.example/v1beta"_s);
    QCOMPARE(loaded.values.testModel, u"gemini-x"_s);
    QCOMPARE(loaded.values.ttsVoiceName, u"Puck"_s);
    QCOMPARE(loaded.values.ossRegion, QString());
    QCOMPARE(loaded.warnings.size(), 1);  // HOST is not a setting
}

void TestSettingsLoader::mysqlNeedsConnectionSettings()
{
    const QString path = writeEnv("DATABASE_TYPE=mysql\nMYSQL_USER=\n");
    const QString abs = QFileInfo(path).absoluteFilePath();
    const LoadedSettings loaded = loadSettings(environment({}), path);
    QCOMPARE(loaded.errors,
             (QStringList{u"MYSQL_HOST: must be set when DATABASE_TYPE is mysql, unless MYSQL_SOCKET is"_s,
                          u"MYSQL_USER ("_s + abs + u" line 2): must be set when DATABASE_TYPE is mysql"_s,
                          u"MYSQL_DATABASE: must be set when DATABASE_TYPE is mysql"_s}));

    const LoadedSettings socket = loadSettings(
        environment({{u"MYSQL_SOCKET"_s, u"/run/mysqld/mysqld.sock"_s}, {u"MYSQL_USER"_s, u"u"_s}, {u"MYSQL_DATABASE"_s, u"d"_s}}),
        path);
    QVERIFY2(socket.errors.isEmpty(), qPrintable(socket.errors.join(u'\n')));
    QCOMPARE(socket.values.databaseType, u"mysql"_s);
    QCOMPARE(socket.values.mysqlPassword, QString());  // a passwordless (socket) login is allowed
}

QTEST_GUILESS_MAIN(TestSettingsLoader)
#include "tst_settingsloader.moc"
