#include "store/KeyStateStore.h"

#include "common/Clock.h"
#include "common/LogCategories.h"
#include "common/Redact.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <limits>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

std::atomic<int> g_connectionSerial{0};

// QtSql binds a null QString as NULL; the text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

qint64 toBigint(quint64 v)
{
    return v > quint64(std::numeric_limits<qint64>::max()) ? std::numeric_limits<qint64>::max() : qint64(v);
}

// Error texts and cooldown reasons come redacted from the pool; redact once more (the
// key itself and anything shaped like a key) so nothing secret reaches the file.
QString redacted(const QString &s, const QString &key)
{
    if (s.isEmpty())
        return s;
    return QString::fromUtf8(redact::secretsInText(s.toUtf8(), {key.toUtf8()}));
}

QString cooldownsToJson(const QHash<QString, Cooldown> &cooldowns)
{
    QJsonObject o;
    for (auto it = cooldowns.cbegin(); it != cooldowns.cend(); ++it) {
        o.insert(it.key(), QJsonObject{
                               {u"until"_s, it->untilMs},
                               {u"level"_s, it->level},
                               {u"perDay"_s, it->perDay},
                               {u"reason"_s, text(it->reason)},
                           });
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool cooldownsFromJson(const QString &json, QHash<QString, Cooldown> *out)
{
    if (json.trimmed().isEmpty())
        return true;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (!doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QJsonObject c = it.value().toObject();
        Cooldown cd;
        cd.untilMs = c.value(u"until"_s).toInteger();
        cd.level = int(c.value(u"level"_s).toInteger());
        cd.perDay = c.value(u"perDay"_s).toBool();
        cd.reason = c.value(u"reason"_s).toString();
        out->insert(it.key(), cd);
    }
    return true;
}

constexpr auto kColumns = u"key_id, key_hint, weight, failures, disabled_reason, last_error, last_used_at, "
                          "last_success_at, last_failure_at, successes_total, failures_total, cooldowns, updated_at";

QString upsertSql(const QString &dialect)
{
    static const QStringList updated = {u"key_hint"_s,       u"weight"_s,          u"failures"_s,
                                        u"disabled_reason"_s, u"last_error"_s,      u"last_used_at"_s,
                                        u"last_success_at"_s, u"last_failure_at"_s, u"successes_total"_s,
                                        u"failures_total"_s,  u"cooldowns"_s,       u"updated_at"_s};
    QStringList sets;
    const bool mysql = dialect == u"mysql"_s;
    for (const QString &c : updated)
        sets << (mysql ? u"%1 = VALUES(%1)"_s : u"%1 = excluded.%1"_s).arg(c);
    return u"INSERT INTO gb_key_state (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) %2 %3"_s.arg(
        QString::fromUtf16(kColumns),
        mysql ? u"ON DUPLICATE KEY UPDATE"_s : u"ON CONFLICT(key_id) DO UPDATE SET"_s,
        sets.join(u", "_s));
}

} // namespace

KeyStateStore::KeyStateStore(DatabaseConfig config, const Clock *clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock), m_timer(new QTimer(this))
{
    Q_ASSERT(m_clock);
    qRegisterMetaType<QList<gb::KeyState>>();  // for queued calls by name, too
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &KeyStateStore::flush);
}

KeyStateStore::~KeyStateStore()
{
    close();
}

