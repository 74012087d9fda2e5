#include "store/LogWriter.h"

#include "common/Clock.h"
#include "common/LogCategories.h"
#include "common/Redact.h"
#include "store/SqliteRequestInsert.h"
#include "store/UtcText.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTimer>

#include <array>
#include <atomic>
#include <map>
#include <tuple>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

std::atomic<int> g_connectionSerial{0};


// Parameters are named (":r12c3"), never "?": Qt 6.4 names every positional parameter again on
// each bind (QString::arg plus a hash insert, several thousand instructions), which made binding
// the largest single cost of a relayed request. Binding a name made once is one hash lookup.
const QString &requestParam(int row, int column)
{
    static const QStringList names = [] {
        QStringList n;
        n.reserve(LogWriter::kRowsPerInsert * kRequestLogColumns);
        for (int r = 0; r < LogWriter::kRowsPerInsert; ++r)
            for (int c = 0; c < kRequestLogColumns; ++c)
                n.append(u":r%1c%2"_s.arg(r).arg(c));
        return n;
    }();
    return names.at(row * kRequestLogColumns + column);
}

constexpr int kCounterColumns = 3 + 6 + LogWriter::kLatencyBuckets;

const QString &counterParam(int column)
{
    static const QStringList names = [] {
        QStringList n;
        for (int c = 0; c < kCounterColumns; ++c)
            n.append(u":c%1"_s.arg(c));
        return n;
    }();
    return names.at(column);
}

QString requestInsertSql(int rows)
{
    QStringList tuples;
    tuples.reserve(rows);
    for (int r = 0; r < rows; ++r) {
        QStringList params;
        for (int c = 0; c < kRequestLogColumns; ++c)
            params.append(requestParam(r, c));
        tuples.append(u"("_s + params.join(u", "_s) + u")"_s);
    }
    return QLatin1StringView(kRequestLogInsertHead) + tuples.join(u", "_s);
}

QString counterUpsertSql(const QString &dialect)
{
    QStringList columns{u"requests"_s, u"failures"_s, u"prompt_tokens"_s, u"completion_tokens"_s,
                        u"thought_tokens"_s, u"latency_ms_sum"_s};
    for (int i = 0; i < LogWriter::kLatencyBuckets; ++i)
        columns.append(u"lat_b%1"_s.arg(i));
    QString sql = u"INSERT INTO gb_counters_minute (minute, key_id, model_name, "_s + columns.join(u", "_s)
                + u") VALUES ("_s;
    for (int c = 0; c < kCounterColumns; ++c)
        sql += (c > 0 ? u", "_s : QString()) + counterParam(c);
    sql += u")"_s;
    QStringList sets;
    for (const QString &c : std::as_const(columns))
        sets.append(dialect == u"mysql"_s ? u"%1 = %1 + VALUES(%1)"_s.arg(c) : u"%1 = %1 + excluded.%1"_s.arg(c));
    if (dialect == u"mysql"_s)
        sql += u" ON DUPLICATE KEY UPDATE "_s;
    else
        sql += u" ON CONFLICT (minute, key_id, model_name) DO UPDATE SET "_s;
    return sql + sets.join(u", "_s);
}

// NOT NULL text columns: a null QString would bind as NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QVariant tokens(const TokenUsage &u, int value)
{
    return u.known ? QVariant(value) : QVariant(QMetaType::fromType<int>());
}

// Binds one request row as row `row` of the statement.
void bindRequest(QSqlQuery &q, int row, const RequestLogEntry &e)
{
    int column = 0;
    auto bind = [&](const QVariant &value) { q.bindValue(requestParam(row, column++), value); };
    bind(utcDateTimeText(e.timeMs));
    bind(text(e.model));
    bind(text(e.keyHint));
    bind(e.success ? 1 : 0);
    bind(e.statusCode);
    bind(e.latencyMs);
    bind(e.timeMs);
    bind(text(e.keyId));
    bind(text(e.tokenId));
    bind(tokens(e.usage, e.usage.prompt));
    bind(tokens(e.usage, e.usage.candidates));
    bind(tokens(e.usage, e.usage.thoughts));
    bind(tokens(e.usage, e.usage.total));
    bind(e.stream ? 1 : 0);
    bind(e.attempt);
    bind(text(e.operation));
    Q_ASSERT(column == kRequestLogColumns);
}

struct Counter
{
    qint64 requests = 0;
    qint64 failures = 0;
    qint64 prompt = 0;
    qint64 completion = 0;
    qint64 thoughts = 0;
    qint64 latencySum = 0;
    std::array<qint64, LogWriter::kLatencyBuckets> buckets{};
};

using CounterKey = std::tuple<qint64, QString, QString>;  // minute, key id, model

} // namespace

LogWriter::LogWriter(DatabaseConfig config, std::shared_ptr<LogQueue> queue, const Clock *clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_queue(std::move(queue)), m_clock(clock),
      m_timer(new QTimer(this))
{
    if (!m_clock) {
        m_ownClock = std::make_unique<SystemClock>();
        m_clock = m_ownClock.get();
    }
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &LogWriter::drain);
}

