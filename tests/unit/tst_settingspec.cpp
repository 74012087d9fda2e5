#include "settings/SettingSpec.h"

#include <QSet>
#include <QTest>

#include <cstddef>

using namespace Qt::StringLiterals;
using namespace gb;

namespace {

// Raw UTF-8 literals for JSON: R"({"a": 1})"_u8. (moc misreads "//" inside raw literals, so URLs use u""_s.)
QString operator""_u8(const char *text, std::size_t size) { return QString::fromUtf8(text, qsizetype(size)); }

// Counts the fields of an aggregate: the most initialisers T{...} accepts.
struct AnyField
{
    template <typename T> operator T() const;
};
template <typename T, typename... Fields>
constexpr std::size_t aggregateFieldCount()
{
    if constexpr (sizeof...(Fields) < 200 && requires { T{Fields{}..., AnyField{}}; })
        return aggregateFieldCount<T, Fields..., AnyField>();
    else
        return sizeof...(Fields);
}

const SettingSpec &spec(const QString &name)
{
    const SettingSpec *s = findSettingSpec(name);
    if (!s)
        qFatal("no spec %s", qPrintable(name));
    return *s;
}

// A typed value different from the default, and valid for the spec.
QVariant otherValidValue(const SettingSpec &s)
{
    const QVariant def = settingValue(SettingsValues(), s);
    switch (s.type) {
    case SettingType::String:
        if (!s.choices.isEmpty())
            return s.choices.last() == def.toString() ? s.choices.first() : s.choices.last();
        if (s.check == SettingCheck::HttpUrl || s.check == SettingCheck::OptionalHttpUrl)
            return u"https://example.test:8443/api/v1"_s;
        if (s.check == SettingCheck::TimeZone)
            return u"Europe/Berlin"_s;
        return u"  some text, with \"quotes\", ünïcödé and # hash  "_s;
    case SettingType::Int:
        return s.hasRange && def.toInt() + 1 > s.maximum ? def.toInt() - 1 : def.toInt() + 1;
    case SettingType::Double:
        return def.toDouble() + 0.125;
    case SettingType::Bool:
        return !def.toBool();
    case SettingType::StringList:
        if (s.check == SettingCheck::StatusCodes)
            return QStringList{u"429"_s, u"503"_s};
        if (s.check == SettingCheck::ProxyUrls)
            return QStringList{u"http://user:p%40ss@proxy.test:3128"_s, u"socks5://10.0.0.1:1080"_s};
        return QStringList{u"one"_s, u"two, with comma"_s, u"ünï"_s};
    case SettingType::StringMap:
        return QVariant::fromValue(StringMap{{u"X-Test"_s, u"a \"quoted\" value"_s}, {u"Y"_s, u""_s}});
    case SettingType::NumberMap:
        if (s.hasRange && s.minimum >= 1)  // API_KEY_WEIGHTS
            return QVariant::fromValue(NumberMap{{u"AIzaKeyOne"_s, 1}, {u"AIzaKeyTwo"_s, 250}});
        return QVariant::fromValue(NumberMap{{u"gemini-2.5-flash"_s, 1000}, {u"gemini-2.5-pro"_s, -1}, {u"m"_s, 0.1}});
    case SettingType::MapList:
        return QVariant::fromValue(MapList{{{u"category"_s, u"HARM_CATEGORY_HARASSMENT"_s}, {u"threshold"_s, u"BLOCK_NONE"_s}}});
    }
    return {};
}

} // namespace

class TestSettingSpec : public QObject
{
    Q_OBJECT

private slots:
    void tableCoversEveryFieldOnce();
    void tableMetadata();
    void secretAndRestartFlags();
    void roundTripEverySpec();
    void parse_data();
    void parse();
    void errorMessagesNameTheSetting();
    void secretsNeverInErrors();
    void coerce();
    void storageFormat();
};

