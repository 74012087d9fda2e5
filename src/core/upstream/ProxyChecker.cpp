#include "upstream/ProxyChecker.h"

#include "common/LogCategories.h"
#include "upstream/ProxyUrl.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
struct CheckRun
{
    QList<ProxyCheckResult> results;
    int pending = 0;
    ProxyChecker::Done done;
};
} // namespace

ProxyChecker::ProxyChecker(QObject *parent) : QObject(parent) {}

void ProxyChecker::check(const QStringList &proxies, const QUrl &target, int timeoutMs, Done done)
{
    auto run = std::make_shared<CheckRun>();
    run->done = std::move(done);
    run->pending = int(proxies.size());
    for (const QString &proxy : proxies)
        run->results.append(ProxyCheckResult{redactedProxyUrl(proxy), false, 0, 0, {}});
    if (proxies.isEmpty()) {
        run->done(run->results);
        return;
    }
    for (qsizetype i = 0; i < proxies.size(); ++i) {
        // One manager per proxy: Qt sets proxies per manager, and a fresh one shares no
        // connection with the relay's pool, so the check really goes through the proxy.
        auto *nam = new QNetworkAccessManager(this);
        nam->setProxy(networkProxyFromUrl(proxies.at(i)));
        QNetworkRequest request(target);
        request.setTransferTimeout(timeoutMs);
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        QNetworkReply *reply = nam->get(request);
        connect(reply, &QNetworkReply::finished, this, [run, i, reply, nam, timer] {
            ProxyCheckResult &r = run->results[i];
            r.elapsedMs = int(timer->elapsed());
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            if (status.isValid()) {
                r.available = true;
                r.httpStatus = status.toInt();
            } else {
                r.error = reply->error() == QNetworkReply::OperationCanceledError ? u"timed out"_s : reply->errorString();
            }
            qCDebug(lcUpstream).noquote() << "proxy check" << r.proxy << (r.available ? "ok" : "failed:") << r.error;
            reply->deleteLater();
            nam->deleteLater();
            if (--run->pending == 0)
                run->done(run->results);
        });
    }
}

} // namespace gb
