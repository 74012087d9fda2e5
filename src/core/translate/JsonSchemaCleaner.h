#pragma once

#include <QJsonObject>

namespace gb {

// Rewrites a JSON Schema (an OpenAI tool's `parameters`) into the subset Gemini's
// functionDeclarations.parameters accepts (the OpenAPI 3.0 Schema object): resolves
// $ref/$defs/definitions inline (cycles cut), drops keywords Gemini rejects
// (additionalProperties, $schema, $id, $comment, const -> enum, examples, default where
// invalid, exclusiveMinimum/Maximum, patternProperties, unevaluated*, if/then/else, not,
// contentEncoding/contentMediaType, readOnly/writeOnly, ...), turns a type list such as
// ["string","null"] into type + nullable, merges allOf, keeps anyOf where Gemini allows it,
// gives arrays without `items` a permissive one, and keeps `required` to declared properties.
QJsonObject cleanJsonSchemaForGemini(const QJsonObject &schema);

} // namespace gb
