#include "translate/RequestFeatures.h"

#include "translate/JsonSchemaCleaner.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gb::chatreq {

namespace {

ThinkingFamily familyOf(const QString &realModel)
{
    const QString m = realModel.toLower();
    for (const auto word : {"image"_L1, "tts"_L1, "embedding"_L1, "imagen"_L1, "veo"_L1, "aqa"_L1, "-live"_L1,
                            "native-audio"_L1})
        if (m.contains(word))
            return ThinkingFamily::None;
    for (const auto prefix : {"gemma"_L1, "gemini-1."_L1, "gemini-2.0"_L1, "gemini-pro"_L1, "learnlm"_L1})
        if (m.startsWith(prefix))
            return ThinkingFamily::None;
    if (m.startsWith("gemini-3"_L1))
        return ThinkingFamily::Level;
    return ThinkingFamily::Budget;
}

} // namespace

ThinkingFamily thinkingFamily(const QString &realModel)
{
    // Calls come with the same few models: the last answer is kept per thread.
    thread_local QString lastModel;
    thread_local ThinkingFamily lastFamily = ThinkingFamily::None;
    thread_local bool known = false;
    if (!known || realModel != lastModel) {
        lastFamily = familyOf(realModel);
        lastModel = realModel;
        known = true;
    }
    return lastFamily;
}

