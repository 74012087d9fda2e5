#include "common/JsonSyntax.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

bool qtParsesObject(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    return error.error == QJsonParseError::NoError && doc.isObject();
}

// `value` inside an object, so each row tests one value rule.
QByteArray inObject(const QByteArray &value)
{
    return "{\"v\":" + value + "}";
}

// `depth` nested containers: the top-level object and depth-1 arrays inside it.
QByteArray nested(int depth)
{
    return "{\"v\":" + QByteArray(depth - 1, '[') + QByteArray(depth - 1, ']') + "}";
}

// A Gemini generateContent body of about `size` bytes: a chat history with escapes,
// non-ASCII text, numbers and nested parts, as a client would send it.
QByteArray chatBody(qsizetype size)
{
    QJsonArray contents;
    qsizetype approx = 0;
    for (int turn = 0; approx < size; ++turn) {
        const QString text = u"Turn %1: \"quoted\", a tab\there, a newline\nthen unicode é 中文 😀 and a backslash \\ "
                             u"with some more ordinary words to make the message a realistic length."_s.arg(turn);
        QJsonObject part{{u"text"_s, text}};
        contents.append(QJsonObject{{u"role"_s, turn % 2 ? u"model"_s : u"user"_s},
                                    {u"parts"_s, QJsonArray{part}}});
        approx += text.toUtf8().size() + 40;
    }
    const QJsonObject config{{u"temperature"_s, 0.7}, {u"topP"_s, 0.95}, {u"maxOutputTokens"_s, 8192},
                             {u"stopSequences"_s, QJsonArray{u"END"_s}}, {u"candidateCount"_s, 1}};
    const QJsonObject body{{u"contents"_s, contents}, {u"generationConfig"_s, config},
                           {u"safetySettings"_s, QJsonArray{}}, {u"cachedContent"_s, QJsonValue::Null},
                           {u"stream"_s, false}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

const QByteArray smallBody = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello.\"}]}]}";

} // namespace

class TestJsonSyntax : public QObject
{
    Q_OBJECT
private slots:
    void table_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        const auto row = [](const char *name, const QByteArray &text, bool valid) {
            QTest::newRow(name) << text << valid;
        };
        // The document: exactly one object, whitespace around it.
        row("empty object", "{}", true);
        row("small body", smallBody, true);
        row("all value kinds", "{\"s\":\"x\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,\"2\",[],{}],\"o\":{\"k\":{}}}", true);
        row("whitespace everywhere", " \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" :\n{ } }\r\n\t ", true);
        row("duplicate keys", "{\"a\":1,\"a\":2}", true);
        row("empty key", "{\"\":0}", true);
        row("empty input", "", false);
        row("only whitespace", " \n\t", false);
        row("top-level array", "[]", false);
        row("top-level string", "\"x\"", false);
        row("top-level number", "1", false);
        row("top-level null", "null", false);
        row("two objects", "{}{}", false);
        row("trailing garbage", "{\"a\":1}x", false);
        row("trailing NUL", QByteArray("{\"a\":1}\0", 8), false);
        row("leading NUL", QByteArray("\0{}", 3), false);
        row("BOM", "\xEF\xBB\xBF{}", false);
        row("form feed is not whitespace", "\f{}", false);
        row("vertical tab is not whitespace", "{}\v", false);
        row("unclosed object", "{\"a\":1", false);
        row("unclosed array", "{\"a\":[1}", false);
        row("wrong closer", "{\"a\":[1}]", false);
        row("extra closer", "{}}", false);
        row("trailing comma in object", "{\"a\":1,}", false);
        row("trailing comma in array", inObject("[1,]"), false);
        row("leading comma", inObject("[,1]"), false);
        row("double comma", inObject("[1,,2]"), false);
        row("missing comma", inObject("[1 2]"), false);
        row("missing colon", "{\"a\" 1}", false);
        row("missing value", "{\"a\":}", false);
        row("unquoted key", "{a:1}", false);
        row("number key", "{1:1}", false);
        row("single-quoted string", inObject("'x'"), false);
        row("comment", "{/*x*/}", false);
        // Literals.
        row("true", inObject("true"), true);
        row("false", inObject("false"), true);
        row("null", inObject("null"), true);
        row("TRUE", inObject("TRUE"), false);
        row("truncated true", inObject("tru"), false);
        row("truncated at end", "{\"v\":nul", false);
        row("truex", inObject("truex"), false);
        row("NaN", inObject("NaN"), false);
        row("Infinity", inObject("Infinity"), false);
        // Strings: escapes.
        row("escape quote", inObject("\"\\\"\""), true);
        row("escape backslash", inObject("\"\\\\\""), true);
        row("escape slash", inObject("\"\\/\""), true);
        row("escape b", inObject("\"\\b\""), true);
        row("escape f", inObject("\"\\f\""), true);
        row("escape n", inObject("\"\\n\""), true);
        row("escape r", inObject("\"\\r\""), true);
        row("escape t", inObject("\"\\t\""), true);
        row("escape u ascii", inObject("\"\\u0041\""), true);
        row("escape u NUL", inObject("\"\\u0000\""), true);
        row("escape u hex cases", inObject("\"\\u00aF\\u00Fa\""), true);
        row("escape u BMP", inObject("\"\\u4e2d\\uFFFF\""), true);
        row("escape in key", "{\"\\n\\u0041\":1}", true);
        row("surrogate pair", inObject("\"\\ud83d\\ude00\""), true);
        row("surrogate pair upper case", inObject("\"\\uD83D\\uDE00\""), true);
        row("lone high surrogate", inObject("\"\\ud83d\""), false);
        row("high surrogate then text", inObject("\"\\ud83dx\""), false);
        row("high surrogate then escape", inObject("\"\\ud83d\\n\""), false);
        row("high surrogate then high", inObject("\"\\ud83d\\ud83d\""), false);
        row("high surrogate then BMP", inObject("\"\\ud83d\\u0041\""), false);
        row("lone low surrogate", inObject("\"\\ude00\""), false);
        row("low before high", inObject("\"\\ude00\\ud83d\""), false);
        row("escape x", inObject("\"\\x41\""), false);
        row("escape U", inObject("\"\\U0041\""), false);
        row("escape a", inObject("\"\\a\""), false);
        row("escape single quote", inObject("\"\\'\""), false);
        row("escape u short", inObject("\"\\u12\""), false);
        row("escape u non-hex", inObject("\"\\u12g4\""), false);
        row("escape at end", "{\"v\":\"\\", false);
        row("escape u at end", "{\"v\":\"\\u00", false);
        // Strings: raw characters.
        row("unterminated string", "{\"v\":\"abc", false);
        row("raw NUL in string", QByteArray("{\"v\":\"a\0b\"}", 11), false);
        row("raw tab in string", inObject("\"a\tb\""), false);
        row("raw newline in string", inObject("\"a\nb\""), false);
        row("raw 0x1F in string", inObject("\"a\x1F\""), false);
        row("raw DEL in string", inObject("\"a\x7F\""), true);
        row("raw control in key", "{\"a\x01\":1}", false);
        // Strings: UTF-8.
        row("utf8 2 bytes", inObject("\"\xC3\xA9\""), true);
        row("utf8 3 bytes", inObject("\"\xE4\xB8\xAD\""), true);
        row("utf8 4 bytes", inObject("\"\xF0\x9F\x98\x80\""), true);
        row("utf8 U+0080", inObject("\"\xC2\x80\""), true);
        row("utf8 U+07FF", inObject("\"\xDF\xBF\""), true);
        row("utf8 U+0800", inObject("\"\xE0\xA0\x80\""), true);
        row("utf8 U+D7FF", inObject("\"\xED\x9F\xBF\""), true);
        row("utf8 U+E000", inObject("\"\xEE\x80\x80\""), true);
        row("utf8 U+FFFF", inObject("\"\xEF\xBF\xBF\""), true);
        row("utf8 U+FEFF inside", inObject("\"\xEF\xBB\xBF\""), true);
        row("utf8 U+10000", inObject("\"\xF0\x90\x80\x80\""), true);
        row("utf8 U+10FFFF", inObject("\"\xF4\x8F\xBF\xBF\""), true);
        row("utf8 in key", "{\"\xC3\xA9\":1}", true);
        row("utf8 overlong 2 bytes C0", inObject("\"\xC0\xAF\""), false);
        row("utf8 overlong 2 bytes C1", inObject("\"\xC1\xBF\""), false);
        row("utf8 overlong 3 bytes", inObject("\"\xE0\x9F\xBF\""), false);
        row("utf8 overlong 4 bytes", inObject("\"\xF0\x8F\xBF\xBF\""), false);
        row("utf8 surrogate D800", inObject("\"\xED\xA0\x80\""), false);
        row("utf8 surrogate DFFF", inObject("\"\xED\xBF\xBF\""), false);
        row("utf8 above U+10FFFF", inObject("\"\xF4\x90\x80\x80\""), false);
        row("utf8 lead F5", inObject("\"\xF5\x80\x80\x80\""), false);
        row("utf8 lead FF", inObject("\"\xFF\""), false);
        row("utf8 stray continuation", inObject("\"\x80\""), false);
        row("utf8 truncated 2 bytes", inObject("\"\xC3\""), false);
        row("utf8 truncated 3 bytes", inObject("\"\xE4\xB8\""), false);
        row("utf8 truncated 4 bytes", inObject("\"\xF0\x9F\x98\""), false);
        row("utf8 truncated at end", "{\"v\":\"\xF0\x9F", false);
        row("utf8 bad continuation", inObject("\"\xE4\x41\xAD\""), false);
        row("utf8 outside string", "{\"v\":1\xC3\xA9}", false);
        // Numbers.
        row("zero", inObject("0"), true);
        row("minus zero", inObject("-0"), true);
        row("integer", inObject("123"), true);
        row("negative", inObject("-45"), true);
        row("fraction", inObject("3.25"), true);
        row("exponent", inObject("1e5"), true);
        row("exponent E plus", inObject("1E+5"), true);
        row("exponent minus", inObject("2.5e-3"), true);
        row("zero fraction exponent", inObject("0.0e0"), true);
        row("int64 max", inObject("9223372036854775807"), true);
        row("beyond int64", inObject("123456789012345678901234567890"), true);
        row("1e307", inObject("1e307"), true);
        row("9.99e307", inObject("9.99e307"), true);
        row("1e-307", inObject("1e-307"), true);
        row("zero with huge exponent", inObject("0e400"), true);
        row("zero with huge negative exponent", inObject("0.000e-99999"), true);
        row("leading zero", inObject("01"), false);
        row("minus leading zero", inObject("-01"), false);
        row("plus sign", inObject("+1"), false);
        row("lone minus", inObject("-"), false);
        row("minus space", inObject("- 1"), false);
        row("dot first", inObject(".5"), false);
        row("dot last", inObject("1."), false);
        row("dot exponent", inObject("1.e5"), false);
        row("empty exponent", inObject("1e"), false);
        row("signed empty exponent", inObject("1e+"), false);
        row("two dots", inObject("1.2.3"), false);
        row("hex", inObject("0x10"), false);
        row("1e308 overflows the check", inObject("1e308"), false);
        row("1e400 overflow", inObject("1e400"), false);
        row("-1e400 overflow", inObject("-1e400"), false);
        row("1e-308 subnormal region", inObject("1e-308"), false);
        row("1e-400 underflow", inObject("1e-400"), false);
        row("308 digits", inObject("1" + QByteArray(107, '0') + "e200"), true);
        row("310 digit integer", inObject(QByteArray(310, '1')), false);
        row("tiny fraction", inObject("0." + QByteArray(400, '0') + "1"), false);
        row("128 character number", inObject("0." + QByteArray(126, '1')), true);
        row("129 character number", inObject("0." + QByteArray(127, '1')), false);
        row("exponent with many digits", inObject("1e" + QByteArray(20, '9')), false);
        // Nesting.
        row("depth 2", nested(2), true);
        row("depth 512", nested(512), true);
        row("depth 513", nested(513), false);
        row("depth 1025", nested(1025), false);
        row("objects depth 512", QByteArray().append(QByteArray("{\"a\":").repeated(511)).append("{}").append(QByteArray(511, '}')), true);
        row("objects depth 513", QByteArray().append(QByteArray("{\"a\":").repeated(512)).append("{}").append(QByteArray(512, '}')), false);
        row("deep unclosed", "{\"v\":" + QByteArray(100000, '['), false);
        // Bigger documents.
        row("chat body 100 KB", chatBody(100 * 1024), true);
        row("chat body truncated", chatBody(100 * 1024).chopped(1), false);
    }

    void table()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(jsonsyntax::isObject(text), valid);
        if (valid)
            QVERIFY2(qtParsesObject(text), "the contract: what isObject accepts, QJsonDocument parses to an object");
    }

    // The rejections that Qt 6.4 would accept, found by experiment: isObject() is stricter
    // on purpose there. If Qt changes, these rows show it; they are not the contract.
    void stricterThanQt_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF{}");
        QTest::newRow("raw control") << inObject("\"a\x01\"");
        QTest::newRow("escape x") << inObject("\"\\x\"");
        QTest::newRow("lone surrogate") << inObject("\"\\ud800\"");
        QTest::newRow("dot last") << inObject("1.");
        QTest::newRow("dot first") << inObject(".5");
        QTest::newRow("subnormal") << inObject("1e-320");
        QTest::newRow("depth 1024") << nested(1024);
    }

    void stricterThanQt()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!jsonsyntax::isObject(text));
        QVERIFY(qtParsesObject(text));
    }

    // Every prefix of a valid body is rejected (a truncated upload), without reading past it.
    void everyPrefixIsRejected()
    {
        const QByteArray full = "{\"a\":[1,-2.5e3,\"\\u00e9\\ud83d\\ude00\xC3\xA9\",true,false,null,{\"b\":{}}]}";
        QVERIFY(jsonsyntax::isObject(full));
        for (qsizetype n = 0; n < full.size(); ++n) {
            const QByteArray prefix(full.constData(), n);  // its own buffer, so ASan sees overreads
            QVERIFY2(!jsonsyntax::isObject(prefix), prefix.constData());
        }
    }

    // Strings are scanned eight bytes at a time: a byte that matters is seen at every
    // offset, next to every kind of neighbour.
    void everyOffsetInLongStrings()
    {
        const QList<QByteArray> accepted = {"\\n", "\\\"", "\\u00e9", "\xC3\xA9", "\xF0\x9F\x98\x80", " ", "\x7F", "~"};
        const QList<QByteArray> refused = {QByteArray(1, '\0'), "\x01", "\x1F", "\n", "\x80", "\xC3", "\xFF",
                                           "\\x", "\xED\xA0\x80"};
        for (int offset = 0; offset < 20; ++offset) {
            for (int tail : {0, 1, 7, 8, 9, 17}) {
                const QByteArray before(offset, 'a'), after(tail, 'b');
                for (const QByteArray &piece : accepted) {
                    const QByteArray text = "{\"k\":\"" + before + piece + after + "\"}";
                    QVERIFY2(jsonsyntax::isObject(text), text.toHex().constData());
                    QVERIFY(qtParsesObject(text));
                }
                for (const QByteArray &piece : refused) {
                    const QByteArray text = "{\"k\":\"" + before + piece + after + "\"}";
                    QVERIFY2(!jsonsyntax::isObject(text), text.toHex().constData());
                }
                // The closing quote at any offset ends the string; a missing one never does.
                QVERIFY(jsonsyntax::isObject("{\"k\":\"" + before + "\",\"x\":\"" + after + "\"}"));
                QVERIFY(!jsonsyntax::isObject("{\"k\":\"" + before + after + "}"));
            }
        }
    }

    // isObject() looks at the view only, not at the bytes after it.
    void viewIsBounded()
    {
        const QByteArray text = "{\"a\":1}garbage";
        QVERIFY(jsonsyntax::isObject(QByteArrayView(text).first(7)));
        QVERIFY(!jsonsyntax::isObject(QByteArrayView(text)));
        QVERIFY(!jsonsyntax::isObject(QByteArrayView()));
    }

    // For the report, run by hand: unit_jsonsyntax -callgrind benchmark (or -tickcounter).
    // Nothing is asserted about the timing.
    void benchmark_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("syntaxOnly");
        const QByteArray big = chatBody(100 * 1024);
        QTest::newRow("small isObject") << smallBody << true;
        QTest::newRow("small fromJson") << smallBody << false;
        QTest::newRow("100KB isObject") << big << true;
        QTest::newRow("100KB fromJson") << big << false;
    }

    void benchmark()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, syntaxOnly);
        bool ok = false;
        if (syntaxOnly) {
            QBENCHMARK { ok = jsonsyntax::isObject(text); }
        } else {
            QBENCHMARK { ok = qtParsesObject(text); }
        }
        QVERIFY(ok);
    }
};

QTEST_GUILESS_MAIN(TestJsonSyntax)
#include "tst_jsonsyntax.moc"
