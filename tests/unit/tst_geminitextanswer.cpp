// Gemini answers and stream events read without QJsonDocument (readGeminiTextAnswer, over
// common/JsonScan): the OpenAI translation of what it reads must be the very bytes the
// translation of the parsed document gives. Checked on the stream fixtures and on thousands
// of generated events, near misses included (escapes, repeated or escaped keys, numbers that
// are not plain integers, tool calls, grounding, several candidates, broken JSON).

#include "TranslateFixtures.h"
#include "common/JsonScan.h"
#include "translate/ChatResponseTranslator.h"
#include "translate/GeminiTextAnswer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

constexpr auto j = gb::test::singleQuotedJson;

// Random Gemini answers as JSON text: mostly the everyday shape, with every kind of
// departure from it now and then.
class EventGenerator
{
public:
    explicit EventGenerator(quint32 seed) : m_rng(seed) {}

    int pick(int n) { return int(m_rng.bounded(n)); }
    bool chance(int percent) { return pick(100) < percent; }

    QByteArray event()
    {
        QList<QByteArray> members;
        const int shape = pick(100);
        if (shape < 86)
            members << key("candidates") + "[" + candidate() + "]";
        else if (shape < 90)
            members << key("candidates") + "[" + candidate() + "," + ws() + candidate() + "]";
        else if (shape < 93)
            members << key("candidates") + "[]";
        else if (shape < 95)
            members << key("candidates") + "\"x\"";
        if (chance(75))
            members << key("usageMetadata") + usage();
        if (chance(60))
            members << key("modelVersion") + "\"gemini-2.5-flash\"";
        if (chance(60))
            members << key("responseId") + "\"r-" + QByteArray::number(pick(1000)) + "\"";
        if (chance(3))
            members << key("promptFeedback") + j("{'blockReason':'SAFETY'}");
        if (chance(2))
            members << key("error") + j("{'code':500,'message':'Internal error.','status':'INTERNAL'}");
        if (chance(2) && !members.isEmpty())
            members << members.at(pick(int(members.size())));  // a repeated key
        QByteArray json = object(members);
        if (chance(2))
            json.chop(1 + pick(int(json.size())));  // broken
        return ws() + json + ws();
    }

private:
    QByteArray ws()
    {
        static const char *const spaces[] = {" ", "\n  ", "\t", "\r\n"};
        return chance(10) ? QByteArray(spaces[pick(4)]) : QByteArray();
    }

    // "name": with, rarely, a letter written as a \u escape (the same key to Qt).
    QByteArray key(const char *name)
    {
        QByteArray k(name);
        if (pick(400) == 0) {
            const int at = pick(int(k.size()));
            k = k.left(at) + "\\u00" + QByteArray::number(uchar(k.at(at)), 16) + k.mid(at + 1);
        }
        return ws() + '"' + k + '"' + ws() + ':' + ws();
    }

    QByteArray object(QList<QByteArray> members)
    {
        for (qsizetype i = members.size() - 1; i > 0; --i)
            members.swapItemsAt(i, pick(int(i + 1)));
        return '{' + ws() + members.join(',' + ws()) + ws() + '}';
    }

    QByteArray text()
    {
        static const char *const pieces[] = {
            "Hello", " world", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac",
            "\xf0\x9f\x98\x80", "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\u0000", "\\t", "\\b\\f\\r", "*bold*",
            "\\u20AC", "line\\nline", " ", ""};
        QByteArray s = "\"";
        for (int i = pick(5); i >= 0; --i)
            s += pieces[pick(int(std::size(pieces)))];
        return s + '"';
    }

    QByteArray number()
    {
        static const char *const numbers[] = {"0", "1", "12", "250", "-3", "1.0", "1e2", "2147483648", "-2147483649",
                                              "99999999999999999999", "-0", "7"};
        return chance(95) ? QByteArray::number(pick(5000)) : QByteArray(numbers[pick(int(std::size(numbers)))]);
    }

