#include "http/HttpRequestParser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace gb;

namespace {

using Status = HttpRequestParser::Status;

struct Outcome
{
    QList<HttpRequest> requests;
    QList<bool> keepAlive;
    QList<bool> expectContinue;  // per HeadComplete
    int headCompletes = 0;
    int errorStatus = 0;
    QByteArray errorMessage;
    QByteArray leftover;  // bytes not consumed when parsing stopped
};

// Drives the parser the way HttpConnection does: keeps the unconsumed bytes, appends
// input in pieces of `step` bytes (or at the given cut points), and re-presents the rest.
Outcome run(const QByteArray &input, const QList<qsizetype> &cuts, const HttpParserLimits &limits = {})
{
    HttpRequestParser parser(limits);
    Outcome out;
    QByteArray buffer;
    qsizetype fed = 0;
    int cutIndex = 0;
    for (;;) {
        bool progressed = true;
        while (progressed) {
            progressed = false;
            const auto r = parser.parse(buffer);
            if (r.consumed < 0 || r.consumed > buffer.size())
                qFatal("parser consumed %lld of %lld bytes", qint64(r.consumed), qint64(buffer.size()));
            buffer.remove(0, r.consumed);
            switch (r.status) {
            case Status::NeedMore:
                progressed = r.consumed > 0 && !buffer.isEmpty();
                break;
            case Status::HeadComplete:
                ++out.headCompletes;
                out.expectContinue.append(parser.expectsContinue());
                progressed = true;
                break;
            case Status::Complete: {
                out.keepAlive.append(parser.keepAlive());
                HttpRequest req = parser.takeRequest();
                const bool refused = req.refusalStatus != 0;
                out.requests.append(std::move(req));
                if (refused) {
                    out.leftover = buffer + input.mid(fed);
                    return out;
                }
                parser.reset();
                progressed = true;
                break;
            }
            case Status::Error:
                out.errorStatus = parser.errorStatus();
                out.errorMessage = parser.errorMessage();
                out.leftover = buffer + input.mid(fed);
                return out;
            }
        }
        if (fed >= input.size())
            break;
        const qsizetype next = cutIndex < cuts.size() ? qMin(cuts.at(cutIndex++), input.size()) : input.size();
        buffer.append(input.constData() + fed, next - fed);
        fed = next;
    }
    out.leftover = buffer;
    return out;
}

Outcome runStep(const QByteArray &input, qsizetype step, const HttpParserLimits &limits = {})
{
    QList<qsizetype> cuts;
    for (qsizetype i = step; i < input.size(); i += step)
        cuts.append(i);
    return run(input, cuts, limits);
}

Outcome runWhole(const QByteArray &input, const HttpParserLimits &limits = {})
{
    return run(input, {}, limits);
}

template <qsizetype N>
QByteArray raw(const char (&literal)[N])
{
    return QByteArray(literal, N - 1);  // keeps embedded NULs
}

QByteArray headerValue(const HttpRequest &r, const char *name)
{
    return r.headers.value(QByteArray(name));
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void simpleGet_data();
    void simpleGet();
    void postWithBody_data();
    void postWithBody();
    void pipelinedInOneBuffer();
    void chunkedBody_data();
    void chunkedBody();
    void chunkedFollowedByNextRequest();
    void bareLfLineEnds();
    void absoluteFormTarget_data();
    void absoluteFormTarget();
    void asteriskTarget();
    void keepAliveRules_data();
    void keepAliveRules();
    void headerWhitespaceTrimmed();
    void leadingEmptyLinesIgnored();
    void duplicateContentLengthThatAgree();
    void expectContinue();
    void expectUnsupportedIsRefused();
    void errors_data();
    void errors();
    void errorsByteByByte_data();
    void errorsByteByByte();
    void garbageRejectedBeforeLineEnd();
    void requestLineTooLong();
    void headTooLarge();
    void tooManyHeaders();
    void headExactlyAtLimit();
    void bodyOverLimitRefusedFromHead();
    void bodyAtLimitAccepted();
    void hugeContentLengthNoOverflow_data();
    void hugeContentLengthNoOverflow();
    void chunkedOverLimitRefused_data();
    void chunkedOverLimitRefused();
    void trailersTooLarge();
    void chunkSizeLineTooLong();
    void idleState();
    void newLimitsApplyAfterReset();
    void randomSplitsGiveSameResult();
    void mutatedInputNeverMisbehaves();
};

void TestHttpRequestParser::simpleGet_data()
{
    QTest::addColumn<qsizetype>("step");
    QTest::newRow("whole") << qsizetype(1 << 20);
    QTest::newRow("byte-by-byte") << qsizetype(1);
    QTest::newRow("2") << qsizetype(2);
    QTest::newRow("3") << qsizetype(3);
    QTest::newRow("7") << qsizetype(7);
}

void TestHttpRequestParser::simpleGet()
{
    QFETCH(qsizetype, step);
    const QByteArray in = "GET /v1beta/models?key=abc&x=%20 HTTP/1.1\r\n"
                          "Host: localhost:8000\r\n"
                          "User-Agent: test/1.0\r\n"
                          "X-Goog-Api-Key: secret\r\n"
                          "\r\n";
    const Outcome o = runStep(in, step);
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.headCompletes, 0);  // no body
    const HttpRequest &r = o.requests.at(0);
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.target, QByteArray("/v1beta/models?key=abc&x=%20"));
    QCOMPARE(r.path, QByteArray("/v1beta/models"));
    QCOMPARE(r.query, QByteArray("key=abc&x=%20"));
    QCOMPARE(r.versionMajor, 1);
    QCOMPARE(r.versionMinor, 1);
    QVERIFY(r.isHttp11());
    QCOMPARE(r.headers.size(), 3);
    QCOMPARE(r.headers.fields().at(0).first, QByteArray("Host"));  // original case kept
    QCOMPARE(headerValue(r, "host"), QByteArray("localhost:8000"));
    QCOMPARE(headerValue(r, "x-goog-api-key"), QByteArray("secret"));
    QVERIFY(r.body.isEmpty());
    QCOMPARE(r.refusalStatus, 0);
    QCOMPARE(o.keepAlive, QList<bool>{true});
    QVERIFY(o.leftover.isEmpty());
}

