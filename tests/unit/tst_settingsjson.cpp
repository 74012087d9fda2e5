// The admin API's JSON view of the settings: every secret masked, the schema with sources,
// PUT validation (all-or-nothing, masked echoes ignored).

#include "settings/SettingSpec.h"
#include "settings/Settings.h"
#include "settings/SettingsJson.h"

#include <QJsonArray>
#include <algorithm>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {
// A recognisable value for every secret setting, and the texts that must never appear in
// full in an answer. Fails the test for a secret of a type it does not know.
bool fillSecrets(SettingsValues &values, QStringList *secrets, int *handled)
{
    for (const SettingSpec &spec : settingSpecs()) {
        if (!spec.isSecret())
            continue;
        const QString tag = u"S3cret"_s + spec.name + u"0123456789abcdef"_s;
        switch (spec.type) {
        case SettingType::String:
            setSettingValue(values, spec, tag);
            *secrets << tag;
            break;
        case SettingType::StringList: {
            QStringList items;
            if (spec.name == u"PROXIES"_s) {
                items = {u"http://alice:"_s + tag + u"@proxy.example:8080"_s, u"socks5://bob:"_s + tag + u"x@10.0.0.1:1080"_s};
                *secrets << tag;  // the passwords
            } else {
                items = {tag + u"-one"_s, tag + u"-two"_s, tag + u"-three"_s};
                *secrets << items;
            }
            setSettingValue(values, spec, items);
            break;
        }
        case SettingType::StringMap:
            setSettingValue(values, spec, QVariant::fromValue(StringMap{{u"X-Api-Key"_s, tag}}));
            *secrets << tag;
            break;
        case SettingType::NumberMap:
            setSettingValue(values, spec, QVariant::fromValue(NumberMap{{tag, 5.0}}));
            *secrets << tag;
            break;
        default:
            qWarning().noquote() << "secret setting of an untested type:" << spec.name;
            return false;
        }
        ++*handled;
    }
    return true;
}
} // namespace

class TestSettingsJson : public QObject
{
    Q_OBJECT
private slots:
    void everySecretIsMasked()
    {
        SettingsValues values;
        QStringList secrets;
        int handled = 0;
        QVERIFY(fillSecrets(values, &secrets, &handled));
        const auto secretCount = std::count_if(settingSpecs().cbegin(), settingSpecs().cend(),
                                               [](const SettingSpec &s) { return s.isSecret(); });
        QCOMPARE(handled, int(secretCount));
        QVERIFY(handled >= 14);

        const QJsonObject config = maskedConfigJson(values);
        const QByteArray text = QJsonDocument(config).toJson(QJsonDocument::Compact);
        for (const QString &secret : std::as_const(secrets))
            QVERIFY2(!text.contains(secret.toUtf8()), qPrintable(u"in full: "_s + secret.left(12)));
        // Every setting is there; masked lists keep their count and a hint.
        QCOMPARE(config.size(), settingSpecs().size());
        const QJsonArray keys = config.value(u"API_KEYS"_s).toArray();
        QCOMPARE(keys.size(), 3);
        QVERIFY(keys.at(0).toString().startsWith(u"S3cret"_s));
        QVERIFY(keys.at(0).toString().contains(QChar(0x2026)));
        QCOMPARE(config.value(u"PROXIES"_s).toArray().size(), 2);
        QVERIFY(config.value(u"PROXIES"_s).toArray().at(0).toString().endsWith(u"@proxy.example:8080"_s));
        QVERIFY(config.value(u"CUSTOM_HEADERS"_s).toObject().contains(u"X-Api-Key"_s));
        // Not secret: shown as they are, typed.
        QCOMPARE(config.value(u"MAX_RETRIES"_s), QJsonValue(3));
        QCOMPARE(config.value(u"SHOW_SEARCH_LINK"_s), QJsonValue(true));
        QCOMPARE(config.value(u"TEST_MODEL"_s), QJsonValue(u"gemini-2.5-flash-lite"_s));
        QVERIFY(config.value(u"SEARCH_MODELS"_s).isArray());
        QVERIFY(config.value(u"SAFETY_SETTINGS"_s).isArray());
        QCOMPARE(config.value(u"STREAM_MIN_DELAY"_s).toDouble(), 0.016);
    }

    void schemaHasSourcesAndFlags()
    {
        SettingsValues values;
        values.maxRetries = 7;
        values.authToken = u"an-admin-token-that-is-long"_s;
        Settings settings(values, {{u"MAX_RETRIES"_s, SettingSource::Saved},
                                   {u"TIME_OUT"_s, SettingSource::DotEnv},
                                   {u"BASE_URL"_s, SettingSource::Environment}});
        const QJsonObject schema = configSchemaJson(settings);
        QCOMPARE(schema.size(), settingSpecs().size());
        QCOMPARE(schema.value(u"MAX_RETRIES"_s)[u"source"_s].toString(), u"saved"_s);
        QCOMPARE(schema.value(u"TIME_OUT"_s)[u"source"_s].toString(), u".env"_s);
        QCOMPARE(schema.value(u"BASE_URL"_s)[u"source"_s].toString(), u"environment"_s);
        QCOMPARE(schema.value(u"TEST_MODEL"_s)[u"source"_s].toString(), u"default"_s);
        QCOMPARE(schema.value(u"MAX_RETRIES"_s)[u"type"_s].toString(), u"integer"_s);
        QCOMPARE(schema.value(u"MAX_RETRIES"_s)[u"default"_s].toInt(), 3);
        QCOMPARE(schema.value(u"AUTH_TOKEN"_s)[u"secret"_s].toBool(), true);
        QCOMPARE(schema.value(u"MAX_RETRIES"_s)[u"secret"_s].toBool(), false);
        QCOMPARE(schema.value(u"DATABASE_TYPE"_s)[u"restart_required"_s].toBool(), true);
        QCOMPARE(schema.value(u"API_KEYS"_s)[u"group"_s].toString(), u"api"_s);
        QVERIFY(!schema.value(u"API_KEYS"_s)[u"description"_s].toString().isEmpty());
        QVERIFY(!QJsonDocument(schema).toJson().contains("an-admin-token-that-is-long"));
    }