    QByteArray part()
    {
        QList<QByteArray> members;
        if (chance(92))
            members << key("text") + (chance(97) ? text() : number());
        if (chance(25)) {
            static const char *const thoughts[] = {"true", "false", "true", "false", "true", "false", "true", "\"true\"", "1", "null"};
            members << key("thought") + thoughts[pick(int(std::size(thoughts)))];
        }
        if (chance(10))
            members << key("thoughtSignature") + "\"c2lnbmF0dXJl\"";
        if (chance(3))
            members << key("functionCall") + j("{'name':'get_weather','args':{'city':'Paris'}}");
        if (chance(2))
            members << key("inlineData") + j("{'mimeType':'image/png','data':'iVBORw0KGgo='}");
        if (chance(2))
            members << key("executableCode") + j("{'language':'PYTHON','code':'print(1)'}");
        if (chance(2) && !members.isEmpty())
            members << members.at(pick(int(members.size())));
        return object(members);
    }

    QByteArray candidate()
    {
        QList<QByteArray> members;
        if (chance(95)) {
            QList<QByteArray> parts;
            for (int i = pick(4); i > 0; --i)
                parts << part();
            QList<QByteArray> content{key("parts") + "[" + parts.join(',') + "]"};
            if (chance(80))
                content << key("role") + "\"model\"";
            members << key("content") + (chance(98) ? object(content) : QByteArray("[]"));
        }
        if (chance(40))
            members << key("index") + (chance(80) ? QByteArray::number(pick(3)) : number());
        if (chance(35)) {
            static const char *const reasons[] = {"\"STOP\"", "\"MAX_TOKENS\"", "\"SAFETY\"", "\"RECITATION\"",
                                                  "\"FINISH_REASON_UNSPECIFIED\"", "\"\"", "\"MALFORMED_FUNCTION_CALL\"",
                                                  "3", "null"};
            members << key("finishReason") + reasons[pick(int(std::size(reasons)))];
        }
        if (chance(10))
            members << key("safetyRatings") + j("[{'category':'HARM_CATEGORY_HARASSMENT','probability':'NEGLIGIBLE'}]");
        if (chance(5))
            members << key("avgLogprobs") + "-0.25";
        if (chance(3))
            members << key("groundingMetadata")
                           + j("{'groundingChunks':[{'web':{'uri':'https://a.example/','title':'A'}}]}");
        if (chance(2) && !members.isEmpty())
            members << members.at(pick(int(members.size())));
        return object(members);
    }

    QByteArray usage()
    {
        QList<QByteArray> members;
        for (const char *name : {"promptTokenCount", "candidatesTokenCount", "totalTokenCount", "thoughtsTokenCount",
                                 "cachedContentTokenCount", "toolUsePromptTokenCount"}) {
            if (chance(60))
                members << key(name) + number();
        }
        if (chance(20))
            members << key("promptTokensDetails") + j("[{'modality':'TEXT','tokenCount':9}]");
        if (chance(2) && !members.isEmpty())
            members << members.at(pick(int(members.size())));
        return chance(97) ? object(members) : QByteArray("7");
    }

    QRandomGenerator m_rng;
};

ChatResponseContext randomContext(EventGenerator &g)
{
    ChatResponseContext context;
    context.id = u"chatcmpl-gen"_s;
    context.model = u"gemini-2.5-flash"_s;
    context.created = 1767225600;
    context.showThinking = g.chance(50);
    context.showSearchLinks = g.chance(30);
    context.includeUsage = g.chance(50);
    return context;
}

// Tool call ids are random (they carry a thoughtSignature): made equal for comparing.
QByteArray sameIds(QByteArray translated)
{
    static const QRegularExpression id(u"\"id\":\"call_[^\"]*\""_s);
    return QString::fromUtf8(translated).replace(id, u"\"id\":\"call\""_s).toUtf8();
}

// The reference: the event parsed with QJsonDocument and translated from the object.
QByteArray referenceEvent(ChatStreamTranslator &translator, const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    return sameIds(doc.isObject() ? translator.onEvent(doc.object()) : QByteArray());
}

} // namespace

