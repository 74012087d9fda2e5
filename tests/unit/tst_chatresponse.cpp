// Gemini generateContent responses as OpenAI chat.completion objects (fixtures under
// tests/data/translate/response/), every finish reason, and Gemini errors as OpenAI errors.

#include "TranslateFixtures.h"
#include "translate/ChatResponseTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

class TestChatResponse : public QObject
{
    Q_OBJECT

    static QJsonObject json(const QByteArray &bytes) { return QJsonDocument::fromJson(bytes).object(); }

    static QJsonObject firstChoice(const QByteArray &openAi)
    {
        return json(openAi).value("choices"_L1).toArray().at(0).toObject();
    }

private slots:
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = fixtureFiles(u"translate/response"_s);
        QVERIFY(files.size() >= 14);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << (u"translate/response/"_s + file);
    }

    void fixtures()
    {
        QFETCH(QString, file);
        QString error;
        const QJsonObject fixture = readFixture(file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(fixture.value("gemini"_L1).isObject());
        QVERIFY(fixture.value("openai"_L1).isObject());

        const ChatResponseContext context = contextFrom(fixture.value("context"_L1).toObject());
        const QByteArray geminiBody = QJsonDocument(fixture.value("gemini"_L1).toObject()).toJson();
        const QByteArray out = translateChatResponse(geminiBody, context);

        // Compact JSON, one line.
        QVERIFY2(!out.contains('\n'), out.constData());
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(out, &parseError);
        QVERIFY2(doc.isObject(), qPrintable(parseError.errorString()));

        QStringList ids;
        const QJsonValue actual = normalizeToolCallIds(doc.object(), &ids, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());  // ids unique

        const QJsonValue expected = fixture.value("openai"_L1);
        if (actual != expected) {
            qWarning().noquote() << fixture.value("name"_L1).toString() << "\nactual:\n"
                                 << indented(actual) << "\nexpected:\n" << indented(expected);
        }
        QVERIFY(actual == expected);

        // OpenAI's usage invariant, which gemini-balance broke by leaving thoughts out.
        const QJsonObject usage = doc.object().value("usage"_L1).toObject();
        QCOMPARE(usage.value("total_tokens"_L1).toInteger(),
                 usage.value("prompt_tokens"_L1).toInteger() + usage.value("completion_tokens"_L1).toInteger());
        QVERIFY(!doc.object().value("choices"_L1).toArray().isEmpty());
    }

    void finishReasons_data()
    {
        QTest::addColumn<QString>("gemini");
        QTest::addColumn<QString>("openai");
        QTest::newRow("STOP") << u"STOP"_s << u"stop"_s;
        QTest::newRow("MAX_TOKENS") << u"MAX_TOKENS"_s << u"length"_s;
        QTest::newRow("SAFETY") << u"SAFETY"_s << u"content_filter"_s;
        QTest::newRow("RECITATION") << u"RECITATION"_s << u"content_filter"_s;
        QTest::newRow("LANGUAGE") << u"LANGUAGE"_s << u"stop"_s;
        QTest::newRow("OTHER") << u"OTHER"_s << u"stop"_s;
        QTest::newRow("BLOCKLIST") << u"BLOCKLIST"_s << u"content_filter"_s;
        QTest::newRow("PROHIBITED_CONTENT") << u"PROHIBITED_CONTENT"_s << u"content_filter"_s;
        QTest::newRow("SPII") << u"SPII"_s << u"content_filter"_s;
        QTest::newRow("MALFORMED_FUNCTION_CALL") << u"MALFORMED_FUNCTION_CALL"_s << u"stop"_s;
        QTest::newRow("IMAGE_SAFETY") << u"IMAGE_SAFETY"_s << u"content_filter"_s;
        QTest::newRow("UNEXPECTED_TOOL_CALL") << u"UNEXPECTED_TOOL_CALL"_s << u"stop"_s;
        QTest::newRow("FINISH_REASON_UNSPECIFIED") << u"FINISH_REASON_UNSPECIFIED"_s << u"stop"_s;
        QTest::newRow("missing") << QString() << u"stop"_s;
        QTest::newRow("unknown future value") << u"SOMETHING_NEW"_s << u"stop"_s;
    }

    void finishReasons()
    {
        QFETCH(QString, gemini);
        QFETCH(QString, openai);
        QJsonObject candidate{{u"content"_s, QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, u"x"_s}}}}}}};
        if (!gemini.isEmpty())
            candidate.insert(u"finishReason"_s, gemini);
        const QByteArray body = QJsonDocument(QJsonObject{{u"candidates"_s, QJsonArray{candidate}}}).toJson();

        // Non-stream.
        QCOMPARE(firstChoice(translateChatResponse(body, {})).value("finish_reason"_L1).toString(), openai);

        // Stream: the last chunk of the choice carries it, with an empty delta.
        ChatStreamTranslator stream(ChatResponseContext{});
        QByteArray out = stream.onEvent(json(body));
        out += stream.finish();
        const QList<QByteArray> events = out.split('\n');
        QByteArray finishEvent;
        for (const QByteArray &e : events) {
            if (e.contains("\"finish_reason\":\"")) {
                QVERIFY2(finishEvent.isEmpty(), "finish_reason sent twice");
                finishEvent = e;
            }
        }
        const QJsonObject chunk = json(finishEvent.mid(6));
        const QJsonObject choice = chunk.value("choices"_L1).toArray().at(0).toObject();
        QCOMPARE(choice.value("finish_reason"_L1).toString(), openai);
        QCOMPARE(choice.value("delta"_L1).toObject(), QJsonObject());
    }

    void functionCallWinsOverOtherFinishReasons()
    {
        const QByteArray body = R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{}}}]},
                                   "finishReason":"MAX_TOKENS"}]})";
        QCOMPARE(firstChoice(translateChatResponse(body, {})).value("finish_reason"_L1).toString(), u"tool_calls"_s);
    }

    void toolCallIdCarriesSignature()
    {
        // The id has ToolCallIds.h's shape and its suffix decodes to the thoughtSignature
        // exactly as Gemini sent it (its base64 text).
        const QByteArray body = R"({"candidates":[{"content":{"parts":[
            {"functionCall":{"name":"f","args":{"a":1}},"thoughtSignature":"CiQB0e2Kb+/x=="}]},"finishReason":"STOP"}]})";
        const QJsonObject call =
            firstChoice(translateChatResponse(body, {})).value("message"_L1).toObject().value("tool_calls"_L1)
                .toArray().at(0).toObject();
        const QString id = call.value("id"_L1).toString();
        QVERIFY2(id.startsWith("call_"_L1), qPrintable(id));
        const qsizetype at = id.indexOf("_ts_"_L1);
        QCOMPARE(at, 5 + 24);
        const QString suffix = id.mid(at + 4);
        QVERIFY(!suffix.contains(u'=') && !suffix.contains(u'+') && !suffix.contains(u'/'));
        QCOMPARE(QByteArray::fromBase64(suffix.toLatin1(), QByteArray::Base64UrlEncoding),
                 QByteArray("CiQB0e2Kb+/x=="));
        // Two answers give two different ids.
        const QString again = firstChoice(translateChatResponse(body, {})).value("message"_L1).toObject()
                                  .value("tool_calls"_L1).toArray().at(0).toObject().value("id"_L1).toString();
        QVERIFY(again != id);
    }

    void garbageBodyStillAnswers()
    {
        ChatResponseContext context;
        context.id = u"chatcmpl-x"_s;
        context.model = u"m"_s;
        const QJsonObject out = json(translateChatResponse("not json", context));
        QCOMPARE(out.value("object"_L1).toString(), u"chat.completion"_s);
        QCOMPARE(out.value("choices"_L1).toArray().size(), 1);
        QCOMPARE(out.value("usage"_L1).toObject().value("total_tokens"_L1).toInt(), 0);
    }

    void errors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("code");

        const auto google = [](int code, const char *status, const char *message) {
            return QJsonDocument(QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code},
                                                                     {u"message"_s, QString::fromUtf8(message)},
                                                                     {u"status"_s, QString::fromUtf8(status)}}}})
                .toJson();
        };
        QTest::newRow("400") << 400 << google(400, "INVALID_ARGUMENT", "Invalid JSON payload received.")
                             << u"Invalid JSON payload received."_s << u"invalid_request_error"_s
                             << u"invalid_argument"_s;
        QTest::newRow("400 bad key") << 400
                                     << QByteArray(R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                                                   "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}})")
                                     << u"API key not valid. Please pass a valid API key."_s
                                     << u"invalid_request_error"_s << u"invalid_api_key"_s;
        QTest::newRow("401") << 401 << google(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
                             << u"Request had invalid authentication credentials."_s << u"authentication_error"_s
                             << u"invalid_api_key"_s;
        QTest::newRow("403") << 403 << google(403, "PERMISSION_DENIED", "Permission denied: Consumer has been suspended.")
                             << u"Permission denied: Consumer has been suspended."_s << u"permission_error"_s
                             << u"permission_denied"_s;
        QTest::newRow("404") << 404 << google(404, "NOT_FOUND", "models/nope is not found for API version v1beta")
                             << u"models/nope is not found for API version v1beta"_s << u"not_found_error"_s
                             << u"not_found"_s;
        QTest::newRow("429") << 429 << google(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).")
                             << u"Resource has been exhausted (e.g. check quota)."_s << u"rate_limit_error"_s
                             << u"rate_limit_exceeded"_s;
        QTest::newRow("500") << 500 << google(500, "INTERNAL", "An internal error has occurred.")
                             << u"An internal error has occurred."_s << u"server_error"_s << u"internal"_s;
        QTest::newRow("503") << 503 << google(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")
                             << u"The model is overloaded. Please try again later."_s << u"server_error"_s
                             << u"unavailable"_s;
        QTest::newRow("504") << 504 << google(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.")
                             << u"Deadline expired before operation could complete."_s << u"server_error"_s
                             << u"deadline_exceeded"_s;
        QTest::newRow("array-wrapped") << 400
                                       << QByteArray(R"([{"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT"}}])")
                                       << u"Request contains an invalid argument."_s << u"invalid_request_error"_s
                                       << u"invalid_argument"_s;
        QTest::newRow("non-JSON") << 502 << QByteArray("\n  <html><body>Bad Gateway</body></html>\r\n")
                                  << u"<html><body>Bad Gateway</body></html>"_s << u"server_error"_s
                                  << u"unavailable"_s;
        QTest::newRow("JSON without error") << 500 << QByteArray(R"({"oops":1})") << u"{\"oops\":1}"_s
                                            << u"server_error"_s << u"internal"_s;
        QTest::newRow("empty") << 500 << QByteArray() << u"The upstream answered with HTTP 500."_s
                               << u"server_error"_s << u"internal"_s;
        QTest::newRow("string error") << 400 << QByteArray(R"({"error":"  bad thing "})") << u"bad thing"_s
                                      << u"invalid_request_error"_s << u"invalid_argument"_s;
    }

    void errors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QFETCH(QString, type);
        QFETCH(QString, code);
        const QByteArray out = translateErrorToOpenAi(status, body);
        QVERIFY(!out.contains('\n'));
        const QJsonObject expected{{u"error"_s, QJsonObject{{u"message"_s, message},
                                                            {u"type"_s, type},
                                                            {u"param"_s, QJsonValue::Null},
                                                            {u"code"_s, code}}}};
        QCOMPARE(compact(json(out)), compact(expected));
    }

    void longRawErrorIsCut()
    {
        const QByteArray html = "<html>" + QByteArray(10000, 'x') + "</html>";
        const QString message =
            json(translateErrorToOpenAi(502, html)).value("error"_L1).toObject().value("message"_L1).toString();
        QVERIFY(message.size() <= 2003);
        QVERIFY(message.endsWith("..."_L1));
    }
};

QTEST_GUILESS_MAIN(TestChatResponse)
#include "tst_chatresponse.moc"
