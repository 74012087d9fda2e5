// STUB on branch wip-tresp only, so the response translator links: the real implementation
// comes from another branch and replaces this file at the merge. It follows ToolCallIds.h.
#include "translate/ToolCallIds.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace gb::toolcallid {

namespace {
constexpr auto Marker = "_ts_"_L1;
constexpr qsizetype RandomLength = 24;
} // namespace

QString make(const QByteArray &thoughtSignature)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString id = u"call_"_s;
    for (qsizetype i = 0; i < RandomLength; ++i)
        id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))]);
    if (!thoughtSignature.isEmpty())
        id += Marker + QString::fromLatin1(thoughtSignature.toBase64(QByteArray::Base64UrlEncoding
                                                                     | QByteArray::OmitTrailingEquals));
    return id;
}

QByteArray signatureOf(const QString &id)
{
    const qsizetype at = id.indexOf(Marker);
    if (!id.startsWith("call_"_L1) || at < 0)
        return {};
    return QByteArray::fromBase64(id.mid(at + Marker.size()).toLatin1(), QByteArray::Base64UrlEncoding);
}

} // namespace gb::toolcallid
