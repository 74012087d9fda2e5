#pragma once

#include <QtGlobal>

#include <cmath>
#include <optional>

namespace gb {

// The integer a JSON number holds, when it is finite, has no fraction and fits in qint64;
// nothing otherwise. Casting any other double to qint64 is undefined behaviour (a client's
// "max_tokens": 1e74 did it, found by fuzz_chat_request), so every such check goes through here.
inline std::optional<qint64> wholeNumber(double d)
{
    // -2^63 and 2^63 are exact doubles; everything strictly between them converts safely.
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != std::trunc(d))
        return std::nullopt;
    return qint64(d);
}

} // namespace gb
