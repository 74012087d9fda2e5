#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace gb {

// Checks client tokens (ALLOWED_TOKENS and AUTH_TOKEN) in constant time, with no early exit:
// - few tokens (all of them together at most kPlainBytes): the candidate is compared byte by
//   byte with every token, each padded with zeros to one width (the longest token rounded up
//   to 64 bytes): the time depends on that width and the number of tokens, never on a token's
//   content or exact length (most tokens are under 64 bytes: one width for all);
// - more: the candidate and every token are compared as SHA-256 digests (the time depends on
//   nothing secret at all), which costs a hash per call (~5,000 instructions).
class TokenVerifier
{
public:
    static constexpr qsizetype kPlainBytes = 4096;

    TokenVerifier() = default;
    TokenVerifier(const QStringList &allowedTokens, const QString &adminToken);

    bool hasTokens() const { return !m_clientDigests.isEmpty() || !m_adminDigest.isEmpty(); }
    bool hasAdminToken() const { return !m_adminDigest.isEmpty(); }
    // A client may use the relay with any allowed token or the admin token.
    bool isClientToken(const QByteArray &candidate) const { return !clientTokenDigest(candidate).isEmpty(); }
    // The SHA-256 digest of an allowed client token or the admin token that equals the
    // candidate (for the request log's token id), empty for any other candidate.
    QByteArray clientTokenDigest(const QByteArray &candidate) const;
    bool isAdminToken(const QByteArray &candidate) const;

    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

private:
    QByteArray clientTokenDigestByHash(const QByteArray &candidate) const;

    QList<QByteArray> m_clientDigests;
    QByteArray m_adminDigest;
    // The plain comparison: every client token, then the admin token, each with its length and
    // zero-padded to m_width bytes; empty when the tokens are too many for it.
    QList<QByteArray> m_padded;
    QList<qsizetype> m_lengths;
    qsizetype m_width = 0;
};

} // namespace gb
