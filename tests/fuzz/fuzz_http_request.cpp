// The HTTP/1.1 request parser (request line, headers, chunked and sized bodies, limits),
// fed in pieces; every request it completes is taken and the parser reset, as the server does.
#include "FuzzInput.h"
#include "http/HttpRequestParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    gb::HttpParserLimits limits;
    limits.maxBodyBytes = 64 * 1024;
    limits.maxHeaderBytes = 8 * 1024;
    gb::HttpRequestParser parser(limits);
    bool failed = false;
    gb::fuzz::inPieces(gb::fuzz::bytes(data + 1, size - 1), data[0], [&](const QByteArray &piece) {
        qsizetype at = 0;
        int rounds = 0;
        while (!failed && at < piece.size() && ++rounds < 1000) {
            const auto r = parser.parse(piece.constData() + at, piece.size() - at);
            gb::fuzz::check(r.consumed >= 0 && r.consumed <= piece.size() - at, "consumed within the input");
            at += r.consumed;
            switch (r.status) {
            case gb::HttpRequestParser::Status::Complete: {
                const gb::HttpRequest request = parser.takeRequest();
                gb::fuzz::check(request.body.size() <= limits.maxBodyBytes, "body within the limit");
                gb::fuzz::check(!request.method.isEmpty() || request.refusalStatus != 0, "a method");
                if (!parser.keepAlive()) {
                    failed = true;  // the server closes here
                    break;
                }
                parser.reset();
                break;
            }
            case gb::HttpRequestParser::Status::Error:
                gb::fuzz::check(parser.errorStatus() >= 400 && parser.errorStatus() < 600, "an error status");
                failed = true;
                break;
            case gb::HttpRequestParser::Status::HeadComplete:
                break;
            case gb::HttpRequestParser::Status::NeedMore:
                if (r.consumed == 0)
                    return;  // wants the next piece
                break;
            }
        }
    });
    return 0;
}