void TestHttpRequestParser::postWithBody_data()
{
    simpleGet_data();
}

void TestHttpRequestParser::postWithBody()
{
    QFETCH(qsizetype, step);
    const QByteArray body = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
    const QByteArray in = "POST /v1beta/models/gemini:generateContent HTTP/1.1\r\nHost: h\r\n"
                          "Content-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const Outcome o = runStep(in, step);
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.headCompletes, 1);
    QCOMPARE(o.expectContinue, QList<bool>{false});
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.at(0).method, QByteArray("POST"));
    QCOMPARE(o.requests.at(0).path, QByteArray("/v1beta/models/gemini:generateContent"));
    QVERIFY(o.requests.at(0).query.isEmpty());
    QCOMPARE(o.requests.at(0).body, body);
}

void TestHttpRequestParser::pipelinedInOneBuffer()
{
    const QByteArray in = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                          "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyz"
                          "GET /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
    for (qsizetype step : {qsizetype(1 << 20), qsizetype(1), qsizetype(5)}) {
        const Outcome o = runStep(in, step);
        QCOMPARE(o.errorStatus, 0);
        QCOMPARE(o.requests.size(), 3);
        QCOMPARE(o.requests.at(0).path, QByteArray("/a"));
        QCOMPARE(o.requests.at(1).path, QByteArray("/b"));
        QCOMPARE(o.requests.at(1).body, QByteArray("xyz"));
        QCOMPARE(o.requests.at(2).path, QByteArray("/c"));
        QCOMPARE(o.keepAlive, (QList<bool>{true, true, false}));
        QVERIFY(o.leftover.isEmpty());
    }
}

void TestHttpRequestParser::chunkedBody_data()
{
    QTest::addColumn<QByteArray>("chunks");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("simple") << QByteArray("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n") << QByteArray("hello world");
    QTest::newRow("extensions") << QByteArray("5;name=value\r\nhello\r\n6 ; a=\"b c\";d\r\n world\r\n0;last\r\n\r\n")
                                << QByteArray("hello world");
    QTest::newRow("trailers") << QByteArray("3\r\nabc\r\n0\r\nX-Trailer: 1\r\nX-Other: two\r\n\r\n") << QByteArray("abc");
    QTest::newRow("hex upper") << QByteArray("A\r\n0123456789\r\n0\r\n\r\n") << QByteArray("0123456789");
    QTest::newRow("hex lower, leading zeros") << QByteArray("000a\r\n0123456789\r\n00\r\n\r\n") << QByteArray("0123456789");
    QTest::newRow("empty body") << QByteArray("0\r\n\r\n") << QByteArray();
    QTest::newRow("bare LF") << QByteArray("2\nab\n1\nc\n0\n\n") << QByteArray("abc");
    QTest::newRow("binary") << raw("4\r\n\0\r\n\xff\r\n0\r\n\r\n") << raw("\0\r\n\xff");
}

