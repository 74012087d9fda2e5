// Form edits (the desktop's Settings and Models pages) go through the admin API's rules:
// text as in .env or typed values, errors by setting name, all-or-nothing, source Saved.

#include "settings/SettingsEdits.h"
#include "settings/SettingsJson.h"
#include "settings/Settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestSettingsEdits : public QObject
{
    Q_OBJECT
private slots:
    void textAndTypedValuesApplyAsSaved()
    {
        Settings settings;
        QSignalSpy changed(&settings, &Settings::changed);
        const SettingsEditResult r = applySettingEdits(settings, {{u"MAX_RETRIES"_s, 5},
                                                                  {u"SEARCH_MODELS"_s, u"m-1, m-2"_s},
                                                                  {u"THINKING_BUDGET_MAP"_s, u"{\"m-1\": 1024}"_s},
                                                                  {u"SHOW_SEARCH_LINK"_s, false},
                                                                  {u"MAX_FAILURES"_s, 3}});  // unchanged
        QVERIFY(r.ok());
        QCOMPARE(r.applied, (QStringList{u"MAX_RETRIES"_s, u"SEARCH_MODELS"_s, u"SHOW_SEARCH_LINK"_s, u"THINKING_BUDGET_MAP"_s}));
        const auto v = settings.snapshot();
        QCOMPARE(v->maxRetries, 5);
        QCOMPARE(v->searchModels, (QStringList{u"m-1"_s, u"m-2"_s}));
        QCOMPARE(v->thinkingBudgetMap.value(u"m-1"_s), 1024.0);
        QCOMPARE(v->showSearchLink, false);
        QCOMPARE(settings.source(u"MAX_RETRIES"_s), SettingSource::Saved);
        QCOMPARE(settings.source(u"MAX_FAILURES"_s), SettingSource::Default);  // not touched
        QCOMPARE(changed.count(), 1);
    }

    void errorsAreByNameAndNothingApplies()
    {
        SettingsValues values;
        values.authToken = u"admin-token-for-the-edits-test-0001"_s;
        Settings settings(values, {});
        const SettingsEditResult r = applySettingEdits(settings, {{u"MAX_RETRIES"_s, 2},
                                                                  {u"BASE_URL"_s, u"ftp://nowhere"_s},
                                                                  {u"FILTERED_MODELS"_s, u"[\"a\","_s},
                                                                  {u"MYSQL_HOST"_s, u"db.example"_s},
                                                                  {u"AUTH_TOKEN"_s, QString()},
                                                                  {u"NO_SUCH_SETTING"_s, 1}});
        QVERIFY(!r.ok());
        // Every refused field at once, each by its name: unparsable text, unknown names and
        // the admin API's own rules (database group, empty AUTH_TOKEN).
        QCOMPARE(r.errors.keys(), (QStringList{u"AUTH_TOKEN"_s, u"BASE_URL"_s, u"FILTERED_MODELS"_s, u"MYSQL_HOST"_s,
                                               u"NO_SUCH_SETTING"_s}));
        QVERIFY(r.errors.value(u"FILTERED_MODELS"_s).startsWith(u"FILTERED_MODELS"_s));
        QVERIFY(r.errors.value(u"BASE_URL"_s).startsWith(u"BASE_URL"_s));
        QVERIFY(r.errors.value(u"MYSQL_HOST"_s).contains(u".env"_s));
        QVERIFY(r.applied.isEmpty());
        QCOMPARE(settings.snapshot()->maxRetries, 3);
        QCOMPARE(settings.snapshot()->authToken, values.authToken);
    }

    void aMaskedListStandsForTheCurrentOne()
    {
        SettingsValues values;
        values.apiKeys = {u"AIzaSyEditsTestKeyNumber01xxxxxxxxxaaaa"_s, u"AIzaSyEditsTestKeyNumber02xxxxxxxxxbbbb"_s};
        Settings settings(values, {});
        const SettingSpec *spec = findSettingSpec(u"API_KEYS"_s);
        const QJsonArray masked = maskedSettingJson(*spec, QVariant(values.apiKeys)).toArray();
        const QString maskedText = QString::fromUtf8(QJsonDocument(masked).toJson(QJsonDocument::Compact));
        QVERIFY(!maskedText.contains(values.apiKeys.first()));
        SettingsEditResult r = applySettingEdits(settings, {{u"API_KEYS"_s, maskedText}});
        QVERIFY(r.ok());
        QVERIFY(r.applied.isEmpty());
        QCOMPARE(settings.snapshot()->apiKeys, values.apiKeys);
        // One masked item kept, one new key added.
        const QString edited = u"[\"%1\",\"AIzaSyEditsTestKeyNumber03xxxxxxxxxcccc\"]"_s.arg(masked.at(1).toString());
        r = applySettingEdits(settings, {{u"API_KEYS"_s, edited}});
        QVERIFY(r.ok());
        QCOMPARE(settings.snapshot()->apiKeys,
                 (QStringList{values.apiKeys.at(1), u"AIzaSyEditsTestKeyNumber03xxxxxxxxxcccc"_s}));
    }
};

QTEST_MAIN(TestSettingsEdits)
#include "tst_settingsedits.moc"