void TestSettingSpec::tableCoversEveryFieldOnce()
{
    const QList<SettingSpec> &specs = settingSpecs();
    QCOMPARE(aggregateFieldCount<SettingsValues>(), std::size_t(87));
    QCOMPARE(specs.size(), qsizetype(87));

    QSet<QString> names;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        const SettingSpec &s = specs[i];
        QVERIFY2(!names.contains(s.name), qPrintable(s.name));
        names.insert(s.name);
        QCOMPARE(findSettingSpec(s.name), &s);
        for (qsizetype j = 0; j < i; ++j)
            QVERIFY2(!(specs[j].member == s.member), qPrintable(s.name + u" shares its field with "_s + specs[j].name));

        // Writing this spec's field changes exactly this spec's value.
        SettingsValues values;
        const QVariant other = otherValidValue(s);
        QVERIFY2(other != settingValue(values, s), qPrintable(s.name));
        setSettingValue(values, s, other);
        QCOMPARE(settingValue(values, s), other);
        const SettingsValues defaults;
        for (const SettingSpec &t : specs) {
            if (&t != &s)
                QVERIFY2(settingValue(values, t) == settingValue(defaults, t), qPrintable(s.name + u" wrote "_s + t.name));
        }
    }
    QVERIFY(!findSettingSpec(u"NO_SUCH_SETTING"_s));
    QVERIFY(!findSettingSpec(u"api_keys"_s));
}

void TestSettingSpec::tableMetadata()
{
    const QSet<QString> groups = {u"database"_s, u"api"_s, u"models"_s, u"media"_s, u"stream"_s,
                                  u"scheduler"_s, u"logging"_s, u"files"_s, u"admin"_s, u"keys"_s};
    static const QRegularExpression upperName(u"^[A-Z][A-Z0-9_]*$"_s);
    for (const SettingSpec &s : settingSpecs()) {
        QVERIFY2(upperName.match(s.name).hasMatch(), qPrintable(s.name));
        QVERIFY2(groups.contains(s.group), qPrintable(s.name));
        QCOMPARE(int(s.member.index()), int(s.type));  // type matches the field's C++ type
        QVERIFY2(s.description.size() > 10 && s.description.endsWith(u'.'), qPrintable(s.name));
        QVERIFY2(!s.description.chopped(1).contains(u". "_s), qPrintable(s.name + u": one sentence"_s));
        QVERIFY2(s.description.front().isUpper(), qPrintable(s.name));
        if (s.hasRange)
            QVERIFY(s.minimum <= s.maximum);
        // Every default is itself a valid value.
        const QVariant def = settingValue(SettingsValues(), s);
        const Result<QVariant> parsed = coerceSettingValue(s, def);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value(), def);
    }
    QCOMPARE(spec(u"API_KEYS"_s).group, u"api"_s);
    QCOMPARE(spec(u"MYSQL_PORT"_s).group, u"database"_s);
    QCOMPARE(spec(u"SAFETY_SETTINGS"_s).group, u"models"_s);
    QCOMPARE(spec(u"OSS_REGION"_s).group, u"media"_s);
    QCOMPARE(spec(u"STREAM_CHUNK_SIZE"_s).group, u"stream"_s);
    QCOMPARE(spec(u"TIMEZONE"_s).group, u"scheduler"_s);
    QCOMPARE(spec(u"LOG_LEVEL"_s).group, u"logging"_s);
    QCOMPARE(spec(u"FILES_CLEANUP_ENABLED"_s).group, u"files"_s);
    QCOMPARE(spec(u"ADMIN_SESSION_EXPIRE"_s).group, u"admin"_s);
}

