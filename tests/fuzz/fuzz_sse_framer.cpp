// The stream framers (SSE events, JSON array elements) forward the upstream's bytes
// unchanged: whatever the split, what feed() and finish() return is exactly the input.
#include "FuzzInput.h"
#include "relay/StreamFramer.h"

#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    std::unique_ptr<gb::StreamFramer> framer;
    if (data[0] & 0x80)
        framer = std::make_unique<gb::JsonArrayFramer>();
    else
        framer = std::make_unique<gb::SseFramer>();
    const QByteArray input = gb::fuzz::bytes(data + 1, size - 1);
    QByteArray out;
    qsizetype fed = 0;
    gb::fuzz::inPieces(input, data[0], [&](const QByteArray &piece) {
        out += framer->feed(piece);
        fed += piece.size();
        gb::fuzz::check(out.size() + framer->pendingSize() == fed, "every byte forwarded or held");
    });
    out += framer->finish();
    gb::fuzz::check(out == input, "the framer forwards the bytes unchanged");
    framer->isComplete();
    return 0;
}