class TestGeminiTextAnswer : public QObject
{
    Q_OBJECT

private slots:
    void readsTheEverydayShape()
    {
        chatresponse::GeminiTextAnswer a;
        QVERIFY(chatresponse::readGeminiTextAnswer(
            j("{'candidates':[{'content':{'parts':[{'text':'Hi \\'you\\'\\n','thought':true},{'text':'caf\\u00e9 ok'}],"
              "'role':'model'},'index':1,'finishReason':'STOP'}],'usageMetadata':{'promptTokenCount':12,"
              "'candidatesTokenCount':3,'thoughtsTokenCount':5,'totalTokenCount':20},'modelVersion':'m'}"),
            &a));
        QCOMPARE(a.index, 1);
        QCOMPARE(a.parts.size(), 2);
        QCOMPARE(a.parts[0].text, u"Hi \"you\"\n"_s);
        QVERIFY(a.parts[0].thought);
        QCOMPARE(a.parts[1].text, u"caf\u00e9 ok"_s);
        QVERIFY(!a.parts[1].thought);
        QCOMPARE(a.finishReason, u"STOP"_s);
        QVERIFY(a.hasUsage);
        QCOMPARE(a.usage.prompt, 12);
        QCOMPARE(a.usage.candidates, 3);
        QCOMPARE(a.usage.thoughts, 5);
    }

