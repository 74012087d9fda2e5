#include "common/CollectingSink.h"

namespace gb {

void CollectingSink::begin(int status, const HttpHeaders &headers, qint64)
{
    if (m_begun || m_finished)
        return;
    m_begun = true;
    m_status = status;
    m_headers = headers;
}

void CollectingSink::write(const QByteArray &data)
{
    if (m_begun && !m_finished && !m_canceled)
        m_body += data;
}

void CollectingSink::end()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

void CollectingSink::abort()
{
    if (m_finished)
        return;
    m_aborted = true;
    m_finished = true;
    emit finished();
}

void CollectingSink::cancel()
{
    if (m_canceled || m_finished)
        return;
    m_canceled = true;
    emit canceled();
}

} // namespace gb
