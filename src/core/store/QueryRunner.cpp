#include "store/QueryRunner.h"

#include "common/LogCategories.h"

#include <QPointer>

#include <atomic>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
std::atomic<int> g_serial{0};
}

QueryRunner::QueryRunner(DatabaseConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    m_thread.setObjectName(u"queries"_s);
}

QueryRunner::~QueryRunner()
{
    stop();
}

bool QueryRunner::isRunning() const
{
    return m_thread.isRunning() && m_worker;
}

Result<void> QueryRunner::start()
{
    if (isRunning())
        return {};
    m_thread.start();
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    Result<void> opened;
    QMetaObject::invokeMethod(
        m_worker,
        [this, &opened] {
            m_database = new Database(u"gembalance-queries-%1"_s.arg(g_serial.fetch_add(1)));
            opened = m_database->open(m_config);
        },
        Qt::BlockingQueuedConnection);
    if (!opened) {
        stop();
        return opened;
    }
    return {};
}

void QueryRunner::stop()
{
    if (!m_thread.isRunning())
        return;
    if (m_worker) {
        QMetaObject::invokeMethod(
            m_worker,
            [this] {
                delete std::exchange(m_database, nullptr);  // closed on its own thread
                delete m_worker;
            },
            Qt::BlockingQueuedConnection);
        m_worker = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

void QueryRunner::post(Job job, QObject *context, Done done)
{
    if (!m_worker) {
        QMetaObject::invokeMethod(context, [done] { done(QVariant()); }, Qt::QueuedConnection);
        return;
    }
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(m_worker, [this, job = std::move(job), guard, done = std::move(done)] {
        // ensureConnected: a MySQL server that restarted since the last job is reconnected
        // here, on the query thread, before the job sees an error.
        const QVariant result = m_database && m_database->ensureConnected() ? job(*m_database) : QVariant();
        if (guard)
            QMetaObject::invokeMethod(guard.data(), [guard, done, result] {
                if (guard)
                    done(result);
            }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

QVariant QueryRunner::run(Job job)
{
    Q_ASSERT(QThread::currentThread() != &m_thread);
    QVariant result;
    if (!m_worker)
        return result;
    QMetaObject::invokeMethod(
        m_worker, [this, &job, &result] {
            if (m_database && m_database->ensureConnected())
                result = job(*m_database);
        },
        Qt::BlockingQueuedConnection);
    return result;
}

} // namespace gb
