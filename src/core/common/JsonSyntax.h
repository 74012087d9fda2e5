#pragma once

#include <QByteArrayView>

namespace gb::jsonsyntax {

// The deepest nesting of objects and arrays isObject() accepts (the top-level object is 1).
inline constexpr int maxDepth = 512;
// The longest number token isObject() accepts, in bytes; longer ones are left to Qt.
inline constexpr int maxNumberLength = 128;

// True when `text` is exactly one JSON object (RFC 8259) with optional space, tab, CR or LF
// around it. One pass, no allocation, no recursion: a cheap syntax check for request bodies
// that does not build the document QJsonDocument::fromJson would build and throw away.
//
// The contract: when this returns true, QJsonDocument::fromJson(text) parses the same bytes
// to an object without error. It is stricter than both the RFC and Qt 6.4 where they differ,
// so a caller falls back to QJsonDocument on false (for the error message, and to accept what
// Qt accepts). It rejects:
// - a BOM, NUL or any other byte outside the object than the four whitespace characters;
// - nesting deeper than maxDepth (Qt allows 1024);
// - in strings: raw control characters (< 0x20), escapes other than \" \\ \/ \b \f \n \r \t
//   and \uXXXX, a \u high surrogate not followed by a \u low surrogate, a lone \u low
//   surrogate, and bytes that are not strict UTF-8 (overlong forms, encoded surrogates,
//   code points above U+10FFFF, truncated or stray continuation bytes);
// - numbers outside -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, longer than
//   maxNumberLength, or non-zero with a magnitude outside [1e-307, 1e308) (Qt refuses the
//   values that overflow or underflow a double);
// - trailing commas and anything but true, false and null as literals.
// Duplicate keys are allowed.
bool isObject(QByteArrayView text);

} // namespace gb::jsonsyntax
