#include "api/AdminSessions.h"

#include "common/Clock.h"
#include "common/LogCategories.h"
#include "settings/Settings.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace gb {

AdminSessions::AdminSessions(Settings *settings, const Clock *clock, QObject *parent)
    : QObject(parent), m_clock(clock), m_ownClock(clock ? nullptr : new SystemClock)
{
    if (!m_clock)
        m_clock = m_ownClock.get();
    connect(settings, &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"AUTH_TOKEN"_s) && !m_sessions.isEmpty()) {
            qCInfo(lcApi) << "AUTH_TOKEN changed: ending" << m_sessions.size() << "admin sessions";
            clear();
        }
    });
}

AdminSessions::~AdminSessions() = default;

qint64 AdminSessions::now() const
{
    return m_clock->nowMs();
}

QByteArray AdminSessions::randomToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray AdminSessions::digest(const QByteArray &id)
{
    return QCryptographicHash::hash(id, QCryptographicHash::Sha256);
}

void AdminSessions::purgeExpired()
{
    const qint64 t = now();
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
        it = it->expiresAtMs <= t ? m_sessions.erase(it) : std::next(it);
}

AdminSessions::Created AdminSessions::create(int lifetimeSeconds)
{
    purgeExpired();
    while (m_sessions.size() >= kMaxSessions) {
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it)
            if (it->expiresAtMs < oldest->expiresAtMs)
                oldest = it;
        m_sessions.erase(oldest);
    }
    Created out;
    out.id = randomToken();
    out.session.csrfToken = randomToken();
    out.session.expiresAtMs = now() + qint64(lifetimeSeconds) * 1000;
    m_sessions.insert(digest(out.id), out.session);
    return out;
}

const AdminSession *AdminSessions::find(const QByteArray &id)
{
    if (id.isEmpty())
        return nullptr;
    const auto it = m_sessions.find(digest(id));
    if (it == m_sessions.end())
        return nullptr;
    if (it->expiresAtMs <= now()) {
        m_sessions.erase(it);
        return nullptr;
    }
    return &it.value();
}

void AdminSessions::remove(const QByteArray &id)
{
    m_sessions.remove(digest(id));
}

void AdminSessions::clear()
{
    m_sessions.clear();
}

int AdminSessions::loginRetryAfter(const QString &address)
{
    auto it = m_failures.find(address);
    if (it == m_failures.end())
        return 0;
    const qint64 t = now();
    it->removeIf([&](qint64 at) { return at + kFailureWindowMs <= t; });
    if (it->isEmpty()) {
        m_failures.erase(it);
        return 0;
    }
    if (it->size() < kMaxFailures)
        return 0;
    const qint64 waitMs = it->first() + kFailureWindowMs - t;
    return int(std::max<qint64>(1, (waitMs + 999) / 1000));
}

void AdminSessions::recordLoginFailure(const QString &address)
{
    if (m_failures.size() >= kMaxTrackedAddresses && !m_failures.contains(address)) {
        // Many addresses at once: forget those whose failures have aged out, else the lot.
        const qint64 t = now();
        for (auto it = m_failures.begin(); it != m_failures.end();)
            it = (it->isEmpty() || it->last() + kFailureWindowMs <= t) ? m_failures.erase(it) : std::next(it);
        if (m_failures.size() >= kMaxTrackedAddresses)
            m_failures.clear();
    }
    QList<qint64> &list = m_failures[address];
    list.append(now());
    while (list.size() > kMaxFailures)
        list.removeFirst();
    qCWarning(lcApi).noquote() << "failed admin login from" << address;
}

void AdminSessions::recordLoginSuccess(const QString &address)
{
    m_failures.remove(address);
}

} // namespace gb
