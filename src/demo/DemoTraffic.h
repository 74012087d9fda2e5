#pragma once

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QTimer;

namespace gb::demo {

// The light traffic of --demo: one call through the proxy every few seconds (default 12 s,
// five a minute), taking turns: Gemini unary and SSE stream, OpenAI chat unary and stream,
// countTokens, embedContent, and a call to a model that does not exist (404). With the
// rate-limited and invalid sample keys in rotation, the pages fill with successes, retries,
// cooldowns and failures. Runs on this object's thread (the main thread).
class DemoTraffic : public QObject
{
    Q_OBJECT
public:
    DemoTraffic(QUrl proxyBaseUrl, QString clientToken, QObject *parent = nullptr);

    void start(int intervalMs = 12'000, int firstDelayMs = 2'000);
    void stop();
    int sent() const { return m_sent; }
    int finished() const { return m_finished; }

private:
    void sendNext();

    QUrl m_base;
    QString m_token;
    QNetworkAccessManager *m_network;
    QTimer *m_timer;
    int m_next = 0;
    int m_sent = 0;
    int m_finished = 0;
};

} // namespace gb::demo