LogWriter::~LogWriter()
{
    close();
}

int LogWriter::latencyBucket(qint64 latencyMs)
{
    if (latencyMs < 1)
        return 0;
    int bucket = 1;
    while (bucket < kLatencyBuckets - 1 && latencyMs >= (qint64(1) << bucket))
        ++bucket;
    return bucket;
}

void LogWriter::setIntervalMs(int ms)
{
    m_timer->setInterval(qMax(1, ms));
}

Result<void> LogWriter::open()
{
    if (m_db)
        return {};
    m_db = std::make_unique<Database>(u"gembalance-logs-%1"_s.arg(g_connectionSerial.fetch_add(1)));
    if (auto r = m_db->open(m_config); !r) {
        m_db.reset();
        return r;
    }
    if (auto r = prepare(); !r) {
        m_db.reset();
        return r;
    }
    // The wake-up runs on a recording thread: it only posts an event to this thread.
    m_queue->setWakeUp([this] { QMetaObject::invokeMethod(this, &LogWriter::drain, Qt::QueuedConnection); },
                       kWakeThreshold);
    m_timer->start();
    return {};
}

void LogWriter::close()
{
    if (!m_db)
        return;
    m_queue->setWakeUp({}, kWakeThreshold);  // before anything here can go away
    m_timer->stop();
    if (!flush())
        qCWarning(lcStore) << "request log: closing with entries that could not be written;" << m_queue->pending()
                           << "still queued";
    resetStatements();
    m_db.reset();
}

bool LogWriter::isOpen() const
{
    return m_db && m_db->isOpen();
}

