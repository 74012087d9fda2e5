#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace gb {

class Clock;
class Settings;

struct AdminSession
{
    QByteArray csrfToken;   // 256 random bits, base64url: what X-CSRF-Token must carry
    qint64 expiresAtMs = 0;
};

// The admin's browser sessions, in memory on the proxy thread. A session id is 256 random
// bits (base64url) that says nothing about AUTH_TOKEN; the table is keyed by the id's
// SHA-256 so a timing difference in the hash lookup reveals nothing useful. Bounded: the
// session closest to expiry makes room for a new one. Every session ends when AUTH_TOKEN
// changes (a new token means the old holder is out).
// Also limits login attempts: kMaxFailures failed logins per client address in
// kFailureWindowMs, after which logins from it are refused until the oldest failure ages out.
class AdminSessions : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxSessions = 64;
    static constexpr int kMaxFailures = 5;
    static constexpr qint64 kFailureWindowMs = 60'000;
    static constexpr int kMaxTrackedAddresses = 4096;

    // `clock` (not owned; null = system clock) decides expiry and the rate limit window.
    explicit AdminSessions(Settings *settings, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~AdminSessions() override;

    struct Created
    {
        QByteArray id;
        AdminSession session;
    };
    Created create(int lifetimeSeconds);
    // The live session with that id, or null (unknown or expired).
    const AdminSession *find(const QByteArray &id);
    void remove(const QByteArray &id);
    void clear();
    int count() const { return int(m_sessions.size()); }

    // Seconds until `address` may try again (0 = it may now).
    int loginRetryAfter(const QString &address);
    void recordLoginFailure(const QString &address);
    void recordLoginSuccess(const QString &address);

    static QByteArray randomToken();  // 32 random bytes from the system CSPRNG, base64url

private:
    qint64 now() const;
    static QByteArray digest(const QByteArray &id);
    void purgeExpired();

    const Clock *m_clock;
    std::unique_ptr<Clock> m_ownClock;
    QHash<QByteArray, AdminSession> m_sessions;    // by SHA-256 of the id
    QHash<QString, QList<qint64>> m_failures;      // by client address: times of recent failures
};

} // namespace gb
