#pragma once

#include "upstream/UpstreamReply.h"

#include <QPointer>

class QNetworkReply;

namespace gb {

// An exchange carried by Qt's QNetworkAccessManager (HTTPS with HTTP/2, proxies). Owns
// the QNetworkReply.
class QtUpstreamReply final : public UpstreamReply
{
    Q_OBJECT
public:
    // `proxy`: where the reply goes through, as UpstreamPool::proxyOf() says.
    QtUpstreamReply(QNetworkReply *reply, QString proxy, QObject *parent = nullptr);
    ~QtUpstreamReply() override;

    int status() const override;
    QByteArray contentType() const override;
    qint64 bytesAvailable() const override;
    QByteArray read(qint64 maxSize) override;
    QByteArray readAll() override;
    void setReadBufferSize(qint64 size) override;
    bool isRunning() const override;
    void abort() override;
    Error error() const override;
    QString errorString() const override;
    QByteArray protocol() const override;
    QString proxy() const override { return m_proxy; }

private:
    QPointer<QNetworkReply> m_reply;
    QString m_proxy;
    bool m_aborted = false;
};

} // namespace gb