void TestSettingSpec::secretAndRestartFlags()
{
    const QSet<QString> secrets = {u"MYSQL_PASSWORD"_s, u"API_KEYS"_s, u"ALLOWED_TOKENS"_s, u"AUTH_TOKEN"_s,
                                   u"VERTEX_API_KEYS"_s, u"PAID_KEY"_s, u"SMMS_SECRET_TOKEN"_s, u"PICGO_API_KEY"_s,
                                   u"CLOUDFLARE_IMGBED_AUTH_CODE"_s, u"OSS_ACCESS_KEY"_s, u"OSS_ACCESS_KEY_SECRET"_s,
                                   u"PROXIES"_s, u"API_KEY_WEIGHTS"_s, u"CUSTOM_HEADERS"_s};
    QSet<QString> flaggedSecret, flaggedRestart;
    for (const SettingSpec &s : settingSpecs()) {
        if (s.isSecret())
            flaggedSecret.insert(s.name);
        if (s.flags & RestartRequired)
            flaggedRestart.insert(s.name);
    }
    QCOMPARE(flaggedSecret, secrets);
    QCOMPARE(flaggedRestart, (QSet<QString>{u"DATABASE_TYPE"_s, u"SQLITE_DATABASE"_s, u"MYSQL_HOST"_s, u"MYSQL_PORT"_s,
                                            u"MYSQL_USER"_s, u"MYSQL_PASSWORD"_s, u"MYSQL_DATABASE"_s, u"MYSQL_SOCKET"_s, u"TLS_CERT_FILE"_s, u"TLS_KEY_FILE"_s, u"PROXY_THREADS"_s}));
}

void TestSettingSpec::roundTripEverySpec()
{
    for (const SettingSpec &s : settingSpecs()) {
        for (const QVariant &value : {settingValue(SettingsValues(), s), otherValidValue(s)}) {
            const Result<QVariant> coerced = coerceSettingValue(s, value);
            QVERIFY2(coerced.ok(), qPrintable(coerced.error()));
            QCOMPARE(coerced.value(), value);
            const QString text = formatSettingText(s, value);
            const Result<QVariant> parsed = parseSettingText(s, text);
            QVERIFY2(parsed.ok(), qPrintable(s.name + u": "_s + parsed.error()));
            QVERIFY2(parsed.value() == value, qPrintable(s.name + u" from "_s + text));
            QCOMPARE(parsed.value().metaType(), settingValue(SettingsValues(), s).metaType());
            QCOMPARE(formatSettingText(s, parsed.value()), text);
        }
    }
}

