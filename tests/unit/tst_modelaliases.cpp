#include "models/ModelAliases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestModelAliases : public QObject
{
    Q_OBJECT

    static SettingsValues settings()
    {
        SettingsValues s;
        s.searchModels = {u"gemini-2.5-flash"_s};
        s.imageModels = {u"gemini-2.0-flash-exp"_s};
        s.thinkingModels = {u"gemini-2.5-flash"_s, u"gemini-2.5-pro"_s, u"gemini-3-pro-preview"_s};
        s.filteredModels = {u"chat-bison-001"_s};
        return s;
    }

    static QJsonObject json(const QByteArray &b) { return QJsonDocument::fromJson(b).object(); }

private slots:
    void resolve()
    {
        const SettingsValues s = settings();
        QCOMPARE(resolveModel(u"gemini-2.5-flash-search"_s, s).real, u"gemini-2.5-flash"_s);
        QCOMPARE(resolveModel(u"gemini-2.5-flash-search"_s, s).alias, ModelAlias::Search);
        QCOMPARE(resolveModel(u"gemini-2.0-flash-exp-image"_s, s).alias, ModelAlias::Image);
        QCOMPARE(resolveModel(u"gemini-2.5-pro-non-thinking"_s, s).real, u"gemini-2.5-pro"_s);
        // Not an alias when the base is not listed: the name goes upstream unchanged.
        QCOMPARE(resolveModel(u"gemini-2.5-pro-search"_s, s).alias, ModelAlias::None);
        QCOMPARE(resolveModel(u"gemini-2.5-pro-search"_s, s).real, u"gemini-2.5-pro-search"_s);
        QCOMPARE(resolveModel(u"gemini-2.5-flash"_s, s).alias, ModelAlias::None);
        QVERIFY(isFilteredModel(u"chat-bison-001"_s, s));
        QVERIFY(isFilteredModel(u"models/chat-bison-001"_s, s));
        QVERIFY(!isFilteredModel(u"gemini-2.5-flash"_s, s));
    }

    void realModelBodiesAreNeverRewritten()
    {
        const QByteArray body = R"({"contents":[], "unknownField": {"x": 1}})";
        QCOMPARE(applyAliasToBody(ModelAlias::None, u"gemini-2.5-flash"_s, body), body);
    }

    void searchAddsTool()
    {
        const QJsonObject out = json(applyAliasToBody(ModelAlias::Search, u"gemini-2.5-flash"_s, R"({"contents":[]})"));
        QCOMPARE(out.value(u"tools"_s).toArray().size(), 1);
        QVERIFY(out.value(u"tools"_s).toArray().at(0).toObject().contains(u"googleSearch"_s));
        // With function declarations the search tool is not added.
        const QByteArray withFunctions = R"({"tools":[{"functionDeclarations":[{"name":"f"}]}]})";
        QCOMPARE(applyAliasToBody(ModelAlias::Search, u"m"_s, withFunctions), withFunctions);
    }

    void imageAndNonThinking()
    {
        const QJsonObject image = json(applyAliasToBody(ModelAlias::Image, u"gemini-2.0-flash-exp"_s, "{}"));
        QCOMPARE(image.value(u"generationConfig"_s).toObject().value(u"responseModalities"_s).toArray().size(), 2);

        const auto budget = [](const QString &model) {
            return json(applyAliasToBody(ModelAlias::NonThinking, model, R"({"generationConfig":{"temperature":0.2}})"))
                .value(u"generationConfig"_s).toObject();
        };
        QCOMPARE(budget(u"gemini-2.5-flash"_s).value(u"thinkingConfig"_s).toObject().value(u"thinkingBudget"_s).toInt(), 0);
        QCOMPARE(budget(u"gemini-2.5-flash"_s).value(u"temperature"_s).toDouble(), 0.2);
        QCOMPARE(budget(u"gemini-2.5-pro"_s).value(u"thinkingConfig"_s).toObject().value(u"thinkingBudget"_s).toInt(), 128);
        QCOMPARE(budget(u"gemini-3-pro-preview"_s).value(u"thinkingConfig"_s).toObject().value(u"thinkingLevel"_s).toString(),
                 u"low"_s);
        // The client's own thinking config wins.
        const QByteArray own = R"({"generationConfig":{"thinkingConfig":{"thinkingBudget":512}}})";
        QCOMPARE(applyAliasToBody(ModelAlias::NonThinking, u"gemini-2.5-flash"_s, own), own);
    }

    void modelListFilteredWithAliasesAfterBase()
    {
        const QJsonArray upstream{
            QJsonObject{{u"name"_s, u"models/gemini-2.5-flash"_s}, {u"displayName"_s, u"Gemini 2.5 Flash"_s}},
            QJsonObject{{u"name"_s, u"models/chat-bison-001"_s}, {u"displayName"_s, u"Bison"_s}},
            QJsonObject{{u"name"_s, u"models/gemini-2.5-pro"_s}, {u"displayName"_s, u"Gemini 2.5 Pro"_s}},
        };
        const QJsonArray out = presentModelList(upstream, settings());
        QStringList names;
        for (const QJsonValue &v : out)
            names << v.toObject().value(u"name"_s).toString();
        QCOMPARE(names, QStringList({u"models/gemini-2.5-flash"_s, u"models/gemini-2.5-flash-search"_s,
                                     u"models/gemini-2.5-flash-non-thinking"_s, u"models/gemini-2.5-pro"_s,
                                     u"models/gemini-2.5-pro-non-thinking"_s}));
        const QJsonObject search = out.at(1).toObject();
        QCOMPARE(search.value(u"displayName"_s).toString(), u"Gemini 2.5 Flash For Search"_s);
        QCOMPARE(search.value(u"description"_s).toString(), u"Gemini 2.5 Flash For Search"_s);
    }
};

QTEST_GUILESS_MAIN(TestModelAliases)
#include "tst_modelaliases.moc"
