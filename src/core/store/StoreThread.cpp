#include "store/StoreThread.h"

#include "common/LogCategories.h"

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
    const Result<void> opened = store.open();
    {
        QMutexLocker lock(&m_mutex);
        m_openResult = opened;
        m_store = opened ? &store : nullptr;
        m_finalStats = store.stats();
        m_openDone = true;
        m_opened.wakeAll();
    }
    if (!opened)
        return;
    exec();
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
    QMetaObject::invokeMethod(store, [store, &ok] { ok = store->flush(); }, Qt::BlockingQueuedConnection);
    return ok;
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