namespace {

QString camelCase(const QString &key)
{
    QString out;
    bool upper = false;
    for (const QChar c : key) {
        if (c == u'_') {
            upper = true;
            continue;
        }
        out += upper ? c.toUpper() : c;
        upper = false;
    }
    return out;
}

QJsonObject camelCaseKeys(const QJsonObject &o)
{
    QJsonObject out;
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(camelCase(it.key()), *it);
    return out;
}

bool isGemini25Pro(const QString &model)
{
    return model.contains("gemini-2.5-pro"_L1);
}

// Google's own mapping for its OpenAI-compatible endpoint
// (https://ai.google.dev/gemini-api/docs/openai#thinking): low/medium/high are 1024/8192/24576
// thinking tokens on Gemini 2.5 and "none" turns thinking off (2.5 Pro cannot: 128 is its
// least). Gemini 3 takes levels; every Gemini 3 model accepts "low" and "high", the Flash
// models also "medium" (Gemini 3 Pro rejects it: "Thinking level MEDIUM is not supported").
Result<QJsonObject> thinkingForEffort(const QString &effort, ThinkingFamily family, const QString &model)
{
    static const QSet<QString> known = {u"none"_s, u"minimal"_s, u"low"_s, u"medium"_s, u"high"_s, u"xhigh"_s};
    if (!known.contains(effort))
        return Result<QJsonObject>::failure(u"reasoning_effort \""_s + effort
                                            + u"\" is not supported: use none, minimal, low, medium or high"_s);
    if (family == ThinkingFamily::Level) {
        QString level = u"high"_s;
        if (effort == "none"_L1 || effort == "minimal"_L1 || effort == "low"_L1)
            level = u"low"_s;  // Gemini 3 cannot turn thinking off
        else if (effort == "medium"_L1 && model.contains("flash"_L1))
            level = u"medium"_s;
        return QJsonObject{{u"thinkingLevel"_s, level}};
    }
    int budget = 24576;
    if (effort == "none"_L1)
        budget = isGemini25Pro(model) ? 128 : 0;
    else if (effort == "minimal"_L1 || effort == "low"_L1)
        budget = 1024;
    else if (effort == "medium"_L1)
        budget = 8192;
    return QJsonObject{{u"thinkingBudget"_s, budget}};
}

bool thinksByDefault(ThinkingFamily family, const QString &model, const SettingsValues &settings)
{
    if (family == ThinkingFamily::Level)
        return true;
    if (family == ThinkingFamily::None)
        return false;
    if (settings.thinkingModels.contains(model))
        return true;
    return model.startsWith("gemini-2.5"_L1) && !model.contains("flash-lite"_L1);  // Flash-Lite: off by default
}

void addBuiltin(QJsonArray &tools, const QString &name, const QJsonValue &config = QJsonObject{})
{
    for (const QJsonValue &t : std::as_const(tools))
        if (t.toObject().contains(name))
            return;
    tools.append(QJsonObject{{name, config.isObject() ? config : QJsonValue(QJsonObject{})}});
}

Result<QJsonObject> buildToolConfig(const QJsonValue &choice, const QSet<QString> &functions)
{
    using R = Result<QJsonObject>;
    const auto config = [](const QString &mode, const QStringList &names = {}) {
        QJsonObject fcc{{u"mode"_s, mode}};
        if (!names.isEmpty())
            fcc.insert(u"allowedFunctionNames"_s, QJsonArray::fromStringList(names));
        return QJsonObject{{u"functionCallingConfig"_s, fcc}};
    };
    if (choice.isString()) {
        const QString c = choice.toString();
        if (c == "none"_L1)
            return config(u"NONE"_s);
        if (c == "auto"_L1)
            return config(u"AUTO"_s);
        if (c == "required"_L1 || c == "any"_L1)
            return config(u"ANY"_s);
        return R::failure(u"tool_choice \""_s + c + u"\" is not supported: use none, auto, required or a function"_s);
    }
    if (!choice.isObject())
        return R::failure(u"tool_choice must be a string or an object"_s);
    const QJsonObject o = choice.toObject();
    const QString type = o.value(u"type"_s).toString();
    const auto checked = [&functions](const QString &name, const QString &path) -> Result<QString> {
        if (name.isEmpty())
            return Result<QString>::failure(path + u" is missing"_s);
        if (!functions.contains(name))
            return Result<QString>::failure(path + u" \""_s + name + u"\" is not among the tools' functions"_s);
        return name;
    };
    if (type == "function"_L1) {
        const bool nested = o.value(u"function"_s).isObject();
        Result<QString> name = checked(nested ? o.value(u"function"_s).toObject().value(u"name"_s).toString()
                                              : o.value(u"name"_s).toString(),
                                       nested ? u"tool_choice.function.name"_s : u"tool_choice.name"_s);
        if (!name)
            return R::failure(name.error());
        return config(u"ANY"_s, {name.value()});
    }
    if (type == "allowed_tools"_L1) {
        const QJsonObject allowed = o.value(u"allowed_tools"_s).toObject();
        QStringList names;
        const QJsonArray list = allowed.value(u"tools"_s).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject t = list.at(i).toObject();
            const QString path = u"tool_choice.allowed_tools.tools["_s + QString::number(i) + u"].function.name"_s;
            Result<QString> name = checked(t.value(u"function"_s).toObject().value(u"name"_s).toString(), path);
            if (!name)
                return R::failure(name.error());
            names << name.value();
        }
        if (allowed.value(u"mode"_s).toString() == "required"_L1)
            return config(u"ANY"_s, names);
        return config(u"AUTO"_s);  // Gemini restricts the functions only in ANY mode
    }
    return R::failure(u"tool_choice.type \""_s + type + u"\" is not supported"_s);
}

} // namespace

