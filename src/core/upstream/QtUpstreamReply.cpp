#include "upstream/QtUpstreamReply.h"

#include <QNetworkReply>

namespace gb {

QtUpstreamReply::QtUpstreamReply(QNetworkReply *reply, QString proxy, QObject *parent)
    : UpstreamReply(parent), m_reply(reply), m_proxy(std::move(proxy))
{
    connect(reply, &QNetworkReply::readyRead, this, &UpstreamReply::readyRead);
    connect(reply, &QNetworkReply::finished, this, &UpstreamReply::finished);
}

QtUpstreamReply::~QtUpstreamReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
    }
}

int QtUpstreamReply::status() const
{
    return m_reply ? m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
}

QByteArray QtUpstreamReply::contentType() const
{
    return m_reply ? m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray() : QByteArray();
}

qint64 QtUpstreamReply::bytesAvailable() const
{
    return m_reply ? m_reply->bytesAvailable() : 0;
}

QByteArray QtUpstreamReply::read(qint64 maxSize)
{
    return m_reply ? m_reply->read(maxSize) : QByteArray();
}

QByteArray QtUpstreamReply::readAll()
{
    return m_reply ? m_reply->readAll() : QByteArray();
}

void QtUpstreamReply::setReadBufferSize(qint64 size)
{
    if (m_reply)
        m_reply->setReadBufferSize(size);
}

bool QtUpstreamReply::isRunning() const
{
    return m_reply && m_reply->isRunning();
}

void QtUpstreamReply::abort()
{
    m_aborted = true;
    if (m_reply)
        m_reply->abort();
}

UpstreamReply::Error QtUpstreamReply::error() const
{
    if (!m_reply)
        return Error::Canceled;
    const QNetworkReply::NetworkError e = m_reply->error();
    if (e == QNetworkReply::NoError)
        return Error::None;
    // Qt reports its transfer (inactivity) timeout as a cancel; our own abort() is the other one.
    if (e == QNetworkReply::OperationCanceledError)
        return m_aborted ? Error::Canceled : Error::Timeout;
    if (e == QNetworkReply::TimeoutError)
        return Error::Timeout;
    if (e >= QNetworkReply::ProxyConnectionRefusedError && e <= QNetworkReply::UnknownProxyError)
        return Error::Proxy;
    return Error::Network;
}

QString QtUpstreamReply::errorString() const
{
    return m_reply ? m_reply->errorString() : QString();
}

QByteArray QtUpstreamReply::protocol() const
{
    if (!m_reply || m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isNull())
        return {};
    return m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? QByteArrayLiteral("HTTP/2")
                                                                                : QByteArrayLiteral("HTTP/1.1");
}

} // namespace gb
