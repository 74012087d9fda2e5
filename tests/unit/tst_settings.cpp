#include "settings/SettingSpec.h"
#include "settings/Settings.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace gb;

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void sourceNames();
    void defaults();
    void constructedWithValues();
    void applyTextAndTypedValues();
    void applyJsonBody();
    void unchangedValuesEmitNothing();
    void applyIsAllOrNothing();
    void errorsNeverLeakSecrets();
    void oldSnapshotStaysUnchanged();
    void replaceEmitsWhatChanged();
    void concurrentReadersSeeWholeSnapshots();
};

void TestSettings::sourceNames()
{
    QCOMPARE(settingSourceName(SettingSource::Default), u"default"_s);
    QCOMPARE(settingSourceName(SettingSource::DotEnv), u".env"_s);
    QCOMPARE(settingSourceName(SettingSource::Environment), u"environment"_s);
    QCOMPARE(settingSourceName(SettingSource::Saved), u"saved"_s);
}

void TestSettings::defaults()
{
    Settings settings;
    const auto snapshot = settings.snapshot();
    QVERIFY(snapshot);
    QCOMPARE(snapshot->maxRetries, 3);
    QCOMPARE(snapshot->searchModels.size(), qsizetype(2));
    QCOMPARE(settings.source(u"API_KEYS"_s), SettingSource::Default);
    QCOMPARE(settings.source(u"NOT_A_SETTING"_s), SettingSource::Default);
}

void TestSettings::constructedWithValues()
{
    SettingsValues values;
    values.maxFailures = 11;
    Settings settings(values, {{u"MAX_FAILURES"_s, SettingSource::DotEnv}});
    QCOMPARE(settings.snapshot()->maxFailures, 11);
    QCOMPARE(settings.source(u"MAX_FAILURES"_s), SettingSource::DotEnv);
}

void TestSettings::applyTextAndTypedValues()
{
    Settings settings;
    QSignalSpy spy(&settings, &Settings::changed);
    const Result<void> result = settings.apply({{u"MAX_RETRIES"_s, u"5"_s},
                                                {u"API_KEYS"_s, u"k1, k2"_s},
                                                {u"SHOW_SEARCH_LINK"_s, false},
                                                {u"STREAM_MIN_DELAY"_s, 0.5},
                                                {u"LOG_LEVEL"_s, u"debug"_s},
                                                {u"THINKING_MODELS"_s, QStringList{u"gemini-2.5-pro"_s}}},
                                               SettingSource::Saved);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const auto v = settings.snapshot();
    QCOMPARE(v->maxRetries, 5);
    QCOMPARE(v->apiKeys, (QStringList{u"k1"_s, u"k2"_s}));
    QCOMPARE(v->showSearchLink, false);
    QCOMPARE(v->streamMinDelay, 0.5);
    QCOMPARE(v->logLevel, u"DEBUG"_s);
    QCOMPARE(v->thinkingModels, QStringList{u"gemini-2.5-pro"_s});
    QCOMPARE(settings.source(u"MAX_RETRIES"_s), SettingSource::Saved);
    QCOMPARE(settings.source(u"MAX_FAILURES"_s), SettingSource::Default);

    QCOMPARE(spy.count(), 1);
    QStringList names = spy.at(0).at(0).toStringList();
    names.sort();
    QCOMPARE(names, (QStringList{u"API_KEYS"_s, u"LOG_LEVEL"_s, u"MAX_RETRIES"_s, u"SHOW_SEARCH_LINK"_s,
                                 u"STREAM_MIN_DELAY"_s, u"THINKING_MODELS"_s}));
}

void TestSettings::applyJsonBody()
{
    // What an admin API PUT body becomes after QJsonDocument::toVariant().
    const QJsonDocument body = QJsonDocument::fromJson(R"({
        "MAX_FAILURES": 8,
        "CUSTOM_HEADERS": {"X-A": "1"},
        "THINKING_BUDGET_MAP": {"gemini-2.5-flash": 1000, "gemini-2.5-pro": -1},
        "SAFETY_SETTINGS": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
        "API_KEYS": ["a", "b"],
        "URL_CONTEXT_ENABLED": true
    })");
    QVERIFY(body.isObject());
    Settings settings;
    const Result<void> result = settings.apply(body.toVariant().toMap(), SettingSource::Saved);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const auto v = settings.snapshot();
    QCOMPARE(v->maxFailures, 8);
    QCOMPARE(v->customHeaders, (StringMap{{u"X-A"_s, u"1"_s}}));
    QCOMPARE(v->thinkingBudgetMap, (NumberMap{{u"gemini-2.5-flash"_s, 1000}, {u"gemini-2.5-pro"_s, -1}}));
    QCOMPARE(v->safetySettings, (MapList{{{u"category"_s, u"HARM_CATEGORY_HARASSMENT"_s}, {u"threshold"_s, u"BLOCK_NONE"_s}}}));
    QCOMPARE(v->apiKeys, (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(v->urlContextEnabled, true);
}

void TestSettings::unchangedValuesEmitNothing()
{
    Settings settings;
    QSignalSpy spy(&settings, &Settings::changed);
    const auto before = settings.snapshot();
    QVERIFY(settings.apply({{u"MAX_RETRIES"_s, 3}, {u"LOG_LEVEL"_s, u"info"_s}}, SettingSource::Saved).ok());
    QCOMPARE(spy.count(), 0);
    QCOMPARE(settings.snapshot(), before);  // nothing swapped
    QCOMPARE(settings.source(u"MAX_RETRIES"_s), SettingSource::Saved);  // but the source is recorded

    QVERIFY(settings.apply({{u"MAX_RETRIES"_s, 3}, {u"MAX_FAILURES"_s, u"4"_s}}, SettingSource::Saved).ok());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList{u"MAX_FAILURES"_s});

    QVERIFY(settings.apply({}, SettingSource::Saved).ok());
    QCOMPARE(spy.count(), 1);
}

