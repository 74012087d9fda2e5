#include "ThreadedProxy.h"

#include "ProxyService.h"

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace gb::test {

ThreadedProxy::ThreadedProxy(SettingsValues values, const QHash<QString, SettingSource> &sources)
{
    if (!fake.start())
        return;
    values.baseUrl = fake.baseUrl().toString();
    settings = std::make_unique<Settings>(values, sources);
    proxy = new ProxyService(settings.get());
    proxy->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, proxy, &QObject::deleteLater);
    thread.start();
    QMetaObject::invokeMethod(proxy, [this] {
        ready = proxy->start(QHostAddress(QHostAddress::LocalHost), 0);
        m_port = proxy->port();
    }, Qt::BlockingQueuedConnection);
}

ThreadedProxy::~ThreadedProxy()
{
    stop();
}

void ThreadedProxy::stop()
{
    if (!thread.isRunning())
        return;
    QMetaObject::invokeMethod(proxy, [this] { proxy->stop(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
}

ThreadedProxy::Reply ThreadedProxy::call(const QByteArray &verb, const QString &pathAndQuery, const QString &token,
                                         const QByteArray &body, int timeoutMs)
{
    QMetaObject::invokeMethod(proxy, [this] { m_port = proxy->port(); }, Qt::BlockingQueuedConnection);
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(pathAndQuery)));
    request.setRawHeader("x-goog-api-key", token.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QBuffer upload;
    upload.setData(body);
    QNetworkReply *reply = nam.sendCustomRequest(request, verb, &upload);
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply out;
    if (reply->isFinished()) {
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
    } else {
        reply->abort();
    }
    delete reply;
    return out;
}

} // namespace gb::test
