#pragma once

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>

class QTimer;

namespace gb {

class ResponseSink;

// Caps the relayed requests in flight (MAX_CONCURRENT_REQUESTS). A request is in flight
// from admit() until its response sink is destroyed (answered, aborted or its client gone).
// Beyond the cap a request waits, at most `queueWaitMs` and at most `limit` of them at once
// (OVERLOAD_QUEUE_TIMEOUT_MS), or is refused at once; refused requests touch no key and,
// through wouldRefuse() in the HTTP server's head screen, have their bodies left unread.
// Lives on the proxy thread.
class OverloadGate : public QObject
{
    Q_OBJECT
public:
    explicit OverloadGate(QObject *parent = nullptr);
    ~OverloadGate() override;

    // limit 0 = unlimited; queueWaitMs 0 = no waiting. A lower limit lets the requests in
    // flight finish; a higher one starts queued requests at once.
    void setLimits(int limit, int queueWaitMs);
    int limit() const { return m_limit; }

    // True when a request arriving now would be refused (full, and no room to wait).
    bool wouldRefuse() const;

    // Runs `start` now, or later when a slot frees within the wait, or calls `refuse`
    // (now, or when the wait runs out). Neither runs if the sink goes first.
    void admit(ResponseSink *sink, std::function<void()> start, std::function<void()> refuse);

    // Counts a request turned away before admit() (the head screen's refusals answer
    // through ApiRouter, which counts them here too).
    void countRefusal() { ++m_refused; }

    int inFlight() const { return m_inFlight; }
    int queued() const { return int(m_queue.size()); }
    quint64 refused() const { return m_refused; }
    quint64 admitted() const { return m_admitted; }

private:
    struct Waiting
    {
        QPointer<ResponseSink> sink;
        std::function<void()> start;
        std::function<void()> refuse;
        qint64 deadline;
    };

    bool hasSlot() const { return m_limit <= 0 || m_inFlight < m_limit; }
    void enter(ResponseSink *sink, const std::function<void()> &start);
    void release();
    void startWaiting();
    void expireWaiting();
    void dropGone();

    int m_limit = 0;
    int m_queueWaitMs = 0;
    int m_inFlight = 0;
    quint64 m_refused = 0;
    quint64 m_admitted = 0;
    std::deque<Waiting> m_queue;
    QTimer *m_expiry;
};

} // namespace gb