void TestSettings::applyIsAllOrNothing()
{
    Settings settings;
    QSignalSpy spy(&settings, &Settings::changed);
    const auto before = settings.snapshot();
    const Result<void> result = settings.apply({{u"MAX_FAILURES"_s, 9},
                                                {u"MAX_RETRIES"_s, u"three"_s},
                                                {u"APIKEYS"_s, u"x"_s},
                                                {u"MYSQL_PORT"_s, 70000},
                                                {u"API_KEYS"_s, u"fine"_s}},
                                               SettingSource::Saved);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().split(u'\n'),
             (QStringList{u"unknown setting APIKEYS; did you mean API_KEYS?"_s,
                          u"MAX_RETRIES: expected an integer, got \"three\""_s,
                          u"MYSQL_PORT: must be between 1 and 65535, got 70000"_s}));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(settings.snapshot(), before);
    QCOMPARE(settings.snapshot()->maxFailures, 3);
    QCOMPARE(settings.snapshot()->apiKeys, QStringList());
    QCOMPARE(settings.source(u"MAX_FAILURES"_s), SettingSource::Default);
}

void TestSettings::errorsNeverLeakSecrets()
{
    Settings settings;
    const Result<void> result = settings.apply({{u"API_KEYS"_s, QVariantList{u"SECRETKEY"_s, 7}},
                                                {u"PROXIES"_s, u"socks4://SECRETUSER:SECRETPW@h.example:1"_s},
                                                {u"ALLOWED_TOKENS"_s, u"[\"SECRETTOKEN\""_s}},
                                               SettingSource::Saved);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().count(u'\n'), 2);
    QVERIFY2(!result.error().contains(u"SECRET"_s), qPrintable(result.error()));
}

void TestSettings::oldSnapshotStaysUnchanged()
{
    Settings settings;
    const auto old = settings.snapshot();
    QVERIFY(settings.apply({{u"MAX_RETRIES"_s, 7}, {u"API_KEYS"_s, u"a,b"_s}}, SettingSource::Saved).ok());
    const auto now = settings.snapshot();
    QVERIFY(old != now);
    QCOMPARE(old->maxRetries, 3);
    QCOMPARE(old->apiKeys, QStringList());
    QCOMPARE(now->maxRetries, 7);
    QCOMPARE(now->apiKeys.size(), qsizetype(2));
}

void TestSettings::replaceEmitsWhatChanged()
{
    Settings settings;
    QSignalSpy spy(&settings, &Settings::changed);
    SettingsValues values;
    values.timeOut = 42;
    values.imageModels.clear();
    settings.replace(values, {{u"TIME_OUT"_s, SettingSource::Environment}});
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), (QStringList{u"TIME_OUT"_s, u"IMAGE_MODELS"_s}));  // display order
    QCOMPARE(settings.snapshot()->timeOut, 42);
    QCOMPARE(settings.source(u"TIME_OUT"_s), SettingSource::Environment);

    settings.replace(values, {});
    QCOMPARE(spy.count(), 1);
    QCOMPARE(settings.source(u"TIME_OUT"_s), SettingSource::Default);
}

void TestSettings::concurrentReadersSeeWholeSnapshots()
{
    // Each apply sets MAX_RETRIES and MAX_FAILURES to the same number; a reader must
    // never see a snapshot where they differ.
    Settings settings;
    QVERIFY(settings.apply({{u"MAX_RETRIES"_s, 1}, {u"MAX_FAILURES"_s, 1}, {u"API_KEYS"_s, u"key0"_s}}, SettingSource::Saved).ok());
    std::atomic<bool> stop = false;
    std::atomic<int> torn = 0;
    std::atomic<long> reads = 0;
    std::vector<std::thread> readers;
    for (int i = 0; i < 4; ++i) {
        readers.emplace_back([&] {
            while (!stop.load()) {
                const auto s = settings.snapshot();
                if (s->maxRetries != s->maxFailures || s->apiKeys.size() != s->maxRetries)
                    ++torn;
                ++reads;
            }
        });
    }
    for (int n = 1; n <= 300; ++n) {
        QStringList keys;
        for (int k = 0; k < n; ++k)
            keys << u"key%1"_s.arg(k);
        const Result<void> r = settings.apply({{u"MAX_RETRIES"_s, n}, {u"MAX_FAILURES"_s, n}, {u"API_KEYS"_s, keys}},
                                              SettingSource::Saved);
        QVERIFY(r.ok());
    }
    stop = true;
    for (std::thread &t : readers)
        t.join();
    QCOMPARE(torn.load(), 0);
    QVERIFY(reads.load() > 0);
    QCOMPARE(settings.snapshot()->maxRetries, 300);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
