#include "http/RequestForwarding.h"

#include "common/ResponseSink.h"

#include <QMutex>

#include <atomic>
#include <memory>

namespace gb {

namespace {

class ForwardedSink;

// What both ends share. A pointer is cleared under the mutex by its object's destructor
// (or destroyed() signal), and calls are posted to an end only under the mutex: an end in
// the link is alive while a call is posted to it, and Qt drops the call if it goes later.
struct Link
{
    QMutex mutex;
    ResponseSink *client = nullptr;     // the client's thread
    ForwardedSink *handled = nullptr;   // the handler's thread
    std::atomic<bool> finished{false};  // the handler called end() or abort()
    std::atomic<bool> canceled{false};  // the client went (or its sink did) before that
    std::atomic<qint64> inTransit{0};   // written by the handler, not yet given to the client's sink
    std::atomic<qint64> clientPending{0};

    template <typename F>
    void toClient(F call)
    {
        QMutexLocker lock(&mutex);
        if (ResponseSink *c = client)
            QMetaObject::invokeMethod(c, [c, call = std::move(call)] { call(c); }, Qt::QueuedConnection);
    }
    template <typename F>
    void toHandled(F call);
};

class ForwardedSink : public ResponseSink
{
public:
    ForwardedSink(std::shared_ptr<Link> link, QObject *parent) : ResponseSink(parent), m_link(std::move(link))
    {
        QMutexLocker lock(&m_link->mutex);
        m_link->handled = this;
    }
    ~ForwardedSink() override
    {
        {
            QMutexLocker lock(&m_link->mutex);
            m_link->handled = nullptr;
        }
        if (!m_link->finished.exchange(true))  // dropped unanswered (its handler went): cut the response
            m_link->toClient([](ResponseSink *c) { c->abort(); });
    }

    void begin(int status, const HttpHeaders &headers, qint64 contentLength) override
    {
        if (m_begun || m_link->finished)
            return;
        m_begun = true;
        m_link->toClient([status, headers, contentLength](ResponseSink *c) { c->begin(status, headers, contentLength); });
    }
    void write(const QByteArray &data) override
    {
        if (!m_begun || m_link->finished || data.isEmpty())
            return;
        m_link->inTransit += data.size();
        m_link->toClient([link = m_link.get(), data](ResponseSink *c) {
            link->inTransit -= data.size();
            c->write(data);
            link->clientPending = c->pendingBytes();
        });
    }
    void end() override { finish([](ResponseSink *c) { c->end(); }); }
    void abort() override { finish([](ResponseSink *c) { c->abort(); }); }

    bool hasBegun() const override { return m_begun; }
    bool isFinished() const override { return m_link->finished; }
    bool isCanceled() const override { return m_link->canceled; }
    qint64 pendingBytes() const override { return m_link->inTransit + m_link->clientPending; }

private:
    template <typename F>
    void finish(F call)
    {
        if (m_link->finished.exchange(true))
            return;
        m_link->toClient(call);
        deleteLater();
    }

    std::shared_ptr<Link> m_link;
    bool m_begun = false;
};

template <typename F>
void Link::toHandled(F call)
{
    QMutexLocker lock(&mutex);
    if (ForwardedSink *h = handled)
        QMetaObject::invokeMethod(h, [h, call = std::move(call)] { call(h); }, Qt::QueuedConnection);
}

// The client's side is gone before the handler finished: tell the handler, once.
void cancelHandled(const std::shared_ptr<Link> &link)
{
    if (link->finished || link->canceled.exchange(true))
        return;
    link->toHandled([](ForwardedSink *h) {
        emit h->canceled();
        h->deleteLater();
    });
}

} // namespace

void forwardRequest(HttpRequest &&request, ResponseSink *client, QObject *context, ForwardedHandler handler)
{
    auto link = std::make_shared<Link>();
    link->client = client;
    QObject::connect(client, &ResponseSink::canceled, client, [link] { cancelHandled(link); });
    QObject::connect(client, &ResponseSink::drained, client, [link, client] {
        link->clientPending = client->pendingBytes();
        link->toHandled([](ForwardedSink *h) { emit h->drained(); });
    });
    QObject::connect(client, &QObject::destroyed, [link] {
        {
            QMutexLocker lock(&link->mutex);
            link->client = nullptr;
        }
        cancelHandled(link);
    });
    // Aborts the client's response if the handler never gets the request (its context went).
    struct Delivery
    {
        std::shared_ptr<Link> link;
        bool delivered = false;
        ~Delivery()
        {
            if (!delivered && !link->finished.exchange(true))
                link->toClient([](ResponseSink *c) { c->abort(); });
        }
    };
    auto delivery = std::make_shared<Delivery>();
    delivery->link = link;
    QMetaObject::invokeMethod(
        context,
        [delivery, context, request = std::move(request), handler = std::move(handler)]() mutable {
            delivery->delivered = true;
            if (delivery->link->canceled)
                return;
            handler(std::move(request), new ForwardedSink(delivery->link, context));
        },
        Qt::QueuedConnection);
}

} // namespace gb
