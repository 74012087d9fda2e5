#pragma once

#include "settings/SettingsValues.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace gb {

// gemini-balance's model-name suffixes: "<m>-search" (Google Search grounding),
// "<m>-image" (text and image output) and "<m>-non-thinking" (thinking off). A suffix is an
// alias only when its base model is listed in SEARCH_MODELS / IMAGE_MODELS / THINKING_MODELS;
// any other name is passed on unchanged.
enum class ModelAlias { None, Search, Image, NonThinking };

struct ModelRoute
{
    QString requested;  // as the client named it
    QString real;       // what goes upstream
    ModelAlias alias = ModelAlias::None;
};

ModelRoute resolveModel(const QString &requested, const SettingsValues &settings);
// "models/gemini-2.5-flash" -> "gemini-2.5-flash"; other names unchanged.
QString stripModelsPrefix(const QString &name);
bool isFilteredModel(const QString &model, const SettingsValues &settings);

// What an alias means, applied to a generateContent body: -search adds the googleSearch
// tool (unless the request declares functions or already has it), -image asks for TEXT and
// IMAGE output, -non-thinking turns thinking off. Only what the client left unset is set.
// Requests for real model names are never rewritten.
QByteArray applyAliasToBody(ModelAlias alias, const QString &realModel, const QByteArray &body);

// The upstream model list as clients see it: FILTERED_MODELS removed, and right after each
// base model its alias entries (a copy with name "models/<m><suffix>", displayName plus
// " For Search" / " For Image" / " Non Thinking", description = that displayName).
QJsonArray presentModelList(const QJsonArray &upstreamModels, const SettingsValues &settings);
QJsonObject aliasModelEntry(const QJsonObject &base, ModelAlias alias);
QString aliasSuffix(ModelAlias alias);

} // namespace gb