void TestHttpRequestParser::chunkedBody()
{
    QFETCH(QByteArray, chunks);
    QFETCH(QByteArray, body);
    const QByteArray in = "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
    for (qsizetype step : {qsizetype(1 << 20), qsizetype(1), qsizetype(2), qsizetype(3)}) {
        const Outcome o = runStep(in, step);
        QCOMPARE(o.errorStatus, 0);
        QCOMPARE(o.headCompletes, 1);
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.requests.at(0).body, body);
        QCOMPARE(o.keepAlive, QList<bool>{true});
        QVERIFY(o.leftover.isEmpty());
    }
}

void TestHttpRequestParser::chunkedFollowedByNextRequest()
{
    const QByteArray in = "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                          "3\r\nabc\r\n0\r\nT: x\r\n\r\n"
                          "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
    const Outcome o = runWhole(in);
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 2);
    QCOMPARE(o.requests.at(0).body, QByteArray("abc"));
    QCOMPARE(o.requests.at(1).path, QByteArray("/b"));
}

void TestHttpRequestParser::bareLfLineEnds()
{
    const QByteArray in = "POST /lf HTTP/1.1\nHost: h\nContent-Length: 2\n\nok"
                          "GET /lf2 HTTP/1.1\nHost: h\r\n\n";
    for (qsizetype step : {qsizetype(1 << 20), qsizetype(1)}) {
        const Outcome o = runStep(in, step);
        QCOMPARE(o.errorStatus, 0);
        QCOMPARE(o.requests.size(), 2);
        QCOMPARE(o.requests.at(0).body, QByteArray("ok"));
        QCOMPARE(headerValue(o.requests.at(0), "host"), QByteArray("h"));
        QCOMPARE(o.requests.at(1).path, QByteArray("/lf2"));
    }
}

void TestHttpRequestParser::absoluteFormTarget_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("expectedTarget");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("path+query") << QByteArray("http://example.com/a/b?c=d") << QByteArray("/a/b?c=d")
                                << QByteArray("/a/b") << QByteArray("c=d");
    QTest::newRow("port") << QByteArray("http://127.0.0.1:8000/v1/x") << QByteArray("/v1/x")
                          << QByteArray("/v1/x") << QByteArray();
    QTest::newRow("no path") << QByteArray("http://example.com") << QByteArray("/") << QByteArray("/") << QByteArray();
    QTest::newRow("query only") << QByteArray("HTTPS://h?x=1") << QByteArray("/?x=1") << QByteArray("/")
                                << QByteArray("x=1");
}

void TestHttpRequestParser::absoluteFormTarget()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, expectedTarget);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    const Outcome o = runWhole("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.at(0).target, expectedTarget);
    QCOMPARE(o.requests.at(0).path, path);
    QCOMPARE(o.requests.at(0).query, query);
}

void TestHttpRequestParser::asteriskTarget()
{
    Outcome o = runWhole("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.at(0).target, QByteArray("*"));
    QCOMPARE(o.requests.at(0).path, QByteArray("*"));
    o = runWhole("GET * HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(o.errorStatus, 400);
}

void TestHttpRequestParser::keepAliveRules_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("connection");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1 default") << QByteArray("1.1") << QByteArray() << true;
    QTest::newRow("1.1 close") << QByteArray("1.1") << QByteArray("close") << false;
    QTest::newRow("1.1 Close mixed case") << QByteArray("1.1") << QByteArray("Upgrade, CLOSE") << false;
    QTest::newRow("1.1 keep-alive") << QByteArray("1.1") << QByteArray("keep-alive") << true;
    QTest::newRow("1.0 default") << QByteArray("1.0") << QByteArray() << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("1.0") << QByteArray("Keep-Alive") << true;
    QTest::newRow("1.0 keep-alive list") << QByteArray("1.0") << QByteArray("foo , keep-alive") << true;
    QTest::newRow("1.0 keep-alive and close") << QByteArray("1.0") << QByteArray("keep-alive, close") << false;
}

void TestHttpRequestParser::keepAliveRules()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, connection);
    QFETCH(bool, keepAlive);
    QByteArray in = "GET / HTTP/" + version + "\r\nHost: h\r\n";
    if (!connection.isEmpty())
        in += "Connection: " + connection + "\r\n";
    in += "\r\n";
    const Outcome o = runWhole(in);
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.keepAlive, QList<bool>{keepAlive});
    QCOMPARE(o.requests.at(0).isHttp11(), version == "1.1");
}

