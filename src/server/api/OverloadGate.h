#pragma once

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <memory>

class QTimer;

namespace gb {

class ResponseSink;

// Caps the relayed requests in flight (MAX_CONCURRENT_REQUESTS). A request is in flight
// from admit() until its response sink is destroyed (answered, aborted or its client gone).
// Beyond the cap a request waits, at most `queueWaitMs` and at most `limit` of them at once
// (OVERLOAD_QUEUE_TIMEOUT_MS), or is refused at once; refused requests touch no key and,
// through wouldRefuse() in the HTTP server's head screen, have their bodies left unread.
// Each proxy event loop has its own gate on its own thread; the loops' gates share one
// budget (the cap, the counts in flight and waiting), so the cap holds for the process.
class OverloadGate : public QObject
{
    Q_OBJECT
public:
    explicit OverloadGate(QObject *parent = nullptr);
    // A gate for another event loop that shares `first`'s budget (created on its own thread).
    explicit OverloadGate(const OverloadGate *first, QObject *parent = nullptr);
    ~OverloadGate() override;

    // limit 0 = unlimited; queueWaitMs 0 = no waiting. A lower limit lets the requests in
    // flight finish; a higher one starts queued requests at once.
    void setLimits(int limit, int queueWaitMs);
    int limit() const;

    // True when a request arriving now would be refused (full, and no room to wait).
    bool wouldRefuse() const;

    // Runs `start` now, or later when a slot frees within the wait, or calls `refuse`
    // (now, or when the wait runs out). Neither runs if the sink goes first.
    void admit(ResponseSink *sink, std::function<void()> start, std::function<void()> refuse);

    // Counts a request turned away before admit() (the head screen's refusals answer
    // through ApiRouter, which counts them here too).
    void countRefusal();

    // The shared budget's counts, over every loop's gate.
    int inFlight() const;
    int queued() const;
    quint64 refused() const;
    quint64 admitted() const;

private:
    struct Waiting
    {
        QPointer<ResponseSink> sink;
        std::function<void()> start;
        std::function<void()> refuse;
        qint64 deadline;
    };

    struct Budget;

    bool hasSlot() const;
    bool takeSlot();  // counts one more in flight, unless the cap is reached
    void enter(ResponseSink *sink, const std::function<void()> &start);
    void release();
    void wakeWaiting();  // a slot freed: every loop's gate starts what waits there
    void startWaiting();
    void expireWaiting();
    void dropGone();
    void popQueue(std::deque<Waiting> &&rest);

    std::shared_ptr<Budget> m_budget;
    std::deque<Waiting> m_queue;
    QTimer *m_expiry;
};

} // namespace gb
