#pragma once

#include "FakeGeminiResponses.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QHttpServerRequest;
class QHttpServerResponder;

namespace gb::test {

class FakeGeminiHttp;
class FakeGeminiExchange;

// What a request asked for (from method + path).
enum class FakeAction {
    Unknown,             // not an API path: Google's HTML 404
    ListModels,          // GET  /v1beta/models
    GetModel,            // GET  /v1beta/models/{m}
    GenerateContent,     // POST /v1beta/models/{m}:generateContent
    StreamGenerateContent,  // POST /v1beta/models/{m}:streamGenerateContent[?alt=sse]
    CountTokens,         // POST /v1beta/models/{m}:countTokens
    EmbedContent,        // POST /v1beta/models/{m}:embedContent
    BatchEmbedContents,  // POST /v1beta/models/{m}:batchEmbedContents
    OpenAiChat,          // POST /v1beta/openai/chat/completions
    OpenAiModels,        // GET  /v1beta/openai/models
};
QString fakeActionName(FakeAction action);

// How the API key reached the fake.
enum class KeySource { None, Query, Header, Bearer };  // ?key=, x-goog-api-key, Authorization: Bearer

struct RecordedRequest
{
    quint64 id = 0;              // 1, 2, 3... in arrival order
    quint64 connectionId = 0;    // 1, 2, 3... per TCP connection (keep-alive reuse shows here)
    QByteArray method;           // "GET", "POST", ...
    QByteArray path;             // percent-encoded, without the query: "/v1beta/models/m:generateContent"
    QByteArray query;            // percent-encoded, without '?': "alt=sse&key=..."
    QList<QPair<QByteArray, QByteArray>> headers;  // as QHttpServer 6.4 hands them over
    QByteArray body;             // raw bytes
    QString key;                 // the key used (query wins over x-goog-api-key, then Bearer)
    KeySource keySource = KeySource::None;
    QString queryKey;            // ?key= value, if any
    QString headerKey;           // x-goog-api-key value, if any
    QString model;               // "gemini-2.5-flash" (no "models/"); from the body for OpenAI
    FakeAction action = FakeAction::Unknown;
    bool sse = false;            // alt=sse
    QDateTime receivedAt;        // wall clock
    qint64 receivedMs = 0;       // monotonic ms since the fake was created