void TestHttpRequestParser::headerWhitespaceTrimmed()
{
    const Outcome o = runWhole("GET / HTTP/1.1\r\nHost:h\r\nX-A: \t value with  inner \t \r\nX-Empty:\r\n"
                               "X-Obs: caf\xc3\xa9\r\n\r\n");
    QCOMPARE(o.errorStatus, 0);
    const HttpRequest &r = o.requests.at(0);
    QCOMPARE(headerValue(r, "host"), QByteArray("h"));
    QCOMPARE(headerValue(r, "x-a"), QByteArray("value with  inner"));
    QVERIFY(r.headers.contains("X-Empty"));
    QCOMPARE(headerValue(r, "x-empty"), QByteArray());
    QCOMPARE(headerValue(r, "x-obs"), QByteArray("caf\xc3\xa9"));
}

void TestHttpRequestParser::leadingEmptyLinesIgnored()
{
    const Outcome o = runStep("\r\n\n\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n", 1);
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.at(0).path, QByteArray("/x"));
}

void TestHttpRequestParser::duplicateContentLengthThatAgree()
{
    const Outcome o = runWhole("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\ncontent-length: 002\r\n\r\nok");
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.at(0).body, QByteArray("ok"));
}

void TestHttpRequestParser::expectContinue()
{
    Outcome o = runWhole("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nok");
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.expectContinue, QList<bool>{true});
    QCOMPARE(o.requests.at(0).body, QByteArray("ok"));
    QCOMPARE(o.keepAlive, QList<bool>{true});

    o = runWhole("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QCOMPARE(o.expectContinue, QList<bool>{true});

    // HTTP/1.0: the expectation must be ignored.
    o = runWhole("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
    QCOMPARE(o.expectContinue, QList<bool>{false});
    QCOMPARE(o.requests.size(), 1);

    // No body: nothing to continue.
    o = runWhole("GET / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n");
    QCOMPARE(o.headCompletes, 0);
    QCOMPARE(o.requests.size(), 1);
}

void TestHttpRequestParser::expectUnsupportedIsRefused()
{
    const Outcome o = runWhole("POST / HTTP/1.1\r\nHost: h\r\nExpect: something-else\r\nContent-Length: 2\r\n\r\nok");
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.at(0).refusalStatus, 417);
    QVERIFY(!o.requests.at(0).refusalMessage.isEmpty());
    QVERIFY(o.requests.at(0).body.isEmpty());
    QCOMPARE(o.keepAlive, QList<bool>{false});
    QCOMPARE(o.headCompletes, 0);
    QCOMPARE(o.leftover, QByteArray("ok"));  // the body is never read
}

