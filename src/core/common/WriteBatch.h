#pragma once

#include <QList>

class QAbstractSocket;

namespace gb {

// Qt hands what a socket is given to the kernel on the next event-loop pass (its write
// notifier). A proxy answers one socket's event with writes to other sockets: a client's
// request goes upstream, an upstream chunk goes to the client. Waiting for the next pass
// holds every one of them until the whole batch of events is handled (16 streams that
// start together all got their first event after the 16th request was relayed).
//
// Sockets written to inside a Scope are flushed when the outermost Scope ends, which is
// placed at the top of an event handler: there a write error, and the teardown it starts
// (signals, a canceled response), cannot land in the middle of the code that wrote.
// Sockets written to outside any Scope keep Qt's behaviour. One per thread; not thread-safe.
class WriteBatch
{
public:
    class Scope
    {
    public:
        explicit Scope(WriteBatch *batch) : m_batch(batch)
        {
            if (m_batch)
                ++m_batch->m_depth;
        }
        ~Scope()
        {
            if (m_batch && --m_batch->m_depth == 0 && !m_batch->m_sockets.isEmpty())
                m_batch->flush();
        }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        WriteBatch *m_batch;
    };

    // `socket` was written to. Inside a Scope it is flushed when the outermost one ends.
    void add(QAbstractSocket *socket)
    {
        if (m_depth > 0 && (m_sockets.isEmpty() || m_sockets.constLast() != socket))
            m_sockets.append(socket);
    }
    // `socket` is about to be deleted (or closed): it is not flushed.
    void remove(QAbstractSocket *socket) { m_sockets.removeAll(socket); }

    qsizetype pending() const { return m_sockets.size(); }

private:
    void flush();

    int m_depth = 0;
    QList<QAbstractSocket *> m_sockets;
};

} // namespace gb