Result<ToolsResult> buildTools(const FeatureInput &in)
{
    using R = Result<ToolsResult>;
    ToolsResult out;
    QJsonArray declarations;
    QSet<QString> names;
    QJsonArray builtins;

    const QJsonValue toolsValue = in.request.value(u"tools"_s);
    if (!toolsValue.isUndefined() && !toolsValue.isNull() && !toolsValue.isArray())
        return R::failure(u"tools must be an array"_s);
    const QJsonArray tools = toolsValue.toArray();
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QString path = u"tools["_s + QString::number(i) + u']';
        const QJsonObject tool = tools.at(i).toObject();
        const QString type = tool.value(u"type"_s).toString();
        if (type == "function"_L1) {
            const QJsonObject function = tool.value(u"function"_s).toObject();
            const QString name = function.value(u"name"_s).toString();
            if (name.isEmpty())
                return R::failure(path + u".function.name is missing"_s);
            if (name == "googleSearch"_L1) {  // Cherry Studio's way of asking for Google Search
                addBuiltin(builtins, u"googleSearch"_s);
                continue;
            }
            if (names.contains(name))
                continue;
            names.insert(name);
            QJsonObject declaration{{u"name"_s, name}};
            const QString description = function.value(u"description"_s).toString();
            if (!description.isEmpty())
                declaration.insert(u"description"_s, description);
            const QJsonValue parameters = function.value(u"parameters"_s);
            if (parameters.isObject()) {
                const QJsonObject cleaned = cleanJsonSchemaForGemini(parameters.toObject());
                // Gemini rejects an OBJECT schema without properties: a function without
                // arguments has no parameters.
                if (!cleaned.value(u"properties"_s).toObject().isEmpty() || cleaned.contains(u"anyOf"_s))
                    declaration.insert(u"parameters"_s, cleaned);
            } else if (!parameters.isUndefined() && !parameters.isNull()) {
                return R::failure(path + u".function.parameters must be an object"_s);
            }
            declarations.append(declaration);
            continue;
        }
        // Gemini's own tools, passed through by clients that know them.
        bool builtin = false;
        if (type.isEmpty()) {
            for (auto it = tool.begin(); it != tool.end(); ++it) {
                const QString key = camelCase(it.key());
                if (key == "googleSearch"_L1 || key == "codeExecution"_L1 || key == "urlContext"_L1
                    || key == "googleSearchRetrieval"_L1 || key == "googleMaps"_L1) {
                    addBuiltin(builtins, key, *it);
                    builtin = true;
                }
            }
        }
        if (!builtin) {
            if (type.isEmpty())
                return R::failure(path + u".type is missing"_s);
            return R::failure(path + u".type \""_s + type + u"\" is not supported"_s);
        }
    }
    if (in.request.value(u"web_search_options"_s).isObject())  // OpenAI's search models' option
        addBuiltin(builtins, u"googleSearch"_s);

    out.hasFunctions = !declarations.isEmpty();
    // Tools the model name and the settings add: never next to function declarations (Gemini
    // 2.x rejects the mix), and not into a JSON answer they would break.
    if (!out.hasFunctions) {
        if (in.route.alias == ModelAlias::Search)
            addBuiltin(builtins, u"googleSearch"_s);
        if (in.settings.urlContextEnabled && in.settings.urlContextModels.contains(in.realModel) && !in.jsonOutput)
            addBuiltin(builtins, u"urlContext"_s);
        if (in.settings.toolsCodeExecutionEnabled && in.route.alias != ModelAlias::Search
            && in.route.alias != ModelAlias::Image && !in.hasImages && !in.jsonOutput)
            addBuiltin(builtins, u"codeExecution"_s);
    }

    if (out.hasFunctions)
        out.tools.append(QJsonObject{{u"functionDeclarations"_s, declarations}});
    for (const QJsonValue &b : std::as_const(builtins))
        out.tools.append(b);

    const QJsonValue choice = in.request.value(u"tool_choice"_s);
    if (!choice.isUndefined() && !choice.isNull()) {
        Result<QJsonObject> config = buildToolConfig(choice, names);
        if (!config)
            return R::failure(config.error());
        if (out.hasFunctions)  // without declarations there is nothing to configure
            out.toolConfig = config.value();
    }
    return out;
}

