// Gemini SSE events as OpenAI chat.completion.chunk events (fixtures under
// tests/data/translate/stream/): the exact event sequence, and OpenAI's stream invariants
// checked on every fixture (one id, role once per choice and first, finish_reason once and
// last per choice, usage null/usage chunk, [DONE] last).

#include "TranslateFixtures.h"
#include "translate/ChatResponseTranslator.h"
#include "translate/OpenAiTransformers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <map>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
// sseDataPayloads as it was first written: line ends normalized, split at LF.
QList<QByteArray> referencePayloads(const QByteArray &units)
{
    QList<QByteArray> payloads;
    QByteArray data;
    const auto flush = [&] {
        if (!data.isEmpty() && data.trimmed() != "[DONE]")
            payloads.append(data);
        data.clear();
    };
    QByteArray normalized = units;
    normalized.replace("\r\n", "\n");
    normalized.replace('\r', '\n');
    for (const QByteArray &line : normalized.split('\n')) {
        if (line.isEmpty())
            flush();
        else if (line.startsWith("data:"))
            data += (data.isEmpty() ? QByteArray() : QByteArray("\n")) + line.mid(line.startsWith("data: ") ? 6 : 5);
    }
    flush();
    return payloads;
}
} // namespace

class TestChatStream : public QObject
{
    Q_OBJECT

    // Splits a stream into its "data: " payloads, checking the framing: "data: <one line>\n\n".
    static QList<QByteArray> payloads(const QByteArray &stream, QString *error)
    {
        QList<QByteArray> out;
        if (!stream.isEmpty() && !stream.endsWith("\n\n")) {
            *error = u"output does not end with a blank line"_s;
            return out;
        }
        const QList<QByteArray> events = stream.split('\n');
        for (qsizetype i = 0; i + 1 < events.size(); i += 2) {
            if (!events.at(i).startsWith("data: ") || !events.at(i + 1).isEmpty()) {
                *error = u"bad framing near: "_s + QString::fromUtf8(events.at(i));
                return out;
            }
            out.append(events.at(i).mid(6));
        }
        return out;
    }

    struct Run
    {
        QList<QByteArray> payloads;
        QString error;
    };

    static Run run(const ChatResponseContext &context, const QJsonArray &events, const QJsonObject &failure)
    {
        Run r;
        ChatStreamTranslator translator(context);
        QByteArray all;
        for (const QJsonValue &event : events) {
            const QByteArray out = translator.onEvent(event.toObject());
            // Each call returns whole events only.
            if (!out.isEmpty() && (!out.startsWith("data: ") || !out.endsWith("\n\n")))
                r.error = u"onEvent returned a partial event: "_s + QString::fromUtf8(out);
            all += out;
        }
        if (failure.isEmpty())
            all += translator.finish();
        else
            all += translator.fail(failure.value("status"_L1).toInt(), failure.value("message"_L1).toString());
        // Nothing more once the stream is over.
        if (!translator.finish().isEmpty() || !translator.fail(500, u"x"_s).isEmpty()
            || !translator.onEvent(QJsonObject{{u"candidates"_s, QJsonArray{QJsonObject{}}}}).isEmpty())
            r.error = u"output after the stream ended"_s;
        if (r.error.isEmpty())
            r.payloads = payloads(all, &r.error);
        return r;
    }