void TestSettingSpec::parse_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");  // formatted value, or "!" + part of the error

    auto row = [](const char *tag, const QString &name, const QString &text, const QString &expected) {
        QTest::newRow(tag) << name << text << expected;
    };
    // Lists
    row("list json", u"API_KEYS"_s, R"(["a","b"])"_u8, R"(["a","b"])"_u8);
    row("list json spaces", u"SEARCH_MODELS"_s, R"(  [ " a " , "b" ] )"_u8, R"(["a","b"])"_u8);
    row("list json empty", u"API_KEYS"_s, u"[]"_s, u"[]"_s);
    row("list json python quotes", u"API_KEYS"_s, u"['a', 'b']"_s, R"(["a","b"])"_u8);
    row("list comma", u"API_KEYS"_s, u"key1, key2 ,,key3,"_s, R"(["key1","key2","key3"])"_u8);
    row("list comma quoted items", u"API_KEYS"_s, R"("key1", 'key2')"_u8, R"(["key1","key2"])"_u8);
    row("list single value", u"THINKING_MODELS"_s, u"gemini-2.5-pro"_s, R"(["gemini-2.5-pro"])"_u8);
    row("list empty", u"API_KEYS"_s, u""_s, u"[]"_s);
    row("list blank", u"API_KEYS"_s, u"   "_s, u"[]"_s);
    row("list unicode", u"FILTERED_MODELS"_s, u"ünï,çødé"_s, R"(["ünï","çødé"])"_u8);
    row("list json number", u"API_KEYS"_s, R"(["a", 5])"_u8, u"!item 2 is not text but a number"_s);
    row("list json broken", u"API_KEYS"_s, R"(["a",)"_u8, u"!invalid JSON list: "_s);
    row("list json object", u"SEARCH_MODELS"_s, R"([{"a":"b"}])"_u8, u"!item 1 is not text but an object"_s);
    // String maps
    row("headers", u"CUSTOM_HEADERS"_s, R"({"X-A": "1", "X-B": ""})"_u8, R"({"X-A":"1","X-B":""})"_u8);
    row("headers empty", u"CUSTOM_HEADERS"_s, u""_s, u"{}"_s);
    row("headers python quotes", u"CUSTOM_HEADERS"_s, u"{'X-A': 'v'}"_s, R"({"X-A":"v"})"_u8);
    row("headers number", u"CUSTOM_HEADERS"_s, R"({"X-A": 1})"_u8, R"(!value of "X-A" is not text but a number)"_u8);
    row("headers list", u"CUSTOM_HEADERS"_s, R"(["a"])"_u8, u"!expected a JSON object, got a JSON list"_s);
    row("headers comma text", u"CUSTOM_HEADERS"_s, u"a,b"_s, u"!invalid JSON object"_s);
    row("headers empty name", u"CUSTOM_HEADERS"_s, R"({"": "x"})"_u8, u"!a name is empty"_s);
    // Number maps
    row("budget", u"THINKING_BUDGET_MAP"_s, R"({"gemini-2.5-flash": 1000, "pro": -1, "x": 0.5})"_u8,
        R"({"gemini-2.5-flash":1000,"pro":-1,"x":0.5})"_u8);
    row("budget python quotes", u"THINKING_BUDGET_MAP"_s, u"{'m': 512}"_s, R"({"m":512})"_u8);
    row("budget numeric text", u"THINKING_BUDGET_MAP"_s, R"({"m": "512"})"_u8, R"({"m":512})"_u8);
    row("budget text", u"THINKING_BUDGET_MAP"_s, R"({"m": "lots"})"_u8, R"(!value of "m" is not a number but "lots")"_u8);
    row("budget bool", u"THINKING_BUDGET_MAP"_s, R"({"m": true})"_u8, R"(!value of "m" is not a number but true)"_u8);
    row("budget below -1", u"THINKING_BUDGET_MAP"_s, R"({"m": -2})"_u8, R"(!value of "m" must be at least -1, got -2)"_u8);
    // Map lists
    row("safety", u"SAFETY_SETTINGS"_s, R"([{"category":"HARM_CATEGORY_HARASSMENT","threshold":"OFF"}])"_u8,
        R"([{"category":"HARM_CATEGORY_HARASSMENT","threshold":"OFF"}])"_u8);
    row("safety empty", u"SAFETY_SETTINGS"_s, u"[]"_s, u"[]"_s);
    row("safety number", u"SAFETY_SETTINGS"_s, R"([{"category":"X","threshold":1}])"_u8,
        R"(!item 1: value of "threshold" is not text but a number)"_u8);
    row("safety not objects", u"SAFETY_SETTINGS"_s, u"[1]"_s, u"!item 1: expected a JSON object, got a number"_s);
    row("safety object", u"SAFETY_SETTINGS"_s, u"{}"_s, u"!expected a JSON list, got a JSON object"_s);
    // Bools
    for (const char *yes : {"true", "TRUE", "True", "1", "yes", "On", "t", "Y", " on "})
        QTest::addRow("bool %s", yes) << u"SHOW_SEARCH_LINK"_s << QString::fromLatin1(yes) << u"true"_s;
    for (const char *no : {"false", "FALSE", "0", "no", "OFF", "f", "n"})
        QTest::addRow("bool %s", no) << u"SHOW_SEARCH_LINK"_s << QString::fromLatin1(no) << u"false"_s;
    row("bool junk", u"FAKE_STREAM_ENABLED"_s, u"maybe"_s, R"(!expected true or false (or 1/0, yes/no, on/off), got "maybe")"_u8);
    row("bool empty", u"FAKE_STREAM_ENABLED"_s, u""_s, u"!got an empty value"_s);
    row("bool 2", u"FAKE_STREAM_ENABLED"_s, u"2"_s, u"!expected true or false"_s);
    // Ints
    row("int", u"MAX_RETRIES"_s, u"5"_s, u"5"_s);
    row("int spaces", u"MAX_RETRIES"_s, u" 7 "_s, u"7"_s);
    row("int plus", u"MAX_RETRIES"_s, u"+4"_s, u"4"_s);
    row("int word", u"MAX_RETRIES"_s, u"three"_s, R"(!expected an integer, got "three")"_u8);
    row("int junk", u"MAX_RETRIES"_s, u"3x"_s, R"(!expected an integer, got "3x")"_u8);
    row("int fraction", u"MAX_RETRIES"_s, u"3.5"_s, u"!expected an integer"_s);
    row("int empty", u"MAX_RETRIES"_s, u""_s, u"!expected an integer, got an empty value"_s);
    row("int huge", u"MAX_FAILURES"_s, u"99999999999"_s, u"!must be at least 1, got 99999999999"_s);
    row("int zero retries", u"MAX_RETRIES"_s, u"0"_s, u"!must be at least 1, got 0"_s);
    row("port low", u"MYSQL_PORT"_s, u"0"_s, u"!must be between 1 and 65535, got 0"_s);
    row("port ok", u"MYSQL_PORT"_s, u"65535"_s, u"65535"_s);
    row("port high", u"MYSQL_PORT"_s, u"65536"_s, u"!must be between 1 and 65535"_s);
    row("session low", u"ADMIN_SESSION_EXPIRE"_s, u"299"_s, u"!must be between 300 and 86400, got 299"_s);
    row("session min", u"ADMIN_SESSION_EXPIRE"_s, u"300"_s, u"300"_s);
    row("session max", u"ADMIN_SESSION_EXPIRE"_s, u"86400"_s, u"86400"_s);
    row("session high", u"ADMIN_SESSION_EXPIRE"_s, u"86401"_s, u"!must be between 300 and 86400"_s);
    row("body 0", u"MAX_REQUEST_BODY_MB"_s, u"0"_s, u"!between 1 and 2048"_s);
    row("body 2049", u"MAX_REQUEST_BODY_MB"_s, u"2049"_s, u"!between 1 and 2048"_s);
    row("check off", u"CHECK_INTERVAL_HOURS"_s, u"0"_s, u"0"_s);
    row("check negative", u"CHECK_INTERVAL_HOURS"_s, u"-1"_s, u"!must be at least 0, got -1"_s);
    row("days 0", u"AUTO_DELETE_ERROR_LOGS_DAYS"_s, u"0"_s, u"!must be at least 1"_s);
    row("timeout 0", u"TIME_OUT"_s, u"0"_s, u"!must be between 1 and 86400"_s);
    row("fake interval 0", u"FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS"_s, u"0"_s, u"!must be at least 1"_s);
    // Doubles
    row("double", u"STREAM_MIN_DELAY"_s, u"0.5"_s, u"0.5"_s);
    row("double exp", u"STREAM_MAX_DELAY"_s, u"1e-3"_s, u"0.001"_s);
    row("double int", u"STREAM_MAX_DELAY"_s, u"2"_s, u"2"_s);
    row("double negative", u"STREAM_MIN_DELAY"_s, u"-0.1"_s, u"!must be at least 0, got -0.1"_s);
    row("double word", u"STREAM_MIN_DELAY"_s, u"fast"_s, R"(!expected a number, got "fast")"_u8);
    row("double nan", u"STREAM_MIN_DELAY"_s, u"nan"_s, u"!expected a number"_s);
    row("double inf", u"STREAM_MIN_DELAY"_s, u"inf"_s, u"!expected a number"_s);
    // Choices
    row("db mysql", u"DATABASE_TYPE"_s, u"MySQL"_s, u"mysql"_s);
    row("db postgres", u"DATABASE_TYPE"_s, u"postgres"_s, R"(!expected one of sqlite, mysql, got "postgres")"_u8);
    row("log lower", u"LOG_LEVEL"_s, u"debug"_s, u"DEBUG"_s);
    row("log spaces", u"LOG_LEVEL"_s, u" warning "_s, u"WARNING"_s);
    row("log warn", u"LOG_LEVEL"_s, u"warn"_s, u"!expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL"_s);
    row("upload", u"UPLOAD_PROVIDER"_s, u"Cloudflare_ImgBed"_s, u"cloudflare_imgbed"_s);
    row("upload bad", u"UPLOAD_PROVIDER"_s, u"s3"_s, u"!expected one of smms, picgo, cloudflare_imgbed, aliyun_oss"_s);
    // Plain strings are kept as written
    row("string", u"TTS_VOICE_NAME"_s, u" Puck "_s, u" Puck "_s);
    row("string empty", u"OSS_REGION"_s, u""_s, u""_s);
    // URLs
    row("url", u"BASE_URL"_s, u"https://gw.example/v1beta/"_s, u"https://gw.example/v1beta"_s);
    row("url plain", u"BASE_URL"_s, u" http://127.0.0.1:8080/v1beta "_s, u"http://127.0.0.1:8080/v1beta"_s);
    row("url host only", u"VERTEX_EXPRESS_BASE_URL"_s, u"https://host.example/"_s, u"https://host.example"_s);
    row("url ftp", u"BASE_URL"_s, u"ftp://x.example/"_s, u"!expected an absolute http:// or https:// URL, got \"ftp://x.example/\""_s);
    row("url relative", u"BASE_URL"_s, u"x.example/v1beta"_s, u"!expected an absolute http:// or https:// URL"_s);
    row("url empty", u"BASE_URL"_s, u""_s, u"!got an empty value"_s);
    row("url json list", u"BASE_URL"_s, u"[\"https://x.example\"]"_s, u"!(write the URL itself, not a JSON list)"_s);
    row("optional url empty", u"CLOUDFLARE_IMGBED_URL"_s, u""_s, u""_s);
    row("optional url", u"PICGO_API_URL"_s, u"https://p.example/upload/"_s, u"https://p.example/upload/"_s);
    row("optional url bad", u"CLOUDFLARE_IMGBED_URL"_s, u"imgbed.example"_s, u"!expected an absolute http:// or https:// URL"_s);
    // Proxies
    row("proxies", u"PROXIES"_s, u"http://u:p@proxy.example:8080, socks5://10.0.0.1:1080"_s,
        u"[\"http://u:p@proxy.example:8080\",\"socks5://10.0.0.1:1080\"]"_s);
    row("proxies json", u"PROXIES"_s, u"[\"https://proxy.example:443/\", \"socks5h://h.example:1\"]"_s,
        u"[\"https://proxy.example:443/\",\"socks5h://h.example:1\"]"_s);
    row("proxies empty json", u"PROXIES"_s, u"[]"_s, u"[]"_s);
    row("proxy ftp", u"PROXIES"_s, u"ftp://x:21"_s, u"!\"ftp://x:21\" is not an http://, https:// or socks5:// URL"_s);
    row("proxy second ftp", u"PROXIES"_s, u"http://a:1,ftp://x:21"_s, u"!item 2: \"ftp://x:21\" is not an http://"_s);
    row("proxy no port", u"PROXIES"_s, u"http://proxy.example"_s,
        u"!\"http://proxy.example\" is not a proxy URL of the form scheme://[user:password@]host:port"_s);
    row("proxy no scheme", u"PROXIES"_s, u"proxy.example:8080"_s, u"!is not an http://, https:// or socks5:// URL"_s);
    row("proxy path", u"PROXIES"_s, u"http://proxy.example:8080/x"_s, u"!is not a proxy URL of the form"_s);
    // Time zones
    row("tz", u"TIMEZONE"_s, u"Asia/Shanghai"_s, u"Asia/Shanghai"_s);
    row("tz spaces", u"TIMEZONE"_s, u" Europe/Berlin "_s, u"Europe/Berlin"_s);
    row("tz utc", u"TIMEZONE"_s, u"UTC"_s, u"UTC"_s);
    row("tz empty", u"TIMEZONE"_s, u""_s, u""_s);
    row("tz bad", u"TIMEZONE"_s, u"Mars/Olympus_Mons"_s, R"(!"Mars/Olympus_Mons" is not a known IANA time zone id)"_u8);
}

