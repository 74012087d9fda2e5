#include "auth/ClientTokenGenerator.h"

#include <QByteArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace gb {

QString generateClientToken()
{
    QByteArray bytes(30, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    // 30 bytes are 7 quint32 + 2 bytes: fill the tail too.
    const quint32 tail = QRandomGenerator::system()->generate();
    bytes[28] = char(tail & 0xff);
    bytes[29] = char((tail >> 8) & 0xff);
    return u"sk-gb-"_s + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace gb
