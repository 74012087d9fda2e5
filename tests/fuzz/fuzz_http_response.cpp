// The upstream client's HTTP/1.x response parser, fed in pieces.
#include "FuzzInput.h"
#include "upstream/Http1ResponseParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    gb::Http1ResponseParser parser((data[0] & 0x80) != 0);
    QByteArray body;
    const QByteArray input = gb::fuzz::bytes(data + 1, size - 1);
    qsizetype fed = 0;
    gb::fuzz::inPieces(input, data[0], [&](const QByteArray &piece) {
        if (parser.state() == gb::Http1ResponseParser::State::Complete
            || parser.state() == gb::Http1ResponseParser::State::Error)
            return;
        qsizetype consumed = -1;
        parser.feed(piece.constData(), piece.size(), body, &consumed);
        gb::fuzz::check(consumed >= 0 && consumed <= piece.size(), "consumed within the piece");
        fed += consumed;
    });
    parser.finishOnClose();
    gb::fuzz::check(body.size() <= fed, "body no larger than the input");
    gb::fuzz::check(parser.state() != gb::Http1ResponseParser::State::Body, "a final state after close");
    return 0;
}
