#pragma once

#include <QtGlobal>

#include <cstring>

namespace gb {

// The index of the first CR or LF in p[from, n), or n when there is none: two memchr scans
// (the second only up to the first LF), for text split at CRLF, LF and CR alike (SSE).
inline qsizetype nextLineEnd(const char *p, qsizetype from, qsizetype n)
{
    const auto *lf = static_cast<const char *>(std::memchr(p + from, '\n', size_t(n - from)));
    const qsizetype lfAt = lf ? lf - p : n;
    const auto *cr = static_cast<const char *>(std::memchr(p + from, '\r', size_t(lfAt - from)));
    return cr ? cr - p : lfAt;
}

} // namespace gb