    // OpenAI's rules for a chat completion stream.
    static QString checkInvariants(const ChatResponseContext &context, const QList<QByteArray> &payloads)
    {
        if (payloads.isEmpty() || payloads.last() != "[DONE]")
            return u"[DONE] is not last"_s;
        struct PerChoice { int chunks = 0; bool finished = false; };
        std::map<int, PerChoice> choices;
        QSet<QString> toolCallIds;
        bool sawUsageChunk = false;
        bool sawError = false;
        for (qsizetype i = 0; i + 1 < payloads.size(); ++i) {
            const QByteArray &payload = payloads.at(i);
            if (payload == "[DONE]")
                return u"[DONE] twice"_s;
            const QJsonDocument doc = QJsonDocument::fromJson(payload);
            if (!doc.isObject())
                return u"not a JSON object: "_s + QString::fromUtf8(payload);
            // Compact: as long as Qt's compact form of the same object (keys may come in
            // another order; OpenAI's own order is id, object, created, model, choices).
            if (doc.toJson(QJsonDocument::Compact).size() != payload.size())
                return u"not compact JSON: "_s + QString::fromUtf8(payload);
            const QJsonObject chunk = doc.object();
            if (sawUsageChunk || sawError)
                return u"a chunk after the usage chunk or the error"_s;
            if (chunk.contains("error"_L1)) {
                sawError = true;
                continue;
            }
            if (chunk.value("id"_L1).toString() != context.id || chunk.value("object"_L1) != "chat.completion.chunk"_L1
                || chunk.value("created"_L1).toInteger() != context.created
                || chunk.value("model"_L1).toString() != context.model)
                return u"id/object/created/model differ: "_s + QString::fromUtf8(payload);
            const QJsonArray choiceArray = chunk.value("choices"_L1).toArray();
            if (context.includeUsage != chunk.contains("usage"_L1))
                return u"usage field present iff includeUsage"_s;
            if (choiceArray.isEmpty()) {
                if (!context.includeUsage || !chunk.value("usage"_L1).isObject())
                    return u"a chunk without choices that is not the usage chunk"_s;
                sawUsageChunk = true;
                continue;
            }
            if (context.includeUsage && !chunk.value("usage"_L1).isNull())
                return u"usage must be null before the usage chunk"_s;
            for (const QJsonValue &v : choiceArray) {
                const QJsonObject choice = v.toObject();
                PerChoice &state = choices[choice.value("index"_L1).toInt()];
                const QJsonObject delta = choice.value("delta"_L1).toObject();
                if (state.finished)
                    return u"a chunk after the choice's finish_reason"_s;
                if ((state.chunks == 0) != delta.contains("role"_L1))
                    return u"role must be in the first delta of a choice, and only there"_s;
                if (!choice.contains("logprobs"_L1) || !choice.value("logprobs"_L1).isNull())
                    return u"logprobs must be null"_s;
                if (!choice.contains("finish_reason"_L1))
                    return u"finish_reason missing"_s;
                if (!choice.value("finish_reason"_L1).isNull()) {
                    state.finished = true;
                    if (!delta.isEmpty())
                        return u"the finish chunk's delta must be {}"_s;
                }
                const QJsonArray calls = delta.value("tool_calls"_L1).toArray();
                for (const QJsonValue &call : calls) {
                    const QString id = call.toObject().value("id"_L1).toString();
                    if (id.isEmpty() || toolCallIds.contains(id))
                        return u"tool call ids must be present and unique"_s;
                    toolCallIds.insert(id);
                }
                ++state.chunks;
            }
        }
        if (!sawError) {
            if (choices.empty())
                return u"no choice at all"_s;
            for (const auto &[index, state] : choices) {
                if (!state.finished)
                    return u"choice %1 never got a finish_reason"_s.arg(index);
            }
            if (context.includeUsage != sawUsageChunk)
                return u"usage chunk iff includeUsage"_s;
        }
        return {};
    }

private slots:
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = fixtureFiles(u"translate/stream"_s);
        QVERIFY(files.size() >= 15);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << (u"translate/stream/"_s + file);
    }

    void fixtures()
    {
        QFETCH(QString, file);
        QString error;
        const QJsonObject fixture = readFixture(file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const ChatResponseContext context = contextFrom(fixture.value("context"_L1).toObject());

        const Run r = run(context, fixture.value("events"_L1).toArray(), fixture.value("fail"_L1).toObject());
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        const QString broken = checkInvariants(context, r.payloads);
        QVERIFY2(broken.isEmpty(), qPrintable(broken));

        // The exact sequence: each chunk without the fields checked above (id, object,
        // created, model), tool call ids normalized; "[DONE]" as a string.
        QJsonArray actual;
        QStringList ids;
        for (const QByteArray &payload : r.payloads) {
            if (payload == "[DONE]") {
                actual.append(u"[DONE]"_s);
                continue;
            }
            QJsonObject chunk = QJsonDocument::fromJson(payload).object();
            for (const char *key : {"id", "object", "created", "model"})
                chunk.remove(QLatin1StringView(key));
            actual.append(normalizeToolCallIds(chunk, &ids, &error));
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonArray expected = fixture.value("chunks"_L1).toArray();
        if (actual != expected) {
            qWarning().noquote() << fixture.value("name"_L1).toString() << "\nactual:";
            for (const QJsonValue &v : std::as_const(actual))
                qWarning().noquote() << "  " << compact(v);
            qWarning().noquote() << "expected:";
            for (const QJsonValue &v : expected)
                qWarning().noquote() << "  " << compact(v);
        }
        QVERIFY(actual == expected);
    }

    void rawFirstEventsLookLikeOpenAi()
    {
        // Byte-level check of one stream: compact JSON per "data: " line, blank line after each.
        ChatResponseContext context;
        context.id = u"chatcmpl-raw"_s;
        context.model = u"gemini-2.5-flash"_s;
        context.created = 1;
        ChatStreamTranslator translator(context);
        QByteArray out = translator.onEvent(
            QJsonDocument::fromJson(R"({"candidates":[{"content":{"parts":[{"text":"Hi"}]},"index":0}]})").object());
        out += translator.finish();
        QCOMPARE(out,
                 QByteArray(
                     R"(data: {"id":"chatcmpl-raw","object":"chat.completion.chunk","created":1,"model":"gemini-2.5-flash","choices":[{"index":0,"delta":{"content":"","refusal":null,"role":"assistant"},"logprobs":null,"finish_reason":null}]})"
                     "\n\n"
                     R"(data: {"id":"chatcmpl-raw","object":"chat.completion.chunk","created":1,"model":"gemini-2.5-flash","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]})"
                     "\n\n"
                     R"(data: {"id":"chatcmpl-raw","object":"chat.completion.chunk","created":1,"model":"gemini-2.5-flash","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]})"
                     "\n\n"
                     "data: [DONE]\n\n"));
    }

    void rawTextChunksWithReasoningAndUsage()
    {
        // Byte-level: the text chunks (written from a template made once per stream) next to
        // the role chunk (written member by member), with include_usage's "usage":null.
        ChatResponseContext context;
        context.id = u"chatcmpl-raw"_s;
        context.model = u"gemini-2.5-flash"_s;
        context.created = 7;
        context.includeUsage = true;
        context.showThinking = true;
        const QByteArray event = QByteArrayLiteral(
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hmm\",\"thought\":true},"
            "{\"text\":\"a\\tb \u00e9\"}]},\"index\":12}]}");
        const QByteArray envelope =
            QByteArrayLiteral("data: {\"id\":\"chatcmpl-raw\",\"object\":\"chat.completion.chunk\",\"created\":7,"
                              "\"model\":\"gemini-2.5-flash\",\"choices\":[{\"index\":12,\"delta\":");
        const QByteArray tail = QByteArrayLiteral(",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        const QByteArray expected =
            envelope + "{\"content\":\"\",\"refusal\":null,\"role\":\"assistant\"}" + tail
            + envelope + "{\"reasoning_content\":\"Hmm\"}" + tail
            + envelope + "{\"content\":\"a\\tb \xc3\xa9\"}" + tail;
        ChatStreamTranslator fromObject(context);
        QCOMPARE(fromObject.onEvent(QJsonDocument::fromJson(event).object()), expected);
        ChatStreamTranslator fromText(context);
        QCOMPARE(fromText.onEventJson(event), expected);
    }

    void failBeforeAnything()
    {
        ChatStreamTranslator translator(ChatResponseContext{});
        QCOMPARE(translator.fail(429, u"  "_s),
                 QByteArray(R"(data: {"error":{"code":"rate_limit_exceeded","message":"The upstream stream failed (HTTP 429).","param":null,"type":"rate_limit_error"}})"
                            "\n\ndata: [DONE]\n\n"));
    }

    void copiesShareNothingSurprising()
    {
        // The translator is a value holding shared state: a copy continues the same stream
        // (handy for lambdas capturing it), so the role is still sent only once.
        ChatStreamTranslator a(ChatResponseContext{});
        const QJsonObject event = QJsonDocument::fromJson(R"({"candidates":[{"content":{"parts":[{"text":"x"}]}}]})").object();
        QVERIFY(a.onEvent(event).contains("\"role\""));
        ChatStreamTranslator b = a;
        QVERIFY(!b.onEvent(event).contains("\"role\""));
    }

    // The SSE data payloads of a block of whole events: random lines (data with and without
    // its space, comments, other fields, [DONE], empty data) with CRLF, LF and CR line ends.
    void ssePayloadsMatchTheSplitReference()
    {
        QRandomGenerator rng(2711);
        const QList<QByteArray> pieces{"data: {\"a\":1}", "data:{\"b\":2}", "data: [DONE]", "data:", "data: ",
                                       ": comment", "event: message", "id: 7", "data:  [DONE] ", "x"};
        const QList<QByteArray> ends{"\r\n", "\n", "\r", "\r\n\r\n", "\n\n", "\r\r", ""};
        for (int round = 0; round < 5000; ++round) {
            QByteArray units;
            const int lines = rng.bounded(12);
            for (int i = 0; i < lines; ++i)
                units += pieces.at(rng.bounded(int(pieces.size()))) + ends.at(rng.bounded(int(ends.size())));
            QCOMPARE(sseDataPayloads(units), referencePayloads(units));
        }
    }
};

QTEST_GUILESS_MAIN(TestChatStream)
#include "tst_chatstream.moc"
