// The official JavaScript SDK (@google/genai, pinned in tests/sdk/package-lock.json) used
// unchanged against the proxy: base URL = the proxy, API key = a client token. Each case
// sets up the proxy and the fake upstream, runs tests/sdk/sdk-check.mjs with node for one
// scenario, and checks the JSON it prints (what the SDK returned or threw, and each HTTP
// request it made) against what the fake upstream received and sent.
//
// Needs node >= 20 and `npm ci` in tests/sdk (tests/run-tests.sh does it). Missing either
// fails the test with a message saying so; it never skips.

#include "ProxyHarness.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

const QString kSdkDir = QStringLiteral(GB_SDK_DIR);
const QString kSdkVersion = u"2.32.0"_s;
const QString kModel = u"gemini-2.5-flash"_s;
const QString kPrompt = u"Hello from the SDK"_s;

struct SdkRun
{
    bool finished = false;
    int exitCode = -1;
    QJsonObject out;     // the script's JSON result
    QByteArray stdOut;
    QByteArray stdErr;
    qint64 elapsedMs = 0;

    QString describe() const
    {
        return u"exit %1 after %2 ms\nstdout: %3\nstderr: %4"_s.arg(exitCode)
            .arg(elapsedMs)
            .arg(QString::fromUtf8(stdOut.left(4000)), QString::fromUtf8(stdErr.left(4000)));
    }
    QJsonArray requests() const { return out.value(u"requests"_s).toArray(); }
    QJsonObject request(qsizetype i) const { return requests().at(i).toObject(); }
    QJsonObject error() const { return out.value(u"error"_s).toObject(); }
};

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject sseEventJson(const QByteArray &chunk)
{
    QByteArray data = chunk.trimmed();
    if (data.startsWith("data:"))
        data = data.mid(5).trimmed();
    return parseObject(data);
}

// The reply text a client should see: text parts that are not thoughts, joined.
QString visibleText(const QJsonObject &response)
{
    QString text;
    const QJsonArray parts = response.value(u"candidates"_s).toArray().at(0).toObject().value(u"content"_s)
                                 .toObject().value(u"parts"_s).toArray();
    for (const QJsonValue &p : parts) {
        const QJsonObject part = p.toObject();
        if (part.contains(u"text"_s) && !part.value(u"thought"_s).toBool())
            text += part.value(u"text"_s).toString();
    }
    return text;
}

QJsonArray responseParts(const QJsonObject &response)
{
    return response.value(u"candidates"_s).toArray().at(0).toObject().value(u"content"_s).toObject()
        .value(u"parts"_s).toArray();
}

QJsonObject functionCallPart(const QJsonArray &parts)
{
    for (const QJsonValue &p : parts) {
        if (p.toObject().contains(u"functionCall"_s))
            return p.toObject();
    }
    return {};
}

} // namespace

class TestSdk : public QObject
{
    Q_OBJECT

    QString m_node;
    QTemporaryDir m_home;

    // Runs one scenario of sdk-check.mjs against the harness's proxy, with a bounded wait
    // that keeps the event loop (and so the proxy and the fake on this thread) running.
    SdkRun runSdk(ProxyHarness &h, const QString &scenario, const QString &token = ProxyHarness::kClientToken,
                  const QString &pathPrefix = QString(), const QHash<QString, QString> &extraEnv = {})
    {
        QProcessEnvironment env;  // a clean environment: no GEMINI_API_KEY, proxies, Vertex settings...
        env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"GB_BASE_URL"_s, h.url(pathPrefix).toString());
        env.insert(u"GB_TOKEN"_s, token);
        for (auto it = extraEnv.constBegin(); it != extraEnv.constEnd(); ++it)
            env.insert(it.key(), it.value());

