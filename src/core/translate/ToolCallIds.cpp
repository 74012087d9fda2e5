#include "translate/ToolCallIds.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace gb::toolcallid {

namespace {
constexpr QLatin1StringView kPrefix("call_");
constexpr QLatin1StringView kSignatureMarker("_ts_");
constexpr int kRandomLength = 24;
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
} // namespace

QString make(const QByteArray &thoughtSignature)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    constexpr int alphabetSize = int(sizeof(alphabet)) - 1;
    QString id;
    id.reserve(kPrefix.size() + kRandomLength + kSignatureMarker.size() + thoughtSignature.size() * 4 / 3 + 4);
    id += kPrefix;
    QRandomGenerator *rng = QRandomGenerator::global();
    for (int i = 0; i < kRandomLength; ++i)
        id += QLatin1Char(alphabet[rng->bounded(alphabetSize)]);
    if (!thoughtSignature.isEmpty()) {
        id += kSignatureMarker;
        id += QLatin1StringView(thoughtSignature.toBase64(kBase64Url));
    }
    return id;
}

QByteArray signatureOf(const QString &id)
{
    // Only ids shaped like make()'s: "call_" + 24 alphanumerics + "_ts_" + base64url.
    if (!id.startsWith(kPrefix))
        return {};
    const qsizetype markerAt = kPrefix.size() + kRandomLength;
    if (id.size() <= markerAt + kSignatureMarker.size() || QStringView(id).mid(markerAt, kSignatureMarker.size()) != kSignatureMarker)
        return {};
    for (qsizetype i = kPrefix.size(); i < markerAt; ++i) {
        const QChar c = id.at(i);
        if (!(c.isDigit() || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')))
            return {};
    }
    const QStringView encoded = QStringView(id).mid(markerAt + kSignatureMarker.size());
    for (const QChar c : encoded) {
        const bool ok = c.isDigit() || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'-' || c == u'_';
        if (!ok)
            return {};
    }
    if (encoded.size() % 4 == 1)  // no base64 text has this length
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    return decoded.decoded;
}

} // namespace gb::toolcallid
