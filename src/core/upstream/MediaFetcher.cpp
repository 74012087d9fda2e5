#include "upstream/MediaFetcher.h"

#include "common/LogCategories.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
struct Batch
{
    QHash<QString, FetchedMedia> media;
    int pending = 0;
    QString error;
    MediaFetcher::Done done;
    QList<QPointer<QNetworkReply>> replies;
};
} // namespace

MediaFetcher::MediaFetcher(QObject *parent) : QObject(parent), m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    m_nam->setAutoDeleteReplies(true);
}

void MediaFetcher::setLimits(int timeoutMs, qint64 maxBytes)
{
    m_timeoutMs = timeoutMs;
    m_maxBytes = maxBytes;
}

QByteArray MediaFetcher::sniffMimeType(const QByteArray &d)
{
    if (d.startsWith("\x89PNG\r\n\x1a\n"))
        return "image/png";
    if (d.startsWith("\xff\xd8\xff"))
        return "image/jpeg";
    if (d.startsWith("GIF87a") || d.startsWith("GIF89a"))
        return "image/gif";
    if (d.size() >= 12 && d.startsWith("RIFF") && d.mid(8, 4) == "WEBP")
        return "image/webp";
    if (d.size() >= 12 && d.startsWith("RIFF") && d.mid(8, 4) == "WAVE")
        return "audio/wav";
    if (d.startsWith("%PDF-"))
        return "application/pdf";
    if (d.size() >= 12 && d.mid(4, 4) == "ftyp")
        return d.mid(8, 4).startsWith("heic") ? "image/heic" : "video/mp4";
    if (d.startsWith("ID3") || d.startsWith("\xff\xfb"))
        return "audio/mpeg";
    return {};
}

void MediaFetcher::fetch(const QStringList &urls, Done done)
{
    if (urls.isEmpty()) {
        done(QHash<QString, FetchedMedia>{});
        return;
    }
    auto batch = std::make_shared<Batch>();
    batch->done = std::move(done);
    batch->pending = int(urls.size());
    const auto finishOne = [batch](const QString &error) {
        if (!error.isEmpty() && batch->error.isEmpty()) {
            batch->error = error;
            for (const QPointer<QNetworkReply> &r : std::as_const(batch->replies))
                if (r && r->isRunning())
                    r->abort();  // one failure fails the request: stop the others
        }
        if (--batch->pending > 0 || !batch->done)
            return;
        const Done cb = std::exchange(batch->done, {});
        if (batch->error.isEmpty())
            cb(batch->media);
        else
            cb(Result<QHash<QString, FetchedMedia>>::failure(batch->error));
    };

    for (const QString &url : urls) {
        QNetworkRequest request{QUrl(url)};
        request.setTransferTimeout(m_timeoutMs);
        request.setMaximumRedirectsAllowed(5);
        request.setRawHeader("Accept", "image/*, audio/*, video/*, application/pdf, */*;q=0.5");
        QNetworkReply *reply = m_nam->get(request);
        batch->replies.append(reply);
        const qint64 maxBytes = m_maxBytes;
        connect(reply, &QNetworkReply::downloadProgress, reply, [reply, maxBytes](qint64 received, qint64 total) {
            if (received > maxBytes || total > maxBytes) {
                reply->setProperty("gbTooLarge", true);
                reply->abort();
            }
        });
        connect(reply, &QNetworkReply::finished, this, [reply, url, batch, finishOne, maxBytes] {
            if (!batch->error.isEmpty()) {
                finishOne({});
                return;
            }
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->property("gbTooLarge").toBool()) {
                finishOne(u"could not fetch %1: larger than %2 MB"_s.arg(url).arg(maxBytes / (1024 * 1024)));
                return;
            }
            if (reply->error() == QNetworkReply::OperationCanceledError) {
                finishOne(u"could not fetch %1: no answer in time"_s.arg(url));
                return;
            }
            if (reply->error() != QNetworkReply::NoError || status < 200 || status >= 300) {
                const QString why = status >= 300 ? u"HTTP %1"_s.arg(status) : reply->errorString();
                finishOne(u"could not fetch %1: %2"_s.arg(url, why));
                return;
            }
            const QByteArray data = reply->readAll();
            QByteArray mime = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().split(';').value(0).trimmed();
            if (mime.isEmpty() || mime == "application/octet-stream" || mime == "binary/octet-stream")
                mime = sniffMimeType(data);
            if (mime.isEmpty()) {
                finishOne(u"could not tell what %1 is (no content type)"_s.arg(url));
                return;
            }
            batch->media.insert(url, FetchedMedia{mime, data.toBase64()});
            finishOne({});
        });
    }
}

} // namespace gb
