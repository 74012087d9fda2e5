// The official openai SDK for JavaScript (pinned in tests/sdk/package-lock.json) used
// unchanged against the proxy: baseURL = the proxy plus /v1, /hf/v1 (translated to the
// native Gemini API) or /openai/v1 (relayed to Gemini's own OpenAI endpoint), apiKey = a
// client token. Each case sets up the proxy and the fake upstream, runs
// tests/sdk/openai-check.mjs with node for one scenario, and checks the JSON it prints (what
// the SDK returned or threw, each HTTP exchange it made) against what the fake received and
// sent.
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
const QString kSdkVersion = u"6.49.0"_s;
const QString kModel = u"gemini-2.5-flash"_s;
const QString kPrompt = u"Hello from the openai SDK"_s;  // as in openai-check.mjs
const QString kSystem = u"Answer briefly."_s;
const QString kPassthrough = u"/openai/v1"_s;

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
    QJsonObject requestBody(qsizetype i) const
    {
        return QJsonDocument::fromJson(request(i).value(u"body"_s).toString().toUtf8()).object();
    }
    QByteArray responseBody(qsizetype i) const { return request(i).value(u"responseBody"_s).toString().toUtf8(); }
    QJsonObject error() const { return out.value(u"error"_s).toObject(); }
    QJsonObject object(const QString &key) const { return out.value(key).toObject(); }
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

// The JSON events of an SSE body, without [DONE] (which sets *sawDone).
QJsonArray sseEvents(const QByteArray &body, bool *sawDone = nullptr)
{
    QJsonArray events;
    bool done = false;
    for (const QByteArray &line : body.split('\n')) {
        if (!line.startsWith("data:"))
            continue;
        const QByteArray data = line.mid(5).trimmed();
        if (data == "[DONE]")
            done = true;
        else
            events.append(parseObject(data));
    }
    if (sawDone)
        *sawDone = done;
    return events;
}

QJsonArray responseParts(const QJsonObject &response)
{
    return response.value(u"candidates"_s).toArray().at(0).toObject().value(u"content"_s).toObject()
        .value(u"parts"_s).toArray();
}

// The reply text a client should see (text parts that are not thoughts), or the thoughts.
QString partsText(const QJsonObject &response, bool thoughts)
{
    QString text;
    for (const QJsonValue &p : responseParts(response)) {
        const QJsonObject part = p.toObject();
        if (part.contains(u"text"_s) && part.value(u"thought"_s).toBool() == thoughts)
            text += part.value(u"text"_s).toString();
    }
    return text;
}

QJsonObject functionCallPart(const QJsonArray &parts)
{
    for (const QJsonValue &p : parts) {
        if (p.toObject().contains(u"functionCall"_s))
            return p.toObject();
    }
    return {};
}

QJsonObject functionResponsePart(const QJsonArray &parts)
{
    for (const QJsonValue &p : parts) {
        if (p.toObject().contains(u"functionResponse"_s))
            return p.toObject();
    }
    return {};
}

QJsonObject firstChoice(const QJsonObject &completion)
{
    return completion.value(u"choices"_s).toArray().at(0).toObject();
}

QJsonObject messageOf(const QJsonObject &completion)
{
    return firstChoice(completion).value(u"message"_s).toObject();
}

HttpHeaders bearer()
{
    return {{"Authorization", "Bearer " + ProxyHarness::kClientToken.toUtf8()}, {"x-goog-api-key", ""}};
}

} // namespace

class TestOpenAiSdk : public QObject
{
    Q_OBJECT

    QString m_node;
    QTemporaryDir m_home;

    // Runs one scenario of openai-check.mjs with baseURL = proxy + prefix, with a bounded
    // wait that keeps the event loop (and so the proxy and the fake on this thread) running.
    SdkRun runSdk(ProxyHarness &h, const QString &scenario, const QString &prefix,
                  const QString &token = ProxyHarness::kClientToken, const QHash<QString, QString> &extraEnv = {})
    {
        QProcessEnvironment env;  // a clean environment: no OPENAI_API_KEY, OPENAI_BASE_URL, proxies...
        env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"GB_BASE_URL"_s, h.url(prefix).toString());
        env.insert(u"GB_TOKEN"_s, token);
        for (auto it = extraEnv.constBegin(); it != extraEnv.constEnd(); ++it)
            env.insert(it.key(), it.value());

        SdkRun run;
        QProcess node;
        node.setProcessEnvironment(env);
        node.setWorkingDirectory(kSdkDir);
        QElapsedTimer t;
        t.start();
        node.start(m_node, {kSdkDir + u"/openai-check.mjs"_s, scenario});
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

    // What every run must show: it finished, the SDK only called the proxy under the prefix,
    // with the token as a Bearer credential.
    bool checkRun(ProxyHarness &h, const SdkRun &run, const QString &prefix,
                  const QString &token = ProxyHarness::kClientToken)
    {
        [&] {
            QVERIFY2(run.finished, qPrintable(u"node did not finish in 30 s: "_s + run.describe()));
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            QVERIFY2(!run.out.isEmpty() && !run.out.contains(u"fatal"_s), qPrintable(run.describe()));
            QCOMPARE(run.out.value(u"sdkVersion"_s).toString(), kSdkVersion);
            QCOMPARE(run.out.value(u"offHost"_s).toArray().size(), 0);
            const QString base = h.url(prefix + u'/').toString();
            QVERIFY(!run.requests().isEmpty());
            for (const QJsonValue &v : run.requests()) {
                const QJsonObject r = v.toObject();
                QVERIFY2(r.value(u"url"_s).toString().startsWith(base), qPrintable(r.value(u"url"_s).toString()));
                QCOMPARE(r.value(u"headers"_s).toObject().value(u"authorization"_s).toString(), u"Bearer "_s + token);
            }
        }();
        return !QTest::currentTestFailed();
    }

