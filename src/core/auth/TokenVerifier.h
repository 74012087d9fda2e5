#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace gb {

// Checks client tokens (ALLOWED_TOKENS and AUTH_TOKEN) in constant time: the candidate
// and every allowed token are compared as SHA-256 digests, all of them, with no early
// exit, so neither the content nor the length of a token leaks through timing.
class TokenVerifier
{
public:
    TokenVerifier() = default;
    TokenVerifier(const QStringList &allowedTokens, const QString &adminToken);

    bool hasTokens() const { return !m_clientDigests.isEmpty() || !m_adminDigest.isEmpty(); }
    bool hasAdminToken() const { return !m_adminDigest.isEmpty(); }
    // A client may use the relay with any allowed token or the admin token.
    bool isClientToken(const QByteArray &candidate) const { return !clientTokenDigest(candidate).isEmpty(); }
    // The SHA-256 digest of an allowed client token or the admin token (what isClientToken
    // compares), empty for any other candidate.
    QByteArray clientTokenDigest(const QByteArray &candidate) const;
    bool isAdminToken(const QByteArray &candidate) const;

    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

private:
    QList<QByteArray> m_clientDigests;
    QByteArray m_adminDigest;
};

} // namespace gb