Result<QJsonObject> buildThinkingConfig(const FeatureInput &in, const QJsonObject &googleExtra)
{
    const ThinkingFamily family = thinkingFamily(in.realModel);
    QJsonObject config;
    bool wantsOff = false;  // the client or the alias asked for no thinking

    const QJsonValue own = googleExtra.value(u"thinking_config"_s).isObject() ? googleExtra.value(u"thinking_config"_s)
                                                                               : googleExtra.value(u"thinkingConfig"_s);
    QJsonValue effort = in.request.value(u"reasoning_effort"_s);
    if ((effort.isUndefined() || effort.isNull()) && in.request.value(u"reasoning"_s).isObject())
        effort = in.request.value(u"reasoning"_s).toObject().value(u"effort"_s);  // OpenRouter's shape

    if (own.isObject()) {
        config = camelCaseKeys(own.toObject());
    } else if (!effort.isUndefined() && !effort.isNull()) {
        if (!effort.isString())
            return Result<QJsonObject>::failure(u"reasoning_effort must be a string"_s);
        if (family == ThinkingFamily::None)
            return QJsonObject{};  // the model cannot think; nothing to set
        Result<QJsonObject> mapped = thinkingForEffort(effort.toString().toLower(), family, in.realModel);
        if (!mapped)
            return mapped;
        config = mapped.value();
        wantsOff = effort.toString().compare("none"_L1, Qt::CaseInsensitive) == 0;
    } else if (in.route.alias == ModelAlias::NonThinking) {
        if (family == ThinkingFamily::Level)
            config.insert(u"thinkingLevel"_s, u"low"_s);
        else
            config.insert(u"thinkingBudget"_s, isGemini25Pro(in.realModel) ? 128 : 0);
        wantsOff = true;
    } else if (in.settings.thinkingBudgetMap.contains(in.realModel)) {
        config.insert(u"thinkingBudget"_s, qRound(in.settings.thinkingBudgetMap.value(in.realModel)));
    }

    if (!config.contains(u"includeThoughts"_s) && in.settings.showThinkingProcess && !wantsOff
        && family != ThinkingFamily::None) {
        bool on;
        if (config.contains(u"thinkingLevel"_s))
            on = true;
        else if (config.contains(u"thinkingBudget"_s))
            on = config.value(u"thinkingBudget"_s).toInt() != 0;
        else
            on = thinksByDefault(family, in.realModel, in.settings) || !config.isEmpty();
        if (on)
            config.insert(u"includeThoughts"_s, true);
    }
    return config;
}

QByteArray safetySettingsJson(const FeatureInput &in, const QJsonObject &googleExtra)
{
    for (const QJsonValue &own : {in.request.value(u"safety_settings"_s), in.request.value(u"safetySettings"_s),
                                  googleExtra.value(u"safety_settings"_s), googleExtra.value(u"safetySettings"_s)})
        if (own.isArray()) {
            const QJsonArray array = own.toArray();
            return array.isEmpty() ? QByteArray() : QJsonDocument(array).toJson(QJsonDocument::Compact);
        }
    // gemini-2.0-flash-exp accepts only OFF (gemini-balance sets every category to OFF for it).
    const bool allOff = in.realModel == "gemini-2.0-flash-exp"_L1;
    // Building and writing the array from SAFETY_SETTINGS cost ~15 % of an OpenAI request: the
    // JSON is remembered per thread until the setting changes (comparing the lists is far
    // cheaper than building).
    struct Built
    {
        MapList from;
        bool allOff = false;
        QByteArray json;
    };
    thread_local Built last;
    if (last.from == in.settings.safetySettings && last.allOff == allOff && !last.json.isEmpty())
        return last.json;
    QJsonArray out;
    for (const auto &entry : in.settings.safetySettings) {
        QJsonObject o;
        for (auto it = entry.begin(); it != entry.end(); ++it)
            o.insert(it.key(), it.value());
        if (allOff && o.contains(u"threshold"_s))
            o.insert(u"threshold"_s, u"OFF"_s);
        out.append(o);
    }
    const QByteArray json = out.isEmpty() ? QByteArray() : QJsonDocument(out).toJson(QJsonDocument::Compact);
    last = Built{in.settings.safetySettings, allOff, json};
    return json;
}

} // namespace gb::chatreq