    static void translatedPrefixes()
    {
        QTest::addColumn<QString>("prefix");
        QTest::newRow("v1") << u"/v1"_s;
        QTest::newRow("hf") << u"/hf/v1"_s;
    }

    static void allPrefixes()
    {
        translatedPrefixes();
        QTest::newRow("openai-passthrough") << kPassthrough;
    }

    // Usage as the proxy must report it for Gemini's usageMetadata: reasoning tokens inside
    // the completion tokens, prompt + completion = total.
    static bool checkUsage(const QJsonObject &usage, const QJsonObject &usageMetadata)
    {
        [&] {
            const int prompt = usageMetadata.value(u"promptTokenCount"_s).toInt();
            const int thoughts = usageMetadata.value(u"thoughtsTokenCount"_s).toInt();
            const int candidates = usageMetadata.value(u"candidatesTokenCount"_s).toInt();
            QVERIFY(prompt > 0 && candidates > 0);
            QCOMPARE(usage.value(u"prompt_tokens"_s).toInt(), prompt);
            QCOMPARE(usage.value(u"completion_tokens"_s).toInt(), candidates + thoughts);
            QCOMPARE(usage.value(u"total_tokens"_s).toInt(),
                     usage.value(u"prompt_tokens"_s).toInt() + usage.value(u"completion_tokens"_s).toInt());
            QCOMPARE(usage.value(u"total_tokens"_s).toInt(), usageMetadata.value(u"totalTokenCount"_s).toInt());
            QCOMPARE(usage.value(u"completion_tokens_details"_s).toObject().value(u"reasoning_tokens"_s).toInt(),
                     thoughts);
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
                 "node is not installed: the openai SDK test needs node >= 20 (packaging/install-deps.sh --test "
                 "installs Debian's nodejs when node is missing; set GB_NODE to use another)");
        QProcess version;
        version.start(m_node, {u"--version"_s});
        QVERIFY2(version.waitForFinished(10000), "node --version did not answer");
        const QString v = QString::fromUtf8(version.readAllStandardOutput()).trimmed();
        static const QRegularExpression re(u"^v(\\d+)\\."_s);
        const auto m = re.match(v);
        QVERIFY2(m.hasMatch() && m.captured(1).toInt() >= 20,
                 qPrintable(u"%1 is %2: openai %3 needs node >= 20 (Debian 12's nodejs is 18; "
                            "install node 20+ or set GB_NODE)"_s.arg(m_node, v, kSdkVersion)));
        QFile package(kSdkDir + u"/node_modules/openai/package.json"_s);
        QVERIFY2(package.open(QIODevice::ReadOnly),
                 qPrintable(u"%1 is missing: run `npm ci --no-audit --no-fund` in %2 (tests/run-tests.sh does)"_s
                                .arg(package.fileName(), kSdkDir)));
        const QString installed = parseObject(package.readAll()).value(u"version"_s).toString();
        QVERIFY2(installed == kSdkVersion,
                 qPrintable(u"openai %1 is installed in %2, the lock pins %3: run `npm ci` there"_s
                                .arg(installed, kSdkDir, kSdkVersion)));
        qInfo().noquote() << "node" << v << "at" << m_node << "with openai" << installed;
    }

    // chat.completions.create: the SDK's request became a proper generateContent (system
    // prompt as systemInstruction, no sampling parameters the client did not send); the reply
    // text, thoughts as reasoning_content, finish_reason and usage came back right.
    void chatCompletion_data() { translatedPrefixes(); }
    void chatCompletion()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"chat"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        QCOMPARE(run.requests().size(), 1);
        QCOMPARE(run.request(0).value(u"url"_s).toString(), h.url(prefix + u"/chat/completions"_s).toString());
        QCOMPARE(run.request(0).value(u"status"_s).toInt(), 200);