void TestHttpRequestParser::errors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    const QByteArray host = "Host: h\r\n";
    auto row = [](const char *name, const QByteArray &in, int status) { QTest::newRow(name) << in << status; };
    // Request line.
    row("double space", "GET  / HTTP/1.1\r\n" + host + "\r\n", 400);
    row("trailing space", "GET / HTTP/1.1 \r\n" + host + "\r\n", 400);
    row("tab separator", "GET\t/ HTTP/1.1\r\n" + host + "\r\n", 400);
    row("bad method char", "G(T / HTTP/1.1\r\n" + host + "\r\n", 400);
    row("empty method", " / HTTP/1.1\r\n" + host + "\r\n", 400);
    row("no version", "GET /\r\n" + host + "\r\n", 400);
    row("space in target", "GET /a b HTTP/1.1\r\n" + host + "\r\n", 400);
    row("relative target", "GET foo HTTP/1.1\r\n" + host + "\r\n", 400);
    row("authority form", "CONNECT example.com:443 HTTP/1.1\r\n" + host + "\r\n", 400);
    row("empty authority", "GET http:///x HTTP/1.1\r\n" + host + "\r\n", 400);
    row("control in target", "GET /\x01 HTTP/1.1\r\n" + host + "\r\n", 400);
    row("DEL in target", "GET /\x7f HTTP/1.1\r\n" + host + "\r\n", 400);
    row("non-ascii target", "GET /caf\xc3\xa9 HTTP/1.1\r\n" + host + "\r\n", 400);
    row("fragment", "GET /a#frag HTTP/1.1\r\n" + host + "\r\n", 400);
    row("lowercase http", "GET / http/1.1\r\n" + host + "\r\n", 400);
    row("HTTPS name", "GET / HTTPS/1.1\r\n" + host + "\r\n", 400);
    row("two-digit minor", "GET / HTTP/1.10\r\n" + host + "\r\n", 400);
    row("HTTP/2.0", "GET / HTTP/2.0\r\n" + host + "\r\n", 505);
    row("HTTP/1.2", "GET / HTTP/1.2\r\n" + host + "\r\n", 505);
    row("HTTP/0.9", "GET / HTTP/0.9\r\n" + host + "\r\n", 505);
    row("bare CR in request line", "GET / HTTP/1.1\r\r\n" + host + "\r\n", 400);
    row("binary garbage", raw("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"), 400);
    // Header fields.
    row("obs-fold", "GET / HTTP/1.1\r\n" + host + "X-A: a\r\n b\r\n\r\n", 400);
    row("obs-fold tab", "GET / HTTP/1.1\r\n" + host + "X-A: a\r\n\tb\r\n\r\n", 400);
    row("first header folded", "GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400);
    row("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400);
    row("tab before colon", "GET / HTTP/1.1\r\n" + host + "X-A\t: a\r\n\r\n", 400);
    row("space in name", "GET / HTTP/1.1\r\n" + host + "Bad Name: a\r\n\r\n", 400);
    row("no colon", "GET / HTTP/1.1\r\n" + host + "NoColon\r\n\r\n", 400);
    row("empty name", "GET / HTTP/1.1\r\n" + host + ": value\r\n\r\n", 400);
    row("control in value", "GET / HTTP/1.1\r\n" + host + "X-A: a\x01z\r\n\r\n", 400);
    row("NUL in value", raw("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\0z\r\n\r\n"), 400);
    row("bare CR in value", "GET / HTTP/1.1\r\n" + host + "X-A: a\rz\r\n\r\n", 400);
    row("DEL in value", "GET / HTTP/1.1\r\n" + host + "X-A: a\x7f\r\n\r\n", 400);
    row("missing Host 1.1", "GET / HTTP/1.1\r\nX-A: a\r\n\r\n", 400);
    row("two Host", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400);
    // Framing.
    row("CL letters", "POST / HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n", 400);
    row("CL exponent", "POST / HTTP/1.1\r\n" + host + "Content-Length: 1e3\r\n\r\n", 400);
    row("CL negative", "POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n", 400);
    row("CL plus", "POST / HTTP/1.1\r\n" + host + "Content-Length: +5\r\n\r\n", 400);
    row("CL empty", "POST / HTTP/1.1\r\n" + host + "Content-Length:\r\n\r\n", 400);
    row("CL list", "POST / HTTP/1.1\r\n" + host + "Content-Length: 5, 5\r\n\r\n", 400);
    row("CL hex", "POST / HTTP/1.1\r\n" + host + "Content-Length: 0x10\r\n\r\n", 400);
    row("CL inner space", "POST / HTTP/1.1\r\n" + host + "Content-Length: 1 0\r\n\r\n", 400);
    row("CL disagree", "POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", 400);
    row("TE and CL", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400);
    row("CL and TE", "POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
    row("TE gzip", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n", 501);
    row("TE gzip, chunked", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501);
    row("TE identity", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: identity\r\n\r\n", 501);
    row("TE chunked twice", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, chunked\r\n\r\n", 400);
    row("TE chunked in two fields", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
    row("TE empty", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding:\r\n\r\n", 400);
    // Chunked body syntax.
    const QByteArray chunkedHead = "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n";
    row("chunk size not hex", chunkedHead + "zz\r\n", 400);
    row("chunk size empty", chunkedHead + "\r\n", 400);
    row("chunk size negative", chunkedHead + "-5\r\n", 400);
    row("chunk size 0x prefix", chunkedHead + "0x5\r\n", 400);
    row("chunk size junk", chunkedHead + "5 x\r\nhello\r\n", 400);
    row("chunk ext control", chunkedHead + "5;a\x01\r\nhello\r\n", 400);
    row("no CRLF after data", chunkedHead + "5\r\nhelloX\r\n0\r\n\r\n", 400);
    row("CR without LF after data", chunkedHead + "5\r\nhello\rX0\r\n\r\n", 400);
}

void TestHttpRequestParser::errors()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    const Outcome o = runWhole(input);
    QCOMPARE(o.errorStatus, status);
    QVERIFY(!o.errorMessage.isEmpty());
    QVERIFY(o.requests.isEmpty());
}

void TestHttpRequestParser::errorsByteByByte_data()
{
    errors_data();
}

void TestHttpRequestParser::errorsByteByByte()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    const Outcome o = runStep(input, 1);
    QCOMPARE(o.errorStatus, status);
    QVERIFY(o.requests.isEmpty());
}

void TestHttpRequestParser::garbageRejectedBeforeLineEnd()
{
    // A TLS ClientHello sent to the plain-HTTP port: refused at once, not after a timeout.
    HttpRequestParser p;
    auto r = p.parse(raw("\x16\x03\x01\x00\xa5\x01"));
    QCOMPARE(r.status, Status::Error);
    QCOMPARE(p.errorStatus(), 400);
    // Byte by byte the same.
    QCOMPARE(runStep(raw("GE\x01T / HTTP/1.1"), 1).errorStatus, 400);
    // A valid method prefix keeps waiting.
    HttpRequestParser q;
    QCOMPARE(q.parse(QByteArray("POS")).status, Status::NeedMore);
    QCOMPARE(q.parse(QByteArray("POST /\x01")).status, Status::NeedMore);  // target checked once the line is complete
}

void TestHttpRequestParser::requestLineTooLong()
{
    HttpParserLimits limits;
    limits.maxHeaderBytes = 1024;
    const QByteArray longPath = "/" + QByteArray(2000, 'a');
    // Incomplete line over the limit: refused without waiting for its end.
    Outcome o = runStep("GET " + longPath, 100, limits);
    QCOMPARE(o.errorStatus, 414);
    // Complete line over the limit.
    o = runWhole("GET " + longPath + " HTTP/1.1\r\nHost: h\r\n\r\n", limits);
    QCOMPARE(o.errorStatus, 414);
}

void TestHttpRequestParser::headTooLarge()
{
    HttpParserLimits limits;
    limits.maxHeaderBytes = 1024;
    const QByteArray head = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + QByteArray(2000, 'b') + "\r\n\r\n";
    QCOMPARE(runWhole(head, limits).errorStatus, 431);
    QCOMPARE(runStep(head, 1, limits).errorStatus, 431);
    // Never terminated: refused once past the limit, not buffered forever.
    QByteArray endless = "GET / HTTP/1.1\r\nHost: h\r\n";
    for (int i = 0; i < 200; ++i)
        endless += "X-" + QByteArray::number(i) + ": v\r\n";
    QCOMPARE(runStep(endless, 64, limits).errorStatus, 431);
}

void TestHttpRequestParser::tooManyHeaders()
{
    HttpParserLimits limits;
    limits.maxHeaderCount = 10;
    QByteArray in = "GET / HTTP/1.1\r\nHost: h\r\n";
    for (int i = 0; i < 9; ++i)
        in += "X-" + QByteArray::number(i) + ": v\r\n";
    QCOMPARE(runWhole(in + "\r\n", limits).errorStatus, 0);  // exactly 10
    in += "X-Last: v\r\n\r\n";
    QCOMPARE(runWhole(in, limits).errorStatus, 431);
}

void TestHttpRequestParser::headExactlyAtLimit()
{
    QByteArray in = "GET / HTTP/1.1\r\nHost: h\r\nX-Pad: ";
    const int fixed = in.size() + 4;  // value then CRLF CRLF
    HttpParserLimits limits;
    limits.maxHeaderBytes = 200;
    in += QByteArray(200 - fixed, 'p') + "\r\n\r\n";
    QCOMPARE(in.size(), 200);
    QCOMPARE(runStep(in, 1, limits).errorStatus, 0);
    limits.maxHeaderBytes = 199;
    QCOMPARE(runStep(in, 1, limits).errorStatus, 431);
}

void TestHttpRequestParser::bodyOverLimitRefusedFromHead()
{
    HttpParserLimits limits;
    limits.maxBodyBytes = 100;
    const QByteArray head = "POST /big HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n";
    const Outcome o = runWhole(head + QByteArray(101, 'x'), limits);
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.headCompletes, 0);  // no 100 Continue for a refused body
    QCOMPARE(o.requests.size(), 1);
    const HttpRequest &r = o.requests.at(0);
    QCOMPARE(r.refusalStatus, 413);
    QVERIFY(r.refusalMessage.contains(QStringLiteral("101")));
    QVERIFY(r.refusalMessage.contains(QStringLiteral("100")));
    QCOMPARE(r.path, QByteArray("/big"));
    QVERIFY(r.body.isEmpty());
    QCOMPARE(o.keepAlive, QList<bool>{false});
    QCOMPARE(o.leftover.size(), 101);  // body left unread
}

void TestHttpRequestParser::bodyAtLimitAccepted()
{
    HttpParserLimits limits;
    limits.maxBodyBytes = 100;
    Outcome o = runWhole("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'x'), limits);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.at(0).refusalStatus, 0);
    QCOMPARE(o.requests.at(0).body.size(), 100);
    o = runWhole("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "32\r\n" + QByteArray(50, 'a') + "\r\n32\r\n" + QByteArray(50, 'b') + "\r\n0\r\n\r\n", limits);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.at(0).refusalStatus, 0);
    QCOMPARE(o.requests.at(0).body.size(), 100);
}

void TestHttpRequestParser::hugeContentLengthNoOverflow_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("int64 max") << QByteArray("9223372036854775807");
    QTest::newRow("int64 max + 1") << QByteArray("9223372036854775808");
    QTest::newRow("uint64 max + 1") << QByteArray("18446744073709551616");
    QTest::newRow("80 digits") << QByteArray(80, '9');
}

void TestHttpRequestParser::hugeContentLengthNoOverflow()
{
    QFETCH(QByteArray, value);
    const Outcome o = runWhole("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + value + "\r\n\r\nabc");
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.at(0).refusalStatus, 413);
    QVERIFY(!o.requests.at(0).refusalMessage.isEmpty());
    QCOMPARE(o.keepAlive, QList<bool>{false});

    // Leading zeros are not an overflow.
    const Outcome z = runWhole("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray(60, '0') + "3\r\n\r\nabc");
    QCOMPARE(z.requests.size(), 1);
    QCOMPARE(z.requests.at(0).body, QByteArray("abc"));
}

void TestHttpRequestParser::chunkedOverLimitRefused_data()
{
    QTest::addColumn<QByteArray>("chunks");
    QTest::newRow("sum over limit") << QByteArray("32\r\n" + QByteArray(50, 'a') + "\r\n33\r\n" + QByteArray(51, 'b') + "\r\n0\r\n\r\n");
    QTest::newRow("one chunk over limit") << QByteArray("65\r\n" + QByteArray(101, 'a') + "\r\n0\r\n\r\n");
    QTest::newRow("int64 max") << QByteArray("7fffffffffffffff\r\n");
    QTest::newRow("uint64 max") << QByteArray("ffffffffffffffff\r\n");
    QTest::newRow("overflowing") << QByteArray("1ffffffffffffffffffffffffffff\r\n");
    QTest::newRow("many digits") << QByteArray(QByteArray(3000, 'f') + "\r\n");
    QTest::newRow("with extension") << QByteArray("ffffffffffffffffffff;x=y\r\n");
}

void TestHttpRequestParser::chunkedOverLimitRefused()
{
    QFETCH(QByteArray, chunks);
    HttpParserLimits limits;
    limits.maxBodyBytes = 100;
    const QByteArray in = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
    for (qsizetype step : {qsizetype(1 << 20), qsizetype(1)}) {
        const Outcome o = runStep(in, step, limits);
        QCOMPARE(o.errorStatus, 0);
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.requests.at(0).refusalStatus, 413);
        QVERIFY(o.requests.at(0).body.isEmpty());
        QCOMPARE(o.keepAlive, QList<bool>{false});
    }
}

void TestHttpRequestParser::trailersTooLarge()
{
    HttpParserLimits limits;
    limits.maxHeaderBytes = 256;
    QByteArray in = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
    for (int i = 0; i < 30; ++i)
        in += "X-T: 0123456789\r\n";
    QCOMPARE(runWhole(in + "\r\n", limits).errorStatus, 431);
    QCOMPARE(runStep(in, 1, limits).errorStatus, 431);  // never terminated
}

void TestHttpRequestParser::chunkSizeLineTooLong()
{
    const QByteArray in = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;" + QByteArray(5000, 'e');
    QCOMPARE(runStep(in, 512).errorStatus, 400);
    QCOMPARE(runWhole(in + "\r\nhello\r\n0\r\n\r\n").errorStatus, 400);
}

void TestHttpRequestParser::idleState()
{
    HttpRequestParser p;
    QVERIFY(p.isIdle());
    auto r = p.parse(QByteArray("\r\n"));
    QCOMPARE(r.status, Status::NeedMore);
    QCOMPARE(r.consumed, 2);
    QVERIFY(p.isIdle());
    r = p.parse(QByteArray("GE"));
    QCOMPARE(r.status, Status::NeedMore);
    QCOMPARE(r.consumed, 0);
    QVERIFY(!p.isIdle());
    r = p.parse(QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    QCOMPARE(r.status, Status::Complete);
    QVERIFY(!p.isIdle());
    // Complete is sticky until reset().
    QCOMPARE(p.parse(QByteArray("GET /")).status, Status::Complete);
    p.reset();
    QVERIFY(p.isIdle());
    QCOMPARE(p.parse(QByteArray("\x01\r\n\r\n")).status, Status::Error);
    QCOMPARE(p.parse(QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\n")).status, Status::Error);  // sticky
}

void TestHttpRequestParser::newLimitsApplyAfterReset()
{
    HttpRequestParser p;
    HttpParserLimits small;
    small.maxBodyBytes = 1;
    p.setLimits(small);
    const QByteArray in = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok";
    auto r = p.parse(in);
    QCOMPARE(r.status, Status::HeadComplete);
    r = p.parse(in.mid(r.consumed));
    QCOMPARE(r.status, Status::Complete);
    QCOMPARE(p.request().body, QByteArray("ok"));
    p.reset();
    r = p.parse(in);
    QCOMPARE(r.status, Status::Complete);
    QCOMPARE(p.request().refusalStatus, 413);
}

void TestHttpRequestParser::randomSplitsGiveSameResult()
{
    const QByteArray in = "POST /a?b=c HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                          "PUT /c HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n3;x\nabc\r\n0\r\nT: 1\r\n\r\n"
                          "\r\nGET /d HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                          "GET http://x/e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n";
    const Outcome whole = runWhole(in);
    QCOMPARE(whole.errorStatus, 0);
    QCOMPARE(whole.requests.size(), 4);
    QRandomGenerator rng(12345);
    for (int round = 0; round < 300; ++round) {
        QList<qsizetype> cuts;
        const int pieces = rng.bounded(1, 40);
        for (int i = 0; i < pieces; ++i)
            cuts.append(rng.bounded(1, int(in.size())));
        std::sort(cuts.begin(), cuts.end());
        const Outcome o = run(in, cuts);
        QCOMPARE(o.errorStatus, 0);
        QCOMPARE(o.requests.size(), whole.requests.size());
        for (int i = 0; i < o.requests.size(); ++i) {
            QCOMPARE(o.requests.at(i).target, whole.requests.at(i).target);
            QCOMPARE(o.requests.at(i).body, whole.requests.at(i).body);
            QCOMPARE(o.requests.at(i).headers.fields(), whole.requests.at(i).headers.fields());
        }
        QCOMPARE(o.keepAlive, whole.keepAlive);
    }
}

void TestHttpRequestParser::mutatedInputNeverMisbehaves()
{
    // A cheap stand-in for the libFuzzer target: mutate valid requests, feed them in random
    // pieces, and check the parser's contract (sanitizers catch the rest).
    const QList<QByteArray> seeds = {
        "POST /a?b=c HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
        "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n",
        "GET http://x:1/e?f HTTP/1.0\r\nConnection: keep-alive\r\nExpect: 100-continue\r\n\r\n",
    };
    const char alphabet[] = "\r\n :;,0123456789abcdefABCDEF/?*HTPchunked-\t\x00\x7f\xff";
    HttpParserLimits limits;
    limits.maxBodyBytes = 64;
    limits.maxHeaderBytes = 128;
    limits.maxHeaderCount = 4;
    QRandomGenerator rng(777);
    for (int round = 0; round < 3000; ++round) {
        QByteArray in = seeds.at(rng.bounded(int(seeds.size())));
        const int mutations = rng.bounded(1, 6);
        for (int m = 0; m < mutations; ++m) {
            const int pos = rng.bounded(int(in.size()));
            const char c = alphabet[rng.bounded(int(sizeof(alphabet) - 1))];
            switch (rng.bounded(3)) {
            case 0: in[pos] = c; break;
            case 1: in.insert(pos, c); break;
            default: in.remove(pos, 1); break;
            }
        }
        QList<qsizetype> cuts;
        for (int i = rng.bounded(0, 8); i > 0; --i)
            cuts.append(rng.bounded(1, int(in.size()) + 1));
        std::sort(cuts.begin(), cuts.end());
        const Outcome o = run(in, cuts, limits);
        if (o.errorStatus) {
            QVERIFY2(o.errorStatus == 400 || o.errorStatus == 414 || o.errorStatus == 431
                         || o.errorStatus == 501 || o.errorStatus == 505,
                     in.toPercentEncoding().constData());
        }
        for (const HttpRequest &r : o.requests) {
            QVERIFY(r.body.size() <= limits.maxBodyBytes);
            QVERIFY(r.target.startsWith('/') || r.target == "*");
        }
    }
}

QTEST_APPLESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
