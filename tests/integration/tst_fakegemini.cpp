// Proves the fake Gemini upstream behaves like the real Generative Language API v1beta
// on the wire, and that its controls (keys, faults, timing, recording) work. Client:
// QNetworkAccessManager (plus a raw QTcpSocket where the exact framing matters).

#include "FakeGemini.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace gb::test;

namespace {

const QString kKey = u"AIzaTestKey0001"_s;
constexpr int kWaitMs = 10000;

struct Result
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;
    QList<QByteArray> reads;  // body as it arrived, one entry per readyRead
    qint64 elapsedMs = 0;
    bool finished = false;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject error_() const { return json().value("error"_L1).toObject(); }
};

QByteArray chatBody(const QString &text)
{
    return QJsonDocument(QJsonObject{
                             {u"contents"_s, QJsonArray{QJsonObject{
                                                 {u"role"_s, u"user"_s},
                                                 {u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, text}}}}}}}})
        .toJson(QJsonDocument::Compact);
}

QString partsText(const QJsonObject &response, bool thoughts = false)
{
    QString text;
    const QJsonArray parts = response.value("candidates"_L1).toArray().first().toObject()
                                 .value("content"_L1).toObject().value("parts"_L1).toArray();
    for (const QJsonValue &p : parts) {
        const QJsonObject o = p.toObject();
        if (o.contains("text"_L1) && o.value("thought"_L1).toBool() == thoughts)
            text += o.value("text"_L1).toString();
    }
    return text;
}

} // namespace

class TestFakeGemini : public QObject
{
    Q_OBJECT

private:
    FakeGemini *m_fake = nullptr;
    QNetworkAccessManager *m_nam = nullptr;

    QNetworkRequest makeRequest(const QString &pathAndQuery, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest req(m_fake->url(pathAndQuery));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto &h : headers)
            req.setRawHeader(h.first, h.second);
        return req;
    }

    Result run(QNetworkReply *reply, int timeoutMs = kWaitMs)
    {
        Result r;
        QElapsedTimer timer;
        timer.start();
        connect(reply, &QNetworkReply::readyRead, this, [&r, reply] { r.reads << reply->readAll(); });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeoutMs);
        r.finished = reply->isFinished();
        if (!r.finished)
            reply->abort();
        if (reply->isOpen())
            r.reads << reply->readAll();
        r.reads.removeAll(QByteArray());
        for (const QByteArray &b : std::as_const(r.reads))
            r.body += b;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        r.headers = reply->rawHeaderPairs();
        r.elapsedMs = timer.elapsed();
        reply->deleteLater();
        return r;
    }

    Result get(const QString &pathAndQuery, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return run(m_nam->get(makeRequest(pathAndQuery, headers)));
    }

    Result post(const QString &pathAndQuery, const QByteArray &body,
                const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return run(m_nam->post(makeRequest(pathAndQuery, headers), body));
    }

    Result generate(const QString &model, const QString &text, const QString &key = kKey)
    {
        return post(u"/v1beta/models/%1:generateContent?key=%2"_s.arg(model, key), chatBody(text));
    }

    // Sends raw bytes, reads (event loop running, the fake lives in this thread) until the
    // last chunk, the server closes, or timeoutMs passes.
    QByteArray rawExchange(const QByteArray &request, int timeoutMs = 3000)
    {
        QTcpSocket socket;
        QByteArray data;
        connect(&socket, &QTcpSocket::readyRead, this, [&] { data += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, m_fake->port());
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs))
            return {};
        socket.write(request);
        const bool done = QTest::qWaitFor([&] {
            return data.endsWith("0\r\n\r\n") || socket.state() != QAbstractSocket::ConnectedState;
        }, timeoutMs);
        Q_UNUSED(done);  // the caller checks what arrived
        return data;
    }

    static void checkErrorShape(const Result &r, int code, const QString &status, const QString &message)
    {
        QCOMPARE(r.status, code);
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json; charset=UTF-8"));
        QVERIFY2(r.body.startsWith("{\n  \"error\": {\n    \"code\": "), r.body.constData());
        const QJsonObject e = r.error_();
        QCOMPARE(e.value("code"_L1).toInt(), code);
        QCOMPARE(e.value("status"_L1).toString(), status);
        if (!message.isEmpty())
            QCOMPARE(e.value("message"_L1).toString(), message);
    }

