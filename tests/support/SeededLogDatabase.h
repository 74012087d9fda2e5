#pragma once

#include "TestDatabases.h"
#include "store/LogQueue.h"
#include "store/LogRecords.h"
#include "store/QueryRunner.h"

#include <memory>

namespace gb {
class LogWriter;
}

namespace gb::test {

// A migrated scratch database that tests fill through the real request/error log write
// path (LogQueue -> LogWriter on the test's thread), with a started QueryRunner on it as
// the application reads it. SQLite unless told otherwise.
class SeededLogDatabase
{
public:
    explicit SeededLogDatabase(const QString &backend = QStringLiteral("sqlite"));
    ~SeededLogDatabase();

    // Empty when everything is ready, else what went wrong.
    const QString &error() const { return m_error; }
    QueryRunner *queries() const { return m_queries.get(); }
    const DatabaseConfig &config() const { return m_scratch->config(); }

    // A request-log entry with what the charts read; the hint is made from the key.
    static RequestLogEntry call(qint64 timeMs, const QString &key, const QString &model, int status, int latencyMs,
                                int promptTokens = 0, int completionTokens = 0, int thoughtTokens = 0);
    static ErrorLogEntry failure(qint64 timeMs, const QString &key, const QString &model, const QString &type, int code,
                                 const QString &upstreamText, const QByteArray &requestBody = {});

    void record(const RequestLogEntry &entry);
    void recordError(const ErrorLogEntry &entry);
    // Writes what was recorded; false when the writer could not.
    bool flush();

private:
    QString m_error;
    std::unique_ptr<ScratchDatabase> m_scratch;
    std::shared_ptr<LogQueue> m_queue;
    std::unique_ptr<LogWriter> m_writer;
    std::unique_ptr<QueryRunner> m_queries;
};

} // namespace gb::test
