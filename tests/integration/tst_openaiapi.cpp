// The OpenAI-compatible APIs end to end against the fake upstream: /v1 and /hf/v1 translated
// to Gemini, /openai/v1 passed through to Gemini's own OpenAI endpoint.

#include "ProxyHarness.h"
#include "http/HttpServer.h"
#include "common/ResponseSink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {
HttpHeaders bearer(const QByteArray &token = ProxyHarness::kClientToken.toUtf8())
{
    return {{"Authorization", "Bearer " + token}, {"x-goog-api-key", ""}};
}

QList<QJsonObject> sseJson(const QByteArray &body, bool *sawDone)
{
    QList<QJsonObject> out;
    *sawDone = false;
    for (const QByteArray &line : body.split('\n')) {
        if (!line.startsWith("data: "))
            continue;
        const QByteArray data = line.mid(6).trimmed();
        if (data == "[DONE]")
            *sawDone = true;
        else
            out.append(QJsonDocument::fromJson(data).object());
    }
    return out;
}

const QByteArray kChat = R"({"model":"gemini-2.5-flash","messages":[{"role":"system","content":"Be brief."},
  {"role":"user","content":"Say hello"}]})";
} // namespace

class TestOpenAiApi : public QObject
{
    Q_OBJECT
private slots:
    void bearerAuthAndErrorShape()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const ClientReply none = h.post(u"/v1/chat/completions"_s, kChat, {{"x-goog-api-key", ""}});
        QCOMPARE(none.status, 401);
        const QJsonObject error = none.json().value(u"error"_s).toObject();
        QVERIFY(!error.value(u"message"_s).toString().isEmpty());
        QCOMPARE(error.value(u"type"_s).toString(), u"authentication_error"_s);
        // x-goog-api-key is not how OpenAI clients authenticate: Bearer only.
        QCOMPARE(h.post(u"/v1/chat/completions"_s, kChat).status, 401);
        QCOMPARE(h.post(u"/v1/chat/completions"_s, kChat, bearer("wrong")).status, 401);
        QCOMPARE(h.fake().requestsTotal(), 0);
    }

    void chatCompletionUnderBothPrefixes()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        QStringList ids;
        for (const QString &prefix : {u"/v1"_s, u"/hf/v1"_s}) {
            const ClientReply r = h.post(prefix + u"/chat/completions"_s, kChat, bearer());
            QCOMPARE(r.status, 200);
            const QJsonObject c = r.json();
            // OpenAI's form: "chatcmpl-" and 29 letters and digits, a new one per completion.
            static const QRegularExpression idForm(u"^chatcmpl-[A-Za-z0-9]{29}$"_s);
            ids << c.value(u"id"_s).toString();
            QVERIFY2(idForm.match(ids.last()).hasMatch(), qPrintable(ids.last()));
            QVERIFY(ids.size() == 1 || ids.first() != ids.last());
            QCOMPARE(c.value(u"object"_s).toString(), u"chat.completion"_s);
            QCOMPARE(c.value(u"model"_s).toString(), u"gemini-2.5-flash"_s);
            const QJsonObject choice = c.value(u"choices"_s).toArray().at(0).toObject();
            QCOMPARE(choice.value(u"finish_reason"_s).toString(), u"stop"_s);
            QVERIFY(choice.value(u"message"_s).toObject().value(u"content"_s).toString().contains(u"Say hello"_s));
            const QJsonObject usage = c.value(u"usage"_s).toObject();
            QVERIFY(usage.value(u"total_tokens"_s).toInt() > 0);
            // Upstream saw a native generateContent with the system prompt moved.
            const RecordedRequest up = h.fake().lastRequest();
            QCOMPARE(up.path, QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
            const QJsonObject sent = QJsonDocument::fromJson(up.body).object();
            QVERIFY(sent.contains(u"systemInstruction"_s));
            QVERIFY(!sent.value(u"generationConfig"_s).toObject().contains(u"temperature"_s));  // no injected defaults
        }
    }

    void streamingLooksLikeOpenAi()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({4, 30, true});
        QByteArray body = kChat;
        body.insert(body.size() - 1, R"(,"stream":true,"stream_options":{"include_usage":true})");
        const ClientReply r = h.post(u"/v1/chat/completions"_s, body, bearer());
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/event-stream"));
        bool done = false;
        const QList<QJsonObject> chunks = sseJson(r.body, &done);
        QVERIFY(done);
        QVERIFY(chunks.size() >= 3);
        const QString id = chunks.first().value(u"id"_s).toString();
        int roles = 0, finishes = 0;
        QString text;
        for (const QJsonObject &c : chunks) {
            QCOMPARE(c.value(u"id"_s).toString(), id);  // one id per completion
            QCOMPARE(c.value(u"object"_s).toString(), u"chat.completion.chunk"_s);
            const QJsonArray choices = c.value(u"choices"_s).toArray();
            if (choices.isEmpty()) {
                QVERIFY(c.value(u"usage"_s).toObject().value(u"total_tokens"_s).toInt() > 0);
                continue;
            }
            const QJsonObject choice = choices.at(0).toObject();
            const QJsonObject delta = choice.value(u"delta"_s).toObject();
            roles += delta.contains(u"role"_s);
            text += delta.value(u"content"_s).toString();
            finishes += choice.value(u"finish_reason"_s).isString();
        }
        QCOMPARE(roles, 1);
        QCOMPARE(finishes, 1);
        QVERIFY(text.contains(u"Say hello"_s));
        QVERIFY(chunks.last().value(u"choices"_s).toArray().isEmpty());  // the usage chunk comes last
        QCOMPARE(h.fake().lastRequest().query, QByteArray("alt=sse"));
    }

    void upstreamErrorsKeepTheirStatusInOpenAiShape()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 1; });
        QVERIFY(h.isReady());
        h.fake().setKeyRateLimited(u"AIzaKeyA"_s);
        const ClientReply r = h.post(u"/v1/chat/completions"_s, kChat, bearer());
        QCOMPARE(r.status, 429);
        const QJsonObject error = r.json().value(u"error"_s).toObject();
        QVERIFY(error.value(u"message"_s).toString().contains(u"quota"_s));
        QCOMPARE(error.value(u"type"_s).toString(), u"rate_limit_error"_s);

        const ClientReply bad = h.post(u"/v1/chat/completions"_s, R"({"model":"gemini-2.5-flash","messages":"x"})", bearer());
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(u"error"_s).toObject().value(u"type"_s).toString(), u"invalid_request_error"_s);
        QCOMPARE(h.post(u"/v1/chat/completions"_s, "{not json", bearer()).status, 400);
    }

    void modelsInOpenAiShapeWithAliases()
    {
        ProxyHarness h([](SettingsValues &s) { s.searchModels = {u"gemini-2.5-flash"_s}; });
        QVERIFY(h.isReady());
        const ClientReply r = h.get(u"/v1/models"_s, bearer());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"object"_s).toString(), u"list"_s);
        QStringList ids;
        for (const QJsonValue &m : r.json().value(u"data"_s).toArray()) {
            QCOMPARE(m.toObject().value(u"object"_s).toString(), u"model"_s);
            ids << m.toObject().value(u"id"_s).toString();
        }
        QVERIFY(ids.contains(u"gemini-2.5-flash"_s));
        QVERIFY(ids.contains(u"gemini-2.5-flash-search"_s));
        const ClientReply one = h.get(u"/hf/v1/models/gemini-2.5-flash-search"_s, bearer());
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(u"id"_s).toString(), u"gemini-2.5-flash-search"_s);
        QCOMPARE(h.get(u"/v1/models/nope"_s, bearer()).status, 404);
    }

    void embeddingsThroughBatchEmbedContents()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const ClientReply r = h.post(u"/v1/embeddings"_s,
                                     R"({"model":"text-embedding-004","input":["first text","second text"]})", bearer());
        QCOMPARE(r.status, 200);
        QCOMPARE(h.fake().lastRequest().path, QByteArray("/v1beta/models/text-embedding-004:batchEmbedContents"));
        const QJsonArray data = r.json().value(u"data"_s).toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(data.at(1).toObject().value(u"index"_s).toInt(), 1);
        QVERIFY(data.at(0).toObject().value(u"embedding"_s).toArray().size() > 10);
        QVERIFY(r.json().value(u"usage"_s).toObject().value(u"prompt_tokens"_s).toInt() > 0);
    }

    void largeEmbeddingInputsGoInBatchesOf100()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        QJsonArray inputs;
        for (int i = 0; i < 250; ++i)
            inputs.append(u"text number %1"_s.arg(i));
        const QJsonObject request{{u"model"_s, u"text-embedding-004"_s}, {u"input"_s, inputs}};
        const ClientReply r = h.post(u"/v1/embeddings"_s, QJsonDocument(request).toJson(), bearer());
        QCOMPARE(r.status, 200);
        QCOMPARE(h.fake().requestsTotal(), 3);
        const QJsonArray data = r.json().value(u"data"_s).toArray();
        QCOMPARE(data.size(), 250);
        for (int i = 0; i < 250; ++i)
            QCOMPARE(data.at(i).toObject().value(u"index"_s).toInt(), i);
        QList<int> sizes;
        for (const RecordedRequest &up : h.fake().requests())
            sizes << int(QJsonDocument::fromJson(up.body).object().value(u"requests"_s).toArray().size());
        QCOMPARE(sizes, QList<int>({100, 100, 50}));
    }

    void passthroughToGeminisOwnOpenAiEndpoint()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const QByteArray body = R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],"custom":1})";
        const ClientReply r = h.post(u"/openai/v1/chat/completions"_s, body, bearer());
        QCOMPARE(r.status, 200);
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.path, QByteArray("/v1beta/openai/chat/completions"));
        QCOMPARE(up.body, body);  // bytes as they are
        QCOMPARE(up.keySource, KeySource::Bearer);
        QVERIFY(up.key.startsWith(u"AIzaKey"_s));
        QCOMPARE(r.body, h.fake().lastResponse().body);

        QByteArray stream = body;
        stream.insert(stream.size() - 1, R"(,"stream":true)");
        const ClientReply s = h.post(u"/openai/v1/chat/completions"_s, stream, bearer());
        QCOMPARE(s.status, 200);
        QCOMPARE(s.body, h.fake().lastResponse().body);
        QVERIFY(s.body.contains("[DONE]"));

        const ClientReply models = h.get(u"/openai/v1/models"_s, bearer());
        QCOMPARE(models.status, 200);
        QCOMPARE(h.fake().lastRequest().path, QByteArray("/v1beta/openai/models"));
    }

    void fakeStreamSendsHeartbeatsForSlowAnswers()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.fakeStreamEnabled = true;
            s.fakeStreamEmptyDataIntervalSeconds = 1;
        });
        QVERIFY(h.isReady());
        h.fake().setReplyDelay(2500);
        QByteArray body = kChat;
        body.insert(body.size() - 1, R"(,"stream":true)");
        const ClientReply r = h.post(u"/v1/chat/completions"_s, body, bearer(), 15000);
        QCOMPARE(r.status, 200);
        QCOMPARE(h.fake().lastRequest().path, QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
        bool done = false;
        const QList<QJsonObject> chunks = sseJson(r.body, &done);
        QVERIFY(done);
        int heartbeats = 0;
        QString text;
        for (const QJsonObject &c : chunks) {
            const QJsonArray choices = c.value(u"choices"_s).toArray();
            heartbeats += choices.isEmpty();
            if (!choices.isEmpty())
                text += choices.at(0).toObject().value(u"delta"_s).toObject().value(u"content"_s).toString();
        }
        QVERIFY2(heartbeats >= 2, qPrintable(QString::number(heartbeats)));
        QVERIFY2(text.contains(u"Say hello"_s), r.body.constData());
    }

    void imagesByUrlAreFetchedWithTheirRealType()
    {
        // A tiny image server on loopback.
        const QByteArray jpeg = QByteArray("\xff\xd8\xff\xe0", 4) + QByteArray(200, 'j');
        HttpServer images([jpeg](HttpRequest &&request, ResponseSink *sink) {
            if (request.path == "/cat.jpg")
                sink->send(200, {{"Content-Type", "image/jpeg"}}, jpeg);
            else if (request.path == "/noext")
                sink->send(200, {{"Content-Type", "application/octet-stream"}}, jpeg);
            else
                sink->send(404, {{"Content-Type", "text/plain"}}, "missing");
        });
        QVERIFY(images.listen(QHostAddress::LocalHost, 0));
        const QString base = u"http://127.0.0.1:%1"_s.arg(images.serverPort());

        ProxyHarness h;
        QVERIFY(h.isReady());
        const auto imageMessage = [](const QStringList &urls) {
            QJsonArray content{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u"What is this?"_s}}};
            for (const QString &url : urls)
                content.append(QJsonObject{{u"type"_s, u"image_url"_s}, {u"image_url"_s, QJsonObject{{u"url"_s, url}}}});
            const QJsonObject request{{u"model"_s, u"gemini-2.5-flash"_s},
                                      {u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, content}}}}};
            return QJsonDocument(request).toJson(QJsonDocument::Compact);
        };
        const QByteArray body = imageMessage({base + u"/cat.jpg"_s, base + u"/noext"_s});
        QCOMPARE(h.post(u"/v1/chat/completions"_s, body, bearer()).status, 200);
        const QJsonArray parts = QJsonDocument::fromJson(h.fake().lastRequest().body).object().value(u"contents"_s)
                                     .toArray().at(0).toObject().value(u"parts"_s).toArray();
        int images_ = 0;
        for (const QJsonValue &p : parts) {
            const QJsonObject inline_ = p.toObject().value(u"inlineData"_s).toObject();
            if (inline_.isEmpty())
                continue;
            ++images_;
            QCOMPARE(inline_.value(u"mimeType"_s).toString(), u"image/jpeg"_s);
            QCOMPARE(QByteArray::fromBase64(inline_.value(u"data"_s).toString().toLatin1()), jpeg);
        }
        QCOMPARE(images_, 2);

        const QByteArray missing = imageMessage({base + u"/gone.png"_s});
        const ClientReply r = h.post(u"/v1/chat/completions"_s, missing, bearer());
        QCOMPARE(r.status, 400);
        QVERIFY(r.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"404"_s));
    }
};

QTEST_GUILESS_MAIN(TestOpenAiApi)
#include "tst_openaiapi.moc"