        SdkRun run;
        QProcess node;
        node.setProcessEnvironment(env);
        node.setWorkingDirectory(kSdkDir);
        QElapsedTimer t;
        t.start();
        node.start(m_node, {kSdkDir + u"/sdk-check.mjs"_s, scenario});
        run.finished = QTest::qWaitFor([&] { return node.state() == QProcess::NotRunning; }, 30000);
        run.elapsedMs = t.elapsed();
        if (!run.finished) {
            node.kill();
            node.waitForFinished(5000);
        }
        run.exitCode = node.exitStatus() == QProcess::NormalExit ? node.exitCode() : -1;
        run.stdOut = node.readAllStandardOutput();
        run.stdErr = node.readAllStandardError();
        const QList<QByteArray> lines = run.stdOut.trimmed().split('\n');
        run.out = parseObject(lines.last());
        return run;
    }

    // What every run must show: it finished, the SDK only called the proxy, with the token.
    bool checkRun(ProxyHarness &h, const SdkRun &run, const QString &token = ProxyHarness::kClientToken,
                  const QString &pathPrefix = QString())
    {
        [&] {
            QVERIFY2(run.finished, qPrintable(u"node did not finish in 30 s: "_s + run.describe()));
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            QVERIFY2(!run.out.isEmpty() && !run.out.contains(u"fatal"_s), qPrintable(run.describe()));
            QCOMPARE(run.out.value(u"sdkVersion"_s).toString(), kSdkVersion);
            QCOMPARE(run.out.value(u"offHost"_s).toArray().size(), 0);
            const QString base = h.url(pathPrefix + u"/v1beta/"_s).toString();
            QVERIFY(!run.requests().isEmpty());
            for (const QJsonValue &v : run.requests()) {
                const QJsonObject r = v.toObject();
                QVERIFY2(r.value(u"url"_s).toString().startsWith(base), qPrintable(r.value(u"url"_s).toString()));
                QCOMPARE(r.value(u"headers"_s).toObject().value(u"x-goog-api-key"_s).toString(), token);
            }
        }();
        return !QTest::currentTestFailed();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_node = qEnvironmentVariable("GB_NODE");
        if (m_node.isEmpty())
            m_node = QStandardPaths::findExecutable(u"node"_s);
        QVERIFY2(!m_node.isEmpty(),
                 "node is not installed: the SDK test needs node >= 20 (packaging/install-deps.sh --test "
                 "installs Debian's nodejs when node is missing; set GB_NODE to use another)");
        QProcess version;
        version.start(m_node, {u"--version"_s});
        QVERIFY2(version.waitForFinished(10000), "node --version did not answer");
        const QString v = QString::fromUtf8(version.readAllStandardOutput()).trimmed();
        static const QRegularExpression re(uR"(^v(\d+)\.)"_s);
        const auto m = re.match(v);
        QVERIFY2(m.hasMatch() && m.captured(1).toInt() >= 20,
                 qPrintable(u"%1 is %2: @google/genai %3 needs node >= 20 (Debian 12's nodejs is 18; "
                            "install node 20+ or set GB_NODE)"_s.arg(m_node, v, kSdkVersion)));
        QFile package(kSdkDir + u"/node_modules/@google/genai/package.json"_s);
        QVERIFY2(package.open(QIODevice::ReadOnly),
                 qPrintable(u"%1 is missing: run `npm ci --no-audit --no-fund` in %2 (tests/run-tests.sh does)"_s
                                .arg(package.fileName(), kSdkDir)));
        const QString installed = parseObject(package.readAll()).value(u"version"_s).toString();
        QVERIFY2(installed == kSdkVersion,
                 qPrintable(u"@google/genai %1 is installed in %2, the lock pins %3: run `npm ci` there"_s
                                .arg(installed, kSdkDir, kSdkVersion)));
        qInfo().noquote() << "node" << v << "at" << m_node << "with @google/genai" << installed;
    }

    // generateContent: the SDK's own body (config, safety settings, tools) reaches the upstream
    // byte for byte; the reply (thoughts, text, a functionCall with its thoughtSignature) comes
    // back intact, and the signature makes the round trip on the next turn.
    void generateContent()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"generate"_s);
        QVERIFY(checkRun(h, run));
        const QList<RecordedRequest> seen = h.fake().requests();
        QCOMPARE(run.requests().size(), 2);
        QCOMPARE(seen.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject sent = run.request(i);
            QCOMPARE(sent.value(u"status"_s).toInt(), 200);
            QCOMPARE(seen.at(i).path, "/v1beta/models/gemini-2.5-flash:generateContent");
            QCOMPARE(seen.at(i).body, sent.value(u"body"_s).toString().toUtf8());  // byte for byte
            QVERIFY(seen.at(i).key.startsWith(u"AIzaKey"_s));  // a pool key, not the client token
            QCOMPARE(QString::fromUtf8(seen.at(i).header("x-goog-api-client")),
                     sent.value(u"headers"_s).toObject().value(u"x-goog-api-client"_s).toString());
        }
        // The SDK put the caller's config where the API wants it; all of it went upstream.
        const QJsonObject body = parseObject(seen.at(0).body);
        const QJsonObject config = body.value(u"generationConfig"_s).toObject();
        QCOMPARE(config.value(u"temperature"_s).toDouble(), 0.25);
        QCOMPARE(config.value(u"seed"_s).toInt(), 7);
        QCOMPARE(config.value(u"maxOutputTokens"_s).toInt(), 512);
        QCOMPARE(config.value(u"thinkingConfig"_s).toObject().value(u"thinkingBudget"_s).toInt(), 256);
        QCOMPARE(body.value(u"safetySettings"_s).toArray().at(0).toObject().value(u"threshold"_s).toString(),
                 u"BLOCK_LOW_AND_ABOVE"_s);
        QCOMPARE(body.value(u"tools"_s).toArray().at(0).toObject().value(u"functionDeclarations"_s).toArray()
                     .at(0).toObject().value(u"name"_s).toString(),
                 u"get_weather"_s);
        QCOMPARE(body.value(u"toolConfig"_s).toObject().value(u"functionCallingConfig"_s).toObject()
                     .value(u"mode"_s).toString(),
                 u"AUTO"_s);
        QVERIFY(body.contains(u"systemInstruction"_s));

        // What the SDK returned is what the upstream answered.
        const QJsonObject upstream = parseObject(h.fake().response(seen.at(0).id).body);
        const QJsonObject first = run.out.value(u"first"_s).toObject();
        QVERIFY(first.value(u"text"_s).toString().contains(kPrompt));  // the fake echoes the prompt
        QCOMPARE(first.value(u"text"_s).toString(), visibleText(upstream));
        QCOMPARE(first.value(u"parts"_s).toArray(), responseParts(upstream));  // thought, text, functionCall
        QCOMPARE(first.value(u"responseId"_s).toString(), upstream.value(u"responseId"_s).toString());
        const QJsonObject upstreamCall = functionCallPart(responseParts(upstream));
        const QString signature = upstreamCall.value(u"thoughtSignature"_s).toString();
        QVERIFY(!signature.isEmpty());
        QCOMPARE(functionCallPart(first.value(u"parts"_s).toArray()).value(u"thoughtSignature"_s).toString(),
                 signature);
        const QJsonObject call = first.value(u"functionCalls"_s).toArray().at(0).toObject();
        QCOMPARE(call.value(u"name"_s).toString(), u"get_weather"_s);
        QCOMPARE(call.value(u"args"_s).toObject(), upstreamCall.value(u"functionCall"_s).toObject()
                                                       .value(u"args"_s).toObject());

        // Turn 2: the model's turn went back upstream with its thoughtSignature unchanged.
        const QJsonArray contents = parseObject(seen.at(1).body).value(u"contents"_s).toArray();
        QCOMPARE(contents.size(), 3);
        QCOMPARE(functionCallPart(contents.at(1).toObject().value(u"parts"_s).toArray())
                     .value(u"thoughtSignature"_s).toString(),
                 signature);
        QVERIFY(contents.at(2).toObject().value(u"parts"_s).toArray().at(0).toObject()
                    .contains(u"functionResponse"_s));
        const QJsonObject second = run.out.value(u"second"_s).toObject();
        QCOMPARE(second.value(u"parts"_s).toArray(), responseParts(parseObject(h.fake().response(seen.at(1).id).body)));
    }

    // generateContentStream: chunks in order, as the upstream sent them and over time.
    void generateContentStream()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({6, 200, false});
        const SdkRun run = runSdk(h, u"stream"_s);
        QVERIFY(checkRun(h, run));
        QCOMPARE(h.fake().requestsTotal(), 1);
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.path, "/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        QVERIFY(up.sse);
        QCOMPARE(up.body, run.request(0).value(u"body"_s).toString().toUtf8());
        QVERIFY(run.request(0).value(u"contentType"_s).toString().startsWith(u"text/event-stream"_s));

        const RecordedResponse upResponse = h.fake().lastResponse();
        QCOMPARE(upResponse.outcome, ResponseOutcome::Completed);
        const QJsonArray chunks = run.out.value(u"chunks"_s).toArray();
        QCOMPARE(chunks.size(), upResponse.chunks.size());
        QCOMPARE(chunks.size(), 6);
        QString expected;
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            const QJsonObject event = sseEventJson(upResponse.chunks.at(i));
            const QJsonObject chunk = chunks.at(i).toObject();
            QCOMPARE(chunk.value(u"parts"_s).toArray(), responseParts(event));
            QCOMPARE(chunk.value(u"text"_s).toString(), visibleText(event));
            expected += visibleText(event);
        }
        QCOMPARE(run.out.value(u"text"_s).toString(), expected);
        QVERIFY(expected.contains(kPrompt));
        QCOMPARE(chunks.last().toObject().value(u"finishReason"_s).toString(), u"STOP"_s);
        // 6 chunks 200 ms apart: the SDK saw them arrive one by one, not in one piece at the end.
        QList<qint64> times;
        for (const QJsonValue &c : chunks)
            times << qint64(c.toObject().value(u"t"_s).toDouble());
        qInfo() << "chunk arrival (ms after the call):" << times;
        QVERIFY2(times.last() - times.first() >= 700, qPrintable(QString::number(times.last() - times.first())));
        int spaced = 0;
        for (qsizetype i = 1; i < times.size(); ++i)
            spaced += times.at(i) - times.at(i - 1) >= 100 ? 1 : 0;
        QVERIFY2(spaced >= 4, qPrintable(QString::number(spaced)));
    }

    void countTokens()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        // Under the /gemini prefix as well: the SDK appends /v1beta to whatever base it is given.
        for (const QString &prefix : {QString(), u"/gemini"_s}) {
            h.fake().clearRecords();
            const SdkRun run = runSdk(h, u"count"_s, ProxyHarness::kClientToken, prefix);
            QVERIFY(checkRun(h, run, ProxyHarness::kClientToken, prefix));
            const RecordedRequest up = h.fake().lastRequest();
            QCOMPARE(up.path, "/v1beta/models/gemini-2.5-flash:countTokens");
            QCOMPARE(up.body, run.request(0).value(u"body"_s).toString().toUtf8());
            const int total = parseObject(h.fake().lastResponse().body).value(u"totalTokens"_s).toInt();
            QVERIFY(total > 0);
            QCOMPARE(run.out.value(u"totalTokens"_s).toInt(), total);
        }
    }

    // embedContent with two contents: on the Gemini API the SDK always calls batchEmbedContents.
    void embedContent()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"embed"_s);
        QVERIFY(checkRun(h, run));
        QCOMPARE(run.requests().size(), 1);
        QVERIFY(run.request(0).value(u"url"_s).toString().endsWith(u"/v1beta/models/text-embedding-004:batchEmbedContents"_s));
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.path, "/v1beta/models/text-embedding-004:batchEmbedContents");
        QCOMPARE(up.body, run.request(0).value(u"body"_s).toString().toUtf8());
        QCOMPARE(parseObject(up.body).value(u"requests"_s).toArray().size(), 2);
        const QJsonArray upstream = parseObject(h.fake().lastResponse().body).value(u"embeddings"_s).toArray();
        const QJsonArray embeddings = run.out.value(u"embeddings"_s).toArray();
        QCOMPARE(embeddings.size(), 2);
        for (qsizetype i = 0; i < 2; ++i) {
            const QJsonArray values = upstream.at(i).toObject().value(u"values"_s).toArray();
            QCOMPARE(embeddings.at(i).toObject().value(u"length"_s).toInt(), values.size());
            QCOMPARE(embeddings.at(i).toObject().value(u"head"_s).toArray(), QJsonArray({values.at(0), values.at(1), values.at(2)}));
        }
        QVERIFY(embeddings.at(0).toObject().value(u"head"_s) != embeddings.at(1).toObject().value(u"head"_s));
    }

    // models.list through the SDK's pager (4 a page): every model once, aliases included.
    void listModels()
    {
        ProxyHarness h([](SettingsValues &s) { s.searchModels = {u"gemini-2.5-flash"_s}; });
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"list"_s);
        QVERIFY(checkRun(h, run));
        QStringList names;
        for (const QJsonValue &v : run.out.value(u"models"_s).toArray())
            names << v.toObject().value(u"name"_s).toString();
        QStringList expected;
        for (const QJsonValue &v : h.get(u"/v1beta/models"_s).json().value(u"models"_s).toArray())
            expected << v.toObject().value(u"name"_s).toString();
        QVERIFY(expected.size() > 8);
        QCOMPARE(names, expected);
        QVERIFY(names.contains(u"models/gemini-2.5-flash"_s));
        QVERIFY(names.contains(u"models/gemini-2.5-flash-search"_s));
        QVERIFY(!names.contains(u"models/gemini-2.5-pro-search"_s));  // not in SEARCH_MODELS
        // The pager really paged: ceil(n / 4) requests, each after the first with a pageToken.
        QCOMPARE(run.requests().size(), (expected.size() + 3) / 4);
        for (qsizetype i = 1; i < run.requests().size(); ++i)
            QVERIFY(run.request(i).value(u"url"_s).toString().contains(u"pageToken="_s));
    }

    void getModel()
    {
        ProxyHarness h([](SettingsValues &s) { s.searchModels = {u"gemini-2.5-flash"_s}; });
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"get"_s);
        QVERIFY(checkRun(h, run));
        const QJsonArray models = run.out.value(u"models"_s).toArray();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models.at(0).toObject().value(u"name"_s).toString(), u"models/gemini-2.5-flash"_s);
        QCOMPARE(models.at(0).toObject().value(u"displayName"_s).toString(), u"Gemini 2.5 Flash"_s);
        QCOMPARE(models.at(0).toObject().value(u"inputTokenLimit"_s).toInt(), 1048576);
        QCOMPARE(models.at(1).toObject().value(u"name"_s).toString(), u"models/gemini-2.5-flash-search"_s);
        QCOMPARE(models.at(1).toObject().value(u"displayName"_s).toString(), u"Gemini 2.5 Flash For Search"_s);
    }

    // Every key rate limited: the SDK throws ApiError 429 with Google's RESOURCE_EXHAUSTED body.
    void rateLimitedEverywhereIs429()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 3; });
        QVERIFY(h.isReady());
        for (const QString &k : {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s})
            h.fake().setKeyRateLimited(k);
        const SdkRun run = runSdk(h, u"error"_s);
        QVERIFY(checkRun(h, run));
        QVERIFY2(!run.out.contains(u"unexpected"_s), qPrintable(run.describe()));
        const QJsonObject error = run.error();
        QCOMPARE(error.value(u"name"_s).toString(), u"ApiError"_s);
        QVERIFY(error.value(u"isApiError"_s).toBool());
        QCOMPARE(error.value(u"status"_s).toInt(), 429);
        // ApiError.message is the JSON error body: Google's own.
        const QJsonObject body = parseObject(error.value(u"message"_s).toString().toUtf8());
        QCOMPARE(body.value(u"error"_s).toObject().value(u"status"_s).toString(), u"RESOURCE_EXHAUSTED"_s);
        QVERIFY(body.value(u"error"_s).toObject().value(u"message"_s).toString()
                    .startsWith(u"You exceeded your current quota"_s));
        QCOMPARE(body, parseObject(h.fake().lastResponse().body));
        QCOMPARE(run.requests().size(), 1);  // the SDK did not retry on its own
    }

    // A request the upstream refuses: ApiError 400, returned at once (one upstream call).
    void badRequestIs400()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        // (failNext(400) would be API_KEY_INVALID, which the proxy rightly retries on another key.)
        Fault badRequest;
        badRequest.kind = Fault::Kind::Raw;
        badRequest.rawStatus = 400;
        badRequest.rawBody = fake::invalidArgumentError(u"Invalid value at 'generation_config.temperature'"_s).toPretty();
        h.fake().addFault(badRequest);
        const SdkRun run = runSdk(h, u"error"_s);
        QVERIFY(checkRun(h, run));
        QCOMPARE(run.error().value(u"status"_s).toInt(), 400);
        QVERIFY(run.error().value(u"isApiError"_s).toBool());
        const QJsonObject body = parseObject(run.error().value(u"message"_s).toString().toUtf8());
        QCOMPARE(body, parseObject(h.fake().lastResponse().body));
        QCOMPARE(body.value(u"error"_s).toObject().value(u"code"_s).toInt(), 400);
        QCOMPARE(body.value(u"error"_s).toObject().value(u"status"_s).toString(), u"INVALID_ARGUMENT"_s);
        QCOMPARE(h.fake().requestsTotal(), 1);
    }

    void unknownModelIs404()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"error"_s, ProxyHarness::kClientToken, QString(),
                                  {{u"GB_MODEL"_s, u"gemini-9-ultra"_s}});
        QVERIFY(checkRun(h, run));
        QCOMPARE(run.error().value(u"status"_s).toInt(), 404);
        QVERIFY(run.error().value(u"isApiError"_s).toBool());
        QVERIFY(run.error().value(u"message"_s).toString().contains(u"NOT_FOUND"_s));
    }

    void wrongClientTokenIs401()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const QString wrong = u"not-a-client-token"_s;
        const SdkRun run = runSdk(h, u"error"_s, wrong);
        QVERIFY(checkRun(h, run, wrong));
        QCOMPARE(run.error().value(u"status"_s).toInt(), 401);
        QVERIFY(run.error().value(u"isApiError"_s).toBool());
        const QJsonObject body = parseObject(run.error().value(u"message"_s).toString().toUtf8());
        QCOMPARE(body.value(u"error"_s).toObject().value(u"status"_s).toString(), u"UNAUTHENTICATED"_s);
        QVERIFY(!run.error().value(u"message"_s).toString().contains(wrong));
        QCOMPARE(h.fake().requestsTotal(), 0);
    }

    // The upstream dies after two chunks: the SDK yields those two, then throws; never a
    // silent success, never the text twice.
    void midStreamFailureIsAnError()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({6, 50, false});
        h.fake().cutNextStream(2);
        const SdkRun run = runSdk(h, u"stream-error"_s);
        QVERIFY(checkRun(h, run));
        qInfo().noquote() << "SDK after a mid-stream cut:"
                          << QJsonDocument(QJsonObject{{u"completed"_s, run.out.value(u"completed"_s)},
                                                       {u"chunks"_s, run.out.value(u"chunks"_s)},
                                                       {u"error"_s, run.out.value(u"error"_s)}})
                                 .toJson(QJsonDocument::Compact);
        QCOMPARE(h.fake().requestsTotal(), 1);
        QCOMPARE(h.fake().lastResponse().outcome, ResponseOutcome::CutByFake);
        QVERIFY2(!run.out.value(u"completed"_s).toBool(), "the SDK reported a cut stream as a success");
        const QJsonArray chunks = run.out.value(u"chunks"_s).toArray();
        QCOMPARE(chunks.size(), 2);
        const QList<QByteArray> sent = h.fake().lastResponse().chunks;
        QCOMPARE(sent.size(), 2);
        const QString expected = visibleText(sseEventJson(sent.at(0))) + visibleText(sseEventJson(sent.at(1)));
        QCOMPARE(run.out.value(u"text"_s).toString(), expected);  // no duplicated or spliced text
        const QJsonObject error = run.error();
        QVERIFY(error.value(u"isApiError"_s).toBool());
        QCOMPARE(error.value(u"status"_s).toInt(), 502);
    }
};

QTEST_GUILESS_MAIN(TestSdk)
#include "tst_sdk.moc"
