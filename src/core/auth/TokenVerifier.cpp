#include "auth/TokenVerifier.h"

#include <QCryptographicHash>

#include <cstring>

namespace gb {

namespace {
QByteArray digest(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}
} // namespace

TokenVerifier::TokenVerifier(const QStringList &allowedTokens, const QString &adminToken)
{
    QList<QByteArray> tokens;
    for (const QString &t : allowedTokens)
        if (!t.isEmpty()) {
            tokens.append(t.toUtf8());
            m_clientDigests.append(digest(tokens.last()));
        }
    if (!adminToken.isEmpty()) {
        tokens.append(adminToken.toUtf8());
        m_adminDigest = digest(tokens.last());
    }
    qsizetype longest = 0;
    for (const QByteArray &t : std::as_const(tokens))
        longest = qMax(longest, t.size());
    const qsizetype width = qMax<qsizetype>(64, (longest + 63) / 64 * 64);
    if (tokens.isEmpty() || width * tokens.size() > kPlainBytes)
        return;  // compared as digests
    m_width = width;
    for (const QByteArray &t : std::as_const(tokens)) {
        QByteArray padded(width, '\0');
        std::memcpy(padded.data(), t.constData(), size_t(t.size()));
        m_padded.append(padded);
        m_lengths.append(t.size());
    }
}

bool TokenVerifier::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QByteArray TokenVerifier::clientTokenDigest(const QByteArray &candidate) const
{
    if (candidate.isEmpty())
        return {};
    if (m_padded.isEmpty())
        return clientTokenDigestByHash(candidate);
    // Longer than the width: no token can be equal (this shows only that the candidate, which
    // the caller knows, is longer than the width).
    if (candidate.size() > m_width)
        return {};
    unsigned char padded[kPlainBytes];
    std::memcpy(padded, candidate.constData(), size_t(candidate.size()));
    std::memset(padded + candidate.size(), 0, size_t(m_width - candidate.size()));
    qsizetype matched = -1;
    for (qsizetype k = 0; k < m_padded.size(); ++k) {
        const auto *token = reinterpret_cast<const unsigned char *>(m_padded.at(k).constData());
        // The lengths differ: a non-zero XOR (no branch on a token's length).
        quint64 diff = quint64(m_lengths.at(k) ^ candidate.size());
        for (qsizetype i = 0; i < m_width; ++i)
            diff |= quint64(padded[i] ^ token[i]);
        matched = diff == 0 ? k : matched;
    }
    // m_padded holds the client tokens, then the admin token: the same order as the digests.
    if (matched < 0)
        return {};
    return matched < m_clientDigests.size() ? m_clientDigests.at(matched) : m_adminDigest;
}

QByteArray TokenVerifier::clientTokenDigestByHash(const QByteArray &candidate) const
{
    const QByteArray d = digest(candidate);
    bool match = false;
    for (const QByteArray &allowed : m_clientDigests)
        match |= constantTimeEquals(d, allowed);
    if (!m_adminDigest.isEmpty())
        match |= constantTimeEquals(d, m_adminDigest);
    return match ? d : QByteArray();
}

bool TokenVerifier::isAdminToken(const QByteArray &candidate) const
{
    if (candidate.isEmpty() || m_adminDigest.isEmpty())
        return false;
    return constantTimeEquals(digest(candidate), m_adminDigest);
}

} // namespace gb
