#include "SeededLogDatabase.h"

#include "common/Redact.h"
#include "store/Database.h"
#include "store/KeyStateStore.h"
#include "store/LogWriter.h"

using namespace Qt::StringLiterals;

namespace gb::test {

SeededLogDatabase::SeededLogDatabase(const QString &backend) : m_queue(std::make_shared<LogQueue>())
{
    m_scratch = TestBackends::create(backend, &m_error);
    if (!m_scratch)
        return;
    {
        Database db(u"seeded-migrate"_s);
        if (auto r = db.open(m_scratch->config()); !r) {
            m_error = r.error();
            return;
        }
        if (auto r = db.migrate(); !r) {
            m_error = r.error();
            return;
        }
    }
    m_writer = std::make_unique<LogWriter>(m_scratch->config(), m_queue);
    if (auto r = m_writer->open(); !r) {
        m_error = r.error();
        return;
    }
    m_queries = std::make_unique<QueryRunner>(m_scratch->config());
    if (auto r = m_queries->start(); !r)
        m_error = r.error();
}

SeededLogDatabase::~SeededLogDatabase()
{
    if (m_queries)
        m_queries->stop();
    m_writer.reset();
}

RequestLogEntry SeededLogDatabase::call(qint64 timeMs, const QString &key, const QString &model, int status,
                                        int latencyMs, int promptTokens, int completionTokens, int thoughtTokens)
{
    RequestLogEntry e;
    e.timeMs = timeMs;
    e.model = model;
    e.keyId = KeyStateStore::keyId(key);
    e.keyHint = redact::secret(key);
    e.statusCode = status;
    e.success = status >= 200 && status < 300;
    e.latencyMs = latencyMs;
    e.usage.known = promptTokens + completionTokens + thoughtTokens > 0;
    e.usage.prompt = promptTokens;
    e.usage.candidates = completionTokens;
    e.usage.thoughts = thoughtTokens;
    e.usage.total = promptTokens + completionTokens + thoughtTokens;
    e.operation = u"gemini-chat-non-stream"_s;
    return e;
}

ErrorLogEntry SeededLogDatabase::failure(qint64 timeMs, const QString &key, const QString &model, const QString &type,
                                         int code, const QString &upstreamText, const QByteArray &requestBody)
{
    ErrorLogEntry e;
    e.timeMs = timeMs;
    e.keyId = KeyStateStore::keyId(key);
    e.keyHint = redact::secret(key);
    e.model = model;
    e.errorType = type;
    e.errorCode = code;
    e.errorLog = upstreamText;
    e.requestBody = requestBody;
    return e;
}

void SeededLogDatabase::record(const RequestLogEntry &entry)
{
    m_queue->record(entry);
}

void SeededLogDatabase::recordError(const ErrorLogEntry &entry)
{
    m_queue->recordError(entry);
}

bool SeededLogDatabase::flush()
{
    return m_writer && m_writer->flush();
}

} // namespace gb::test