        QCOMPARE(h.fake().requestsTotal(), 1);
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.path, "/v1beta/models/gemini-2.5-flash:generateContent");
        QVERIFY(up.key.startsWith(u"AIzaKey"_s));
        const QJsonObject sent = parseObject(up.body);
        QCOMPARE(sent.value(u"systemInstruction"_s).toObject().value(u"parts"_s).toArray().at(0).toObject()
                     .value(u"text"_s).toString(),
                 kSystem);
        const QJsonArray contents = sent.value(u"contents"_s).toArray();
        QCOMPARE(contents.size(), 1);
        QCOMPARE(contents.at(0).toObject().value(u"role"_s).toString(), u"user"_s);
        QCOMPARE(contents.at(0).toObject().value(u"parts"_s).toArray().at(0).toObject().value(u"text"_s).toString(),
                 kPrompt);
        const QJsonObject config = sent.value(u"generationConfig"_s).toObject();
        for (const QString &injected : {u"temperature"_s, u"topP"_s, u"topK"_s})
            QVERIFY2(!config.contains(injected), qPrintable(injected + u" was not sent by the client"_s));

        const QJsonObject upstream = parseObject(h.fake().lastResponse().body);
        const QJsonObject completion = run.object(u"completion"_s);
        QVERIFY(completion.value(u"id"_s).toString().startsWith(u"chatcmpl-"_s));
        QCOMPARE(completion.value(u"object"_s).toString(), u"chat.completion"_s);
        QCOMPARE(completion.value(u"model"_s).toString(), kModel);
        QCOMPARE(completion.value(u"choices"_s).toArray().size(), 1);
        QCOMPARE(firstChoice(completion).value(u"finish_reason"_s).toString(), u"stop"_s);
        const QJsonObject message = messageOf(completion);
        QCOMPARE(message.value(u"role"_s).toString(), u"assistant"_s);
        QVERIFY(message.value(u"content"_s).toString().contains(kPrompt));  // the fake echoes the prompt
        QCOMPARE(message.value(u"content"_s).toString(), partsText(upstream, false));
        const QString thought = partsText(upstream, true);
        QVERIFY(!thought.isEmpty());  // gemini-2.5-flash thinks in the fake
        QCOMPARE(message.value(u"reasoning_content"_s).toString(), thought);
        QVERIFY(!message.contains(u"tool_calls"_s));
        QVERIFY(checkUsage(completion.value(u"usage"_s).toObject(), upstream.value(u"usageMetadata"_s).toObject()));
        QVERIFY(completion.value(u"usage"_s).toObject().value(u"completion_tokens_details"_s).toObject()
                    .value(u"reasoning_tokens"_s).toInt() > 0);
    }

    // stream: true with include_usage through the SDK's async iterator: one id, the role
    // first and once, the content in order, finish_reason once at the end, then the usage
    // chunk; chunks arrive as the upstream sends them, not in one piece.
    void chatStream_data() { translatedPrefixes(); }
    void chatStream()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({6, 150, false});
        const SdkRun run = runSdk(h, u"stream"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        QCOMPARE(run.requests().size(), 1);
        const QJsonObject sentBody = run.requestBody(0);
        QVERIFY(sentBody.value(u"stream"_s).toBool());
        QVERIFY(sentBody.value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool());
        QVERIFY(run.request(0).value(u"contentType"_s).toString().startsWith(u"text/event-stream"_s));

        QCOMPARE(h.fake().requestsTotal(), 1);
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.path, "/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        QVERIFY(up.sse);
        const RecordedResponse upResponse = h.fake().lastResponse();
        QCOMPARE(upResponse.outcome, ResponseOutcome::Completed);
        QString upText, upThought;
        for (const QByteArray &c : upResponse.chunks) {
            upText += partsText(sseEventJson(c), false);
            upThought += partsText(sseEventJson(c), true);
        }
        QVERIFY(upText.contains(kPrompt));
        QVERIFY(!upThought.isEmpty());
        const QJsonObject lastEvent = sseEventJson(upResponse.chunks.last());

        const QJsonArray timed = run.out.value(u"chunks"_s).toArray();
        QJsonArray chunks;
        QList<qint64> times;
        for (const QJsonValue &v : timed) {
            chunks.append(v.toObject().value(u"chunk"_s));
            times << qint64(v.toObject().value(u"t"_s).toDouble());
        }
        // The SDK yielded exactly the events the proxy sent, and the stream ended with [DONE].
        bool done = false;
        QCOMPARE(chunks, sseEvents(run.responseBody(0), &done));
        QVERIFY(done);
        QVERIFY(chunks.size() >= 8);  // role, reasoning, 6 pieces of content, finish, usage (some merged)

        const QString id = chunks.first().toObject().value(u"id"_s).toString();
        QVERIFY(id.startsWith(u"chatcmpl-"_s));
        QString text, reasoning;
        int roles = 0, finishes = 0;
        qsizetype finishAt = -1, firstContentAt = -1;
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            const QJsonObject c = chunks.at(i).toObject();
            QCOMPARE(c.value(u"id"_s).toString(), id);
            QCOMPARE(c.value(u"object"_s).toString(), u"chat.completion.chunk"_s);
            QCOMPARE(c.value(u"model"_s).toString(), kModel);
            const QJsonArray choices = c.value(u"choices"_s).toArray();
            if (i == chunks.size() - 1) {
                QVERIFY2(choices.isEmpty(), "the usage chunk comes last, with no choices");
                QVERIFY(checkUsage(c.value(u"usage"_s).toObject(), lastEvent.value(u"usageMetadata"_s).toObject()));
                continue;
            }
            QVERIFY2(c.value(u"usage"_s).isNull() || c.value(u"usage"_s).isUndefined(), "usage only in the last chunk");
            QCOMPARE(choices.size(), 1);
            const QJsonObject choice = choices.at(0).toObject();
            QCOMPARE(choice.value(u"index"_s).toInt(), 0);
            const QJsonObject delta = choice.value(u"delta"_s).toObject();
            if (delta.contains(u"role"_s)) {
                ++roles;
                QCOMPARE(i, qsizetype(0));
                QCOMPARE(delta.value(u"role"_s).toString(), u"assistant"_s);
            }
            if (!delta.value(u"content"_s).toString().isEmpty() && firstContentAt < 0)
                firstContentAt = i;
            text += delta.value(u"content"_s).toString();
            reasoning += delta.value(u"reasoning_content"_s).toString();
            if (!choice.value(u"finish_reason"_s).isNull()) {
                ++finishes;
                finishAt = i;
                QCOMPARE(choice.value(u"finish_reason"_s).toString(), u"stop"_s);
            }
        }
        QCOMPARE(roles, 1);
        QCOMPARE(finishes, 1);
        QCOMPARE(finishAt, chunks.size() - 2);  // the last chunk with a choice
        QCOMPARE(text, upText);
        QCOMPARE(reasoning, upThought);

        // 6 upstream events 150 ms apart: the SDK saw the content arrive piece by piece.
        qInfo() << "chunk arrival (ms after the call):" << times;
        QVERIFY(firstContentAt >= 0);
        QVERIFY2(times.at(finishAt) - times.at(firstContentAt) >= 600,
                 qPrintable(QString::number(times.at(finishAt) - times.at(firstContentAt))));
        int spaced = 0;
        for (qsizetype i = 1; i < times.size(); ++i)
            spaced += times.at(i) - times.at(i - 1) >= 75 ? 1 : 0;
        QVERIFY2(spaced >= 4, qPrintable(QString::number(spaced)));
    }

    // client.chat.completions.stream(): the SDK's helper accumulates and validates the stream
    // (it throws on a missing role or finish_reason) and gives the final completion.
    void streamHelper_data() { translatedPrefixes(); }
    void streamHelper()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({4, 20, false});
        const SdkRun run = runSdk(h, u"stream-helper"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        QCOMPARE(h.fake().requestsTotal(), 1);
        QVERIFY(h.fake().lastRequest().sse);
        QString upText, upThought;
        for (const QByteArray &c : h.fake().lastResponse().chunks) {
            upText += partsText(sseEventJson(c), false);
            upThought += partsText(sseEventJson(c), true);
        }
        const QJsonArray chunks = run.out.value(u"chunks"_s).toArray();
        QVERIFY(chunks.size() >= 4);
        const QJsonObject finalCompletion = run.object(u"final"_s);
        QCOMPARE(finalCompletion.value(u"id"_s).toString(),
                 chunks.first().toObject().value(u"chunk"_s).toObject().value(u"id"_s).toString());
        QCOMPARE(finalCompletion.value(u"model"_s).toString(), kModel);
        QCOMPARE(finalCompletion.value(u"choices"_s).toArray().size(), 1);
        QCOMPARE(firstChoice(finalCompletion).value(u"finish_reason"_s).toString(), u"stop"_s);
        const QJsonObject message = messageOf(finalCompletion);
        QCOMPARE(message.value(u"role"_s).toString(), u"assistant"_s);
        QCOMPARE(message.value(u"content"_s).toString(), upText);
        // The helper keeps the last reasoning_content delta (it does not concatenate fields it
        // does not know): the proxy sends the thought as one delta.
        QCOMPARE(message.value(u"reasoning_content"_s).toString(), upThought);
        QVERIFY(checkUsage(finalCompletion.value(u"usage"_s).toObject(),
                           sseEventJson(h.fake().lastResponse().chunks.last()).value(u"usageMetadata"_s).toObject()));
    }

    // A function tool: tool_calls come back (finish_reason "tool_calls"); the assistant
    // message as the SDK returned it plus a tool message go back, and the upstream gets the
    // functionCall with its original thoughtSignature and a functionResponse with the name.
    void toolsRoundTrip_data() { translatedPrefixes(); }
    void toolsRoundTrip()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"tools"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        QCOMPARE(run.requests().size(), 2);
        QCOMPARE(run.request(1).value(u"status"_s).toInt(), 200);
        const QList<RecordedRequest> seen = h.fake().requests();
        QCOMPARE(seen.size(), 2);
        for (const RecordedRequest &r : seen)
            QCOMPARE(r.path, "/v1beta/models/gemini-2.5-flash:generateContent");
        const QJsonObject turn1 = parseObject(seen.at(0).body);
        QCOMPARE(turn1.value(u"tools"_s).toArray().at(0).toObject().value(u"functionDeclarations"_s).toArray()
                     .at(0).toObject().value(u"name"_s).toString(),
                 u"get_weather"_s);

        const QJsonObject upstream = parseObject(h.fake().response(seen.at(0).id).body);
        const QJsonObject upCall = functionCallPart(responseParts(upstream));
        const QString signature = upCall.value(u"thoughtSignature"_s).toString();
        QVERIFY(!signature.isEmpty());
        const QJsonObject first = run.object(u"first"_s);
        QCOMPARE(firstChoice(first).value(u"finish_reason"_s).toString(), u"tool_calls"_s);
        const QJsonArray calls = messageOf(first).value(u"tool_calls"_s).toArray();
        QCOMPARE(calls.size(), 1);
        const QJsonObject call = calls.at(0).toObject();
        QVERIFY(!call.value(u"id"_s).toString().isEmpty());
        QCOMPARE(call.value(u"type"_s).toString(), u"function"_s);
        QCOMPARE(call.value(u"function"_s).toObject().value(u"name"_s).toString(), u"get_weather"_s);
        const QJsonObject args = upCall.value(u"functionCall"_s).toObject().value(u"args"_s).toObject();
        QVERIFY(!args.isEmpty());
        QCOMPARE(parseObject(call.value(u"function"_s).toObject().value(u"arguments"_s).toString().toUtf8()), args);

        // Turn 2 as the SDK sent it: the assistant message as returned, then the tool result.
        const QJsonArray sentMessages = run.requestBody(1).value(u"messages"_s).toArray();
        QCOMPARE(sentMessages.size(), 4);
        QCOMPARE(sentMessages.at(2).toObject(), messageOf(first));
        QCOMPARE(sentMessages.at(3).toObject().value(u"tool_call_id"_s).toString(), call.value(u"id"_s).toString());

        const QJsonArray contents = parseObject(seen.at(1).body).value(u"contents"_s).toArray();
        QCOMPARE(contents.size(), 3);
        QCOMPARE(contents.at(1).toObject().value(u"role"_s).toString(), u"model"_s);
        const QJsonObject sentCall = functionCallPart(contents.at(1).toObject().value(u"parts"_s).toArray());
        QCOMPARE(sentCall.value(u"thoughtSignature"_s).toString(), signature);
        QCOMPARE(sentCall.value(u"functionCall"_s).toObject().value(u"name"_s).toString(), u"get_weather"_s);
        QCOMPARE(sentCall.value(u"functionCall"_s).toObject().value(u"args"_s).toObject(), args);
        const QJsonObject response =
            functionResponsePart(contents.at(2).toObject().value(u"parts"_s).toArray()).value(u"functionResponse"_s)
                .toObject();
        QCOMPARE(response.value(u"name"_s).toString(), u"get_weather"_s);
        QCOMPARE(response.value(u"response"_s).toObject().value(u"temperatureC"_s).toInt(), 21);
        QCOMPARE(messageOf(run.object(u"second"_s)).value(u"role"_s).toString(), u"assistant"_s);
    }

    // The same round trip streamed, with the SDK's stream helper assembling the tool call.
    void toolsStream_data() { translatedPrefixes(); }
    void toolsStream()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({3, 20, false});
        const SdkRun run = runSdk(h, u"tools-stream"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        QCOMPARE(run.requests().size(), 2);
        const QList<RecordedRequest> seen = h.fake().requests();
        QCOMPARE(seen.size(), 2);
        for (const RecordedRequest &r : seen) {
            QCOMPARE(r.path, "/v1beta/models/gemini-2.5-flash:streamGenerateContent");
            QVERIFY(r.sse);
        }
        const QList<QByteArray> events = h.fake().response(seen.at(0).id).chunks;
        QJsonObject upCall;
        for (const QByteArray &e : events) {
            const QJsonObject part = functionCallPart(responseParts(sseEventJson(e)));
            if (!part.isEmpty())
                upCall = part;
        }
        const QString signature = upCall.value(u"thoughtSignature"_s).toString();
        QVERIFY(!signature.isEmpty());
        const QJsonObject args = upCall.value(u"functionCall"_s).toObject().value(u"args"_s).toObject();

        const QJsonObject first = run.object(u"first"_s);
        QCOMPARE(firstChoice(first).value(u"finish_reason"_s).toString(), u"tool_calls"_s);
        const QJsonArray calls = messageOf(first).value(u"tool_calls"_s).toArray();
        QCOMPARE(calls.size(), 1);
        const QJsonObject call = calls.at(0).toObject();
        // The id is the one the proxy streamed, not one the helper made up for a missing id.
        QString streamedId;
        for (const QJsonValue &v : run.out.value(u"chunks"_s).toArray()) {
            const QJsonArray deltaCalls = firstChoice(v.toObject().value(u"chunk"_s).toObject()).value(u"delta"_s)
                                              .toObject().value(u"tool_calls"_s).toArray();
            if (!deltaCalls.isEmpty()) {
                QVERIFY2(streamedId.isEmpty(), "one tool call, in one delta");
                QCOMPARE(deltaCalls.size(), 1);
                QCOMPARE(deltaCalls.at(0).toObject().value(u"index"_s).toInt(), 0);
                streamedId = deltaCalls.at(0).toObject().value(u"id"_s).toString();
            }
        }
        QVERIFY(!streamedId.isEmpty());
        QCOMPARE(call.value(u"id"_s).toString(), streamedId);
        QCOMPARE(call.value(u"type"_s).toString(), u"function"_s);
        QCOMPARE(call.value(u"function"_s).toObject().value(u"name"_s).toString(), u"get_weather"_s);
        QCOMPARE(parseObject(call.value(u"function"_s).toObject().value(u"arguments"_s).toString().toUtf8()), args);

        const QJsonArray contents = parseObject(seen.at(1).body).value(u"contents"_s).toArray();
        QCOMPARE(contents.size(), 3);
        const QJsonObject sentCall = functionCallPart(contents.at(1).toObject().value(u"parts"_s).toArray());
        QCOMPARE(sentCall.value(u"thoughtSignature"_s).toString(), signature);
        QCOMPARE(functionResponsePart(contents.at(2).toObject().value(u"parts"_s).toArray())
                     .value(u"functionResponse"_s).toObject().value(u"name"_s).toString(),
                 u"get_weather"_s);
        QCOMPARE(firstChoice(run.object(u"second"_s)).value(u"finish_reason"_s).toString(), u"tool_calls"_s);
    }

    // response_format json_schema: the upstream is asked for JSON with the schema, and the
    // SDK's parse() reads the answer into message.parsed.
    void jsonSchema_data() { translatedPrefixes(); }
    void jsonSchema()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        ReplyOptions reply;
        reply.fixedText = u"{\"city\":\"Paris\",\"temperatureC\":21}"_s;
        h.fake().setReplyOptions(reply);
        const SdkRun run = runSdk(h, u"json-schema"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        const QJsonObject schema = run.requestBody(0).value(u"response_format"_s).toObject()
                                       .value(u"json_schema"_s).toObject().value(u"schema"_s).toObject();
        QVERIFY(!schema.isEmpty());
        const QJsonObject config = parseObject(h.fake().lastRequest().body).value(u"generationConfig"_s).toObject();
        QCOMPARE(config.value(u"responseMimeType"_s).toString(), u"application/json"_s);
        QCOMPARE(config.value(u"responseJsonSchema"_s).toObject(), schema);
        const QJsonObject message = messageOf(run.object(u"completion"_s));
        QCOMPARE(message.value(u"content"_s).toString(), reply.fixedText);
        QCOMPARE(message.value(u"parsed"_s).toObject(),
                 QJsonObject({{u"city"_s, u"Paris"_s}, {u"temperatureC"_s, 21}}));
    }

    // An image by data URL reaches the upstream as inlineData with the same bytes.
    void imageDataUrl_data() { translatedPrefixes(); }
    void imageDataUrl()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"image"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        const QString url = run.requestBody(0).value(u"messages"_s).toArray().at(0).toObject().value(u"content"_s)
                                .toArray().at(1).toObject().value(u"image_url"_s).toObject().value(u"url"_s).toString();
        const QString head = u"data:image/png;base64,"_s;
        QVERIFY(url.startsWith(head));
        const QByteArray png = QByteArray::fromBase64(url.mid(head.size()).toLatin1());
        QVERIFY(png.startsWith("\x89PNG"));
        const QJsonArray parts = parseObject(h.fake().lastRequest().body).value(u"contents"_s).toArray().at(0)
                                     .toObject().value(u"parts"_s).toArray();
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0).toObject().value(u"text"_s).toString(), u"What is in this image?"_s);
        const QJsonObject inlineData = parts.at(1).toObject().value(u"inlineData"_s).toObject();
        QCOMPARE(inlineData.value(u"mimeType"_s).toString(), u"image/png"_s);
        QCOMPARE(QByteArray::fromBase64(inlineData.value(u"data"_s).toString().toLatin1()), png);
        QVERIFY(messageOf(run.object(u"completion"_s)).value(u"content"_s).toString().contains(u"What is in this image?"_s));
    }

    // embeddings.create with two inputs: batchEmbedContents upstream; the SDK's default
    // (it asks for base64 and decodes float32) and encoding_format "float" both give the
    // fake's values.
    void embeddings_data() { translatedPrefixes(); }
    void embeddings()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"embed"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        QCOMPARE(run.requests().size(), 2);
        QCOMPARE(run.requestBody(0).value(u"encoding_format"_s).toString(), u"base64"_s);  // the SDK's default
        QCOMPARE(run.requestBody(1).value(u"encoding_format"_s).toString(), u"float"_s);
        const QList<RecordedRequest> seen = h.fake().requests();
        QCOMPARE(seen.size(), 2);
        for (qsizetype r = 0; r < 2; ++r) {
            QCOMPARE(seen.at(r).path, "/v1beta/models/text-embedding-004:batchEmbedContents");
            QCOMPARE(parseObject(seen.at(r).body).value(u"requests"_s).toArray().size(), 2);
            const QJsonArray upstream = parseObject(h.fake().response(seen.at(r).id).body).value(u"embeddings"_s).toArray();
            QCOMPARE(upstream.size(), 2);
            const QJsonObject result = run.object(r == 0 ? u"byDefault"_s : u"asFloat"_s);
            QCOMPARE(result.value(u"object"_s).toString(), u"list"_s);
            QCOMPARE(result.value(u"model"_s).toString(), u"text-embedding-004"_s);
            QVERIFY(result.value(u"usage"_s).toObject().value(u"prompt_tokens"_s).toInt() > 0);
            const QJsonArray data = result.value(u"data"_s).toArray();
            QCOMPARE(data.size(), 2);
            for (qsizetype i = 0; i < 2; ++i) {
                const QJsonObject item = data.at(i).toObject();
                QCOMPARE(item.value(u"index"_s).toInt(), int(i));
                QCOMPARE(item.value(u"object"_s).toString(), u"embedding"_s);
                const QJsonArray values = upstream.at(i).toObject().value(u"values"_s).toArray();
                const QJsonArray got = item.value(u"embedding"_s).toArray();
                QVERIFY(values.size() > 100);
                QCOMPARE(got.size(), values.size());
                for (qsizetype k = 0; k < values.size(); ++k) {
                    QVERIFY2(got.at(k).isDouble(), qPrintable(u"embedding[%1] is not a number"_s.arg(k)));
                    if (r == 0)  // float32 on the wire
                        QCOMPARE(float(got.at(k).toDouble()), float(values.at(k).toDouble()));
                    else
                        QCOMPARE(got.at(k).toDouble(), values.at(k).toDouble());
                }
            }
            QVERIFY(data.at(0).toObject().value(u"embedding"_s) != data.at(1).toObject().value(u"embedding"_s));
        }
    }

    // models.list (every page) shows the alias models; models.retrieve of one.
    void models_data() { translatedPrefixes(); }
    void models()
    {
        QFETCH(QString, prefix);
        ProxyHarness h([](SettingsValues &s) { s.searchModels = {u"gemini-2.5-flash"_s}; });
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"models"_s, prefix, ProxyHarness::kClientToken,
                                  {{u"GB_RETRIEVE"_s, u"gemini-2.5-flash-search"_s}});
        QVERIFY(checkRun(h, run, prefix));
        QCOMPARE(run.requests().size(), 2);  // one page, one retrieve
        QStringList ids;
        for (const QJsonValue &v : run.out.value(u"models"_s).toArray()) {
            const QJsonObject m = v.toObject();
            QCOMPARE(m.value(u"object"_s).toString(), u"model"_s);
            QCOMPARE(m.value(u"owned_by"_s).toString(), u"google"_s);
            ids << m.value(u"id"_s).toString();
        }
        QStringList expected;
        for (const QJsonValue &v : h.get(prefix + u"/models"_s, bearer()).json().value(u"data"_s).toArray())
            expected << v.toObject().value(u"id"_s).toString();
        QVERIFY(expected.size() > 8);
        QCOMPARE(ids, expected);
        QVERIFY(ids.contains(kModel));
        QVERIFY(ids.contains(u"gemini-2.5-flash-search"_s));
        QVERIFY(!ids.contains(u"gemini-2.5-pro-search"_s));  // not in SEARCH_MODELS
        const QJsonObject retrieved = run.object(u"retrieved"_s);
        QCOMPARE(retrieved.value(u"id"_s).toString(), u"gemini-2.5-flash-search"_s);
        QCOMPARE(retrieved.value(u"object"_s).toString(), u"model"_s);
    }

    // Every key rate limited: the SDK throws RateLimitError 429 with Google's message.
    void rateLimitedEverywhere_data() { allPrefixes(); }
    void rateLimitedEverywhere()
    {
        QFETCH(QString, prefix);
        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 3; });
        QVERIFY(h.isReady());
        for (const QString &k : {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s})
            h.fake().setKeyRateLimited(k);
        const SdkRun run = runSdk(h, u"error"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        QVERIFY2(!run.out.contains(u"unexpected"_s), qPrintable(run.describe()));
        QCOMPARE(run.requests().size(), 1);  // maxRetries 0: the SDK did not retry
        const QJsonObject error = run.error();
        QCOMPARE(error.value(u"name"_s).toString(), u"RateLimitError"_s);
        QVERIFY(error.value(u"instanceOf"_s).toArray().contains(u"APIError"_s));
        QCOMPARE(error.value(u"status"_s).toInt(), 429);
        // Google's OpenAI endpoint wraps its error object in an array (the fake does too).
        const QJsonDocument upError = QJsonDocument::fromJson(h.fake().lastResponse().body);
        const QJsonObject upRoot = upError.isArray() ? upError.array().at(0).toObject() : upError.object();
        QCOMPARE(upError.isArray(), prefix == kPassthrough);
        const QString google = upRoot.value(u"error"_s).toObject().value(u"message"_s).toString();
        QVERIFY(google.startsWith(u"You exceeded your current quota"_s));
        QCOMPARE(error.value(u"error"_s).toObject().value(u"message"_s).toString(), google.trimmed());
        QCOMPARE(error.value(u"type"_s).toString(), u"rate_limit_error"_s);
        QVERIFY(h.fake().requestsTotal() >= 1);
        qInfo() << "429 headers:" << run.request(0).value(u"responseHeaders"_s).toObject();
    }

    // With the SDK's own retries on (its default, 2), a 429 is retried no sooner than the
    // proxy's Retry-After says (when the soonest key is ready again), and the SDK waits that long.
    void sdkRetriesHonourRetryAfter()
    {
        ProxyHarness h([](SettingsValues &s) { s.maxRetries = 3; });
        QVERIFY(h.isReady());
        for (const QString &k : {u"AIzaKeyA"_s, u"AIzaKeyB"_s, u"AIzaKeyC"_s})
            h.fake().setKeyRateLimited(k, QuotaWindow::PerMinute, QString(), 2);  // retryDelay 2 s
        const SdkRun run = runSdk(h, u"error"_s, u"/v1"_s, ProxyHarness::kClientToken,
                                  {{u"GB_SDK_RETRIES"_s, u"2"_s}});
        QVERIFY(checkRun(h, run, u"/v1"_s));
        QCOMPARE(run.error().value(u"name"_s).toString(), u"RateLimitError"_s);
        QCOMPARE(run.requests().size(), 3);  // the first try and 2 retries
        for (qsizetype i = 0; i < 3; ++i) {
            const QJsonObject r = run.request(i);
            qInfo() << "SDK try" << i << "at" << r.value(u"t"_s).toInt() << "ms: HTTP" << r.value(u"status"_s).toInt()
                    << "Retry-After" << r.value(u"responseHeaders"_s).toObject().value(u"retry-after"_s).toString()
                    << r.value(u"responseBody"_s).toString().left(120);
            QCOMPARE(r.value(u"status"_s).toInt(), 429);
            QCOMPARE(r.value(u"headers"_s).toObject().value(u"x-stainless-retry-count"_s).toString(), QString::number(i));
        }
        // Every 429 says when a key is ready again (Google's 2 s retry delay), and the SDK
        // waits that long, so each of its tries finds the keys rested.
        for (qsizetype i = 0; i < 2; ++i) {
            const QString retryAfter =
                run.request(i).value(u"responseHeaders"_s).toObject().value(u"retry-after"_s).toString();
            QCOMPARE(retryAfter, u"2"_s);
            const int waited = run.request(i + 1).value(u"t"_s).toInt() - run.request(i).value(u"t"_s).toInt();
            QVERIFY2(waited >= 1800, qPrintable(QString::number(waited)));
        }
        QCOMPARE(h.fake().requestsTotal(), 9);  // 3 keys on each of the 3 tries
    }

    // A request the upstream refuses (400 INVALID_ARGUMENT): BadRequestError with Google's
    // message, at once. On the translated routes a request the proxy refuses itself too.
    void badRequest_data() { allPrefixes(); }
    void badRequest()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        // (failNext(400) would be API_KEY_INVALID, which the proxy rightly retries on another key.)
        Fault badRequest;
        badRequest.kind = Fault::Kind::Raw;
        badRequest.rawStatus = 400;
        const QString message = u"Invalid value at 'generation_config.temperature'"_s;
        badRequest.rawBody = fake::invalidArgumentError(message).toPretty();
        h.fake().addFault(badRequest);
        const SdkRun run = runSdk(h, u"error"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        QCOMPARE(h.fake().requestsTotal(), 1);
        QCOMPARE(run.error().value(u"name"_s).toString(), u"BadRequestError"_s);
        QCOMPARE(run.error().value(u"status"_s).toInt(), 400);
        QCOMPARE(run.error().value(u"error"_s).toObject().value(u"message"_s).toString(), message);
        QCOMPARE(run.error().value(u"type"_s).toString(), u"invalid_request_error"_s);
        if (prefix == kPassthrough)
            return;

        const SdkRun local = runSdk(h, u"error"_s, prefix, ProxyHarness::kClientToken,
                                    {{u"GB_EXTRA"_s, u"{\"reasoning_effort\":\"bogus\"}"_s}});
        QVERIFY(checkRun(h, local, prefix));
        QCOMPARE(local.requestBody(0).value(u"reasoning_effort"_s).toString(), u"bogus"_s);
        QCOMPARE(local.error().value(u"name"_s).toString(), u"BadRequestError"_s);
        QCOMPARE(local.error().value(u"status"_s).toInt(), 400);
        QVERIFY2(local.error().value(u"message"_s).toString().contains(u"reasoning_effort"_s),
                 qPrintable(local.error().value(u"message"_s).toString()));
        QCOMPARE(h.fake().requestsTotal(), 1);  // refused before any upstream call
    }

    void wrongTokenIs401_data() { allPrefixes(); }
    void wrongTokenIs401()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        const QString wrong = u"not-a-client-token"_s;
        const SdkRun run = runSdk(h, u"error"_s, prefix, wrong);
        QVERIFY(checkRun(h, run, prefix, wrong));
        QCOMPARE(run.error().value(u"name"_s).toString(), u"AuthenticationError"_s);
        QCOMPARE(run.error().value(u"status"_s).toInt(), 401);
        QCOMPARE(run.error().value(u"type"_s).toString(), u"authentication_error"_s);
        QVERIFY(!run.error().value(u"message"_s).toString().contains(wrong));
        QCOMPARE(h.fake().requestsTotal(), 0);
    }

    // The upstream dies after two events: the SDK's iterator yields what came before, then
    // throws an APIError; never a silent success, never a finish_reason.
    void midStreamFailure_data() { allPrefixes(); }
    void midStreamFailure()
    {
        QFETCH(QString, prefix);
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({6, 50, false});
        h.fake().cutNextStream(2);
        const SdkRun run = runSdk(h, u"stream-error"_s, prefix);
        QVERIFY(checkRun(h, run, prefix));
        qInfo().noquote() << "SDK after a mid-stream cut:"
                          << QJsonDocument(QJsonObject{{u"completed"_s, run.out.value(u"completed"_s)},
                                                       {u"chunks"_s, run.out.value(u"chunks"_s).toArray().size()},
                                                       {u"error"_s, run.out.value(u"error"_s)}})
                                 .toJson(QJsonDocument::Compact);
        QCOMPARE(h.fake().requestsTotal(), 1);
        QCOMPARE(h.fake().lastResponse().outcome, ResponseOutcome::CutByFake);
        QVERIFY2(!run.out.value(u"completed"_s).toBool(), "the SDK reported a cut stream as a success");
        QVERIFY(run.error().value(u"instanceOf"_s).toArray().contains(u"APIError"_s));

        const QList<QByteArray> sent = h.fake().lastResponse().chunks;
        QCOMPARE(sent.size(), 2);
        QString expected;
        for (const QByteArray &c : sent) {
            const QJsonObject event = sseEventJson(c);
            expected += prefix == kPassthrough
                ? event.value(u"choices"_s).toArray().at(0).toObject().value(u"delta"_s).toObject()
                      .value(u"content"_s).toString()
                : partsText(event, false);
        }
        QVERIFY(!expected.isEmpty());
        const QJsonArray chunks = run.out.value(u"chunks"_s).toArray();
        QVERIFY(!chunks.isEmpty());
        QString text;
        for (const QJsonValue &v : chunks) {
            const QJsonObject choice = firstChoice(v.toObject());
            text += choice.value(u"delta"_s).toObject().value(u"content"_s).toString();
            QVERIFY2(choice.value(u"finish_reason"_s).isNull() || choice.value(u"finish_reason"_s).isUndefined(),
                     "a cut stream must not look finished");
        }
        QCOMPARE(text, expected);  // no duplicated or spliced text
    }

    // /openai/v1 passes Gemini's own OpenAI answers through: what the fake sent is what the
    // SDK read, and the SDK's request reached the fake as it was.
    void passthroughChat()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"chat"_s, kPassthrough);
        QVERIFY(checkRun(h, run, kPassthrough));
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.path, "/v1beta/openai/chat/completions");
        QCOMPARE(up.keySource, KeySource::Bearer);
        QVERIFY(up.key.startsWith(u"AIzaKey"_s));
        QCOMPARE(up.body, run.request(0).value(u"body"_s).toString().toUtf8());
        const QByteArray sent = h.fake().lastResponse().body;
        QCOMPARE(run.responseBody(0), sent);
        const QJsonObject completion = run.object(u"completion"_s);
        QCOMPARE(completion, parseObject(sent));
        QVERIFY(messageOf(completion).value(u"content"_s).toString().contains(kPrompt));
    }

    void passthroughStream()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        h.fake().setStreamOptions({5, 100, false});
        const SdkRun run = runSdk(h, u"stream"_s, kPassthrough);
        QVERIFY(checkRun(h, run, kPassthrough));
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.path, "/v1beta/openai/chat/completions");
        QCOMPARE(up.body, run.request(0).value(u"body"_s).toString().toUtf8());
        const QByteArray sent = h.fake().lastResponse().body;
        QCOMPARE(run.responseBody(0), sent);  // byte for byte
        bool done = false;
        const QJsonArray events = sseEvents(sent, &done);
        QVERIFY(done);
        QJsonArray chunks;
        QList<qint64> times;
        for (const QJsonValue &v : run.out.value(u"chunks"_s).toArray()) {
            chunks.append(v.toObject().value(u"chunk"_s));
            times << qint64(v.toObject().value(u"t"_s).toDouble());
        }
        QCOMPARE(chunks, events);
        QCOMPARE(chunks.size(), 5);
        qInfo() << "chunk arrival (ms after the call):" << times;
        QVERIFY2(times.last() - times.first() >= 300, qPrintable(QString::number(times.last() - times.first())));
    }

    void passthroughModels()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const SdkRun run = runSdk(h, u"models"_s, kPassthrough);
        QVERIFY(checkRun(h, run, kPassthrough));
        QCOMPARE(h.fake().lastRequest().path, "/v1beta/openai/models");
        const QByteArray sent = h.fake().lastResponse().body;
        QCOMPARE(run.responseBody(0), sent);
        QCOMPARE(run.out.value(u"models"_s).toArray(), parseObject(sent).value(u"data"_s).toArray());
        QVERIFY(run.out.value(u"models"_s).toArray().size() > 8);
    }
};

QTEST_GUILESS_MAIN(TestOpenAiSdk)
#include "tst_openaisdk.moc"
