#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>

namespace gb {

class HttpServer;
class ResponseSink;
struct HttpRequest;

namespace demo {

// The upstream of --demo: a small Gemini API v1beta on the project's own HTTP server, on
// 127.0.0.1 and a free port. Routes: GET /v1beta/models, GET /v1beta/models/{m},
// POST /v1beta/models/{m}:generateContent | :streamGenerateContent (?alt=sse, or a JSON
// array) | :countTokens | :embedContent | :batchEmbedContents. The key (?key= or
// x-goog-api-key) decides the answer (see DemoKeys): good keys answer, the rate-limited key
// gets 429 RESOURCE_EXHAUSTED with RetryInfo, the invalid (and any unknown) key 400
// API_KEY_INVALID; unknown models get 404 NOT_FOUND. Everything runs on this object's thread.
class DemoUpstream : public QObject
{
    Q_OBJECT
public:
    explicit DemoUpstream(QObject *parent = nullptr);
    ~DemoUpstream() override;

    bool start();  // false with errorString() when no port could be opened
    QString errorString() const;
    QString baseUrl() const;  // e.g. http://127.0.0.1:41234/v1beta, for BASE_URL
    // Delay between stream chunks (default 250 ms), so streams look like streams.
    void setChunkIntervalMs(int ms) { m_chunkIntervalMs = ms; }
    int requestCount() const { return m_requests; }

private:
    void handle(HttpRequest &&request, ResponseSink *sink);
    void stream(const QString &model, const QString &prompt, bool sse, ResponseSink *sink);

    HttpServer *m_server;
    int m_chunkIntervalMs = 250;
    int m_requests = 0;
};

} // namespace demo
} // namespace gb
