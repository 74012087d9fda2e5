#include "settings/SettingSpec.h"
#include "translate/ChatRequestTranslator.h"
#include "translate/ToolCallIds.h"

#include "TestUtil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

// Table-driven from tests/data/translate/request/*.json, one case per file:
//   {"name", "settings"?: {SETTING_NAME: value}, "openai": {request}, "fetched"?: {url: {mimeType, base64}},
//    "gemini": {expected body} | "error": "substring", "translation"?: {stream, includeUsage,
//    candidateCount, realModel, alias}}
// Every case starts from the default settings with SAFETY_SETTINGS empty (so that the
// expected bodies show only what the case is about); cases about safety set it.
class TestChatRequest : public QObject
{
    Q_OBJECT

    int m_plainFixtures = 0;  // fixtures whose bytes the plain-text reader took (both forms)

    static QString fixtureDir() { return QStringLiteral(GB_TEST_DATA_DIR) + u"/translate/request"_s; }

    static SettingsValues baseSettings()
    {
        SettingsValues s;
        s.safetySettings.clear();
        return s;
    }

    static QJsonObject load(const QString &file)
    {
        const QByteArray data = test::readTestData(u"translate/request/"_s + file);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
        if (error.error != QJsonParseError::NoError)
            qWarning("%s: %s", qPrintable(file), qPrintable(error.errorString()));
        return doc.object();
    }

    static bool applySettings(SettingsValues &s, const QJsonObject &overrides, QString *error)
    {
        for (auto it = overrides.begin(); it != overrides.end(); ++it) {
            const SettingSpec *spec = findSettingSpec(it.key());
            if (!spec) {
                *error = u"unknown setting "_s + it.key();
                return false;
            }
            const Result<QVariant> value = coerceSettingValue(*spec, it->toVariant());
            if (!value) {
                *error = value.error();
                return false;
            }
            setSettingValue(s, *spec, value.value());
        }
        return true;
    }

    static QString aliasName(ModelAlias alias)
    {
        switch (alias) {
        case ModelAlias::Search: return u"search"_s;
        case ModelAlias::Image: return u"image"_s;
        case ModelAlias::NonThinking: return u"non-thinking"_s;
        case ModelAlias::None: break;
        }
        return u"none"_s;
    }

    static QByteArray pretty(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Indented); }

    static QJsonObject body(const Result<ChatTranslation> &r)
    {
        return QJsonDocument::fromJson(r.value().geminiBody).object();
    }

    static QJsonObject userMessage(const QString &text)
    {
        return QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, text}};
    }