QString KeyStateStore::keyId(const QString &key)
{
    return QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString KeyStateStore::keyHint(const QString &key)
{
    return redact::secret(key);
}

Result<void> KeyStateStore::open()
{
    close();
    m_db = std::make_unique<Database>(u"gembalance-keystate-%1"_s.arg(g_connectionSerial.fetch_add(1)));
    if (auto r = m_db->open(m_config); !r) {
        m_db.reset();
        fail(u"open"_s, r.error());
        return r;
    }
    return {};
}

void KeyStateStore::close()
{
    if (!m_db)
        return;
    flush();
    m_timer->stop();
    m_upsert.reset();  // statements go before their connection
    m_db.reset();
    if (const int left = m_pendingCount.load(); left > 0)
        qCWarning(lcStore) << "key states: not saved (the database failed):" << left << "keys";
}

bool KeyStateStore::isOpen() const
{
    return m_db && m_db->isOpen();
}

void KeyStateStore::setFlushIntervalMs(int ms)
{
    m_intervalMs = qMax(0, ms);
}

KeyStateStore::Stats KeyStateStore::stats() const
{
    Stats s;
    s.saved = m_saved.load();
    s.commits = m_commits.load();
    s.rowsWritten = m_rowsWritten.load();
    s.errors = m_errors.load();
    s.pending = m_pendingCount.load();
    return s;
}

void KeyStateStore::fail(const QString &what, const QString &error)
{
    ++m_errors;
    const QString message = u"key states: %1 failed: %2"_s.arg(what, redact::secretsInText(error));
    // A database that stays broken is retried often: say so once, not at every retry.
    if (message != m_lastError)
        qCWarning(lcStore).noquote() << message;
    else
        qCDebug(lcStore).noquote() << message;
    m_lastError = message;
    emit failed(message);
}

void KeyStateStore::scheduleFlush(int delayMs)
{
    if (!m_timer->isActive())
        m_timer->start(delayMs);
}

void KeyStateStore::save(const QList<KeyState> &changed)
{
    for (const KeyState &s : changed) {
        if (s.key.isEmpty())
            continue;
        Pending p{keyHint(s.key), s};
        p.state.key.clear();
        p.state.lastError = redacted(s.lastError, s.key);
        for (auto it = p.state.cooldowns.begin(); it != p.state.cooldowns.end(); ++it)
            it->reason = redacted(it->reason, s.key);
        m_pending.insert(keyId(s.key), std::move(p));
        ++m_saved;
    }
    m_pendingCount = int(m_pending.size());
    if (!m_pending.isEmpty())
        scheduleFlush(m_retryDelayMs > 0 ? m_retryDelayMs : m_intervalMs);
}

bool KeyStateStore::prepareUpsert()
{
    if (m_upsert)
        return true;
    auto q = std::make_unique<QSqlQuery>(m_db->handle());
    if (!q->prepare(upsertSql(m_db->dialect()))) {
        fail(u"preparing the write"_s, q->lastError().text());
        return false;
    }
    m_upsert = std::move(q);
    return true;
}

bool KeyStateStore::flush()
{
    m_timer->stop();
    if (m_pending.isEmpty())
        return true;
    // After a failed write, check the connection first: a MySQL server that restarted or
    // dropped the session is reconnected here (one attempt; the retry delay is the backoff).
    if (m_retryDelayMs > 0 && m_db) {
        m_upsert.reset();  // statements go before their connection
        m_db->ensureConnected(1);
    }

    const auto retryLater = [this] {
        m_retryDelayMs = m_retryDelayMs > 0 ? qMin(m_retryDelayMs * 2, kMaxRetryDelayMs) : qMax(m_intervalMs, 100);
        scheduleFlush(m_retryDelayMs);
        return false;
    };
    if (!isOpen()) {
        fail(u"write"_s, u"the database is not open"_s);
        return retryLater();
    }
    if (!prepareUpsert())
        return retryLater();

    QSqlDatabase db = m_db->handle();
    if (!db.transaction()) {
        fail(u"write"_s, db.lastError().text());
        m_upsert.reset();  // e.g. a reconnected MySQL session: prepare again
        return retryLater();
    }
    const qint64 now = m_clock->nowMs();
    QSqlQuery &q = *m_upsert;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        const KeyState &s = it->state;
        q.bindValue(0, it.key());
        q.bindValue(1, text(it->hint));
        q.bindValue(2, s.weight);
        q.bindValue(3, s.failures);
        q.bindValue(4, text(disableReasonName(s.disabled)));
        q.bindValue(5, text(s.lastError));
        q.bindValue(6, s.lastUsedMs);
        q.bindValue(7, s.lastSuccessMs);
        q.bindValue(8, s.lastFailureMs);
        q.bindValue(9, toBigint(s.successes));
        q.bindValue(10, toBigint(s.failuresTotal));
        q.bindValue(11, cooldownsToJson(s.cooldowns));
        q.bindValue(12, now);
        if (!q.exec()) {
            const QString error = q.lastError().text();
            q.finish();
            db.rollback();
            m_upsert.reset();
            fail(u"write"_s, error);
            return retryLater();
        }
    }
    q.finish();
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        m_upsert.reset();
        fail(u"write"_s, error);
        return retryLater();
    }

    const int rows = int(m_pending.size());
    m_pending.clear();
    m_pendingCount = 0;
    ++m_commits;
    m_rowsWritten += quint64(rows);
    if (m_retryDelayMs > 0)
        qCInfo(lcStore) << "key states: saving works again";
    m_retryDelayMs = 0;
    m_lastError.clear();
    qCDebug(lcStore) << "key states:" << rows << "saved";
    emit flushed(rows);
    return true;
}

