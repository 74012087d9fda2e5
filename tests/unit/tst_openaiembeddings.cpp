// OpenAI embeddings <-> Gemini batchEmbedContents, and Gemini model lists as OpenAI's.

#include "translate/ChatResponseTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QtEndian>

#include <cstring>

using namespace gb;
using namespace Qt::StringLiterals;

class TestOpenAiEmbeddings : public QObject
{
    Q_OBJECT

    static QJsonObject json(const QByteArray &bytes) { return QJsonDocument::fromJson(bytes).object(); }
    static QJsonObject json(const char *text) { return json(QByteArray(text)); }

private slots:
    void request_data()
    {
        QTest::addColumn<QByteArray>("openAi");
        QTest::addColumn<QString>("realModel");
        QTest::addColumn<QByteArray>("gemini");

        QTest::newRow("string") << QByteArray(R"({"input":"hello","model":"text-embedding-3-small"})")
                                << u"text-embedding-004"_s
                                << QByteArray(R"({"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"hello"}]}}]})");
        QTest::newRow("strings, dimensions, base64") << QByteArray(R"({"input":["a","b c"],"model":"m","dimensions":256,"encoding_format":"base64"})")
                                << u"models/gemini-embedding-001"_s
                                << QByteArray(R"({"requests":[
                                     {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"a"}]},"outputDimensionality":256},
                                     {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"b c"}]},"outputDimensionality":256}]})");
        QTest::newRow("null options") << QByteArray(R"({"input":["x"],"dimensions":null,"encoding_format":null})")
                                      << u"text-embedding-004"_s
                                      << QByteArray(R"({"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"x"}]}}]})");
        QTest::newRow("float format") << QByteArray(R"({"input":"x","encoding_format":"float"})")
                                      << u"text-embedding-004"_s
                                      << QByteArray(R"({"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"x"}]}}]})");
    }

    void request()
    {
        QFETCH(QByteArray, openAi);
        QFETCH(QString, realModel);
        QFETCH(QByteArray, gemini);
        QString error = u"stale"_s;
        const QByteArray out = translateEmbeddingsRequest(json(openAi), realModel, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(json(out), json(gemini));
    }

    void requestErrors_data()
    {
        QTest::addColumn<QByteArray>("openAi");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing input") << QByteArray(R"({"model":"m"})") << u"'input'"_s;
        QTest::newRow("number input") << QByteArray(R"({"input":5})") << u"'input'"_s;
        QTest::newRow("empty string") << QByteArray(R"({"input":""})") << u"empty"_s;
        QTest::newRow("empty array") << QByteArray(R"({"input":[]})") << u"empty"_s;
        QTest::newRow("empty string in array") << QByteArray(R"({"input":["a",""]})") << u"input[1]"_s;
        QTest::newRow("token array") << QByteArray(R"({"input":[1,2,3]})") << u"token arrays"_s;
        QTest::newRow("token arrays") << QByteArray(R"({"input":[[1,2],[3]]})") << u"token arrays"_s;
        QTest::newRow("mixed") << QByteArray(R"({"input":["a",{"x":1}]})") << u"input[1]"_s;
        QTest::newRow("dimensions 0") << QByteArray(R"({"input":"a","dimensions":0})") << u"dimensions"_s;
        QTest::newRow("dimensions fraction") << QByteArray(R"({"input":"a","dimensions":1.5})") << u"dimensions"_s;
        QTest::newRow("dimensions string") << QByteArray(R"({"input":"a","dimensions":"256"})") << u"dimensions"_s;
        QTest::newRow("encoding_format") << QByteArray(R"({"input":"a","encoding_format":"int8"})") << u"encoding_format"_s;
    }

    void requestErrors()
    {
        QFETCH(QByteArray, openAi);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(translateEmbeddingsRequest(json(openAi), u"text-embedding-004"_s, &error).isEmpty());
        QVERIFY2(error.contains(mentions), qPrintable(error));
        // A null error pointer is fine too.
        QVERIFY(translateEmbeddingsRequest(json(openAi), u"text-embedding-004"_s, nullptr).isEmpty());
    }

    void responseFloat()
    {
        const QByteArray gemini = R"({"embeddings":[{"values":[0.25,-1.5,0.0123]},{"values":[1,2]}]})";
        const QJsonObject out = json(translateEmbeddingsResponse(gemini, u"text-embedding-3-small"_s, u"float"_s, 7));
        const QJsonObject expected = json(R"({"object":"list","model":"text-embedding-3-small",
            "data":[{"object":"embedding","index":0,"embedding":[0.25,-1.5,0.0123]},
                    {"object":"embedding","index":1,"embedding":[1,2]}],
            "usage":{"prompt_tokens":7,"total_tokens":7}})");
        QCOMPARE(out, expected);
        // No encoding_format means float.
        QCOMPARE(json(translateEmbeddingsResponse(gemini, u"text-embedding-3-small"_s, QString(), 7)), expected);
    }

    void responseBase64()
    {
        const QList<double> values{0.25, -1.5, 0.0123, 3.4e-5, 1e10};
        QJsonArray array;
        for (double v : values)
            array.append(v);
        const QByteArray gemini = QJsonDocument(QJsonObject{
            {u"embeddings"_s, QJsonArray{QJsonObject{{u"values"_s, array}}}}}).toJson();
        const QJsonObject out = json(translateEmbeddingsResponse(gemini, u"m"_s, u"base64"_s, 3));
        const QJsonObject item = out.value("data"_L1).toArray().at(0).toObject();
        QVERIFY(item.value("embedding"_L1).isString());
        // Decode as OpenAI's clients do (numpy.frombuffer(base64decode(s), dtype="float32")).
        const QByteArray bytes = QByteArray::fromBase64(item.value("embedding"_L1).toString().toLatin1());
        QCOMPARE(bytes.size(), values.size() * 4);
        for (qsizetype i = 0; i < values.size(); ++i) {
            const quint32 bits = qFromLittleEndian<quint32>(bytes.constData() + i * 4);
            float f;
            std::memcpy(&f, &bits, sizeof f);
            QCOMPARE(f, float(values.at(i)));
        }
        // Little-endian for sure: 0.25f is 0x3E800000.
        QCOMPARE(bytes.left(4), QByteArray("\x00\x00\x80\x3e", 4));
        QCOMPARE(out.value("usage"_L1).toObject().value("prompt_tokens"_L1).toInt(), 3);
    }

    void responseSingleEmbedContent()
    {
        const QJsonObject out = json(translateEmbeddingsResponse(R"({"embedding":{"values":[0.5]}})", u"m"_s, QString(), 1));
        QCOMPARE(out.value("data"_L1).toArray().size(), 1);
        QCOMPARE(out.value("data"_L1).toArray().at(0).toObject().value("embedding"_L1).toArray(), QJsonArray{0.5});
    }

    void models()
    {
        const QJsonArray gemini = QJsonDocument::fromJson(R"([
            {"name":"models/gemini-2.5-flash","displayName":"Gemini 2.5 Flash","supportedGenerationMethods":["generateContent"]},
            {"name":"gemini-2.5-pro-search"},
            {"displayName":"no name"}])").array();
        const QJsonObject list = openAiModelList(gemini, 1700000000);
        QCOMPARE(list, json(R"({"object":"list","data":[
            {"id":"gemini-2.5-flash","object":"model","created":1700000000,"owned_by":"google"},
            {"id":"gemini-2.5-pro-search","object":"model","created":1700000000,"owned_by":"google"}]})"));
        QCOMPARE(openAiModel(gemini.at(0).toObject(), 5),
                 json(R"({"id":"gemini-2.5-flash","object":"model","created":5,"owned_by":"google"})"));
        QCOMPARE(openAiModelList(QJsonArray(), 1), json(R"({"object":"list","data":[]})"));
    }
};

QTEST_GUILESS_MAIN(TestOpenAiEmbeddings)
#include "tst_openaiembeddings.moc"
