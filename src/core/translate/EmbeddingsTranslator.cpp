#include "translate/ChatResponseTranslator.h"

#include "common/WholeNumber.h"

#include <QJsonDocument>
#include <QtEndian>

#include <cstring>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// The texts of OpenAI's "input" (a string or an array of strings); token arrays are refused:
// Gemini embeds text only.
bool inputTexts(const QJsonValue &input, QStringList *texts, QString *error)
{
    const QString tokenArrays = u"'input' as token arrays is not supported: Gemini embeds text, send strings."_s;
    if (input.isString()) {
        if (input.toString().isEmpty())
            return fail(error, u"'input' must not be empty."_s);
        texts->append(input.toString());
        return true;
    }
    if (!input.isArray())
        return fail(error, u"'input' is required: a string or an array of strings."_s);
    const QJsonArray array = input.toArray();
    if (array.isEmpty())
        return fail(error, u"'input' must not be empty."_s);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        if (item.isDouble() || item.isArray())
            return fail(error, tokenArrays);
        if (!item.isString())
            return fail(error, u"'input[%1]' must be a string."_s.arg(i));
        if (item.toString().isEmpty())
            return fail(error, u"'input[%1]' must not be empty."_s.arg(i));
        texts->append(item.toString());
    }
    return true;
}

QString base64Floats(const QJsonArray &values)
{
    QByteArray bytes(values.size() * qsizetype(sizeof(quint32)), Qt::Uninitialized);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const float f = float(values.at(i).toDouble());
        quint32 bits;
        std::memcpy(&bits, &f, sizeof bits);
        qToLittleEndian(bits, bytes.data() + i * qsizetype(sizeof bits));
    }
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

QByteArray translateEmbeddingsRequest(const QJsonObject &openAiRequest, const QString &realModel, QString *error)
{
    QStringList texts;
    if (!inputTexts(openAiRequest.value("input"_L1), &texts, error))
        return {};

    const QJsonValue format = openAiRequest.value("encoding_format"_L1);
    if (!format.isUndefined() && !format.isNull() && format.toString() != "float"_L1
        && format.toString() != "base64"_L1) {
        fail(error, u"'encoding_format' must be \"float\" or \"base64\"."_s);
        return {};
    }

    const QJsonValue dimensions = openAiRequest.value("dimensions"_L1);
    int outputDimensionality = 0;
    if (!dimensions.isUndefined() && !dimensions.isNull()) {
        const double d = dimensions.toDouble(-1);
        if (!dimensions.isDouble() || d < 1 || !wholeNumber(d) || d > 1e6) {
            fail(error, u"'dimensions' must be a positive integer."_s);
            return {};
        }
        outputDimensionality = int(d);
    }

    QString model = realModel;
    if (!model.startsWith("models/"_L1))
        model.prepend("models/"_L1);
    QJsonArray requests;
    for (const QString &text : std::as_const(texts)) {
        QJsonObject request{
            {u"model"_s, model},
            {u"content"_s, QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, text}}}}}},
        };
        if (outputDimensionality > 0)
            request.insert(u"outputDimensionality"_s, outputDimensionality);
        requests.append(request);
    }
    if (error)
        error->clear();
    return QJsonDocument(QJsonObject{{u"requests"_s, requests}}).toJson(QJsonDocument::Compact);
}

QByteArray translateEmbeddingsResponse(const QByteArray &geminiBody, const QString &requestedModel,
                                       const QString &encodingFormat, int promptTokens)
{
    const QJsonObject gemini = QJsonDocument::fromJson(geminiBody).object();
    QJsonArray embeddings = gemini.value("embeddings"_L1).toArray();  // batchEmbedContents
    if (embeddings.isEmpty() && gemini.value("embedding"_L1).isObject())
        embeddings.append(gemini.value("embedding"_L1));              // embedContent

    const bool base64 = encodingFormat == "base64"_L1;
    QJsonArray data;
    for (qsizetype i = 0; i < embeddings.size(); ++i) {
        const QJsonArray values = embeddings.at(i).toObject().value("values"_L1).toArray();
        data.append(QJsonObject{
            {u"object"_s, u"embedding"_s},
            {u"index"_s, i},
            {u"embedding"_s, base64 ? QJsonValue(base64Floats(values)) : QJsonValue(values)},
        });
    }
    const QJsonObject response{
        {u"object"_s, u"list"_s},
        {u"data"_s, data},
        {u"model"_s, requestedModel},
        {u"usage"_s, QJsonObject{{u"prompt_tokens"_s, promptTokens}, {u"total_tokens"_s, promptTokens}}},
    };
    return QJsonDocument(response).toJson(QJsonDocument::Compact);
}

} // namespace gb