private slots:
    void init()
    {
        m_fake = new FakeGemini(this);
        QVERIFY(m_fake->start());
        QVERIFY(m_fake->port() != 0);
        m_nam = new QNetworkAccessManager(this);
    }

    void cleanup()
    {
        delete m_nam;
        m_nam = nullptr;
        delete m_fake;
        m_fake = nullptr;
    }

    void jsonStyles()
    {
        const Json j = Json::object({{"a", 1}, {"b", Json::array({1, "x<y"})}, {"c", Json::object()},
                                     {"d", 0.95}, {"e", true}});
        QCOMPARE(j.toPretty(), QByteArrayLiteral("{\n  \"a\": 1,\n  \"b\": [\n    1,\n    \"x\\u003cy\"\n  ],\n"
                                                 "  \"c\": {},\n  \"d\": 0.95,\n  \"e\": true\n}"));
        QCOMPARE(j.toStreamLine(), QByteArrayLiteral("{\"a\": 1,\"b\": [1,\"x\\u003cy\"],\"c\": {},\"d\": 0.95,\"e\": true}"));
        QCOMPARE(j.toCompact(), QByteArrayLiteral("{\"a\":1,\"b\":[1,\"x\\u003cy\"],\"c\":{},\"d\":0.95,\"e\":true}"));
    }

    void splitText()
    {
        const QString text = u"Fake reply from gemini-2.5-flash to: caf\u00e9 \U0001F600 ok"_s;
        for (int n = 1; n < text.size(); ++n) {  // text.size() - 1 code points
            const QStringList pieces = fake::splitText(text, n);
            QCOMPARE(pieces.size(), n);
            QCOMPARE(pieces.join(QString()), text);
            for (const QString &p : pieces) {
                QVERIFY(!p.isEmpty());
                QVERIFY(!p.front().isLowSurrogate());
            }
        }
    }

    void baseUrl()
    {
        QCOMPARE(m_fake->baseUrl().toString(), u"http://127.0.0.1:%1/v1beta"_s.arg(m_fake->port()));
    }

    void listModels()
    {
        const Result r = get(u"/v1beta/models?key="_s + kKey);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json; charset=UTF-8"));
        QVERIFY(r.body.startsWith("{\n  \"models\": [\n    {\n      \"name\": \"models/"));
        QVERIFY(r.body.endsWith("}\n"));
        const QJsonObject o = r.json();
        const QJsonArray models = o.value("models"_L1).toArray();
        QCOMPARE(models.size(), m_fake->models().size());
        QVERIFY(models.size() >= 12);
        QVERIFY(!o.contains("nextPageToken"_L1));
        QJsonObject flash;
        QStringList names;
        for (const QJsonValue &v : models) {
            names << v.toObject().value("name"_L1).toString();
            if (v.toObject().value("name"_L1) == "models/gemini-2.5-flash"_L1)
                flash = v.toObject();
        }
        for (const char *expected : {"gemini-2.5-pro", "gemini-2.5-flash-lite", "gemini-2.0-flash", "gemini-3-pro-preview",
                                     "text-embedding-004", "gemini-embedding-001", "chat-bison-001"})
            QVERIFY2(names.contains(u"models/"_s + QString::fromLatin1(expected)), expected);
        QCOMPARE(flash.value("version"_L1).toString(), u"001"_s);
        QCOMPARE(flash.value("displayName"_L1).toString(), u"Gemini 2.5 Flash"_s);
        QCOMPARE(flash.value("inputTokenLimit"_L1).toInt(), 1048576);
        QCOMPARE(flash.value("outputTokenLimit"_L1).toInt(), 65536);
        QCOMPARE(flash.value("supportedGenerationMethods"_L1).toArray(),
                 (QJsonArray{u"generateContent"_s, u"countTokens"_s, u"createCachedContent"_s, u"batchGenerateContent"_s}));
        QCOMPARE(flash.value("temperature"_L1).toDouble(), 1.0);
        QCOMPARE(flash.value("topP"_L1).toDouble(), 0.95);
        QCOMPARE(flash.value("topK"_L1).toInt(), 64);
        QCOMPARE(flash.value("maxTemperature"_L1).toDouble(), 2.0);
        QCOMPARE(flash.value("thinking"_L1).toBool(), true);
    }

    void listModelsPaging()
    {
        QStringList seen;
        QString token;
        int pages = 0;
        do {
            QString path = u"/v1beta/models?pageSize=5&key="_s + kKey;
            if (!token.isEmpty())
                path += u"&pageToken="_s + QString::fromLatin1(QUrl::toPercentEncoding(token));
            const Result r = get(path);
            QCOMPARE(r.status, 200);
            const QJsonArray models = r.json().value("models"_L1).toArray();
            QVERIFY(models.size() <= 5 && !models.isEmpty());
            for (const QJsonValue &v : models)
                seen << v.toObject().value("name"_L1).toString();
            token = r.json().value("nextPageToken"_L1).toString();
            if (!token.isEmpty())
                QCOMPARE(models.size(), 5);
            QVERIFY(++pages < 10);
        } while (!token.isEmpty());
        QCOMPARE(pages, int((m_fake->models().size() + 4) / 5));
        QCOMPARE(seen.size(), m_fake->models().size());
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), seen.size());

        // max 1000, and default 50 for nonsense
        QCOMPARE(get(u"/v1beta/models?pageSize=5000&key="_s + kKey).json().value("models"_L1).toArray().size(),
                 m_fake->models().size());
        QList<FakeModel> many;
        for (int i = 0; i < 120; ++i) {
            FakeModel m = m_fake->models().at(1);
            m.name = u"gemini-many-%1"_s.arg(i);
            many << m;
        }
        m_fake->setModels(many);
        const Result def = get(u"/v1beta/models?key="_s + kKey);
        QCOMPARE(def.json().value("models"_L1).toArray().size(), 50);
        QVERIFY(!def.json().value("nextPageToken"_L1).toString().isEmpty());

        const Result bad = get(u"/v1beta/models?pageToken=garbage&key="_s + kKey);
        checkErrorShape(bad, 400, u"INVALID_ARGUMENT"_s, QString());
    }

    void getModel()
    {
        const Result r = get(u"/v1beta/models/gemini-2.5-pro?key="_s + kKey);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("name"_L1).toString(), u"models/gemini-2.5-pro"_s);
        QVERIFY(r.body.startsWith("{\n  \"name\": \"models/gemini-2.5-pro\",\n  \"version\": "));
        const Result missing = get(u"/v1beta/models/gemini-nope?key="_s + kKey);
        checkErrorShape(missing, 404, u"NOT_FOUND"_s, QString());
        QVERIFY(missing.error_().value("message"_L1).toString().startsWith("models/gemini-nope is not found"_L1));
    }

    void generateContent()
    {
        const Result r = generate(u"gemini-2.5-flash"_s, u"Hello there, fake"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json; charset=UTF-8"));
        QVERIFY(!r.header("Vary").isEmpty());
        QVERIFY2(r.body.startsWith("{\n  \"candidates\": [\n    {\n      \"content\": {\n        \"parts\": ["),
                 r.body.constData());
        QVERIFY(r.body.endsWith("}\n"));
        const QJsonObject o = r.json();
        const QJsonObject cand = o.value("candidates"_L1).toArray().first().toObject();
        QCOMPARE(cand.value("content"_L1).toObject().value("role"_L1).toString(), u"model"_s);
        QCOMPARE(cand.value("finishReason"_L1).toString(), u"STOP"_s);
        QCOMPARE(cand.value("index"_L1).toInt(-1), 0);
        const QJsonArray parts = cand.value("content"_L1).toObject().value("parts"_L1).toArray();
        QVERIFY(parts.size() >= 2);
        QCOMPARE(parts.at(0).toObject().value("thought"_L1).toBool(), true);
        QVERIFY(partsText(o).contains("Hello there, fake"_L1));
        const QJsonObject usage = o.value("usageMetadata"_L1).toObject();
        const int prompt = usage.value("promptTokenCount"_L1).toInt();
        const int cands = usage.value("candidatesTokenCount"_L1).toInt();
        const int thoughts = usage.value("thoughtsTokenCount"_L1).toInt();
        QVERIFY(prompt > 0 && cands > 0 && thoughts > 0);
        QCOMPARE(usage.value("totalTokenCount"_L1).toInt(), prompt + cands + thoughts);
        QCOMPARE(o.value("modelVersion"_L1).toString(), u"gemini-2.5-flash"_s);
        QVERIFY(!o.value("responseId"_L1).toString().isEmpty());

        // Replies depend on the request; ids differ.
        const Result other = generate(u"gemini-2.5-flash"_s, u"Something else"_s);
        QVERIFY(partsText(other.json()).contains("Something else"_L1));
        QVERIFY(partsText(other.json()) != partsText(o));
        QVERIFY(other.json().value("responseId"_L1) != o.value("responseId"_L1));

        // A non-thinking model has no thought part; fixed text is honoured.
        m_fake->setReplyOptions({true, u"Fixed answer."_s});
        const Result plain = generate(u"gemini-2.0-flash"_s, u"hi"_s);
        QCOMPARE(partsText(plain.json(), true), QString());
        QCOMPARE(partsText(plain.json()), u"Fixed answer."_s);
    }

    void generateContentFunctionCall()
    {
        const QJsonObject body{
            {u"contents"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s},
                                                   {u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, u"weather?"_s}}}}}}},
            {u"tools"_s, QJsonArray{QJsonObject{{u"functionDeclarations"_s, QJsonArray{
                QJsonObject{{u"name"_s, u"get_weather"_s},
                            {u"parameters"_s, QJsonObject{{u"type"_s, u"OBJECT"_s},
                                                          {u"properties"_s, QJsonObject{
                                                               {u"city"_s, QJsonObject{{u"type"_s, u"STRING"_s}}},
                                                               {u"days"_s, QJsonObject{{u"type"_s, u"INTEGER"_s}}}}}}}},
                QJsonObject{{u"name"_s, u"second"_s}}}}}}},
        };
        const Result r = post(u"/v1beta/models/gemini-2.5-pro:generateContent"_s, QJsonDocument(body).toJson(),
                              {{"x-goog-api-key", kKey.toUtf8()}});
        QCOMPARE(r.status, 200);
        const QJsonArray parts = r.json().value("candidates"_L1).toArray().first().toObject()
                                     .value("content"_L1).toObject().value("parts"_L1).toArray();
        QJsonObject call;
        QString signature;
        for (const QJsonValue &p : parts) {
            if (p.toObject().contains("functionCall"_L1)) {
                call = p.toObject().value("functionCall"_L1).toObject();
                signature = p.toObject().value("thoughtSignature"_L1).toString();
            }
        }
        QCOMPARE(call.value("name"_L1).toString(), u"get_weather"_s);
        QVERIFY(call.value("args"_L1).toObject().value("city"_L1).isString());
        QVERIFY(call.value("args"_L1).toObject().value("days"_L1).isDouble());
        QVERIFY(!QByteArray::fromBase64(signature.toLatin1()).isEmpty());
    }

    void sseStream()
    {
        m_fake->setStreamChunks(4);
        m_fake->setStreamChunkDelay(60);
        const QString text = u"Stream me"_s;
        const Result r = post(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="_s + kKey, chatBody(text));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("text/event-stream"));
        QVERIFY2(r.reads.size() >= 2, "the stream should arrive in several reads");
        QVERIFY(r.body.endsWith("\r\n\r\n"));
        // Split on the SSE event separator.
        QList<QByteArray> events;
        QByteArray rest = r.body;
        while (!rest.isEmpty()) {
            const qsizetype end = rest.indexOf("\r\n\r\n");
            QVERIFY(end > 0);
            events << rest.left(end);
            rest = rest.mid(end + 4);
        }
        QCOMPARE(events.size(), 4);
        QString streamedText;
        for (int i = 0; i < events.size(); ++i) {
            QVERIFY(events.at(i).startsWith("data: {\"candidates\": [{\"content\": {\"parts\": ["));
            QVERIFY(!events.at(i).contains('\n'));
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(events.at(i).mid(6), &err);
            QCOMPARE(err.error, QJsonParseError::NoError);
            const QJsonObject o = doc.object();
            const QJsonObject cand = o.value("candidates"_L1).toArray().first().toObject();
            QCOMPARE(cand.contains("finishReason"_L1), i == events.size() - 1);
            QCOMPARE(o.value("usageMetadata"_L1).toObject().contains("candidatesTokenCount"_L1), i == events.size() - 1);
            QCOMPARE(o.value("modelVersion"_L1).toString(), u"gemini-2.5-flash"_s);
            streamedText += partsText(o);
        }
        // The stream carries the same text as the unary reply to the same request.
        QCOMPARE(streamedText, partsText(generate(u"gemini-2.5-flash"_s, text).json()));
        QCOMPARE(m_fake->streamsStarted(), 1);
        QCOMPARE(m_fake->streamsCompleted(), 1);

        // Optional usage-only last event.
        m_fake->setStreamOptions({3, 5, true});
        const Result u = post(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="_s + kKey, chatBody(text));
        const QList<QByteArray> uev = u.body.trimmed().split('\n');
        QList<QByteArray> datas;
        for (const QByteArray &l : uev) {
            if (l.startsWith("data: "))
                datas << l.mid(6).trimmed();
        }
        QCOMPARE(datas.size(), 4);
        const QJsonObject last = QJsonDocument::fromJson(datas.last()).object();
        QVERIFY(!last.contains("candidates"_L1));
        QVERIFY(last.value("usageMetadata"_L1).toObject().contains("totalTokenCount"_L1));
    }

    void jsonArrayStream()
    {
        m_fake->setStreamChunks(3);
        m_fake->setStreamChunkDelay(80);
        const Result r = post(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?key="_s + kKey, chatBody(u"arr"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json; charset=UTF-8"));
        QVERIFY(r.body.startsWith("[{\n  \"candidates\": ["));
        QCOMPARE(r.body.count("\n,\r\n{"), 2);
        QVERIFY(r.body.endsWith("}]"));
        QVERIFY2(r.reads.size() >= 2, "elements should arrive in separate reads");
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(r.body, &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
        QVERIFY(doc.isArray());
        QCOMPARE(doc.array().size(), 3);
        QCOMPARE(doc.array().last().toObject().value("candidates"_L1).toArray().first().toObject()
                     .value("finishReason"_L1).toString(), u"STOP"_s);
    }

    void countTokensAndEmbeddings()
    {
        const Result c = post(u"/v1beta/models/gemini-2.5-flash:countTokens?key="_s + kKey, chatBody(u"count these words"_s));
        QCOMPARE(c.status, 200);
        QVERIFY(c.json().value("totalTokens"_L1).toInt() > 0);
        const QJsonObject detail = c.json().value("promptTokensDetails"_L1).toArray().first().toObject();
        QCOMPARE(detail.value("modality"_L1).toString(), u"TEXT"_s);
        QCOMPARE(detail.value("tokenCount"_L1).toInt(), c.json().value("totalTokens"_L1).toInt());

        const QByteArray embedBody = R"({"model":"models/text-embedding-004","content":{"parts":[{"text":"hello"}]}})";
        const Result e = post(u"/v1beta/models/text-embedding-004:embedContent?key="_s + kKey, embedBody);
        QCOMPARE(e.status, 200);
        const QJsonArray values = e.json().value("embedding"_L1).toObject().value("values"_L1).toArray();
        QCOMPARE(values.size(), 768);
        QVERIFY(values.first().isDouble());
        // Deterministic per text.
        QCOMPARE(post(u"/v1beta/models/text-embedding-004:embedContent?key="_s + kKey, embedBody).json(), e.json());

        const QByteArray dimBody = R"({"content":{"parts":[{"text":"x"}]},"outputDimensionality":8})";
        QCOMPARE(post(u"/v1beta/models/gemini-embedding-001:embedContent?key="_s + kKey, dimBody)
                     .json().value("embedding"_L1).toObject().value("values"_L1).toArray().size(), 8);

        const QByteArray batch = R"({"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"a"}]}},)"
                                 R"({"model":"models/text-embedding-004","content":{"parts":[{"text":"b"}]}},)"
                                 R"({"model":"models/text-embedding-004","content":{"parts":[{"text":"c"}]}}]})";
        const Result b = post(u"/v1beta/models/text-embedding-004:batchEmbedContents?key="_s + kKey, batch);
        QCOMPARE(b.status, 200);
        const QJsonArray embeddings = b.json().value("embeddings"_L1).toArray();
        QCOMPARE(embeddings.size(), 3);
        QCOMPARE(embeddings.at(2).toObject().value("values"_L1).toArray().size(), 768);

        // Wrong method for the model: 404 like the real API.
        const Result wrong = post(u"/v1beta/models/gemini-2.5-flash:embedContent?key="_s + kKey, embedBody);
        checkErrorShape(wrong, 404, u"NOT_FOUND"_s, QString());
        QVERIFY(wrong.error_().value("message"_L1).toString().contains("not supported for embedContent"_L1));
    }

    void openAiEndpoints()
    {
        const QList<QPair<QByteArray, QByteArray>> auth{{"Authorization", "Bearer " + kKey.toUtf8()}};
        const Result models = get(u"/v1beta/openai/models"_s, auth);
        QCOMPARE(models.status, 200);
        QCOMPARE(models.json().value("object"_L1).toString(), u"list"_s);
        QCOMPARE(models.json().value("data"_L1).toArray().first().toObject().value("object"_L1).toString(), u"model"_s);
        QCOMPARE(m_fake->lastRequest().keySource, KeySource::Bearer);
        QCOMPARE(m_fake->lastRequest().action, FakeAction::OpenAiModels);

        const QByteArray chat = R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Hi openai"}]})";
        const Result c = post(u"/v1beta/openai/chat/completions"_s, chat, auth);
        QCOMPARE(c.status, 200);
        QCOMPARE(c.json().value("object"_L1).toString(), u"chat.completion"_s);
        const QJsonObject choice = c.json().value("choices"_L1).toArray().first().toObject();
        QCOMPARE(choice.value("finish_reason"_L1).toString(), u"stop"_s);
        QVERIFY(choice.value("message"_L1).toObject().value("content"_L1).toString().contains("Hi openai"_L1));
        QVERIFY(c.json().value("usage"_L1).toObject().value("total_tokens"_L1).toInt() > 0);
        QCOMPARE(m_fake->lastRequest().model, u"gemini-2.5-flash"_s);

        const QByteArray streamChat = R"({"model":"models/gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"Hi"}]})";
        const Result s = post(u"/v1beta/openai/chat/completions"_s, streamChat, auth);
        QCOMPARE(s.status, 200);
        QCOMPARE(s.header("Content-Type"), QByteArrayLiteral("text/event-stream"));
        QVERIFY(s.body.endsWith("data: [DONE]\n\n"));
        const QList<QByteArray> lines = s.body.split('\n');
        int chunks = 0;
        for (const QByteArray &l : lines) {
            if (!l.startsWith("data: {"))
                continue;
            ++chunks;
            const QJsonObject o = QJsonDocument::fromJson(l.mid(6)).object();
            QCOMPARE(o.value("object"_L1).toString(), u"chat.completion.chunk"_s);
        }
        QCOMPARE(chunks, m_fake->streamOptions().chunks);

        // Errors on the OpenAI-compatible path come wrapped in a list.
        const Result bad = post(u"/v1beta/openai/chat/completions"_s, chat, {{"Authorization", "Bearer nope"}});
        QCOMPARE(bad.status, 400);
        const QJsonArray wrapped = QJsonDocument::fromJson(bad.body).array();
        QCOMPARE(wrapped.first().toObject().value("error"_L1).toObject().value("status"_L1).toString(),
                 u"INVALID_ARGUMENT"_s);
    }

    void errorBodies()
    {
        // No key.
        const Result nokey = post(u"/v1beta/models/gemini-2.5-flash:generateContent"_s, chatBody(u"x"_s));
        checkErrorShape(nokey, 403, u"PERMISSION_DENIED"_s,
                        u"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."_s);

        // Unknown key.
        const Result invalid = generate(u"gemini-2.5-flash"_s, u"x"_s, u"bogus-key"_s);
        checkErrorShape(invalid, 400, u"INVALID_ARGUMENT"_s, u"API key not valid. Please pass a valid API key."_s);
        const QJsonArray details = invalid.error_().value("details"_L1).toArray();
        QCOMPARE(details.size(), 2);
        QCOMPARE(details.at(0).toObject(),
                 (QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.ErrorInfo"_s},
                              {u"reason"_s, u"API_KEY_INVALID"_s},
                              {u"domain"_s, u"googleapis.com"_s},
                              {u"metadata"_s, QJsonObject{{u"service"_s, u"generativelanguage.googleapis.com"_s}}}}));
        QCOMPARE(details.at(1).toObject(),
                 (QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.LocalizedMessage"_s},
                              {u"locale"_s, u"en-US"_s},
                              {u"message"_s, u"API key not valid. Please pass a valid API key."_s}}));
        QVERIFY(invalid.body.contains("\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\""));

        // Suspended: the key is echoed.
        const QString suspended = u"AIzaSuspended42"_s;
        m_fake->setKeySuspended(suspended);
        const Result susp = generate(u"gemini-2.5-flash"_s, u"x"_s, suspended);
        checkErrorShape(susp, 403, u"PERMISSION_DENIED"_s,
                        u"Permission denied: Consumer 'api_key:AIzaSuspended42' has been suspended."_s);
        QCOMPARE(susp.error_().value("details"_L1).toArray().first().toObject().value("reason"_L1).toString(),
                 u"CONSUMER_SUSPENDED"_s);
        QVERIFY(susp.body.contains(suspended.toUtf8()));

        // Rate limited, per minute then per day.
        const QString limited = u"AIzaLimited"_s;
        m_fake->setKeyRateLimited(limited);
        const Result rl = generate(u"gemini-2.0-flash"_s, u"x"_s, limited);
        checkErrorShape(rl, 429, u"RESOURCE_EXHAUSTED"_s, QString());
        QVERIFY(rl.error_().value("message"_L1).toString().startsWith(
            "You exceeded your current quota, please check your plan and billing details."_L1));
        const QJsonArray rld = rl.error_().value("details"_L1).toArray();
        QCOMPARE(rld.size(), 3);
        const QJsonObject violation = rld.at(0).toObject().value("violations"_L1).toArray().first().toObject();
        QCOMPARE(rld.at(0).toObject().value("@type"_L1).toString(), u"type.googleapis.com/google.rpc.QuotaFailure"_s);
        QCOMPARE(violation.value("quotaMetric"_L1).toString(), u"generativelanguage.googleapis.com/generate_content_free_tier_requests"_s);
        QCOMPARE(violation.value("quotaId"_L1).toString(), u"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"_s);
        QCOMPARE(violation.value("quotaDimensions"_L1).toObject().value("model"_L1).toString(), u"gemini-2.0-flash"_s);
        QCOMPARE(violation.value("quotaDimensions"_L1).toObject().value("location"_L1).toString(), u"global"_s);
        QCOMPARE(violation.value("quotaValue"_L1).toString(), u"15"_s);
        QCOMPARE(rld.at(1).toObject().value("@type"_L1).toString(), u"type.googleapis.com/google.rpc.Help"_s);
        QCOMPARE(rld.at(2).toObject(), (QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.RetryInfo"_s},
                                                    {u"retryDelay"_s, u"37s"_s}}));
        m_fake->setKeyRateLimited(limited, QuotaWindow::PerDay, QString(), 5);
        const Result day = generate(u"gemini-2.0-flash"_s, u"x"_s, limited);
        const QJsonArray dd = day.error_().value("details"_L1).toArray();
        QCOMPARE(dd.at(0).toObject().value("violations"_L1).toArray().first().toObject().value("quotaId"_L1).toString(),
                 u"GenerateRequestsPerDayPerProjectPerModel-FreeTier"_s);
        QCOMPARE(dd.at(2).toObject().value("retryDelay"_L1).toString(), u"5s"_s);

        // Bad JSON.
        const Result badJson = post(u"/v1beta/models/gemini-2.5-flash:generateContent?key="_s + kKey, "{\"contents\": [ oops");
        checkErrorShape(badJson, 400, u"INVALID_ARGUMENT"_s, QString());
        QVERIFY(badJson.error_().value("message"_L1).toString().startsWith("Invalid JSON payload received. Unexpected token.\n"_L1));

        // Unknown model.
        const Result nomodel = generate(u"gemini-9-ultra"_s, u"x"_s);
        checkErrorShape(nomodel, 404, u"NOT_FOUND"_s,
                        u"models/gemini-9-ultra is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."_s);

        // 5xx via faults.
        m_fake->failNext(500);
        checkErrorShape(generate(u"gemini-2.5-flash"_s, u"x"_s), 500, u"INTERNAL"_s,
                        u"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"_s);
        m_fake->failNext(503);
        checkErrorShape(generate(u"gemini-2.5-flash"_s, u"x"_s), 503, u"UNAVAILABLE"_s,
                        u"The model is overloaded. Please try again later."_s);
        m_fake->failNext(504);
        checkErrorShape(generate(u"gemini-2.5-flash"_s, u"x"_s), 504, u"DEADLINE_EXCEEDED"_s, QString());
        m_fake->failNext(429);
        checkErrorShape(generate(u"gemini-2.5-flash"_s, u"x"_s), 429, u"RESOURCE_EXHAUSTED"_s, QString());

        // Paths the API doesn't know: Google's HTML 404.
        const Result html = get(u"/v1beta/nothing-here?key="_s + kKey);
        QCOMPARE(html.status, 404);
        QCOMPARE(html.header("Content-Type"), QByteArrayLiteral("text/html; charset=UTF-8"));
        QVERIFY(html.body.contains("<title>Error 404 (Not Found)!!1</title>"));
        QVERIFY(html.body.contains("/v1beta/nothing-here"));
    }

    void keyBehaviours()
    {
        // Default rule: "AIza" prefix valid, others invalid.
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s, u"AIzaAnything"_s).status, 200);
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s, u"sk-other"_s).status, 400);
        m_fake->addValidKey(u"sk-other"_s);
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s, u"sk-other"_s).status, 200);
        m_fake->setKeyInvalid(u"AIzaRevoked"_s);
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s, u"AIzaRevoked"_s).status, 400);
        m_fake->setAcceptAnyKey(true);
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s, u"whatever"_s).status, 200);
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s, u"AIzaRevoked"_s).status, 400);  // explicit wins
        m_fake->setAcceptAnyKey(false);

        // Rate limited on one model only, after two allowed calls.
        const QString k = u"AIzaModelLimited"_s;
        m_fake->setKeyRateLimited(k, QuotaWindow::PerMinute, u"gemini-2.5-pro"_s, 37, 2);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s, k).status, 200);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s, k).status, 200);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s, k).status, 429);
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s, k).status, 200);
        QCOMPARE(get(u"/v1beta/models?key="_s + k).status, 200);  // listing is not rate limited
        m_fake->clearKeyBehavior(k);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s, k).status, 200);

        // Server errors per key.
        m_fake->setKeyServerError(u"AIzaBroken"_s, 503);
        checkErrorShape(generate(u"gemini-2.5-flash"_s, u"x"_s, u"AIzaBroken"_s), 503, u"UNAVAILABLE"_s, QString());

        // Slow key.
        m_fake->setKeyDelay(u"AIzaSlow"_s, 300);
        const Result slow = generate(u"gemini-2.5-flash"_s, u"x"_s, u"AIzaSlow"_s);
        QCOMPARE(slow.status, 200);
        QVERIFY2(slow.elapsedMs >= 280, QByteArray::number(slow.elapsedMs).constData());
        QVERIFY(m_fake->isKeyValid(u"AIzaSlow"_s));

        QCOMPARE(m_fake->requestCountForKey(k), 6);
    }

    void delayFault()
    {
        m_fake->delayNext(300);
        const Result r = generate(u"gemini-2.5-flash"_s, u"x"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.elapsedMs >= 280);
        QCOMPARE(m_fake->pendingFaultCount(), 0);
        const Result fast = generate(u"gemini-2.5-flash"_s, u"x"_s);
        QVERIFY(fast.elapsedMs < 280);
    }

    void stallFault()
    {
        m_fake->stallNext();
        QNetworkRequest req = makeRequest(u"/v1beta/models/gemini-2.5-flash:generateContent?key="_s + kKey);
        req.setTransferTimeout(300);
        const Result r = run(m_nam->post(req, chatBody(u"x"_s)));
        QVERIFY(r.finished);
        QVERIFY2(r.error == QNetworkReply::OperationCanceledError || r.error == QNetworkReply::TimeoutError,
                 QByteArray::number(int(r.error)).constData());
        QCOMPARE(r.status, 0);
        QVERIFY(r.elapsedMs >= 250);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->inFlight(), 0, kWaitMs);
        QCOMPARE(m_fake->requestsAbortedByClient(), 1);
        QCOMPARE(m_fake->lastResponse().outcome, ResponseOutcome::AbortedByClient);
        QCOMPARE(m_fake->lastResponse().status, 0);
        // Next request is served normally.
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s).status, 200);
    }

    void cutStream_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("sse");
        QTest::newRow("reset-sse") << int(CutMode::Reset) << true;
        QTest::newRow("close-sse") << int(CutMode::Close) << true;
        QTest::newRow("reset-array") << int(CutMode::Reset) << false;
        QTest::newRow("close-array") << int(CutMode::Close) << false;
    }

    void cutStream()
    {
        QFETCH(int, mode);
        QFETCH(bool, sse);
        m_fake->setStreamChunks(6);
        m_fake->setStreamChunkDelay(20);
        m_fake->cutNextStream(2, CutMode(mode));
        const QString path = u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?%1key=%2"_s
                                 .arg(sse ? u"alt=sse&"_s : QString(), kKey);
        const Result r = post(path, chatBody(u"cut"_s));
        QVERIFY(r.finished);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.error != QNetworkReply::NoError, "a cut stream must end in a network error");
        const RecordedResponse rec = m_fake->lastResponse();
        QCOMPARE(rec.outcome, ResponseOutcome::CutByFake);
        QCOMPARE(rec.chunks.size(), 2);
        QVERIFY(rec.streamed);
        QCOMPARE(m_fake->streamsCompleted(), 0);
        // What arrived is a prefix of what was sent.
        QVERIFY(rec.body.startsWith(r.body));
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->inFlight(), 0, kWaitMs);
    }

    void cutUnary()
    {
        m_fake->cutNextStream(0, CutMode::Close);
        const int before = m_fake->requestsTotal();
        const Result r = generate(u"gemini-2.5-flash"_s, u"x"_s);
        const QList<RecordedResponse> responses = m_fake->responses();
        QVERIFY(responses.size() > before);
        QCOMPARE(responses.at(before).outcome, ResponseOutcome::CutByFake);
        // QNAM either reports the cut, or (it does so on a reused keep-alive connection
        // closed under it) sends the request again, which the fault no longer affects.
        if (r.error == QNetworkReply::NoError)
            QCOMPARE(m_fake->requestsTotal(), before + 2);
    }

    void resetAndClose_data()
    {
        QTest::addColumn<bool>("reset");
        QTest::newRow("reset") << true;
        QTest::newRow("close") << false;
    }

    void resetAndClose()
    {
        QFETCH(bool, reset);
        // QNAM may retry once on a connection closed before any byte: fault a few.
        if (reset)
            m_fake->resetNext(3);
        else
            m_fake->closeNext(3);
        const Result r = generate(u"gemini-2.5-flash"_s, u"x"_s);
        QVERIFY(r.finished);
        QVERIFY(r.error != QNetworkReply::NoError);
        QCOMPARE(r.status, 0);
        QCOMPARE(m_fake->lastResponse().outcome, ResponseOutcome::ResetByFake);
        m_fake->clearFaults();
        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s).status, 200);
    }

    void faultMatching()
    {
        Fault f;
        f.kind = Fault::Kind::HttpError;
        f.status = 503;
        f.model = u"gemini-2.5-pro"_s;
        f.count = 2;
        m_fake->addFault(f);
        Fault byKey;
        byKey.kind = Fault::Kind::HttpError;
        byKey.status = 500;
        byKey.key = u"AIzaSecond"_s;
        byKey.action = FakeAction::GenerateContent;
        byKey.count = -1;
        m_fake->addFault(byKey);

        QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s).status, 200);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s).status, 503);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s).status, 503);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s).status, 200);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s, u"AIzaSecond"_s).status, 500);
        QCOMPARE(generate(u"gemini-2.5-pro"_s, u"x"_s, u"AIzaSecond"_s).status, 500);
        QCOMPARE(get(u"/v1beta/models?key=AIzaSecond"_s).status, 200);
        QCOMPARE(m_fake->pendingFaultCount(), 1);

        // Raw replies are sent verbatim.
        m_fake->clearFaults();
        Fault raw;
        raw.kind = Fault::Kind::Raw;
        raw.rawStatus = 502;
        raw.rawContentType = "text/plain";
        raw.rawBody = "upstream exploded";
        m_fake->addFault(raw);
        const Result r = generate(u"gemini-2.5-flash"_s, u"x"_s);
        QCOMPARE(r.status, 502);
        QCOMPARE(r.body, QByteArrayLiteral("upstream exploded"));
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("text/plain"));
    }

    void rawChunks()
    {
        Fault raw;
        raw.kind = Fault::Kind::Raw;
        raw.rawContentType = "text/event-stream";
        raw.rawChunks = {": comment\n\n", "data: {\"a\":1}\n\n", "data: {\"b\"", ":2}\n\n"};
        m_fake->addFault(raw);
        m_fake->setStreamChunkDelay(40);
        const Result r = post(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="_s + kKey, chatBody(u"x"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(r.body, QByteArrayLiteral(": comment\n\ndata: {\"a\":1}\n\ndata: {\"b\":2}\n\n"));
        QVERIFY(r.reads.size() >= 2);
        QCOMPARE(m_fake->lastResponse().chunks, raw.rawChunks);
        QCOMPARE(m_fake->streamsCompleted(), 1);
    }

    void destroyWhileStreaming()
    {
        auto *fake = new FakeGemini;
        QVERIFY(fake->start());
        fake->setStreamChunks(100);
        fake->setStreamChunkDelay(50);
        QNetworkRequest req(fake->url(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="_s + kKey));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam->post(req, chatBody(u"x"_s));
        QSignalSpy firstData(reply, &QNetworkReply::readyRead);
        QVERIFY(firstData.wait(kWaitMs));
        delete fake;
        const Result r = run(reply, 3000);
        QVERIFY(r.finished);
        // Qt 6.4's QNAM now and then (about 1 run in 15) finishes a chunked reply cut right
        // after a chunk with NoError. The stream is still visibly incomplete: no final event.
        QVERIFY(r.error != QNetworkReply::NoError || !r.body.contains("finishReason"));
    }

    void recording()
    {
        const QByteArray body = "{\"contents\":[{\"parts\":[{\"text\":\"caf\xc3\xa9 \\u00e9\"}]}],  \"x\" : 1 }\n";
        const Result r = post(u"/v1beta/models/gemini-2.5-flash:generateContent?key=AIzaRec%2B1&alt=json"_s, body,
                              {{"X-Custom", "yes"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_fake->requests().size(), 1);
        const RecordedRequest req = m_fake->lastRequest();
        QCOMPARE(req.id, quint64(1));
        QCOMPARE(req.method, QByteArrayLiteral("POST"));
        QCOMPARE(req.path, QByteArrayLiteral("/v1beta/models/gemini-2.5-flash:generateContent"));
        QCOMPARE(req.query, QByteArrayLiteral("key=AIzaRec%2B1&alt=json"));
        QCOMPARE(req.body, body);
        QCOMPARE(req.header("x-custom"), QByteArrayLiteral("yes"));
        QCOMPARE(req.key, u"AIzaRec+1"_s);
        QCOMPARE(req.keySource, KeySource::Query);
        QCOMPARE(req.model, u"gemini-2.5-flash"_s);
        QCOMPARE(req.action, FakeAction::GenerateContent);
        QVERIFY(req.receivedAt.isValid());

        const RecordedResponse resp = m_fake->response(req.id);
        QCOMPARE(resp.status, 200);
        QCOMPARE(resp.body, r.body);  // byte for byte what the client got
        QCOMPARE(resp.outcome, ResponseOutcome::Completed);
        QVERIFY(!resp.streamed);

        // Header key, stream recording.
        const Result s = post(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s, chatBody(u"s"_s),
                              {{"x-goog-api-key", "AIzaHeaderKey"}});
        QCOMPARE(s.status, 200);
        const RecordedRequest sreq = m_fake->lastRequest();
        QCOMPARE(sreq.keySource, KeySource::Header);
        QCOMPARE(sreq.headerKey, u"AIzaHeaderKey"_s);
        QVERIFY(sreq.sse);
        const RecordedResponse sresp = m_fake->response(sreq.id);
        QCOMPARE(sresp.body, s.body);
        QCOMPARE(sresp.chunks.size(), m_fake->streamOptions().chunks);
        QVERIFY(sresp.streamed);

        // Keep-alive: QNAM reuses the connection for sequential requests.
        QCOMPARE(sreq.connectionId, req.connectionId);
        QCOMPARE(m_fake->connectionsAccepted(), 1);
        QCOMPARE(m_fake->requestsTotal(), 2);
        QCOMPARE(m_fake->inFlight(), 0);

        // Bounded.
        m_fake->setMaxRecords(3);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(generate(u"gemini-2.5-flash"_s, u"x"_s).status, 200);
        QCOMPARE(m_fake->requests().size(), 3);
        QCOMPARE(m_fake->responses().size(), 3);
        QCOMPARE(m_fake->requests().first().id, quint64(5));
        m_fake->clearRecords();
        QVERIFY(m_fake->requests().isEmpty());
        QCOMPARE(m_fake->requestsTotal(), 7);
        m_fake->reset();
        QCOMPARE(m_fake->requestsTotal(), 0);
    }

    void rawWireFraming()
    {
        m_fake->setStreamChunks(3);
        const QByteArray body = chatBody(u"raw"_s);
        const QByteArray request = "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=" + kKey.toUtf8()
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const QByteArray wire = rawExchange(request);
        if (qEnvironmentVariableIsSet("GB_DUMP_WIRE"))
            qDebug().noquote() << wire;
        QVERIFY2(wire.startsWith("HTTP/1.1 200 OK\r\n"), wire.left(100).constData());
        const qsizetype headEnd = wire.indexOf("\r\n\r\n");
        QVERIFY(headEnd > 0);
        const QByteArray head = wire.left(headEnd);
        QVERIFY(head.contains("\r\nTransfer-Encoding: chunked"));
        QVERIFY(head.contains("\r\nContent-Type: text/event-stream"));
        QVERIFY(!head.contains("Content-Length"));
        // De-chunk by hand.
        QByteArray rest = wire.mid(headEnd + 4);
        QByteArray payload;
        int chunks = 0;
        bool sawLast = false;
        while (!rest.isEmpty()) {
            const qsizetype eol = rest.indexOf("\r\n");
            QVERIFY(eol > 0);
            bool ok = false;
            const int size = rest.left(eol).toInt(&ok, 16);
            QVERIFY(ok);
            if (size == 0) {
                QCOMPARE(rest.mid(eol), QByteArrayLiteral("\r\n\r\n"));
                sawLast = true;
                break;
            }
            payload += rest.mid(eol + 2, size);
            QCOMPARE(rest.mid(eol + 2 + size, 2), QByteArrayLiteral("\r\n"));
            rest = rest.mid(eol + 2 + size + 2);
            ++chunks;
        }
        QVERIFY(sawLast);
        QCOMPARE(chunks, 3);
        QCOMPARE(payload, m_fake->lastResponse().body);
    }

    void headersRecordedVerbatim()
    {
        const QByteArray request = "GET /v1beta/models?key=" + kKey.toUtf8()
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Dup: one\r\nX-Dup: two\r\nx-MiXeD: Case\r\nContent-Length: 0\r\n\r\n";
        const QByteArray wire = rawExchange(request, 1000);
        QVERIFY(wire.startsWith("HTTP/1.1 200 OK\r\n"));
        const QList<QPair<QByteArray, QByteArray>> expected{
            {"Host", "127.0.0.1"}, {"X-Dup", "one"}, {"X-Dup", "two"}, {"x-MiXeD", "Case"}, {"Content-Length", "0"}};
        QCOMPARE(m_fake->lastRequest().headers, expected);
        QCOMPARE(m_fake->lastRequest().header("X-MIXED"), QByteArrayLiteral("Case"));
        QCOMPARE(m_fake->lastRequest().method, QByteArrayLiteral("GET"));
        QCOMPARE(m_fake->lastRequest().action, FakeAction::ListModels);
    }

    void abortedStreamCounter()
    {
        m_fake->setStreamChunks(50);
        m_fake->setStreamChunkDelay(50);
        QSignalSpy aborted(m_fake, &FakeGemini::streamAbortedByClient);
        QNetworkReply *reply = m_nam->post(
            makeRequest(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="_s + kKey), chatBody(u"x"_s));
        QPointer<QNetworkReply> guard(reply);
        connect(reply, &QNetworkReply::readyRead, this, [reply] {
            reply->readAll();
            reply->abort();
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->streamsAbortedByClient(), 1, kWaitMs);
        QCOMPARE(aborted.size(), 1);
        QCOMPARE(m_fake->requestsAbortedByClient(), 1);
        QCOMPARE(m_fake->streamsCompleted(), 0);
        QCOMPARE(m_fake->inFlight(), 0);
        const RecordedResponse rec = m_fake->lastResponse();
        QCOMPARE(rec.outcome, ResponseOutcome::AbortedByClient);
        QVERIFY(rec.chunks.size() < 50);
        if (guard)
            guard->deleteLater();
    }

    void concurrentStreams()
    {
        m_fake->setStreamChunks(5);
        m_fake->setStreamChunkDelay(10);
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 20; ++i) {
            replies << m_nam->post(makeRequest(u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="_s + kKey),
                                   chatBody(u"n%1"_s.arg(i)));
        }
        for (QNetworkReply *reply : std::as_const(replies)) {
            const Result r = run(reply);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body.count("data: "), 5);
        }
        QCOMPARE(m_fake->streamsCompleted(), 20);
        QVERIFY(m_fake->waitForIdle(kWaitMs));
    }

    void destroyWhileStalled()
    {
        auto *fake = new FakeGemini;
        QVERIFY(fake->start());
        fake->stallNext();
        QNetworkRequest req(fake->url(u"/v1beta/models/gemini-2.5-flash:generateContent?key="_s + kKey));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam->post(req, chatBody(u"x"_s));
        QVERIFY(fake->waitForRequests(1, kWaitMs));
        QCOMPARE(fake->inFlight(), 1);
        delete fake;
        const Result r = run(reply, 3000);
        QVERIFY(r.finished);
        QVERIFY(r.error != QNetworkReply::NoError);
    }
};

QTEST_MAIN(TestFakeGemini)
#include "tst_fakegemini.moc"