    void leavesTheRestToTheDocument_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("tool call") << j("{'candidates':[{'content':{'parts':[{'functionCall':{'name':'f'}}]}}]}");
        QTest::newRow("image") << j("{'candidates':[{'content':{'parts':[{'inlineData':{'data':'AA=='}}]}}]}");
        QTest::newRow("grounding") << j("{'candidates':[{'content':{'parts':[]},'groundingMetadata':{}}]}");
        QTest::newRow("two candidates") << j("{'candidates':[{'index':0},{'index':1}]}");
        QTest::newRow("no candidates") << j("{'candidates':[],'promptFeedback':{'blockReason':'SAFETY'}}");
        QTest::newRow("error") << j("{'error':{'code':500,'message':'m'}}");
        QTest::newRow("escaped key") << j("{'candidates':[{'content':{'parts':[{'te\\u0078t':'a'}]}}]}");
        QTest::newRow("repeated key") << j("{'candidates':[{'index':0,'index':1}]}");
        QTest::newRow("fraction count") << j("{'candidates':[{}],'usageMetadata':{'promptTokenCount':1.5}}");
        QTest::newRow("index too big") << j("{'candidates':[{'index':2147483648}]}");
        QTest::newRow("thought as text") << j("{'candidates':[{'content':{'parts':[{'text':'a','thought':'true'}]}}]}");
        QTest::newRow("broken") << j("{'candidates':[{'content':{'parts':[{'text':'a'}]}}]");
        QTest::newRow("bad UTF-8") << QByteArray("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\xc3\"}]}}]}");
    }

    void leavesTheRestToTheDocument()
    {
        QFETCH(QByteArray, json);
        chatresponse::GeminiTextAnswer a;
        QVERIFY(!chatresponse::readGeminiTextAnswer(json, &a));
    }

    void scannerWalksMembersAndElements()
    {
        QList<QByteArray> seen;
        QVERIFY(jsonscan::forEachMember(QByteArrayView(j("{ 'a' : [1, {'b':'}'}] , 'c':true ,'d':'x\\'y','e':'z\\\\'}")),
                                        [&](QByteArrayView key, QByteArrayView value) {
                                            seen << key.toByteArray() + '=' + value.toByteArray();
                                            return true;
                                        }));
        QCOMPARE(seen, (QList<QByteArray>{j("a=[1, {'b':'}'}]"), "c=true", j("d='x\\'y'"), j("e='z\\\\'")}));
        seen.clear();
        QVERIFY(jsonscan::forEachElement(QByteArrayView("[ 1 ,\"2\",[3] ]"), [&](QByteArrayView value) {
            seen << value.toByteArray();
            return true;
        }));
        QCOMPARE(seen, (QList<QByteArray>{"1", "\"2\"", "[3]"}));
        // Not an object or array, or cut short: false, never a read past the end.
        for (const char *bad : {"", "{", "[", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "{\"a\":\"x}", "{\"a\" 1}"}) {
            const bool walked = jsonscan::forEachMember(QByteArrayView(bad), [](QByteArrayView, QByteArrayView) { return true; })
                                && jsonscan::forEachElement(QByteArrayView(bad), [](QByteArrayView) { return true; });
            QVERIFY2(!walked, bad);
        }
        qint64 v = 0;
        QVERIFY(jsonscan::plainInteger("-42", &v) && v == -42);
        QVERIFY(!jsonscan::plainInteger("1e2", &v));
        QVERIFY(!jsonscan::plainInteger("1234567890123456789", &v));  // 19 digits: left to Qt
        QCOMPARE(jsonscan::decodeString(j("'a\\u00e9\\ud83d\\ude00\\ud800\\n\\/'")),
                 QString(u"a\u00e9\U0001F600"_s + QChar(0xd800) + u"\n/"_s));
    }

    // The stream fixtures, each event given as its JSON text: the same events out as from
    // the parsed objects.
    void streamFixturesGiveTheSameBytes()
    {
        const QStringList files = fixtureFiles(u"translate/stream"_s);
        QVERIFY(files.size() >= 15);
        int fast = 0;
        for (const QString &file : files) {
            QString error;
            const QJsonObject fixture = readFixture(u"translate/stream/"_s + file, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const ChatResponseContext context = contextFrom(fixture.value("context"_L1).toObject());
            ChatStreamTranslator reference(context);
            ChatStreamTranslator translator(context);
            for (const QJsonValue &event : fixture.value("events"_L1).toArray()) {
                const QByteArray json = QJsonDocument(event.toObject()).toJson(QJsonDocument::Compact);
                chatresponse::GeminiTextAnswer a;
                fast += chatresponse::readGeminiTextAnswer(json, &a) ? 1 : 0;
                QCOMPARE(sameIds(translator.onEventJson(json)), referenceEvent(reference, json));
            }
            QCOMPARE(translator.finish(), reference.finish());
        }
        QVERIFY2(fast >= 20, qPrintable(u"only %1 fixture events read directly"_s.arg(fast)));
    }

    void generatedStreamsGiveTheSameBytes()
    {
        EventGenerator g(20261127);
        int fast = 0, slow = 0;
        for (int stream = 0; stream < 3000; ++stream) {
            const ChatResponseContext context = randomContext(g);
            ChatStreamTranslator reference(context);
            ChatStreamTranslator translator(context);
            for (int i = 1 + g.pick(5); i > 0; --i) {
                const QByteArray json = g.event();
                chatresponse::GeminiTextAnswer a;
                ++(chatresponse::readGeminiTextAnswer(json, &a) ? fast : slow);
                const QByteArray out = sameIds(translator.onEventJson(json));
                const QByteArray expected = referenceEvent(reference, json);
                if (out != expected)
                    qWarning().noquote() << "event:" << json << "\nout:" << out << "\nexpected:" << expected;
                QCOMPARE(out, expected);
            }
            QCOMPARE(translator.finish(), reference.finish());
        }
        // Both paths taken often: the generator is no use if it only ever hits one.
        QVERIFY2(fast > 2500 && slow > 2500, qPrintable(u"read directly %1, parsed %2"_s.arg(fast).arg(slow)));
    }

    void generatedAnswersGiveTheSameBytes()
    {
        EventGenerator g(7);
        int fast = 0;
        for (int i = 0; i < 5000; ++i) {
            const ChatResponseContext context = randomContext(g);
            const QByteArray json = g.event();
            chatresponse::GeminiTextAnswer a;
            fast += chatresponse::readGeminiTextAnswer(json, &a) ? 1 : 0;
            const QByteArray expected = sameIds(translateChatResponse(QJsonDocument::fromJson(json).object(), context));
            const QByteArray out = sameIds(translateChatResponse(json, context));
            if (out != expected)
                qWarning().noquote() << "answer:" << json << "\nout:" << out << "\nexpected:" << expected;
            QCOMPARE(out, expected);
        }
        QVERIFY2(fast > 1500, qPrintable(u"read directly %1 of 5000"_s.arg(fast)));
    }
};

QTEST_GUILESS_MAIN(TestGeminiTextAnswer)
#include "tst_geminitextanswer.moc"
