#include "common/Redact.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace gb::redact {

QString secret(const QString &value)
{
    const qsizetype n = value.size();
    if (n >= 16)
        return value.left(6) + u'…' + value.right(4);
    if (n >= 8)
        return u'…' + value.right(2);
    return u"…"_s;
}

namespace {
const QRegularExpression &keyPattern()
{
    static const QRegularExpression re(
        uR"((?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35}|AQ\.[A-Za-z0-9_-]{50}|sk-[0-9A-Za-z_-]{20,}))"_s);
    return re;
}
} // namespace

QString secretsInText(const QString &text)
{
    if (!text.contains(u"AIza"_s) && !text.contains(u"AQ."_s) && !text.contains(u"sk-"_s))
        return text;
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = keyPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart(1) - last);
        out += secret(m.captured(1));
        last = m.capturedEnd(1);
    }
    out += QStringView(text).mid(last);
    return out;
}

QByteArray secretsInText(const QByteArray &text, const QList<QByteArray> &knownSecrets)
{
    QByteArray out = text;
    for (const QByteArray &s : knownSecrets) {
        if (s.size() >= 4 && out.contains(s))
            out.replace(s, secret(QString::fromUtf8(s)).toUtf8());
    }
    if (!out.contains("AIza") && !out.contains("AQ.") && !out.contains("sk-"))
        return out;
    return secretsInText(QString::fromUtf8(out)).toUtf8();
}

} // namespace gb::redact
