#include "translate/JsonSchemaCleaner.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

// The schemas are JSON in raw strings. Qt 6.4's moc misreads '#' and "//" inside raw string
// literals (it then finds no class), so they are written as the JSON escapes \u0023 and \/.
class TestJsonSchemaCleaner : public QObject
{
    Q_OBJECT

    static QJsonObject json(const char *text)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("bad JSON in the test: %s", qPrintable(error.errorString()));
        return doc.object();
    }

    static QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

private slots:
    void cases_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("keeps the supported keywords")
            << QByteArray(R"({"type":"object","title":"T","description":"D","properties":{
                   "s":{"type":"string","minLength":1,"maxLength":9,"pattern":"^a","example":"ab"},
                   "n":{"type":"number","minimum":0,"maximum":1.5,"format":"double"},
                   "i":{"type":"integer","format":"int64"},
                   "a":{"type":"array","items":{"type":"boolean"},"minItems":1,"maxItems":3},
                   "o":{"type":"object","properties":{"x":{"type":"string"}},"minProperties":1,"maxProperties":2}},
                   "required":["s"],"propertyOrdering":["s","n"]})")
            << QByteArray(R"({"type":"object","title":"T","description":"D","properties":{
                   "s":{"type":"string","minLength":1,"maxLength":9,"pattern":"^a","example":"ab"},
                   "n":{"type":"number","minimum":0,"maximum":1.5,"format":"double"},
                   "i":{"type":"integer","format":"int64"},
                   "a":{"type":"array","items":{"type":"boolean"},"minItems":1,"maxItems":3},
                   "o":{"type":"object","properties":{"x":{"type":"string"}},"minProperties":1,"maxProperties":2}},
                   "required":["s"],"propertyOrdering":["s","n"]})");

        QTest::newRow("drops what Gemini rejects, at every depth")
            << QByteArray(R"({"$schema":"http:\/\/json-schema.org/draft-07/schema\u0023","$id":"x","$comment":"c","type":"object",
                   "additionalProperties":false,"patternProperties":{"^x":{}},"unevaluatedProperties":false,
                   "dependentRequired":{"a":["b"]},"if":{},"then":{},"else":{},"not":{"type":"null"},
                   "properties":{"a":{"type":"string","contentEncoding":"base64","contentMediaType":"image/png","readOnly":true,
                                      "writeOnly":false,"deprecated":true,"examples":["e1","e2"]},
                                 "b":{"type":"array","uniqueItems":true,"contains":{"type":"string"},
                                      "items":{"type":"object","additionalProperties":{"type":"string"},"properties":{"k":{"type":"number","multipleOf":2,"exclusiveMinimum":0,"exclusiveMaximum":9}}}}}})")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"string","example":"e1"},
                   "b":{"type":"array","items":{"type":"object","properties":{"k":{"type":"number"}}}}}})");

        QTest::newRow("$ref into $defs and definitions; the description of the referring node wins")
            << QByteArray(R"({"type":"object","$defs":{"Color":{"type":"string","enum":["red","green"],"description":"a colour"}},
                   "definitions":{"Size":{"type":"integer","minimum":1}},
                   "properties":{"c":{"$ref":"\u0023/$defs/Color","description":"the colour of the car"},"s":{"$ref":"\u0023/definitions/Size"}}})")
            << QByteArray(R"({"type":"object","properties":{"c":{"type":"string","enum":["red","green"],"format":"enum","description":"the colour of the car"},
                   "s":{"type":"integer","minimum":1}}})");

        QTest::newRow("$ref as a JSON pointer with escapes")
            << QByteArray(R"({"type":"object","$defs":{"a/b":{"type":"string"},"m~n":{"type":"boolean"}},
                   "properties":{"x":{"$ref":"\u0023/$defs/a~1b"},"y":{"$ref":"\u0023/$defs/m~0n"},"z":{"$ref":"\u0023/properties/x"}}})")
            << QByteArray(R"({"type":"object","properties":{"x":{"type":"string"},"y":{"type":"boolean"},"z":{"type":"string"}}})");

        QTest::newRow("a recursive $ref is cut to a permissive object")
            << QByteArray(R"({"$ref":"\u0023/$defs/Tree","$defs":{"Tree":{"type":"object","properties":{"value":{"type":"integer"},
                   "kids":{"type":"array","items":{"$ref":"\u0023/$defs/Tree"}},"parent":{"$ref":"\u0023/$defs/Tree","description":"up"}}}}})")
            << QByteArray(R"({"type":"object","properties":{"value":{"type":"integer"},"kids":{"type":"array","items":{"type":"object"}},
                   "parent":{"type":"object","description":"up"}}})");

        QTest::newRow("mutual recursion is cut too")
            << QByteArray(R"({"type":"object","properties":{"a":{"$ref":"\u0023/$defs/A"}},"$defs":{
                   "A":{"type":"object","properties":{"b":{"$ref":"\u0023/$defs/B"}}},
                   "B":{"type":"object","properties":{"a":{"$ref":"\u0023/$defs/A"},"n":{"type":"string"}}}}})")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"object","properties":{"b":{"type":"object","properties":{
                   "a":{"type":"object"},"n":{"type":"string"}}}}}}})");

        QTest::newRow("an unresolvable or remote $ref becomes a permissive object")
            << QByteArray(R"({"type":"object","properties":{"a":{"$ref":"\u0023/$defs/Missing"},"b":{"$ref":"https:\/\/example.com/s.json","title":"B"}}})")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"object"},"b":{"type":"object","title":"B"}}})");

        QTest::newRow("a type list: the first non-null type, nullable")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":["string","null"]},"b":{"type":["null","integer","string"]},
                   "c":{"type":["number"]},"d":{"type":"null"}}})")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"string","nullable":true},"b":{"type":"integer","nullable":true},
                   "c":{"type":"number"},"d":{"nullable":true}}})");

        QTest::newRow("const and non-string enums become string enums")
            << QByteArray(R"({"type":"object","properties":{"k":{"const":"fixed"},"n":{"type":"integer","enum":[1,2,30],"minimum":1},
                   "f":{"type":"number","enum":[0.5,2]},"m":{"enum":["a",1,true,null]},"c":{"const":3,"default":3}}})")
            << QByteArray(R"({"type":"object","properties":{"k":{"type":"string","enum":["fixed"],"format":"enum"},
                   "n":{"type":"string","enum":["1","2","30"],"format":"enum"},"f":{"type":"string","enum":["0.5","2"],"format":"enum"},
                   "m":{"type":"string","enum":["a","1","true"],"format":"enum","nullable":true},
                   "c":{"type":"string","enum":["3"],"format":"enum","default":"3"}}})");

        QTest::newRow("allOf is merged")
            << QByteArray(R"({"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},
                   {"properties":{"b":{"type":"integer"},"a":{"description":"the a"}},"required":["b"]}],"description":"both"})")
            << QByteArray(R"({"type":"object","description":"both","properties":{"a":{"type":"string","description":"the a"},
                   "b":{"type":"integer"}},"required":["a","b"]})");

        QTest::newRow("allOf with a $ref (Pydantic v1 style)")
            << QByteArray(R"({"type":"object","definitions":{"E":{"title":"E","enum":["x","y"],"type":"string"}},
                   "properties":{"e":{"allOf":[{"$ref":"\u0023/definitions/E"}],"default":"x","description":"pick"}}})")
            << QByteArray(R"({"type":"object","properties":{"e":{"type":"string","title":"E","enum":["x","y"],"format":"enum","default":"x","description":"pick"}}})");

        QTest::newRow("oneOf becomes anyOf; null branches become nullable")
            << QByteArray(R"({"type":"object","properties":{"v":{"oneOf":[{"type":"string"},{"type":"integer"},{"type":"null"}],"description":"v"},
                   "w":{"anyOf":[{"type":"string","format":"uri"},{"type":"null"}],"description":"w"}}})")
            << QByteArray(R"({"type":"object","properties":{"v":{"anyOf":[{"type":"string"},{"type":"integer"}],"description":"v","nullable":true},
                   "w":{"type":"string","description":"w","nullable":true}}})");

        QTest::newRow("the constraints of a parent go into its anyOf branches")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},
                   "anyOf":[{"required":["a"]},{"required":["b"]}]})")
            << QByteArray(R"({"anyOf":[{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["a"]},
                   {"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["b"]}]})");

        QTest::newRow("anyOf branches are cleaned and deduplicated")
            << QByteArray(R"({"anyOf":[{"type":"array"},{"type":"array","uniqueItems":true},{"type":"object","additionalProperties":false,"properties":{"x":{"type":"string"}}}]})")
            << QByteArray(R"({"anyOf":[{"type":"array","items":{"type":"string"}},{"type":"object","properties":{"x":{"type":"string"}}}]})");

        QTest::newRow("arrays always get items with a type")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"array"},"b":{"type":"array","items":{}},"c":{"type":"array","items":true},
                   "d":{"type":"array","items":{"description":"any"}},"e":{"type":"array","items":[{"type":"integer"}]},
                   "f":{"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}]}}})")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"array","items":{"type":"string"}},"b":{"type":"array","items":{"type":"string"}},
                   "c":{"type":"array","items":{"type":"string"}},"d":{"type":"array","items":{"type":"string","description":"any"}},
                   "e":{"type":"array","items":{"type":"integer"}},"f":{"type":"array","items":{"anyOf":[{"type":"integer"},{"type":"string"}]}}}})");

        QTest::newRow("formats Gemini rejects are dropped")
            << QByteArray(R"({"type":"object","properties":{"u":{"type":"string","format":"uri"},"e":{"type":"string","format":"email"},
                   "t":{"type":"string","format":"date-time"},"d":{"type":"string","format":"date"},"f":{"type":"number","format":"float"},
                   "g":{"type":"number","format":"int32"},"i":{"type":"integer","format":"int32"},"j":{"type":"integer","format":"uint8"}}})")
            << QByteArray(R"({"type":"object","properties":{"u":{"type":"string"},"e":{"type":"string"},"t":{"type":"string","format":"date-time"},
                   "d":{"type":"string"},"f":{"type":"number","format":"float"},"g":{"type":"number"},"i":{"type":"integer","format":"int32"},
                   "j":{"type":"integer"}}})");

        QTest::newRow("required and propertyOrdering keep declared properties only")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"string"},"gone":false},"required":["a","b","a","gone"],
                   "propertyOrdering":["z","a"]})")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"propertyOrdering":["a"]})");

        QTest::newRow("types are inferred from properties, items and enum")
            << QByteArray(R"({"properties":{"o":{"properties":{"x":{"enum":["a","b"]}}},"l":{"items":{"type":"string"}}}})")
            << QByteArray(R"({"type":"object","properties":{"o":{"type":"object","properties":{"x":{"type":"string","enum":["a","b"],"format":"enum"}}},
                   "l":{"type":"array","items":{"type":"string"}}}})");

        QTest::newRow("keywords of another type are dropped")
            << QByteArray(R"({"type":"object","properties":{"s":{"type":"string","items":{"type":"string"},"properties":{"x":{}},"minimum":3},
                   "n":{"type":"integer","maxLength":3,"pattern":"x","required":["a"]}}})")
            << QByteArray(R"({"type":"object","properties":{"s":{"type":"string"},"n":{"type":"integer"}}})");

        QTest::newRow("defaults that do not fit the type are dropped")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"string","default":5},"b":{"type":"integer","default":1.5},
                   "c":{"type":"integer","default":2},"d":{"type":"boolean","default":"yes"},"e":{"type":"string","default":null},
                   "f":{"type":"string","enum":["x"],"default":"y"}}})")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"},"c":{"type":"integer","default":2},
                   "d":{"type":"boolean"},"e":{"type":"string"},"f":{"type":"string","enum":["x"],"format":"enum"}}})");

        QTest::newRow("upper-case OpenAPI types are accepted and unknown ones dropped")
            << QByteArray(R"({"type":"OBJECT","properties":{"a":{"type":"STRING","nullable":true},"b":{"type":"any","description":"b"}}})")
            << QByteArray(R"({"type":"object","properties":{"a":{"type":"string","nullable":true},"b":{"description":"b"}}})");

        QTest::newRow("a property that is true, or an empty schema, stays unconstrained")
            << QByteArray(R"({"type":"object","properties":{"a":true,"b":{}}})")
            << QByteArray(R"({"type":"object","properties":{"a":{},"b":{}}})");
    }

    void cases()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const QJsonObject in = json(input.constData());
        const QJsonObject copy = in;
        const QJsonObject out = cleanJsonSchemaForGemini(in);
        const QJsonObject want = json(expected.constData());
        if (out != want)
            qWarning().noquote() << "expected:" << compact(want) << "\nactual:  " << compact(out);
        QCOMPARE(out, want);
        QCOMPARE(in, copy);  // pure
        QCOMPARE(cleanJsonSchemaForGemini(out), out);  // cleaning a clean schema changes nothing
    }

    void deepNestingIsBounded()
    {
        QJsonObject schema{{u"type"_s, u"string"_s}};
        for (int i = 0; i < 300; ++i)
            schema = QJsonObject{{u"type"_s, u"object"_s}, {u"properties"_s, QJsonObject{{u"x"_s, schema}}}};
        const QJsonObject out = cleanJsonSchemaForGemini(schema);
        int depth = 0;
        QJsonObject node = out;
        while (node.contains(u"properties"_s)) {
            node = node.value(u"properties"_s).toObject().value(u"x"_s).toObject();
            ++depth;
        }
        QVERIFY(depth > 10);
        QVERIFY(depth < 300);
        QCOMPARE(node.value(u"type"_s).toString(), u"object"_s);  // cut to a permissive object
    }

    void refFanOutIsBounded()
    {
        // Each level refers to the next twice: 2^30 expansions without a cap.
        QJsonObject defs;
        for (int i = 0; i < 30; ++i) {
            const QString next = u"#/$defs/L"_s + QString::number(i + 1);
            defs.insert(u"L"_s + QString::number(i),
                        QJsonObject{{u"type"_s, u"object"_s},
                                    {u"properties"_s, QJsonObject{{u"a"_s, QJsonObject{{u"$ref"_s, next}}},
                                                                  {u"b"_s, QJsonObject{{u"$ref"_s, next}}}}}});
        }
        defs.insert(u"L30"_s, QJsonObject{{u"type"_s, u"string"_s}});
        const QJsonObject schema{{u"$ref"_s, u"#/$defs/L0"_s}, {u"$defs"_s, defs}};
        QElapsedTimer timer;
        timer.start();
        const QJsonObject out = cleanJsonSchemaForGemini(schema);
        QVERIFY2(timer.elapsed() < 20000, "cleaning a fan-out of $refs took too long");
        QCOMPARE(out.value(u"type"_s).toString(), u"object"_s);
    }
};

QTEST_GUILESS_MAIN(TestJsonSchemaCleaner)
#include "tst_jsonschemacleaner.moc"