void TestSettingSpec::parse()
{
    QFETCH(QString, name);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const SettingSpec &s = spec(name);
    const Result<QVariant> result = parseSettingText(s, text);
    if (expected.startsWith(u'!')) {
        QVERIFY2(!result.ok(), qPrintable(u"accepted: "_s + (result.ok() ? formatSettingText(s, result.value()) : QString())));
        QVERIFY2(result.error().startsWith(name + u": "_s), qPrintable(result.error()));
        QVERIFY2(result.error().contains(expected.mid(1)), qPrintable(result.error()));
    } else {
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result.value().metaType(), settingValue(SettingsValues(), s).metaType());
        QCOMPARE(formatSettingText(s, result.value()), expected);
    }
}

void TestSettingSpec::errorMessagesNameTheSetting()
{
    QCOMPARE(parseSettingText(spec(u"MAX_RETRIES"_s), u"three"_s).error(), R"(MAX_RETRIES: expected an integer, got "three")"_u8);
    QCOMPARE(coerceSettingValue(spec(u"MAX_RETRIES"_s), QVariant(2.5)).error(), u"MAX_RETRIES: expected an integer, got 2.5"_s);
    // Control characters and long values are shown escaped and cut.
    const QString error = parseSettingText(spec(u"MAX_RETRIES"_s), u"a\nb"_s + QString(200, u'x')).error();
    QVERIFY2(error.contains(R"("a\nbxxx)"_u8) && error.endsWith(u"...\""_s) && error.size() < 160, qPrintable(error));
}