private slots:
    void cleanupTestCase()
    {
        // Most fixtures have plain text messages; the reader must have taken a good share.
        QVERIFY2(m_plainFixtures >= 100, qPrintable(QString::number(m_plainFixtures)));
    }

    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = QDir(fixtureDir()).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 50, "the request fixtures are missing");
        for (const QString &file : files)
            QTest::newRow(qPrintable(file.chopped(5))) << file;
    }

    void fixtures()
    {
        QFETCH(QString, file);
        const QJsonObject fixture = load(file);
        QVERIFY2(!fixture.isEmpty(), "fixture is not a JSON object");
        QVERIFY2(fixture.value(u"name"_s).isString(), "fixture has no name");
        QVERIFY2(fixture.contains(u"gemini"_s) != fixture.contains(u"error"_s), "fixture needs gemini or error");

        SettingsValues settings = baseSettings();
        QString settingsError;
        QVERIFY2(applySettings(settings, fixture.value(u"settings"_s).toObject(), &settingsError),
                 qPrintable(settingsError));

        QHash<QString, FetchedMedia> fetched;
        const QJsonObject fetchedJson = fixture.value(u"fetched"_s).toObject();
        for (auto it = fetchedJson.begin(); it != fetchedJson.end(); ++it) {
            const QJsonObject media = it->toObject();
            fetched.insert(it.key(), FetchedMedia{media.value(u"mimeType"_s).toString().toLatin1(),
                                                  media.value(u"base64"_s).toString().toLatin1()});
        }

        const QJsonObject request = fixture.value(u"openai"_s).toObject();
        const Result<ChatTranslation> result = translateChatRequest(request, settings, fetched);
        // Read from the bytes (when every message is plain text), the same translation.
        for (const QByteArray &body : {QJsonDocument(request).toJson(QJsonDocument::Compact),
                                       QJsonDocument(request).toJson(QJsonDocument::Indented)}) {
            PlainChatRequest plain;
            if (!readPlainChatRequest(body, &plain))
                continue;
            ++m_plainFixtures;
            const Result<ChatTranslation> fromBytes = translateChatRequest(plain, settings);
            QCOMPARE(fromBytes.ok(), result.ok());
            if (!result.ok()) {
                QCOMPARE(fromBytes.error(), result.error());
                continue;
            }
            QCOMPARE(fromBytes.value().geminiBody, result.value().geminiBody);
            QCOMPARE(fromBytes.value().requestedModel, result.value().requestedModel);
            QCOMPARE(fromBytes.value().route.real, result.value().route.real);
            QCOMPARE(fromBytes.value().route.alias, result.value().route.alias);
            QCOMPARE(fromBytes.value().stream, result.value().stream);
            QCOMPARE(fromBytes.value().includeUsage, result.value().includeUsage);
            QCOMPARE(fromBytes.value().candidateCount, result.value().candidateCount);
        }

        if (fixture.contains(u"error"_s)) {
            if (result.ok())
                QFAIL(QByteArray("expected an error, got: " + result.value().geminiBody).constData());
            const QString expected = fixture.value(u"error"_s).toString();
            QVERIFY2(result.error().contains(expected),
                     qPrintable(u"error \""_s + result.error() + u"\" lacks \""_s + expected + u'"'));
            return;
        }

        QVERIFY2(result.ok(), qPrintable(result.error()));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(result.value().geminiBody, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QVERIFY2(!result.value().geminiBody.contains('\n'), "the body is not compact JSON");
        // Written piece by piece, the body is byte for byte what QJsonDocument makes of it
        // (keys in its order, its escaping).
        QCOMPARE(result.value().geminiBody, doc.toJson(QJsonDocument::Compact));
        const QJsonObject expected = fixture.value(u"gemini"_s).toObject();
        if (doc.object() != expected) {
            qWarning().noquote() << "expected:\n" << pretty(expected) << "\nactual:\n" << pretty(doc.object());
            QFAIL("the Gemini body differs");
        }

        const ChatTranslation &t = result.value();
        QCOMPARE(t.requestedModel, request.value(u"model"_s).toString());
        const QJsonObject translation = fixture.value(u"translation"_s).toObject();
        QCOMPARE(t.stream, translation.value(u"stream"_s).toBool(false));
        QCOMPARE(t.includeUsage, translation.value(u"includeUsage"_s).toBool(false));
        QCOMPARE(t.candidateCount, translation.value(u"candidateCount"_s).toInt(1));
        QCOMPARE(t.route.real, translation.value(u"realModel"_s).toString(t.requestedModel));
        QCOMPARE(aliasName(t.route.alias), translation.value(u"alias"_s).toString(u"none"_s));

        // The remote media the fixture provides are exactly those the request needs.
        QStringList fetchedUrls = fetchedJson.keys();
        QStringList remote = remoteMediaUrls(request);
        fetchedUrls.sort();
        remote.sort();
        QCOMPARE(remote, fetchedUrls);
    }

    void remoteMediaUrlsInOrderWithoutDuplicates()
    {
        // "\/" for "/": Qt 6.4's moc misreads "//" inside raw string literals.
        const QJsonObject request = QJsonDocument::fromJson(R"({"model":"m","messages":[
            {"role":"system","content":"s"},
            {"role":"user","content":[
                {"type":"text","text":"look"},
                {"type":"image_url","image_url":{"url":"https:\/\/example.com/b.jpg"}},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                {"type":"image_url","image_url":{"url":"http:\/\/example.com/a.png","detail":"high"}}]},
            {"role":"assistant","content":"ok"},
            {"role":"user","content":[
                {"type":"image_url","image_url":{"url":"https:\/\/example.com/b.jpg"}},
                {"type":"file","file":{"file_data":"https:\/\/example.com/doc.pdf","filename":"doc.pdf"}},
                {"type":"image_url","image_url":"https:\/\/example.com/c.webp"}]}]})")
                                        .object();
        QCOMPARE(remoteMediaUrls(request), (QStringList{u"https://example.com/b.jpg"_s, u"http://example.com/a.png"_s,
                                                        u"https://example.com/doc.pdf"_s,
                                                        u"https://example.com/c.webp"_s}));
        QVERIFY(remoteMediaUrls(QJsonObject{{u"messages"_s, QJsonArray{userMessage(u"hi"_s)}}}).isEmpty());
    }

    void toolCallIdShape()
    {
        static const QRegularExpression plain(u"^call_[A-Za-z0-9]{24}$"_s);
        static const QRegularExpression withSignature(u"^call_[A-Za-z0-9]{24}_ts_[A-Za-z0-9_-]+$"_s);
        const QString a = toolcallid::make();
        const QString b = toolcallid::make();
        QVERIFY2(plain.match(a).hasMatch(), qPrintable(a));
        QVERIFY(a != b);
        QVERIFY(toolcallid::signatureOf(a).isEmpty());

        QByteArray signature;
        for (int i = 0; i < 300; ++i)
            signature.append(char((i * 37 + 11) % 256));  // every byte value, binary like a real one
        const QString id = toolcallid::make(signature);
        QVERIFY2(withSignature.match(id).hasMatch(), qPrintable(id));
        QVERIFY(!id.contains(u'='));
        QCOMPARE(toolcallid::signatureOf(id), signature);
        for (int size : {1, 2, 3, 4, 5}) {  // every padding case
            const QByteArray s = signature.left(size);
            QCOMPARE(toolcallid::signatureOf(toolcallid::make(s)), s);
        }
    }

    void toolCallIdInvalidSignatures()
    {
        QVERIFY(toolcallid::signatureOf(QString()).isEmpty());
        QVERIFY(toolcallid::signatureOf(u"call_abc"_s).isEmpty());
        QVERIFY(toolcallid::signatureOf(u"toolu_01ABCDEFGHIJKLMNOPQRSTUVWX_ts_c2ln"_s).isEmpty());  // not our prefix
        QVERIFY(toolcallid::signatureOf(u"call_ABCDEFGHIJKLMNOPQRSTUVWX_ts_"_s).isEmpty());
        QVERIFY(toolcallid::signatureOf(u"call_ABCDEFGHIJKLMNOPQRSTUVWX_ts_a"_s).isEmpty());  // impossible length
        QVERIFY(toolcallid::signatureOf(u"call_ABCDEFGHIJKLMNOPQRSTUVWX_ts_c2l+bg"_s).isEmpty());  // not base64url
        QVERIFY(toolcallid::signatureOf(u"call_ABCDEFGHIJKLMNOPQRST!VWX_ts_c2ln"_s).isEmpty());
        QCOMPARE(toolcallid::signatureOf(u"call_ABCDEFGHIJKLMNOPQRSTUVWX_ts_c2ln"_s), QByteArray("sig"));
    }

    // make(signature) -> the id a client echoes in tool_calls -> the functionCall carries
    // the signature again, byte for byte in Gemini's base64.
    void thoughtSignatureRoundTrip()
    {
        QByteArray signature;
        for (int i = 0; i < 180; ++i)
            signature.append(char((i * 151 + 7) % 256));
        const QString geminiSignature = QString::fromLatin1(signature.toBase64());

        // Both ways the response side may hand the signature over: its bytes, or the base64
        // text of Gemini's JSON field.
        for (const QByteArray &given : {signature, geminiSignature.toLatin1()}) {
            const QString id = toolcallid::make(given);
            const QJsonObject request{
                {u"model"_s, u"gemini-3-pro-preview"_s},
                {u"messages"_s,
                 QJsonArray{userMessage(u"weather?"_s),
                            QJsonObject{{u"role"_s, u"assistant"_s},
                                        {u"content"_s, QJsonValue::Null},
                                        {u"tool_calls"_s,
                                         QJsonArray{QJsonObject{
                                             {u"id"_s, id},
                                             {u"type"_s, u"function"_s},
                                             {u"function"_s, QJsonObject{{u"name"_s, u"get_weather"_s},
                                                                         {u"arguments"_s, u"{\"city\":\"Paris\"}"_s}}}}}}},
                            QJsonObject{{u"role"_s, u"tool"_s}, {u"tool_call_id"_s, id}, {u"content"_s, u"sunny"_s}}}}};
            const Result<ChatTranslation> r = translateChatRequest(request, baseSettings());
            QVERIFY2(r.ok(), qPrintable(r.error()));
            const QJsonArray contents = body(r).value(u"contents"_s).toArray();
            QCOMPARE(contents.size(), 3);
            const QJsonObject call = contents.at(1).toObject().value(u"parts"_s).toArray().at(0).toObject();
            QCOMPARE(call.value(u"thoughtSignature"_s).toString(), geminiSignature);
            QCOMPARE(call.value(u"functionCall"_s).toObject(),
                     (QJsonObject{{u"name"_s, u"get_weather"_s}, {u"args"_s, QJsonObject{{u"city"_s, u"Paris"_s}}}}));
            const QJsonObject response = contents.at(2).toObject().value(u"parts"_s).toArray().at(0).toObject();
            QCOMPARE(response.value(u"functionResponse"_s).toObject().value(u"name"_s).toString(), u"get_weather"_s);
        }
    }

    void defaultsAreNeverInjected()
    {
        // Nothing but the messages: no generationConfig, no tools, no safety settings.
        const QJsonObject request{{u"model"_s, u"gemini-2.0-flash"_s}, {u"messages"_s, QJsonArray{userMessage(u"hi"_s)}}};
        const Result<ChatTranslation> r = translateChatRequest(request, baseSettings());
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(body(r).keys(), QStringList{u"contents"_s});
    }

    void randomIdsAreDistinct()
    {
        QSet<QString> ids;
        for (int i = 0; i < 2000; ++i)
            ids.insert(toolcallid::make());
        QCOMPARE(ids.size(), 2000);
    }
};

QTEST_GUILESS_MAIN(TestChatRequest)
#include "tst_chatrequest.moc"
