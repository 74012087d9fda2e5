// The Gemini-native API end to end: the real proxy on 127.0.0.1:0 against the fake upstream.
// Routes and aliases, client auth, exact passthrough, the model list.

#include "ProxyHarness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

class TestGeminiApi : public QObject
{
    Q_OBJECT

    static QStringList prefixes() { return {u"/v1beta"_s, u"/gemini/v1beta"_s}; }

private slots:
    void health()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const ClientReply r = h.get(u"/health"_s, {{"x-goog-api-key", ""}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), QJsonObject({{u"status"_s, u"healthy"_s}}));
        QCOMPARE(h.fake().requestsTotal(), 0);
    }

    void everyRouteUnderBothPrefixes()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        for (const QString &p : prefixes()) {
            QCOMPARE(h.get(p + u"/models"_s).status, 200);
            QCOMPARE(h.get(p + u"/models/gemini-2.5-flash"_s).status, 200);
            const QByteArray body = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
            QCOMPARE(h.post(p + u"/models/gemini-2.5-flash:generateContent"_s, body).status, 200);
            QCOMPARE(h.post(p + u"/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s, body).status, 200);
            QCOMPARE(h.post(p + u"/models/gemini-2.5-flash:streamGenerateContent"_s, body).status, 200);
            QCOMPARE(h.post(p + u"/models/gemini-2.5-flash:countTokens"_s, body).status, 200);
            const QByteArray embed = R"({"content":{"parts":[{"text":"hi"}]}})";
            QCOMPARE(h.post(p + u"/models/text-embedding-004:embedContent"_s, embed).status, 200);
            const QByteArray batch =
                R"({"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"a"}]}},)"
                R"({"model":"models/text-embedding-004","content":{"parts":[{"text":"b"}]}}]})";
            const ClientReply b = h.post(p + u"/models/text-embedding-004:batchEmbedContents"_s, batch);
            QCOMPARE(b.status, 200);
            QCOMPARE(b.json().value(u"embeddings"_s).toArray().size(), 2);
        }
        // Upstream saw the canonical /v1beta paths only.
        for (const RecordedRequest &r : h.fake().requests())
            QVERIFY2(r.path.startsWith("/v1beta/models"), r.path.constData());
    }

    void clientAuthInAllThreeForms()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const QString path = u"/v1beta/models/gemini-2.5-flash:countTokens"_s;
        const QByteArray body = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
        const QByteArray token = ProxyHarness::kClientToken.toUtf8();

        QCOMPARE(h.post(path + u"?key="_s + ProxyHarness::kClientToken, body, {{"x-goog-api-key", ""}}).status, 200);
        QCOMPARE(h.post(path, body, {{"x-goog-api-key", token}}).status, 200);
        QCOMPARE(h.post(path, body, {{"Authorization", "Bearer " + token}}).status, 200);

        const ClientReply missing = h.post(path, body, {{"x-goog-api-key", ""}});
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.json().value(u"error"_s).toObject().value(u"status"_s).toString(), u"UNAUTHENTICATED"_s);
        QCOMPARE(missing.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), 401);
        const ClientReply wrong = h.post(path, body, {{"x-goog-api-key", "not-a-token"}});
        QCOMPARE(wrong.status, 401);
        QVERIFY(!wrong.body.contains("not-a-token"));
        QCOMPARE(h.post(path + u"?key=wrong"_s, body, {{"x-goog-api-key", ""}}).status, 401);
        QCOMPARE(h.fake().requestsTotal(), 3);  // refused calls never went upstream

        // The client's token never reaches upstream: the key there is a pool key, sent in
        // x-goog-api-key, and the client's ?key= is removed from the forwarded query.
        const QList<RecordedRequest> seen = h.fake().requests();
        for (const RecordedRequest &r : seen) {
            QVERIFY(r.key.startsWith(u"AIzaKey"_s));
            QCOMPARE(r.keySource, KeySource::Header);
            QVERIFY(!r.query.contains("key="));
            for (const auto &[name, value] : r.headers)
                QVERIFY2(!value.contains(token), name.constData());
        }
    }

    void noTokensConfiguredRefusesEverything()
    {
        ProxyHarness h([](SettingsValues &s) { s.allowedTokens.clear(); });
        QVERIFY(h.isReady());
        const ClientReply r = h.post(u"/v1beta/models/m:generateContent"_s, "{}");
        QCOMPARE(r.status, 401);
        QVERIFY(r.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"ALLOWED_TOKENS"_s));
    }

    void authTokenIsAlsoAClientToken()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.allowedTokens.clear();
            s.authToken = u"the-admin-token"_s;
        });
        QVERIFY(h.isReady());
        QCOMPARE(h.get(u"/v1beta/models/gemini-2.5-flash"_s, {{"x-goog-api-key", "the-admin-token"}}).status, 200);
    }

    void exactPassthroughBothWays()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const QByteArray body = richGenerateBody();
        const ClientReply r = h.post(u"/v1beta/models/gemini-2.5-flash:generateContent?alt=json"_s, body,
                                     {{"Content-Type", "application/json; charset=utf-8"}});
        QCOMPARE(r.status, 200);
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.body, body);                      // request bytes unchanged
        QCOMPARE(up.query, QByteArray("alt=json"));   // other query items kept
        QCOMPARE(up.header("content-type"), QByteArray("application/json; charset=utf-8"));
        QCOMPARE(r.body, h.fake().lastResponse().body);  // response bytes unchanged
        // The fake's reply has thought parts and a function call with a thoughtSignature.
        QVERIFY(r.body.contains("\"thought\": true") || r.body.contains("\"thought\":true"));
        QVERIFY(r.body.contains("thoughtSignature"));
        QVERIFY(!r.body.contains("AIzaKey"));
    }

    void unicodeAndLargeBodiesPassUnchanged()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const QByteArray big(3 * 1024 * 1024, 'x');
        const QByteArray body = "{\"contents\":[{\"parts\":[{\"text\":\"\xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80 "
                                + big + "\"}]}]}";
        const ClientReply r = h.post(u"/v1beta/models/gemini-2.5-flash:countTokens"_s, body);
        QCOMPARE(r.status, 200);
        QCOMPARE(h.fake().lastRequest().body, body);
    }

    void modelListAllPagesFilteredWithAliasesAndCached()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.searchModels = {u"gemini-2.5-flash"_s};
            s.imageModels = {u"gemini-2.0-flash-exp"_s};
            s.thinkingModels = {u"gemini-2.5-pro"_s};
            s.filteredModels = {u"chat-bison-001"_s, u"gemini-pro-vision"_s};
        });
        QVERIFY(h.isReady());
        // A catalogue bigger than one upstream page (the proxy asks for 1000 a page).
        QList<FakeModel> models = defaultModelCatalogue();
        for (int i = 0; i < 1200; ++i) {
            FakeModel m;
            m.name = u"tuned-model-%1"_s.arg(i);
            m.displayName = m.name;
            m.supportedGenerationMethods = {u"generateContent"_s};
            models.append(m);
        }
        h.fake().setModels(models);

        const ClientReply r = h.get(u"/v1beta/models"_s);
        QCOMPARE(r.status, 200);
        const QJsonArray list = r.json().value(u"models"_s).toArray();
        QStringList names;
        for (const QJsonValue &v : list)
            names << v.toObject().value(u"name"_s).toString();
        QVERIFY(names.contains(u"models/tuned-model-1199"_s));  // second page included
        QVERIFY(!names.contains(u"models/chat-bison-001"_s));
        QVERIFY(!names.contains(u"models/gemini-pro-vision"_s));
        const qsizetype flash = names.indexOf(u"models/gemini-2.5-flash"_s);
        QVERIFY(flash >= 0);
        QCOMPARE(names.value(flash + 1), u"models/gemini-2.5-flash-search"_s);
        QVERIFY(names.contains(u"models/gemini-2.0-flash-exp-image"_s));
        QVERIFY(names.contains(u"models/gemini-2.5-pro-non-thinking"_s));
        QCOMPARE(list.at(flash + 1).toObject().value(u"displayName"_s).toString(),
                 list.at(flash).toObject().value(u"displayName"_s).toString() + u" For Search"_s);
        QVERIFY(!r.json().contains(u"nextPageToken"_s));

        const int upstreamCalls = h.fake().requestsTotal();
        QCOMPARE(upstreamCalls, 2);
        QCOMPARE(h.get(u"/gemini/v1beta/models"_s).status, 200);
        QCOMPARE(h.fake().requestsTotal(), upstreamCalls);  // served from the cache

        // A client that pages gets pages of the same list.
        QStringList paged;
        QString token;
        for (int guard = 0; guard < 100; ++guard) {
            const ClientReply page = h.get(u"/v1beta/models?pageSize=500"_s
                                           + (token.isEmpty() ? QString() : u"&pageToken="_s + token));
            QCOMPARE(page.status, 200);
            for (const QJsonValue &v : page.json().value(u"models"_s).toArray())
                paged << v.toObject().value(u"name"_s).toString();
            token = page.json().value(u"nextPageToken"_s).toString();
            if (token.isEmpty())
                break;
        }
        QCOMPARE(paged, names);
    }

    void modelGetAndAliases()
    {
        ProxyHarness h([](SettingsValues &s) { s.searchModels = {u"gemini-2.5-flash"_s}; });
        QVERIFY(h.isReady());
        const ClientReply real = h.get(u"/v1beta/models/gemini-2.5-flash"_s);
        QCOMPARE(real.status, 200);
        QCOMPARE(real.body, h.fake().lastResponse().body);
        const ClientReply alias = h.get(u"/v1beta/models/gemini-2.5-flash-search"_s);
        QCOMPARE(alias.status, 200);
        QCOMPARE(alias.json().value(u"name"_s).toString(), u"models/gemini-2.5-flash-search"_s);
        QCOMPARE(h.get(u"/v1beta/models/no-such-model"_s).status, 404);
        QCOMPARE(h.get(u"/v1beta/models/chat-bison-001"_s).status, 404);  // FILTERED_MODELS
    }

    void aliasMapsToTheRealModel()
    {
        ProxyHarness h([](SettingsValues &s) {
            s.searchModels = {u"gemini-2.5-flash"_s};
            s.thinkingModels = {u"gemini-2.5-flash"_s};
        });
        QVERIFY(h.isReady());
        const ClientReply r = h.post(u"/v1beta/models/gemini-2.5-flash-search:generateContent"_s,
                                     R"({"contents":[{"parts":[{"text":"news?"}]}]})");
        QCOMPARE(r.status, 200);
        const RecordedRequest up = h.fake().lastRequest();
        QCOMPARE(up.path, QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
        const QJsonObject sent = QJsonDocument::fromJson(up.body).object();
        QVERIFY(sent.value(u"tools"_s).toArray().at(0).toObject().contains(u"googleSearch"_s));

        QCOMPARE(h.post(u"/v1beta/models/gemini-2.5-flash-non-thinking:streamGenerateContent?alt=sse"_s,
                        R"({"contents":[{"parts":[{"text":"x"}]}]})").status, 200);
        const QJsonObject thinking = QJsonDocument::fromJson(h.fake().lastRequest().body).object();
        QCOMPARE(thinking.value(u"generationConfig"_s).toObject().value(u"thinkingConfig"_s).toObject()
                     .value(u"thinkingBudget"_s).toInt(-1), 0);
    }

    void filteredModelsAreRefused()
    {
        ProxyHarness h;
        QVERIFY(h.isReady());
        const ClientReply r = h.post(u"/v1beta/models/chat-bison-001:generateContent"_s, "{}");
        QCOMPARE(r.status, 404);
        QCOMPARE(h.fake().requestsTotal(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGeminiApi)
#include "tst_geminiapi.moc"