void TestSettingSpec::secretsNeverInErrors()
{
    const QString secret = u"SECRETVALUE123"_s;
    const QList<std::pair<QString, QString>> bad = {
        {u"API_KEYS"_s, u"[\""_s + secret + u"\", 5]"_s},
        {u"API_KEYS"_s, u"[\""_s + secret},
        {u"ALLOWED_TOKENS"_s, u"['"_s + secret + u"',"_s},
        {u"VERTEX_API_KEYS"_s, u"["_s + secret + u"]"_s},
        {u"PROXIES"_s, u"ftp://"_s + secret + u":pw"_s + secret + u"@host.example:21"_s},
        {u"PROXIES"_s, secret + u":"_s + secret + u"@host.example:8080"_s},
        {u"PROXIES"_s, u"http://"_s + secret + u":x@host.example"_s},
        {u"PROXIES"_s, u"http://a:1, "_s + secret},
    };
    for (const auto &[name, text] : bad) {
        const Result<QVariant> result = parseSettingText(spec(name), text);
        QVERIFY2(!result.ok(), qPrintable(name + u" accepted"_s));
        QVERIFY2(!result.error().contains(secret), qPrintable(result.error()));
    }
    // A secret value that fails is described by its length only.
    SettingSpec secretInt = spec(u"MAX_RETRIES"_s);
    secretInt.flags |= Secret;
    QCOMPARE(parseSettingText(secretInt, secret).error(), u"MAX_RETRIES: expected an integer, got a value of 14 characters"_s);
    QVERIFY(!parseSettingText(secretInt, u"0"_s).error().contains(u"got 0"_s));
    // Proxy errors show the proxy without its credentials.
    const QString proxyError = parseSettingText(spec(u"PROXIES"_s), u"ftp://user:"_s + secret + u"@host.example:21"_s).error();
    QCOMPARE(proxyError, u"PROXIES: \"ftp://host.example:21\" is not an http://, https:// or socks5:// URL"_s);
}

