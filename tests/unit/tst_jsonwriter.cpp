#include "common/JsonWriter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using gb::JsonWriter;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    // Every string is escaped byte for byte as QJsonDocument::toJson writes it.
    void stringsAreEscapedAsQtDoes_data()
    {
        QTest::addColumn<QString>("text");
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls += QChar(c);
        QTest::newRow("empty") << QString();
        QTest::newRow("plain") << u"hello world"_s;
        QTest::newRow("quotes and backslashes") << u"say \"hi\" \\ back\\slash /"_s;
        QTest::newRow("every control character") << controls;
        QTest::newRow("DEL and Latin-1") << u"\u007f caf\u00e9 \u00ff"_s;
        QTest::newRow("CJK and emoji") << u"\u4f60\u597d \U0001F600 \u2028\u2029"_s;
        QTest::newRow("markdown") << u"```cpp\n\tint x = 1;\r\n```"_s;
        // Text parsed from JSON that escaped half a surrogate pair keeps it; Qt writes it as \uXXXX.
        QTest::newRow("lone surrogates") << (u"a"_s + QChar(0xd800) + u"b?"_s + QChar(0xdc00) + u"\U0001F600"_s
                                             + QChar(0xdbff));
    }
    void stringsAreEscapedAsQtDoes()
    {
        QFETCH(QString, text);
        QByteArray ours;
        JsonWriter::appendString(ours, text);
        const QByteArray qt = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        QCOMPARE("[" + ours + "]", qt);
        QCOMPARE(QJsonDocument::fromJson("[" + ours + "]").array().at(0).toString(), text);
        // The ASCII path (names and constants) escapes alike.
        if (text.toLatin1() == text.toUtf8()) {
            const QByteArray latin1 = text.toLatin1();
            QByteArray viaLatin1;
            JsonWriter::appendString(viaLatin1, QLatin1StringView(latin1));
            QCOMPARE(viaLatin1, ours);
        }
    }

    // QJsonObject and QJsonArray values are written as QJsonDocument::toJson(Compact) writes
    // them: every fixture of tests/data/translate, and values at the edges of Qt's number form.
    void qtValuesAreWrittenAsQtDoes_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QDirIterator files(QStringLiteral(GB_TEST_DATA_DIR "/translate"), {u"*.json"_s}, QDir::Files,
                           QDirIterator::Subdirectories);
        int count = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
            if (doc.isObject()) {
                QTest::newRow(qPrintable(path.section(u'/', -2))) << doc.object();
                ++count;
            }
        }
        QVERIFY(count > 100);
        QJsonObject numbers;
        const QList<double> doubles{0.0, -0.0, 0.1, -1.5, 1e15, 1e16, 1e21, 1e-7, 123456.789, 9007199254740992.0,
                                    9.2233720368547758e18, 1.8446744073709552e19, 1e300, 5e-324,
                                    std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()};
        for (qsizetype i = 0; i < doubles.size(); ++i)
            numbers.insert(u"d%1"_s.arg(i), doubles[i]);
        numbers.insert(u"maxInt"_s, std::numeric_limits<qint64>::max());
        numbers.insert(u"minInt"_s, std::numeric_limits<qint64>::min());
        numbers.insert(u"list"_s, QJsonArray{QJsonValue(), QJsonValue(QJsonValue::Undefined), 1, 2.5, u"x"_s,
                                              QJsonArray{}, QJsonObject{}});
        numbers.insert(u"k\u00e9y \"quoted\"\n"_s, u"\U0001F600"_s + QChar(0xd800));
        QTest::newRow("numbers and odd values") << numbers;
        QTest::newRow("empty") << QJsonObject{};
        const QJsonObject parsed = QJsonDocument::fromJson(
            "{\"big\":12345678901234567890,\"exp\":1E300,\"neg\":-0,\"frac\":1.0,\"tiny\":1e-300,\"int\":-42}").object();
        QVERIFY(!parsed.isEmpty());
        QTest::newRow("parsed numbers") << parsed;
    }
    void qtValuesAreWrittenAsQtDoes()
    {
        QFETCH(QJsonObject, object);
        JsonWriter w;
        w.value(object);
        QCOMPARE(w.take(), QJsonDocument(object).toJson(QJsonDocument::Compact));
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!it.value().isArray())
                continue;
            JsonWriter list;
            list.value(it.value().toArray());
            QCOMPARE(list.take(), QJsonDocument(it.value().toArray()).toJson(QJsonDocument::Compact));
        }
    }

    void rawMembersJoinTheObject()
    {
        JsonWriter w;
        w.beginObject().rawMembers("\"a\":1,\"b\":[2]").key("c"_L1).value(3).endObject();
        QCOMPARE(w.take(), QByteArray(R"({"a":1,"b":[2],"c":3})"));
        JsonWriter after;
        after.beginObject().key("x"_L1).value(true).rawMembers("\"y\":null").rawMembers({}).endObject();
        QCOMPARE(after.take(), QByteArray(R"({"x":true,"y":null})"));
    }

    void nestedValuesParseBack()
    {
        JsonWriter w;
        w.beginObject()
            .key("id"_L1).value(u"chatcmpl-1"_s)
            .key("n"_L1).value(qint64(-9007199254740991))
            .key("i"_L1).value(0)
            .key("yes"_L1).value(true)
            .key("no"_L1).value(false)
            .key("nothing"_L1).null()
            .key("empty"_L1).beginObject().endObject()
            .key("list"_L1).beginArray().value(1).beginObject().key("a"_L1).value("b"_L1).endObject().null().endArray()
            .key("none"_L1).beginArray().endArray()
            .key("qt"_L1).value(QJsonObject{{u"k"_s, QJsonArray{1, u"two"_s}}})
            .key("qtList"_L1).value(QJsonArray{true})
        .endObject();
        const QByteArray json = w.take();
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(json, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject expected{
            {u"id"_s, u"chatcmpl-1"_s}, {u"n"_s, qint64(-9007199254740991)}, {u"i"_s, 0}, {u"yes"_s, true},
            {u"no"_s, false}, {u"nothing"_s, QJsonValue::Null}, {u"empty"_s, QJsonObject()},
            {u"list"_s, QJsonArray{1, QJsonObject{{u"a"_s, u"b"_s}}, QJsonValue::Null}}, {u"none"_s, QJsonArray()},
            {u"qt"_s, QJsonObject{{u"k"_s, QJsonArray{1, u"two"_s}}}}, {u"qtList"_s, QJsonArray{true}}};
        QCOMPARE(o, expected);
        // Keys stay in the order written; compact, no spaces.
        QVERIFY(json.startsWith(R"({"id":"chatcmpl-1","n":-9007199254740991,"i":0,"yes":true,"no":false,)"));
    }
};

QTEST_APPLESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