Result<void> LogWriter::prepare()
{
    if (m_insertMany)
        return {};
    const QSqlDatabase db = m_db->handle();
    auto make = [&](const QString &sql) -> std::unique_ptr<QSqlQuery> {
        auto q = std::make_unique<QSqlQuery>(db);
        if (!q->prepare(sql))
            return nullptr;
        return q;
    };
    auto insertMany = make(requestInsertSql(kRowsPerInsert));
    auto insertOne = make(requestInsertSql(1));
    auto insertError = make(
        u"INSERT INTO t_error_logs (gemini_key, model_name, error_type, error_log, error_code, request_msg, "
        "request_time, request_ms, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    auto upsert = make(counterUpsertSql(m_db->dialect()));
    if (!insertMany || !insertOne || !insertError || !upsert) {
        const QString error = db.lastError().text();
        return Result<void>::failure(u"request log: cannot prepare the statements: %1"_s.arg(error));
    }
    m_insertMany = std::move(insertMany);
    m_insertOne = std::move(insertOne);
    m_insertError = std::move(insertError);
    m_upsertCounter = std::move(upsert);
    m_directInsert = SqliteRequestInsert::create(db);
    return {};
}

void LogWriter::resetStatements()
{
    m_directInsert.reset();
    m_insertMany.reset();
    m_insertOne.reset();
    m_insertError.reset();
    m_upsertCounter.reset();
}

void LogWriter::drain()
{
    if (!m_db)
        return;
    if (!m_retry.isEmpty() && !attempt(m_retry))
        return;  // still failing: newer entries wait in the queue (or are dropped when it is full)
    // A few batches per call, then back to the event loop so a flush or a shutdown request
    // is not held up behind a backlog; the wake-up or the timer brings us back.
    for (int i = 0; i < 4; ++i) {
        LogQueue::Batch batch = m_queue->take(kMaxBatch);
        if (batch.isEmpty())
            return;
        if (!attempt(batch))
            return;
    }
    if (m_queue->pending() > 0)
        QMetaObject::invokeMethod(this, &LogWriter::drain, Qt::QueuedConnection);
}

bool LogWriter::flush()
{
    if (!m_db)
        return m_retry.isEmpty() && m_queue->pending() == 0;
    const quint64 droppedBefore = m_batchesDropped;
    // Bounded: every round takes a batch out of the queue or spends one of a retry's tries.
    const int rounds = m_queue->pending() / kMaxBatch + kMaxTries + 2;
    for (int i = 0; i < rounds; ++i) {
        if (!m_retry.isEmpty()) {
            attempt(m_retry);
            continue;
        }
        LogQueue::Batch batch = m_queue->take(kMaxBatch);
        if (batch.isEmpty())
            break;
        attempt(batch);
    }
    return m_retry.isEmpty() && m_queue->pending() == 0 && m_batchesDropped == droppedBefore;
}

bool LogWriter::attempt(LogQueue::Batch &batch)
{
    QElapsedTimer timer;
    timer.start();
    const Result<void> r = write(batch);
    if (r) {
        m_queue->noteCommitted(batch.size(), m_clock->nowMs(), int(timer.elapsed()));
        if (&batch == &m_retry)
            m_retryTries = 0;
        batch = {};
        return true;
    }
    m_queue->noteFailed();
    reportError(r.error());
    if (&batch != &m_retry) {
        m_retry = std::move(batch);
        batch = {};
        m_retryTries = 0;
    }
    if (++m_retryTries >= kMaxTries) {
        qCWarning(lcStore).noquote() << "request log: dropping a batch of" << m_retry.size() << "entries after"
                                     << kMaxTries << "failed writes";
        m_queue->noteDropped(m_retry.size());
        ++m_batchesDropped;
        m_retry = {};
        m_retryTries = 0;
    }
    return false;
}

Result<void> LogWriter::write(const LogQueue::Batch &batch)
{
    if (auto r = prepare(); !r)
        return r;
    QSqlDatabase db = m_db->handle();
    auto failed = [&](const QString &what, const QSqlQuery *q) {
        const QString error = q ? q->lastError().text() : db.lastError().text();
        db.rollback();
        // A MySQL session that went away invalidates the prepared statements: prepare again.
        resetStatements();
        return Result<void>::failure(u"request log: %1 failed: %2"_s.arg(what, redact::secretsInText(error)));
    };
    if (!db.transaction())
        return failed(u"BEGIN"_s, nullptr);

    // Request rows: through SQLite's C API where it may be used, else kRowsPerInsert per
    // statement and the rest one by one.
    const qsizetype n = batch.requests.size();
    qsizetype i = 0;
    if (m_directInsert) {
        if (auto r = m_directInsert->insert(batch.requests); !r)
            return failed(u"INSERT t_request_log (%1)"_s.arg(r.error()), nullptr);
        i = n;
    }
    for (; i + kRowsPerInsert <= n; i += kRowsPerInsert) {
        for (qsizetype j = i; j < i + kRowsPerInsert; ++j)
            bindRequest(*m_insertMany, int(j - i), batch.requests[j]);
        if (!m_insertMany->exec())
            return failed(u"INSERT t_request_log"_s, m_insertMany.get());
    }
    for (; i < n; ++i) {
        bindRequest(*m_insertOne, 0, batch.requests[i]);
        if (!m_insertOne->exec())
            return failed(u"INSERT t_request_log"_s, m_insertOne.get());
    }

    for (const ErrorLogEntry &e : batch.errors) {
        QSqlQuery &q = *m_insertError;
        q.addBindValue(text(e.keyHint));
        q.addBindValue(text(e.model));
        q.addBindValue(text(e.errorType));
        q.addBindValue(text(e.errorLog));
        q.addBindValue(e.errorCode);
        q.addBindValue(e.requestBody.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                               : QVariant(QString::fromUtf8(e.requestBody)));
        q.addBindValue(utcDateTimeText(e.timeMs));
        q.addBindValue(e.timeMs);
        q.addBindValue(text(e.keyId));
        if (!q.exec())
            return failed(u"INSERT t_error_logs"_s, &q);
    }

    // The counters of this batch, one upsert per (minute, key, model).
    std::map<CounterKey, Counter> counters;
    for (const RequestLogEntry &e : batch.requests) {
        Counter &c = counters[CounterKey{minuteOf(e.timeMs), text(e.keyId), text(e.model)}];
        ++c.requests;
        if (!e.success)
            ++c.failures;
        if (e.usage.known) {
            c.prompt += e.usage.prompt;
            c.completion += e.usage.candidates;
            c.thoughts += e.usage.thoughts;
        }
        c.latencySum += qMax(0, e.latencyMs);
        ++c.buckets[size_t(latencyBucket(e.latencyMs))];
    }
    for (const auto &[key, c] : counters) {
        QSqlQuery &q = *m_upsertCounter;
        int column = 0;
        auto bind = [&](const QVariant &value) { q.bindValue(counterParam(column++), value); };
        bind(std::get<0>(key));
        bind(std::get<1>(key));
        bind(std::get<2>(key));
        for (qint64 v : {c.requests, c.failures, c.prompt, c.completion, c.thoughts, c.latencySum})
            bind(v);
        for (qint64 b : c.buckets)
            bind(b);
        if (!q.exec())
            return failed(u"UPSERT gb_counters_minute"_s, &q);
    }

    if (!db.commit())
        return failed(u"COMMIT"_s, nullptr);
    return {};
}

void LogWriter::reportError(const QString &error)
{
    const qint64 now = m_clock->nowMs();
    if (m_lastErrorLogMs != 0 && now - m_lastErrorLogMs < 10'000) {
        ++m_suppressedErrors;
        return;
    }
    m_lastErrorLogMs = now;
    if (m_suppressedErrors > 0)
        qCWarning(lcStore).noquote() << error << u"(and %1 more errors since the last report)"_s.arg(m_suppressedErrors);
    else
        qCWarning(lcStore).noquote() << error;
    m_suppressedErrors = 0;
}

} // namespace gb
