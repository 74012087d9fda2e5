// Plain text OpenAI messages written straight as Gemini JSON (chatreq::writeTextMessages):
// the very bytes convertMessages() and QJsonDocument give, on generated message lists with
// every role, empty texts, repeated roles, unicode and escapes; anything else refused.

#include "TestUtil.h"
#include "translate/MessageConverter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

constexpr auto j = gb::test::singleQuotedJson;

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

class MessageGenerator
{
public:
    explicit MessageGenerator(quint32 seed) : m_rng(seed) {}

    int pick(int n) { return int(m_rng.bounded(n)); }

    QJsonArray messages()
    {
        QJsonArray list;
        for (int i = 1 + pick(6); i > 0; --i)
            list.append(message());
        return list;
    }

private:
    QString text()
    {
        static const QString pieces[] = {u"Hello"_s, u" world"_s, u"\n"_s, u"\"quoted\""_s, u"back\\slash"_s,
                                         u"caf\u00e9"_s, u"\U0001F600"_s, QString(QChar(0xD800)), u"\t\u0001"_s,
                                         u"</script>"_s, u""_s};
        QString s;
        for (int i = pick(4); i > 0; --i)
            s += pieces[pick(int(std::size(pieces)))];
        return s;
    }

    QJsonObject message()
    {
        static const char *const roles[] = {"system", "developer", "user", "user", "user", "assistant", "assistant",
                                            "tool", ""};
        QJsonObject m;
        m.insert(u"role"_s, QString::fromLatin1(roles[pick(int(std::size(roles)))]));
        const int content = pick(100);
        if (content < 90)
            m.insert(u"content"_s, text());
        else if (content < 94)
            m.insert(u"content"_s, QJsonValue::Null);
        else if (content < 97)
            m.insert(u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text()}}});
        if (pick(100) < 10)
            m.insert(u"name"_s, u"alice"_s);
        if (pick(100) < 4)
            m.insert(u"tool_call_id"_s, u"call_1"_s);
        if (pick(100) < 3)
            m.insert(u"refusal"_s, QJsonValue::Null);
        return m;
    }

    QRandomGenerator m_rng;
};

} // namespace

class TestTextMessages : public QObject
{
    Q_OBJECT

private slots:
    void writesWhatTheConverterGives()
    {
        MessageGenerator g(1127);
        int written = 0, refused = 0;
        for (int round = 0; round < 4000; ++round) {
            const QJsonArray messages = g.messages();
            chatreq::TextMessagesJson text;
            if (!chatreq::writeTextMessages(messages, &text)) {
                ++refused;
                continue;
            }
            ++written;
            const Result<chatreq::ConvertedMessages> converted = chatreq::convertMessages(messages, {}, {});
            QVERIFY2(converted, qPrintable(converted.error()));
            const chatreq::ConvertedMessages &c = converted.value();
            QCOMPARE(text.hasContents, !c.contents.isEmpty());
            QCOMPARE(text.contents, compact(c.contents));
            QCOMPARE(text.hasSystem, !c.systemParts.isEmpty());
            if (text.hasSystem)
                QCOMPARE(text.systemParts, compact(c.systemParts));
            QVERIFY(!c.hasImages && !c.hasFunctionCalls);
        }
        QVERIFY2(written > 800 && refused > 800, qPrintable(u"written %1, refused %2"_s.arg(written).arg(refused)));
    }

    // From the bytes of the messages array (as Qt writes it, indented, and with escapes Qt
    // would not write: \/, \u00e9, \u000a, upper-case hex), the same answer and the same bytes.
    // Which of repeated keys Qt keeps, and keys spelled with escapes, are left to Qt's parse.
    void bytesLeaveRepeatedAndEscapedKeysToQt()
    {
        chatreq::TextMessagesJson text;
        QVERIFY(!chatreq::writeTextMessages(QByteArrayView(j("[{'role':'user','content':'a','content':'b'}]")), &text));
        QVERIFY(!chatreq::writeTextMessages(QByteArrayView(j("[{'role':'user','role':'user','content':'a'}]")), &text));
        QVERIFY(!chatreq::writeTextMessages(QByteArrayView("[{\"role\":\"user\",\"cont\\u0065nt\":\"hi\"}]"), &text));
        QVERIFY(!chatreq::writeTextMessages(QByteArrayView("[{\"role\":\"us\\u0065r\",\"content\":\"hi\"}]"), &text));
        QVERIFY(chatreq::writeTextMessages(QByteArrayView(j("[{'role':'user','content':'a','name':{'x':1}}]")), &text));
        QCOMPARE(text.contents, j("[{'parts':[{'text':'a'}],'role':'user'}]"));
    }

    void bytesGiveWhatTheArrayGives()
    {
        MessageGenerator g(2711);
        int written = 0, compared = 0;
        for (int round = 0; round < 4000; ++round) {
            const QJsonArray messages = g.messages();
            chatreq::TextMessagesJson expected;
            const bool ok = chatreq::writeTextMessages(messages, &expected);
            written += ok;
            QByteArray escaped = compact(messages);
            escaped.replace("/", "\\/").replace("\xc3\xa9", round % 2 ? "\\u00e9" : "\\u00E9");
            escaped.replace("\\n", "\\u000a").replace("\\t", round % 2 ? "\\u0009" : "\\t");
            if (round % 3 == 0)
                escaped.replace("\\\"", "\\u0022");
            for (const QByteArray &bytes : {compact(messages), QJsonDocument(messages).toJson(QJsonDocument::Indented), escaped}) {
                QCOMPARE(QJsonDocument::fromJson(bytes).array(), messages);
                chatreq::TextMessagesJson text;
                QCOMPARE(chatreq::writeTextMessages(QByteArrayView(bytes).trimmed(), &text), ok);
                if (!ok)
                    continue;
                QCOMPARE(text.contents, expected.contents);
                QCOMPARE(text.hasContents, expected.hasContents);
                QCOMPARE(text.hasSystem, expected.hasSystem);
                QCOMPARE(text.systemParts, expected.systemParts);
                ++compared;
            }
        }
        QVERIFY2(written > 800 && compared == 3 * written, qPrintable(u"written %1, compared %2"_s.arg(written).arg(compared)));
    }

    void refusesWhatIsNotPlainText_data()
    {
        QTest::addColumn<QByteArray>("messages");
        QTest::newRow("parts") << j("[{'role':'user','content':[{'type':'text','text':'hi'}]}]");
        QTest::newRow("tool call") << j("[{'role':'assistant','content':'','tool_calls':[{'id':'c','type':'function','function':{'name':'f'}}]}]");
        QTest::newRow("tool result") << j("[{'role':'tool','tool_call_id':'c','content':'42'}]");
        QTest::newRow("null content") << j("[{'role':'assistant','content':null}]");
        QTest::newRow("unknown role") << j("[{'role':'robot','content':'hi'}]");
        QTest::newRow("extra key") << j("[{'role':'user','content':'hi','audio':{}}]");
        QTest::newRow("not an object") << j("['hi']");
    }

    void refusesWhatIsNotPlainText()
    {
        QFETCH(QByteArray, messages);
        chatreq::TextMessagesJson text;
        QVERIFY(!chatreq::writeTextMessages(QJsonDocument::fromJson(messages).array(), &text));
        QVERIFY(!chatreq::writeTextMessages(QByteArrayView(messages), &text));
    }
};

QTEST_GUILESS_MAIN(TestTextMessages)
#include "tst_textmessages.moc"