void TestSettingSpec::coerce()
{
    // JSON API bodies arrive as QJsonValue::toVariant() values.
    const auto coerce = [](const QString &name, const QVariant &v) { return coerceSettingValue(spec(name), v); };
    QCOMPARE(coerce(u"API_KEYS"_s, QVariantList{u" a "_s, u""_s, u"b"_s}).value(), QVariant(QStringList{u"a"_s, u"b"_s}));
    QVERIFY(!coerce(u"API_KEYS"_s, QVariantList{u"a"_s, 5}).ok());
    QCOMPARE(coerce(u"API_KEYS"_s, u"a,b"_s).value(), QVariant(QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(coerce(u"MAX_RETRIES"_s, 5.0).value(), QVariant(5));
    QCOMPARE(coerce(u"MAX_RETRIES"_s, qlonglong(6)).value(), QVariant(6));
    QCOMPARE(coerce(u"MAX_RETRIES"_s, u"7"_s).value(), QVariant(7));
    QVERIFY(!coerce(u"MAX_RETRIES"_s, true).ok());
    QVERIFY(!coerce(u"MAX_RETRIES"_s, QVariantList()).ok());
    QCOMPARE(coerce(u"STREAM_MIN_DELAY"_s, 1).value(), QVariant(1.0));
    QCOMPARE(coerce(u"SHOW_SEARCH_LINK"_s, false).value(), QVariant(false));
    QCOMPARE(coerce(u"SHOW_SEARCH_LINK"_s, 1).value(), QVariant(true));
    QCOMPARE(coerce(u"SHOW_SEARCH_LINK"_s, u"off"_s).value(), QVariant(false));
    QVERIFY(!coerce(u"SHOW_SEARCH_LINK"_s, 2).ok());
    QCOMPARE(coerce(u"LOG_LEVEL"_s, u"error"_s).value(), QVariant(u"ERROR"_s));
    QVERIFY(!coerce(u"TEST_MODEL"_s, 5).ok());
    QCOMPARE(coerce(u"CUSTOM_HEADERS"_s, QVariantMap{{u"X-A"_s, u"1"_s}}).value(),
             QVariant::fromValue(StringMap{{u"X-A"_s, u"1"_s}}));
    QVERIFY(!coerce(u"CUSTOM_HEADERS"_s, QVariantMap{{u"X-A"_s, 1}}).ok());
    QCOMPARE(coerce(u"THINKING_BUDGET_MAP"_s, QVariantMap{{u"m"_s, 1000}, {u"n"_s, -1.0}}).value(),
             QVariant::fromValue(NumberMap{{u"m"_s, 1000}, {u"n"_s, -1}}));
    QVERIFY(!coerce(u"THINKING_BUDGET_MAP"_s, QVariantMap{{u"m"_s, -3}}).ok());
    QVERIFY(!coerce(u"THINKING_BUDGET_MAP"_s, QVariant::fromValue(NumberMap{{u"m"_s, -3}})).ok());
    const QVariantList safety = {QVariantMap{{u"category"_s, u"C"_s}, {u"threshold"_s, u"OFF"_s}}};
    QCOMPARE(coerce(u"SAFETY_SETTINGS"_s, safety).value(),
             QVariant::fromValue(MapList{{{u"category"_s, u"C"_s}, {u"threshold"_s, u"OFF"_s}}}));
    QVERIFY(!coerce(u"SAFETY_SETTINGS"_s, QVariantList{QVariantMap{{u"threshold"_s, 0}}}).ok());
    QVERIFY(!coerce(u"SAFETY_SETTINGS"_s, QVariantMap()).ok());
    QVERIFY(!coerce(u"PROXIES"_s, QStringList{u"ftp://x:1"_s}).ok());
}

void TestSettingSpec::storageFormat()
{
    // The text written to storage is what gemini-balance writes: JSON for lists and
    // maps, "true"/"false" for bools, str() otherwise.
    const SettingsValues v;
    const auto text = [&](const QString &name) { return formatSettingText(spec(name), settingValue(v, spec(name))); };
    QCOMPARE(text(u"SEARCH_MODELS"_s), R"(["gemini-2.5-flash","gemini-2.5-pro"])"_u8);
    QCOMPARE(text(u"API_KEYS"_s), u"[]"_s);
    QCOMPARE(text(u"CUSTOM_HEADERS"_s), u"{}"_s);
    QCOMPARE(text(u"SHOW_SEARCH_LINK"_s), u"true"_s);
    QCOMPARE(text(u"URL_CONTEXT_ENABLED"_s), u"false"_s);
    QCOMPARE(text(u"MAX_FAILURES"_s), u"3"_s);
    QCOMPARE(text(u"STREAM_MIN_DELAY"_s), u"0.016"_s);
    QCOMPARE(text(u"BASE_URL"_s), u"https://generativelanguage.googleapis.com/v1beta"_s);
    QVERIFY(text(u"SAFETY_SETTINGS"_s).startsWith(R"([{"category":"HARM_CATEGORY_HARASSMENT","threshold":"OFF"},)"_u8));
}

QTEST_GUILESS_MAIN(TestSettingSpec)
#include "tst_settingspec.moc"
