#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

// Helpers shared by the libFuzzer targets: the first byte of an input picks how the rest
// is split into reads, so one input exercises a parser fed in pieces.
namespace gb::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Splits `input` into pieces of 1..(seed % 64 + 1) bytes, varying with the seed.
template <typename Feed>
void inPieces(const QByteArray &input, uint8_t seed, Feed feed)
{
    const int maxPiece = seed % 64 + 1;
    qsizetype at = 0;
    unsigned state = seed * 2654435761u + 1;
    while (at < input.size()) {
        state = state * 1103515245u + 12345u;
        const qsizetype n = qMin<qsizetype>(input.size() - at, qsizetype((state >> 16) % unsigned(maxPiece)) + 1);
        feed(input.mid(at, n));
        at += n;
    }
}

// A broken invariant is a finding: abort so libFuzzer keeps the input.
inline void check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "invariant broken: %s\n", what);
        abort();
    }
}

} // namespace gb::fuzz
