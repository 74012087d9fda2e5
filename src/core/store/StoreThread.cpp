#include "store/StoreThread.h"

#include "common/LogCategories.h"
#include "settings/Settings.h"
#include "store/LogQueue.h"
#include "store/LogRetention.h"
#include "store/LogWriter.h"

#include <QMutexLocker>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gb {

StoreThread::StoreThread(DatabaseConfig config, const Clock *clock, QObject *parent)
    : QThread(parent), m_config(std::move(config)), m_clock(clock ? clock : &m_systemClock)
{
    setObjectName(u"store"_s);
}

StoreThread::~StoreThread()
{
    shutdown();
}

void StoreThread::run()
{
    KeyStateStore store(m_config, m_clock);
    store.setFlushIntervalMs(m_flushIntervalMs);
    Result<void> opened = store.open();
    std::unique_ptr<LogWriter> logs;
    if (opened && m_logQueue) {
        logs = std::make_unique<LogWriter>(m_config, m_logQueue, m_clock);
        opened = logs->open();
    }
    std::unique_ptr<LogRetention> retention;
    if (opened && m_retentionSettings) {
        retention = std::make_unique<LogRetention>(m_config, m_clock);
        opened = retention->open();
        if (opened) {
            Settings *settings = m_retentionSettings;
            LogRetention *r = retention.get();
            r->setPolicy(LogRetention::Policy::fromSettings(*settings->snapshot()));
            // Settings live on another thread: this runs queued, here.
            connect(settings, &Settings::changed, r,
                    [r, settings] { r->setPolicy(LogRetention::Policy::fromSettings(*settings->snapshot())); });
            r->setPaused(m_retentionPaused.load());
            r->start();  // the start-up run goes once exec() turns
        }
    }
    {
        QMutexLocker lock(&m_mutex);
        m_openResult = opened;
        m_store = opened ? &store : nullptr;
        m_logWriter = opened ? logs.get() : nullptr;
        m_retention = opened ? retention.get() : nullptr;
        m_finalStats = store.stats();
        m_openDone = true;
        m_opened.wakeAll();
    }
    if (!opened)
        return;
    exec();
    {
        QMutexLocker lock(&m_mutex);
        m_logWriter = nullptr;
        m_retention = nullptr;
    }
    retention.reset();
    logs.reset();   // the last log batch, written before its connection closes
    store.close();  // the last flush, and the connection closed on its own thread
    QMutexLocker lock(&m_mutex);
    m_store = nullptr;
    m_finalStats = store.stats();
}

Result<void> StoreThread::open()
{
    Q_ASSERT(QThread::currentThread() != this);
    if (isRunning())
        return Result<void>::failure(u"the database thread is running already"_s);
    {
        QMutexLocker lock(&m_mutex);
        m_openDone = false;
    }
    start();
    QMutexLocker lock(&m_mutex);
    while (!m_openDone)
        m_opened.wait(&m_mutex);
    const Result<void> result = m_openResult;
    lock.unlock();
    if (!result)
        wait();  // run() has returned
    return result;
}

void StoreThread::shutdown()
{
    Q_ASSERT(QThread::currentThread() != this);
    if (!isRunning())
        return;
    flush();  // runs after every save() queued before it: same receiver, same queue
    quit();
    wait();
}

KeyStateStore *StoreThread::keyStates() const
{
    QMutexLocker lock(&m_mutex);
    return m_store;
}

KeyStateStore::Stats StoreThread::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_store ? m_store->stats() : m_finalStats;
}

bool StoreThread::flush()
{
    Q_ASSERT(QThread::currentThread() != this);
    KeyStateStore *store = keyStates();
    if (!store)
        return false;
    bool ok = false;
    QMetaObject::invokeMethod(
        store,
        [this, store, &ok] {
            ok = store->flush();
            if (m_logWriter)  // read on this thread, which alone changes it after open()
                ok = m_logWriter->flush() && ok;
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

void StoreThread::setLogRetentionPaused(bool paused)
{
    m_retentionPaused.store(paused);
    QMutexLocker lock(&m_mutex);
    if (m_retention)
        m_retention->setPaused(paused);
}

Result<QList<KeyState>> StoreThread::loadKeyStates(const QStringList &configuredKeys)
{
    using R = Result<QList<KeyState>>;
    Q_ASSERT(QThread::currentThread() != this);
    KeyStateStore *store = keyStates();
    if (!store)
        return R::failure(u"the database thread is not running"_s);

    QList<QPair<QString, QString>> configured;  // (key id, key), configured order
    QSet<QString> ids;
    configured.reserve(configuredKeys.size());
    for (const QString &key : configuredKeys) {
        if (key.isEmpty())
            continue;
        const QString id = KeyStateStore::keyId(key);
        if (!ids.contains(id)) {
            ids.insert(id);
            configured.append({id, key});
        }
    }

    Result<QHash<QString, KeyState>> loaded = QHash<QString, KeyState>();
    QMetaObject::invokeMethod(
        store,
        [&] {
            store->prune(KeyStateStore::kPruneAgeMs, ids);  // a failure is logged; loading goes on
            loaded = store->loadAll();
        },
        Qt::BlockingQueuedConnection);
    if (!loaded)
        return R::failure(loaded.error());

    QList<KeyState> states;
    const QHash<QString, KeyState> &stored = loaded.value();
    for (const auto &[id, key] : std::as_const(configured)) {
        auto it = stored.constFind(id);
        if (it == stored.constEnd())
            continue;
        KeyState s = *it;
        s.key = key;
        states.append(std::move(s));
    }
    qCInfo(lcStore) << "key states:" << states.size() << "of" << configured.size() << "configured keys restored,"
                    << stored.size() << "stored";
    return states;
}

} // namespace gb
