#include "models/ModelAliases.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace gb {

QString aliasSuffix(ModelAlias alias)
{
    switch (alias) {
    case ModelAlias::Search: return u"-search"_s;
    case ModelAlias::Image: return u"-image"_s;
    case ModelAlias::NonThinking: return u"-non-thinking"_s;
    case ModelAlias::None: break;
    }
    return {};
}

QString stripModelsPrefix(const QString &name)
{
    return name.startsWith(u"models/"_s) ? name.mid(7) : name;
}

namespace {
const QStringList &aliasBaseList(ModelAlias alias, const SettingsValues &s)
{
    static const QStringList none;
    switch (alias) {
    case ModelAlias::Search: return s.searchModels;
    case ModelAlias::Image: return s.imageModels;
    case ModelAlias::NonThinking: return s.thinkingModels;
    case ModelAlias::None: break;
    }
    return none;
}

QString aliasDisplaySuffix(ModelAlias alias)
{
    switch (alias) {
    case ModelAlias::Search: return u" For Search"_s;
    case ModelAlias::Image: return u" For Image"_s;
    case ModelAlias::NonThinking: return u" Non Thinking"_s;
    case ModelAlias::None: break;
    }
    return {};
}
} // namespace

ModelRoute resolveModel(const QString &requested, const SettingsValues &settings)
{
    ModelRoute route{requested, requested, ModelAlias::None};
    const QString name = stripModelsPrefix(requested);
    for (ModelAlias alias : {ModelAlias::Search, ModelAlias::Image, ModelAlias::NonThinking}) {
        const QString suffix = aliasSuffix(alias);
        if (!name.endsWith(suffix))
            continue;
        const QString base = name.chopped(suffix.size());
        if (aliasBaseList(alias, settings).contains(base)) {
            route.real = base;
            route.alias = alias;
        }
        break;
    }
    return route;
}

bool isFilteredModel(const QString &model, const SettingsValues &settings)
{
    return settings.filteredModels.contains(stripModelsPrefix(model));
}

QByteArray applyAliasToBody(ModelAlias alias, const QString &realModel, const QByteArray &body)
{
    if (alias == ModelAlias::None)
        return body;
    QJsonObject root = QJsonDocument::fromJson(body).object();
    switch (alias) {
    case ModelAlias::Search: {
        QJsonArray tools = root.value(u"tools"_s).toArray();
        bool hasFunctions = false;
        bool hasSearch = false;
        for (const QJsonValue &t : std::as_const(tools)) {
            const QJsonObject o = t.toObject();
            hasFunctions |= o.contains(u"functionDeclarations"_s) || o.contains(u"function_declarations"_s);
            hasSearch |= o.contains(u"googleSearch"_s) || o.contains(u"google_search"_s);
        }
        if (hasFunctions || hasSearch)
            return body;
        tools.append(QJsonObject{{u"googleSearch"_s, QJsonObject{}}});
        root.insert(u"tools"_s, tools);
        break;
    }
    case ModelAlias::Image: {
        QJsonObject config = root.value(u"generationConfig"_s).toObject();
        if (config.contains(u"responseModalities"_s) || config.contains(u"response_modalities"_s))
            return body;
        config.insert(u"responseModalities"_s, QJsonArray{u"TEXT"_s, u"IMAGE"_s});
        root.insert(u"generationConfig"_s, config);
        break;
    }
    case ModelAlias::NonThinking: {
        QJsonObject config = root.value(u"generationConfig"_s).toObject();
        if (config.contains(u"thinkingConfig"_s) || config.contains(u"thinking_config"_s))
            return body;
        QJsonObject thinking;
        if (realModel.startsWith(u"gemini-3"_s))
            thinking.insert(u"thinkingLevel"_s, u"low"_s);  // Gemini 3 cannot turn thinking off
        else if (realModel.contains(u"gemini-2.5-pro"_s))
            thinking.insert(u"thinkingBudget"_s, 128);      // 2.5 Pro's minimum budget
        else
            thinking.insert(u"thinkingBudget"_s, 0);
        config.insert(u"thinkingConfig"_s, thinking);
        root.insert(u"generationConfig"_s, config);
        break;
    }
    case ModelAlias::None:
        break;
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonObject aliasModelEntry(const QJsonObject &base, ModelAlias alias)
{
    QJsonObject entry = base;
    const QString name = stripModelsPrefix(base.value(u"name"_s).toString());
    const QString displayName = base.value(u"displayName"_s).toString(name) + aliasDisplaySuffix(alias);
    entry.insert(u"name"_s, u"models/"_s + name + aliasSuffix(alias));
    entry.insert(u"displayName"_s, displayName);
    entry.insert(u"description"_s, displayName);
    return entry;
}

QJsonArray presentModelList(const QJsonArray &upstreamModels, const SettingsValues &settings)
{
    QJsonArray out;
    for (const QJsonValue &v : upstreamModels) {
        const QJsonObject model = v.toObject();
        const QString name = stripModelsPrefix(model.value(u"name"_s).toString());
        if (settings.filteredModels.contains(name))
            continue;
        out.append(model);
        for (ModelAlias alias : {ModelAlias::Search, ModelAlias::Image, ModelAlias::NonThinking})
            if (aliasBaseList(alias, settings).contains(name))
                out.append(aliasModelEntry(model, alias));
    }
    return out;
}

} // namespace gb
