#pragma once

#include "common/Result.h"
#include "translate/ChatRequestTranslator.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

class QNetworkAccessManager;

namespace gb {

// Downloads the images/files an OpenAI client referenced by http(s) URL, all at once and
// asynchronously (never on the request path's thread in a blocking way), each with a
// timeout and a size cap, keeping the real MIME type (from the response, or sniffed from
// the bytes when the server says nothing useful).
class MediaFetcher : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const Result<QHash<QString, FetchedMedia>> &result)>;

    explicit MediaFetcher(QObject *parent = nullptr);

    void setLimits(int timeoutMs, qint64 maxBytes);
    void fetch(const QStringList &urls, Done done);

    // "image/png" etc. from magic bytes; empty when unknown.
    static QByteArray sniffMimeType(const QByteArray &data);

private:
    QNetworkAccessManager *m_nam;
    int m_timeoutMs = 20'000;
    qint64 m_maxBytes = 20 * 1024 * 1024;  // Gemini's inline data limit
};

} // namespace gb