Result<QHash<QString, KeyState>> KeyStateStore::loadAll()
{
    using R = Result<QHash<QString, KeyState>>;
    if (!isOpen()) {
        fail(u"load"_s, u"the database is not open"_s);
        return R::failure(u"the database is not open"_s);
    }
    QSqlQuery q(m_db->handle());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT %1 FROM gb_key_state"_s.arg(QString::fromUtf16(kColumns)))) {
        const QString error = q.lastError().text();
        fail(u"load"_s, error);
        return R::failure(u"cannot read the key states: "_s + error);
    }
    QHash<QString, KeyState> states;
    while (q.next()) {
        const QString id = q.value(0).toString();
        KeyState s;
        s.weight = qMax(1, q.value(2).toInt());
        s.failures = qMax(0, q.value(3).toInt());
        s.disabled = disableReasonFromName(q.value(4).toString());
        s.lastError = q.value(5).toString();
        s.lastUsedMs = q.value(6).toLongLong();
        s.lastSuccessMs = q.value(7).toLongLong();
        s.lastFailureMs = q.value(8).toLongLong();
        s.successes = quint64(qMax<qint64>(0, q.value(9).toLongLong()));
        s.failuresTotal = quint64(qMax<qint64>(0, q.value(10).toLongLong()));
        if (!cooldownsFromJson(q.value(11).toString(), &s.cooldowns))
            qCWarning(lcStore).noquote() << "key states: unreadable cooldowns for" << q.value(1).toString()
                                         << "(ignored)";
        states.insert(id, s);
    }
    return states;
}

Result<int> KeyStateStore::prune(qint64 ageMs, const QSet<QString> &keepKeyIds)
{
    if (!isOpen()) {
        fail(u"prune"_s, u"the database is not open"_s);
        return Result<int>::failure(u"the database is not open"_s);
    }
    QSqlDatabase db = m_db->handle();
    QStringList stale;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        bool ok = q.prepare(u"SELECT key_id FROM gb_key_state WHERE updated_at < ?"_s);
        if (ok) {
            q.addBindValue(m_clock->nowMs() - ageMs);
            ok = q.exec();
        }
        if (!ok) {
            const QString error = q.lastError().text();
            fail(u"prune"_s, error);
            return Result<int>::failure(error);
        }
        while (q.next()) {
            const QString id = q.value(0).toString();
            if (!keepKeyIds.contains(id))
                stale << id;
        }
    }
    if (stale.isEmpty())
        return 0;
    db.transaction();
    QSqlQuery del(db);
    del.prepare(u"DELETE FROM gb_key_state WHERE key_id = ?"_s);
    for (const QString &id : std::as_const(stale)) {
        del.bindValue(0, id);
        if (!del.exec()) {
            const QString error = del.lastError().text();
            del.finish();
            db.rollback();
            fail(u"prune"_s, error);
            return Result<int>::failure(error);
        }
    }
    del.finish();
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        fail(u"prune"_s, error);
        return Result<int>::failure(error);
    }
    qCInfo(lcStore) << "key states:" << stale.size() << "rows untouched for" << ageMs / 86'400'000
                    << "days pruned";
    return int(stale.size());
}

} // namespace gb
