#include "common/WriteBatch.h"

#include <QAbstractSocket>

namespace gb {

void WriteBatch::flush()
{
    // A flush may run signal handlers (a write error closes the socket) that write to, or
    // remove, other sockets: one socket at a time off the list, the depth held so that
    // what they add joins this loop instead of starting another.
    ++m_depth;
    while (!m_sockets.isEmpty()) {
        QAbstractSocket *socket = m_sockets.takeFirst();
        if (socket->bytesToWrite() > 0)
            socket->flush();
    }
    --m_depth;
}

} // namespace gb
