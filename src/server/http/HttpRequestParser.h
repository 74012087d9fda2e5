#pragma once

#include "http/HttpRequest.h"

#include <QByteArray>

namespace gb {

struct HttpParserLimits
{
    qint64 maxBodyBytes = 32LL * 1024 * 1024;  // larger: refusal 413, body not read
    int maxHeaderBytes = 64 * 1024;            // request line + headers: 431 (414 for the line)
    int maxHeaderCount = 200;                  // 431
};

// Incremental, allocation-light HTTP/1.x request parser. Pure: no sockets, no Qt events.
//
// Contract: parse() is given the bytes not consumed so far, followed by any new bytes.
// It consumes what it could use and returns how much; the caller drops that prefix
// and presents the rest again next time (the head is only consumed once complete, so
// the caller's buffer holds at most maxHeaderBytes of it). Scanning resumes where the
// previous call stopped, so feeding one byte at a time stays linear.
//
// Results:
//  - NeedMore: give more bytes.
//  - HeadComplete: the head is valid and a body follows (reported once per request, so
//    the caller can answer "Expect: 100-continue"); call parse() again for the body.
//  - Complete: request() holds the whole request (body de-chunked). When the request
//    is refused (refusalStatus 413/417), the body is not read and keepAlive() is false:
//    the caller answers and closes. Call reset() before parsing the next request.
//  - Error: malformed; errorStatus()/errorMessage() say why. The caller answers and closes.
class HttpRequestParser
{
public:
    enum class Status { NeedMore, HeadComplete, Complete, Error };
    struct Result
    {
        Status status;
        qsizetype consumed;
    };

    explicit HttpRequestParser(const HttpParserLimits &limits = {});

    // Takes effect at the next reset().
    void setLimits(const HttpParserLimits &limits) { m_nextLimits = limits; }
    const HttpParserLimits &limits() const { return m_limits; }

    Result parse(const char *data, qsizetype size);
    Result parse(const QByteArray &data) { return parse(data.constData(), data.size()); }
    void reset();
    // Right after HeadComplete: refuse the request without reading its body (as for 413):
    // request() becomes complete with refusalStatus set, keepAlive() false.
    void refuseBody(int status, const QString &message) { refuse(status, message); }

    // True while no byte of the next request has been consumed or is pending.
    bool isIdle() const { return m_state == State::Head && m_scanned == 0; }

    const HttpRequest &request() const { return m_request; }
    HttpRequest takeRequest() { return std::move(m_request); }

    // Valid from HeadComplete/Complete on.
    bool keepAlive() const { return m_keepAlive; }
    bool expectsContinue() const { return m_expectContinue; }
    bool isChunked() const { return m_chunked; }
    qint64 contentLength() const { return m_contentLength; }  // -1 when chunked

    // Valid after Error.
    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorMessage() const { return m_errorMessage; }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Complete, Error };

    Result parseHeadState(const char *data, qsizetype size);
    Result parseChunkSizeLine(const char *data, qsizetype size);
    Result parseTrailers(const char *data, qsizetype size);
    Status parseHead(const char *head, qsizetype size);
    bool parseRequestLine(const char *line, qsizetype size);
    bool parseHeaderLine(const char *line, qsizetype size);
    Status finishHead();
    // Finds the next LF at or after m_scanned; -1 (and m_scanned updated) when none.
    qsizetype findLineEnd(const char *data, qsizetype size);
    Result fail(int status, const char *message, qsizetype consumed = 0);
    Status refuse(int status, const QString &message);

    HttpParserLimits m_limits;
    HttpParserLimits m_nextLimits;
    State m_state = State::Head;
    HttpRequest m_request;

    qsizetype m_scanned = 0;          // bytes of the pending input already searched
    qsizetype m_requestLineEnd = -1;  // LF of the request line, relative to the head start
    qsizetype m_methodScanned = 0;    // method bytes already validated before the line was complete
    bool m_methodDone = false;
    qint64 m_contentLength = 0;
    qint64 m_remaining = 0;           // body or chunk bytes still to read
    qint64 m_trailerBytes = 0;
    int m_headerCount = 0;
    int m_hostCount = 0;
    bool m_chunked = false;
    bool m_keepAlive = true;
    bool m_expectContinue = false;

    // Collected while reading header lines, judged in finishHead().
    bool m_hasContentLength = false;
    bool m_contentLengthConflict = false;
    bool m_contentLengthInvalid = false;
    bool m_hasTransferEncoding = false;
    int m_teChunkedCount = 0;
    bool m_teOtherCoding = false;
    bool m_teChunkedLast = false;
    bool m_connectionClose = false;
    bool m_connectionKeepAlive = false;
    QByteArray m_expect;

    int m_errorStatus = 0;
    QByteArray m_errorMessage;
};

} // namespace gb
