#pragma once

// Internal to the chat request translation: tools, tool_choice, thinking and safety.

#include "common/Result.h"
#include "models/ModelAliases.h"
#include "settings/SettingsValues.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace gb::chatreq {

// How a model takes a thinking setting.
enum class ThinkingFamily {
    Level,   // Gemini 3: thinkingLevel
    Budget,  // Gemini 2.5 and unknown models: thinkingBudget
    None,    // models without thinking (1.x, 2.0, Gemma, image/TTS/embedding models)
};
ThinkingFamily thinkingFamily(const QString &realModel);

struct ToolsResult
{
    QJsonArray tools;       // the Gemini tools list (empty: none)
    QJsonObject toolConfig; // empty: none
    bool hasFunctions = false;
};

struct FeatureInput
{
    const QJsonObject &request;
    const SettingsValues &settings;
    const ModelRoute &route;
    QString realModel;      // route.real without "models/"
    bool hasImages = false;
    bool jsonOutput = false; // response_format asked for JSON
};

// tools, tool_choice, web_search_options and the tools the settings add.
Result<ToolsResult> buildTools(const FeatureInput &in);

// generationConfig.thinkingConfig: the client's own (extra_body.google.thinking_config),
// reasoning_effort, the -non-thinking alias, THINKING_BUDGET_MAP, in that order, with
// includeThoughts per SHOW_THINKING_PROCESS. Empty: nothing to send.
Result<QJsonObject> buildThinkingConfig(const FeatureInput &in, const QJsonObject &googleExtra);

// The client's safety settings, or SAFETY_SETTINGS, as compact JSON (an array); empty when
// there are none.
QByteArray safetySettingsJson(const FeatureInput &in, const QJsonObject &googleExtra);

} // namespace gb::chatreq
