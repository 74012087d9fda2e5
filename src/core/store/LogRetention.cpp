#include "store/LogRetention.h"

#include "common/Clock.h"
#include "common/LogCategories.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QTimer>

#include <atomic>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

std::atomic<int> g_connectionSerial{0};

struct Table
{
    QString name;
    QString timeColumn;
    QString label;
    qint64 msPerUnit;  // the time column counts epoch ms (1) or epoch minutes (60000)
};

const Table &tableOf(int index)
{
    static const Table tables[] = {
        {u"t_error_logs"_s, u"request_ms"_s, u"error log"_s, 1},
        {u"t_request_log"_s, u"request_ms"_s, u"request log"_s, 1},
        {u"gb_counters_minute"_s, u"minute"_s, u"per-minute counters"_s, 60'000},
    };
    return tables[qBound(0, index, 2)];
}

} // namespace

LogRetention::Policy LogRetention::Policy::fromSettings(const SettingsValues &s)
{
    Policy p;
    p.errorLogs = s.autoDeleteErrorLogsEnabled;
    p.errorLogDays = s.autoDeleteErrorLogsDays;
    p.requestLogs = s.autoDeleteRequestLogsEnabled;
    p.requestLogDays = s.autoDeleteRequestLogsDays;
    p.timezone = s.timezone;
    return p;
}

LogRetention::LogRetention(DatabaseConfig config, const Clock *clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock), m_timer(new QTimer(this))
{
    qRegisterMetaType<gb::LogRetention::Outcome>();
    if (!m_clock) {
        m_ownClock = std::make_unique<SystemClock>();
        m_clock = m_ownClock.get();
    }
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &LogRetention::scheduled);
}

LogRetention::~LogRetention()
{
    close();
}

Result<void> LogRetention::open()
{
    if (m_db)
        return {};
    m_db = std::make_unique<Database>(u"gembalance-retention-%1"_s.arg(g_connectionSerial.fetch_add(1)));
    if (auto r = m_db->open(m_config); !r) {
        m_db.reset();
        return r;
    }
    return {};
}

void LogRetention::close()
{
    m_timer->stop();
    m_running.clear();
    m_db.reset();
}

void LogRetention::setPolicy(const Policy &policy)
{
    const bool rearm = policy.timezone != m_policy.timezone;
    m_policy = policy;
    if (rearm && m_timer->isActive())
        armTimer();
}

qint64 LogRetention::nextMidnightMs(qint64 nowMs, const QString &timezone)
{
    QTimeZone zone = timezone.isEmpty() ? QTimeZone::systemTimeZone() : QTimeZone(timezone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::systemTimeZone();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, zone);
    qint64 next = QDateTime(now.date().addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
    if (next <= nowMs)  // a zone whose midnight was skipped by a DST change: the day after
        next = QDateTime(now.date().addDays(2), QTime(0, 0), zone).toMSecsSinceEpoch();
    return next;
}

void LogRetention::armTimer()
{
    const qint64 now = m_clock->nowMs();
    const qint64 wait = nextMidnightMs(now, m_policy.timezone) - now;
    m_timer->start(int(qBound<qint64>(1000, wait, 2 * kDayMs)));
}

void LogRetention::start()
{
    armTimer();
    scheduled();
}

QList<LogRetention::Task> LogRetention::tasksDue() const
{
    const qint64 now = m_clock->nowMs();
    QList<Task> tasks;
    if (m_policy.errorLogs && m_policy.errorLogDays > 0)
        tasks.append({0, now - qint64(m_policy.errorLogDays) * kDayMs});
    if (m_policy.requestLogs && m_policy.requestLogDays > 0)
        tasks.append({1, now - qint64(m_policy.requestLogDays) * kDayMs});
    tasks.append({2, now - qint64(kCounterDays) * kDayMs});
    return tasks;
}

Result<int> LogRetention::deleteBatch(const Task &task)
{
    if (!m_db)
        return Result<int>::failure(u"the retention job has no database connection"_s);
    const Table &t = tableOf(task.table);
    // SQLite has no DELETE ... LIMIT in its default build: delete by rowid through a subquery.
    const QString sql = m_db->dialect() == u"mysql"_s
        ? u"DELETE FROM %1 WHERE %2 < ? LIMIT %3"_s.arg(t.name, t.timeColumn).arg(kBatchRows)
        : u"DELETE FROM %1 WHERE rowid IN (SELECT rowid FROM %1 WHERE %2 < ? LIMIT %3)"_s.arg(t.name, t.timeColumn)
              .arg(kBatchRows);
    QSqlQuery q(m_db->handle());
    if (!q.prepare(sql))
        return Result<int>::failure(u"%1: %2"_s.arg(t.label, q.lastError().text()));
    q.addBindValue(task.cutoffMs / t.msPerUnit);
    if (!q.exec())
        return Result<int>::failure(u"%1: %2"_s.arg(t.label, q.lastError().text()));
    return int(q.numRowsAffected());
}

LogRetention::Outcome LogRetention::runNow()
{
    Outcome out;
    for (const Task &task : tasksDue()) {
        // Bounded: a table cannot hold more than this many batches of old rows in practice;
        // if it does, the next run goes on.
        for (int i = 0; i < 100'000; ++i) {
            const Result<int> r = deleteBatch(task);
            if (!r) {
                qCWarning(lcStore).noquote() << "retention:" << r.error();
                out.ok = false;
                break;
            }
            (task.table == 0 ? out.errorRows : task.table == 1 ? out.requestRows : out.counterRows) += r.value();
            if (r.value() < kBatchRows)
                break;
        }
    }
    emit finished(out);
    return out;
}

void LogRetention::scheduled()
{
    if (!m_timer->isActive())
        armTimer();  // the daily timer fired: the next midnight
    if (m_paused.load()) {
        qCInfo(lcStore) << "retention: paused, this run is skipped";
        return;
    }
    if (!m_running.isEmpty())
        return;  // the previous run is still going
    m_running = tasksDue();
    m_outcome = {};
    QMetaObject::invokeMethod(this, &LogRetention::step, Qt::QueuedConnection);
}

void LogRetention::step()
{
    if (m_running.isEmpty())
        return;
    const Task task = m_running.constFirst();
    const Result<int> r = deleteBatch(task);
    if (!r) {
        qCWarning(lcStore).noquote() << "retention:" << r.error();
        m_outcome.ok = false;
        m_running.removeFirst();
    } else {
        (task.table == 0 ? m_outcome.errorRows : task.table == 1 ? m_outcome.requestRows : m_outcome.counterRows) +=
            r.value();
        if (r.value() < kBatchRows)
            m_running.removeFirst();
    }
    if (!m_running.isEmpty()) {
        QMetaObject::invokeMethod(this, &LogRetention::step, Qt::QueuedConnection);
        return;
    }
    if (m_outcome.errorRows + m_outcome.requestRows + m_outcome.counterRows > 0)
        qCInfo(lcStore) << "retention: deleted" << m_outcome.errorRows << "error log rows," << m_outcome.requestRows
                        << "request log rows," << m_outcome.counterRows << "counter rows";
    emit finished(m_outcome);
}

} // namespace gb