    QByteArray header(const QByteArray &name) const;  // case-insensitive, first match
    bool hasHeader(const QByteArray &name) const;
};

enum class ResponseOutcome {
    InProgress,
    Completed,        // whole response written (stream: terminating chunk sent)
    CutByFake,        // fault: stream / body cut (reset or clean close) mid-way
    ResetByFake,      // fault: connection reset or closed before any response byte
    AbortedByClient,  // the client disconnected before the response was complete
    FakeDestroyed,    // still pending when the FakeGemini was deleted
};

struct RecordedResponse
{
    quint64 requestId = 0;
    int status = 0;                                // 0: no status line was sent
    QList<QPair<QByteArray, QByteArray>> headers;  // as written
    QByteArray body;         // payload bytes as the client should see them (de-chunked)
    QList<QByteArray> chunks;  // each payload write (stream events / array elements)
    bool streamed = false;     // chunked transfer
    ResponseOutcome outcome = ResponseOutcome::InProgress;
    qint64 finishedMs = -1;    // monotonic ms since the fake was created
};

enum class QuotaWindow { PerMinute, PerDay };
enum class CutMode { Reset, Close };  // Reset: TCP RST (SO_LINGER 0 + abort); Close: clean FIN

// How the fake treats one key. Keys with no behaviour set follow the default rule (see
// setValidKeyPrefix / setAcceptAnyKey).
struct KeyBehavior
{
    enum class State { Valid, Invalid, Suspended, RateLimited, ServerError };
    State state = State::Valid;
    QString model;                // RateLimited/ServerError: only calls on this model (empty: all)
    QuotaWindow quota = QuotaWindow::PerMinute;  // RateLimited: which quotaId the 429 names
    int retryDelaySec = 37;       // RateLimited: RetryInfo.retryDelay
    int errorStatus = 500;        // ServerError: 500, 503, 504, ...
    int allowedRequests = 0;      // RateLimited/ServerError: this many calls succeed first
    int delayMs = 0;              // slow key: every reply on this key waits this long first
};

// A scripted fault. Faults are checked in the order added; each matching one is used once
// (count times; <= 0 = until cleared). Delay faults add up; the first matching non-Delay
// fault decides what happens.
struct Fault
{
    enum class Kind {
        Delay,      // reply normally, delayMs later
        Stall,      // accept and never answer, until the client gives up (or the fake dies)
        CutStream,  // send cutAfterChunks stream events (unary: half the body), then cut
        Reset,      // abort the connection (RST) before any response byte
        Close,      // close the connection cleanly before any response byte
        HttpError,  // the real API's error body for `status` (see fake::errorForStatus)
        Raw,        // exactly rawStatus / rawContentType / rawBody (or rawChunks)
    };
    Kind kind = Kind::Delay;
    int delayMs = 0;              // any kind: wait this long before acting
    int status = 503;             // HttpError
    int cutAfterChunks = 1;       // CutStream: events/elements written before the cut (0: headers only)
    CutMode cutMode = CutMode::Reset;
    int rawStatus = 200;          // Raw (must be a status QHttpServerResponder knows)
    QByteArray rawContentType = QByteArrayLiteral("application/json; charset=UTF-8");
    QByteArray rawBody;
    QList<QByteArray> rawChunks;  // Raw: if set, sent chunked one by one (stream chunk delay between)
    // Which requests it applies to (empty = any).
    QString model;
    QString key;
    std::optional<FakeAction> action;
    int count = 1;                // <= 0: every matching request until cleared
};

struct StreamOptions
{
    int chunks = 5;            // events with candidates (SSE) / elements (JSON array)
    int chunkDelayMs = 10;     // between consecutive events
    bool usageOnlyEvent = false;  // append an event with usageMetadata and no candidates
};

struct ReplyOptions
{
    bool thoughts = true;      // add a {"text":...,"thought":true} part first
    QString fixedText;         // reply text instead of the default echo of the last user text
};

// A fake Google Generative Language API (v1beta) on 127.0.0.1 for tests and benchmarks.
// Lives in the thread that created it; use it from that thread only.
//
// Endpoints (base /v1beta): GET models (pageSize/pageToken), GET models/{m},
// POST models/{m}:generateContent | :streamGenerateContent[?alt=sse] | :countTokens |
// :embedContent | :batchEmbedContents, GET openai/models, POST openai/chat/completions.
// Anything else: Google's HTML 404 page.
//
// Order of checks for each request: record -> faults -> delays (global, key, fault) ->
// route (404 HTML) -> key (403 no key / 400 invalid / 403 suspended / 429 / 5xx) ->
// JSON body (400) -> model (404) -> reply.
//
// Default key rule: a key is valid if it starts with validKeyPrefix() ("AIza" by default,
// as real keys do) or was given a behaviour; any other key gets 400 API_KEY_INVALID.
//
// Defaults: 5 stream chunks 10 ms apart; no reply delay; thought part on thinking models;
// reply text "Fake reply from <model> to: <last user text>\n..."; recording on (10000
// records). Unary replies are pretty-printed with Content-Length; streams are chunked.
//
//   FakeGemini fake;
//   QVERIFY(fake.start());
//   fake.setKeyRateLimited(u"AIzaKey2"_s);            // 429 RESOURCE_EXHAUSTED
//   fake.cutNextStream(2);                            // next stream: 2 events, then RST
//   ... point the proxy at fake.baseUrl(), drive it ...
//   QCOMPARE(fake.lastRequest().key, u"AIzaKey1"_s);
//   QCOMPARE(proxyBody, fake.lastResponse().body);    // exact passthrough
//   QTRY_COMPARE(fake.streamsAbortedByClient(), 1);   // proxy cancelled upstream
class FakeGemini : public QObject
{
    Q_OBJECT
public:
    explicit FakeGemini(QObject *parent = nullptr);
    ~FakeGemini() override;  // aborts every connection, stops every timer

