#pragma once

// Internal to the OpenAI response translators: a Gemini answer or stream event of the
// everyday shape, read from its bytes without QJsonDocument (whose parse was more than half
// of an OpenAI stream's translation).

#include "translate/ChatResponse_p.h"

#include <QByteArrayView>
#include <QString>
#include <QVarLengthArray>

namespace gb::chatresponse {

// One candidate whose parts are all text (thoughts or not), its finishReason and the usage
// counts: what most answers and nearly every stream event are.
struct GeminiTextAnswer
{
    struct Part
    {
        QString text;
        bool thought = false;
    };
    int index = 0;  // the candidate's "index" (0 when absent)
    QVarLengthArray<Part, 2> parts;
    QString finishReason;
    bool hasUsage = false;  // "usageMetadata" was there
    UsageCounts usage;
};

// Reads `json` into *answer when it is one JSON object of that shape, such that translating
// *answer gives the very bytes translating QJsonDocument::fromJson(json) gives. Anything it
// is not sure of makes it return false, for the caller to parse the document: JSON that
// jsonsyntax::isObject() refuses, an "error" or "promptFeedback", no or several candidates,
// a part that is not {"text", "thought"?, "thoughtSignature"?}, groundingMetadata, keys with
// escapes, a repeated key it reads, a count or index that is not a plain integer.
bool readGeminiTextAnswer(QByteArrayView json, GeminiTextAnswer *answer);

} // namespace gb::chatresponse
