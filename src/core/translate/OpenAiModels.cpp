#include "translate/ChatResponseTranslator.h"

using namespace Qt::StringLiterals;

namespace gb {

QJsonObject openAiModel(const QJsonObject &geminiModel, qint64 created)
{
    QString id = geminiModel.value("name"_L1).toString();
    if (id.startsWith("models/"_L1))
        id.remove(0, 7);
    // OpenAI's model object has exactly these four fields.
    return QJsonObject{
        {u"id"_s, id},
        {u"object"_s, u"model"_s},
        {u"created"_s, created},
        {u"owned_by"_s, u"google"_s},
    };
}

QJsonObject openAiModelList(const QJsonArray &geminiModels, qint64 created)
{
    QJsonArray data;
    for (const QJsonValue &model : geminiModels) {
        const QJsonObject object = model.toObject();
        if (object.value("name"_L1).toString().isEmpty())
            continue;
        data.append(openAiModel(object, created));
    }
    return QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, data}};
}

} // namespace gb