    void putIsAllOrNothingAndNamesEveryBadField()
    {
        SettingsValues current;
        const ConfigUpdate update = prepareConfigUpdate(
            QJsonObject{{u"MAX_RETRIES"_s, 5}, {u"TIME_OUT"_s, u"soon"_s}, {u"NO_SUCH_SETTING"_s, 1},
                        {u"SHOW_SEARCH_LINK"_s, u"maybe"_s}},
            current);
        QCOMPARE(update.errors.size(), 3);
        const QString all = update.errors.join(u'\n');
        QVERIFY(all.contains(u"TIME_OUT"_s));
        QVERIFY(all.contains(u"NO_SUCH_SETTING"_s));
        QVERIFY(all.contains(u"SHOW_SEARCH_LINK"_s));
        QVERIFY(!all.contains(u"MAX_RETRIES"_s));

        // Settings::apply is all-or-nothing too.
        Settings settings(current, {});
        QVERIFY(!settings.apply({{u"MAX_RETRIES"_s, 5}, {u"TIME_OUT"_s, u"soon"_s}}, SettingSource::Saved).ok());
        QCOMPARE(settings.snapshot()->maxRetries, 3);
        QCOMPARE(settings.source(u"MAX_RETRIES"_s), SettingSource::Default);

        // Good values: typed, only what changed.
        const ConfigUpdate good = prepareConfigUpdate(
            QJsonObject{{u"MAX_RETRIES"_s, 5}, {u"TIME_OUT"_s, 300}, {u"SEARCH_MODELS"_s, QJsonArray{u"a"_s, u"b"_s}}},
            current);
        QVERIFY2(good.errors.isEmpty(), qPrintable(good.errors.join(u'\n')));
        QCOMPARE(good.changes.keys(), (QStringList{u"MAX_RETRIES"_s, u"SEARCH_MODELS"_s}));
        QCOMPARE(good.changes.value(u"MAX_RETRIES"_s).toInt(), 5);
        QCOMPARE(good.unchanged, QStringList{u"TIME_OUT"_s});
    }

    void maskedEchoKeepsSecrets()
    {
        SettingsValues current;
        QStringList secrets;
        int handled = 0;
        QVERIFY(fillSecrets(current, &secrets, &handled));
        // A client GETs everything, changes one field and PUTs it all back.
        QJsonObject body = maskedConfigJson(current);
        body.insert(u"MAX_RETRIES"_s, 9);
        const ConfigUpdate update = prepareConfigUpdate(body, current);
        QVERIFY2(update.errors.isEmpty(), qPrintable(update.errors.join(u'\n')));
        QCOMPARE(update.changes.keys(), QStringList{u"MAX_RETRIES"_s});

        // Masked list items stand for the current items: drop one, add a new one.
        QJsonArray keys = body.value(u"API_KEYS"_s).toArray();
        keys.removeAt(0);
        keys.append(u"AIzaNewKeyNewKeyNewKeyNewKeyNewKey12345"_s);
        const ConfigUpdate edit = prepareConfigUpdate(QJsonObject{{u"API_KEYS"_s, keys}}, current);
        QVERIFY2(edit.errors.isEmpty(), qPrintable(edit.errors.join(u'\n')));
        QCOMPARE(edit.changes.value(u"API_KEYS"_s).toStringList(),
                 (QStringList{current.apiKeys.at(1), current.apiKeys.at(2), u"AIzaNewKeyNewKeyNewKeyNewKeyNewKey12345"_s}));

        // A mask that stands for nothing is refused, never stored.
        const ConfigUpdate bogus =
            prepareConfigUpdate(QJsonObject{{u"PAID_KEY"_s, u"AIzaXY"_s + QString(QChar(0x2026)) + u"zzzz"_s}}, current);
        QCOMPARE(bogus.errors.size(), 1);
        QVERIFY(bogus.errors.first().contains(u"PAID_KEY"_s));
        QVERIFY(bogus.changes.isEmpty());
    }

    void databaseAndEmptyAdminTokenRefused()
    {
        SettingsValues current;
        current.authToken = u"admin-token-0123456789"_s;
        const ConfigUpdate update = prepareConfigUpdate(
            QJsonObject{{u"DATABASE_TYPE"_s, u"mysql"_s}, {u"AUTH_TOKEN"_s, u""_s}, {u"SQLITE_DATABASE"_s, current.sqliteDatabase}},
            current);
        QCOMPARE(update.errors.size(), 2);
        QVERIFY(update.errors.join(u'\n').contains(u"DATABASE_TYPE"_s));
        QVERIFY(update.errors.join(u'\n').contains(u"AUTH_TOKEN"_s));
        QCOMPARE(update.unchanged, QStringList{u"SQLITE_DATABASE"_s});  // sent back unchanged: fine
    }
};

QTEST_GUILESS_MAIN(TestSettingsJson)
#include "tst_settingsjson.moc"
