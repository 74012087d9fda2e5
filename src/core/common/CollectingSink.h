#pragma once

#include "common/ResponseSink.h"

namespace gb {

// A ResponseSink that keeps the response in memory: for internal calls that reuse the
// relay (model list pages, key checks) and for tests.
class CollectingSink final : public ResponseSink
{
    Q_OBJECT
public:
    using ResponseSink::ResponseSink;

    void begin(int status, const HttpHeaders &headers, qint64 contentLength) override;
    void write(const QByteArray &data) override;
    void end() override;
    void abort() override;

    bool hasBegun() const override { return m_begun; }
    bool isFinished() const override { return m_finished; }
    bool isCanceled() const override { return m_canceled; }
    qint64 pendingBytes() const override { return 0; }

    // Simulates the client going away (for tests).
    void cancel();

    int status() const { return m_status; }
    const HttpHeaders &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }
    bool wasAborted() const { return m_aborted; }

signals:
    void finished();

private:
    int m_status = 0;
    HttpHeaders m_headers;
    QByteArray m_body;
    bool m_begun = false;
    bool m_finished = false;
    bool m_aborted = false;
    bool m_canceled = false;
};

} // namespace gb