    bool start(quint16 port = 0);      // listens on 127.0.0.1:port, 0 = any free one (backlog 1024)
    bool isRunning() const;
    quint16 port() const;
    QUrl rootUrl() const;              // http://127.0.0.1:PORT
    QUrl baseUrl() const;              // http://127.0.0.1:PORT/v1beta
    QUrl url(const QString &pathAndQuery) const;  // rootUrl + "/v1beta/models?..." (path must start with '/')

    // Back to the defaults: keys, faults, options, catalogue, records and counters.
    void reset();

    // --- Keys ---
    void setValidKeyPrefix(const QString &prefix);  // default "AIza"; empty: no prefix rule
    QString validKeyPrefix() const;
    void setAcceptAnyKey(bool accept);              // every non-empty key valid unless set otherwise
    void addValidKey(const QString &key);
    void setKeyBehavior(const QString &key, const KeyBehavior &behavior);
    void setKeyInvalid(const QString &key);
    void setKeySuspended(const QString &key);
    void setKeyRateLimited(const QString &key, QuotaWindow window = QuotaWindow::PerMinute,
                           const QString &model = QString(), int retryDelaySec = 37,
                           int allowedRequests = 0);
    void setKeyServerError(const QString &key, int status = 500, const QString &model = QString(),
                           int allowedRequests = 0);
    void setKeyDelay(const QString &key, int delayMs);  // keeps the key's state
    void clearKeyBehavior(const QString &key);
    void clearKeyBehaviors();
    bool isKeyValid(const QString &key) const;  // accepted (Valid, RateLimited or ServerError)

    // --- Faults ---
    void addFault(const Fault &fault);
    void failNext(int status, int count = 1);
    void delayNext(int delayMs, int count = 1);
    void stallNext(int count = 1);
    void cutNextStream(int afterChunks, CutMode mode = CutMode::Reset, int count = 1);
    void resetNext(int count = 1);
    void closeNext(int count = 1);
    void clearFaults();
    int pendingFaultCount() const;

    // --- Timing and replies ---
    void setReplyDelay(int delayMs);  // every reply (default 0)
    int replyDelay() const;
    void setStreamOptions(const StreamOptions &options);
    StreamOptions streamOptions() const;
    void setStreamChunks(int chunks);
    void setStreamChunkDelay(int delayMs);
    void setReplyOptions(const ReplyOptions &options);
    ReplyOptions replyOptions() const;

    // --- Catalogue ---
    void setModels(const QList<FakeModel> &models);
    QList<FakeModel> models() const;
    void addModel(const FakeModel &model);

    // --- Recording ---
    void setRecording(bool enabled);       // default on; counters always count
    void setMaxRecords(int max);           // oldest dropped past this (default 10000)
    QList<RecordedRequest> requests() const;
    QList<RecordedResponse> responses() const;
    RecordedRequest lastRequest() const;   // empty (id 0) if none
    RecordedRequest request(quint64 id) const;
    RecordedResponse response(quint64 requestId) const;  // requestId 0 if none
    RecordedResponse lastResponse() const;
    void clearRecords();

    // --- Counters ---
    int requestsTotal() const;
    int inFlight() const;                  // received, response not finished
    int streamsStarted() const;
    int streamsCompleted() const;
    int streamsAbortedByClient() const;    // client went away mid-stream
    int requestsAbortedByClient() const;   // any response (stream, delay, stall) the client left
    int connectionsAccepted() const;
    int requestCountForKey(const QString &key) const;
    void resetCounters();

    // Waits (bounded) for conditions; true if met in time.
    bool waitForRequests(int count, int timeoutMs = 5000);
    bool waitForIdle(int timeoutMs = 5000);  // inFlight() == 0

signals:
    void requestReceived(quint64 id);
    void responseFinished(quint64 requestId, gb::test::ResponseOutcome outcome);
    void streamAbortedByClient(quint64 requestId);

private:
    friend class FakeGeminiHttp;
    friend class FakeGeminiExchange;
    struct Private;

    void handle(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponder &&responder);
    void exchangeFinished(FakeGeminiExchange *exchange, ResponseOutcome outcome);
    RecordedResponse *responseRecord(quint64 requestId);

    std::unique_ptr<Private> d;
};

} // namespace gb::test

Q_DECLARE_METATYPE(gb::test::ResponseOutcome)
