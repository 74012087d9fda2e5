#pragma once

#include "store/LogRecords.h"

#include <QByteArray>

namespace gb {

// Finds the last token usage report in a piece of an upstream answer: Gemini's
// "usageMetadata" {promptTokenCount, candidatesTokenCount, thoughtsTokenCount,
// totalTokenCount}, or OpenAI's "usage" {prompt_tokens, completion_tokens, total_tokens,
// completion_tokens_details.reasoning_tokens} (the OpenAI-compatible pass-through).
// Cheap on text without one (a substring search); only the object itself is parsed, so a
// stream unit, a whole body or a batch of SSE events all work. known = false when none.
TokenUsage lastTokenUsageIn(const QByteArray &text);

} // namespace gb
