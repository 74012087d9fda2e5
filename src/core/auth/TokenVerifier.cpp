#include "auth/TokenVerifier.h"

#include <QCryptographicHash>

namespace gb {

namespace {
QByteArray digest(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}
} // namespace

TokenVerifier::TokenVerifier(const QStringList &allowedTokens, const QString &adminToken)
{
    for (const QString &t : allowedTokens)
        if (!t.isEmpty())
            m_clientDigests.append(digest(t.toUtf8()));
    if (!adminToken.isEmpty())
        m_adminDigest = digest(adminToken.toUtf8());
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
