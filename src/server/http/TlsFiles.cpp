#include "http/TlsFiles.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

using TlsResult = Result<std::optional<QSslConfiguration>>;

Result<QByteArray> readFile(const QString &setting, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(u"%1: cannot read %2: %3"_s.arg(setting, QDir::toNativeSeparators(path), file.errorString()));
    return file.readAll();
}

// Tries each key algorithm; the content itself never reaches a message.
QSslKey parsePrivateKey(const QByteArray &pem)
{
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

// Whether the private key is the certificate's. RSA: the modulus and public exponent
// end the public key's DER and stand next to each other in the private key's DER
// (PKCS#1 or PKCS#8). Others: algorithm and size (OpenSSL refuses the handshake anyway).
bool keyMatchesCertificate(const QSslKey &privateKey, const QSslCertificate &certificate)
{
    const QSslKey publicKey = certificate.publicKey();
    if (privateKey.algorithm() != publicKey.algorithm() || privateKey.length() != publicKey.length())
        return false;
    if (privateKey.algorithm() != QSsl::Rsa)
        return true;
    const QByteArray publicDer = publicKey.toDer();
    QByteArray privateDer = privateKey.toDer();
    const bool matches = publicDer.size() >= 64 && privateDer.contains(publicDer.right(64));
    privateDer.fill('\0');
    return matches;
}

} // namespace

Result<std::optional<QSslConfiguration>> loadServerTls(const QString &certFile, const QString &keyFile)
{
    const QString cert = certFile.trimmed(), key = keyFile.trimmed();
    if (cert.isEmpty() && key.isEmpty())
        return std::optional<QSslConfiguration>();
    if (cert.isEmpty() || key.isEmpty())
        return TlsResult::failure(u"%1 is empty: TLS_CERT_FILE and TLS_KEY_FILE must be set together"_s
                                      .arg(cert.isEmpty() ? u"TLS_CERT_FILE"_s : u"TLS_KEY_FILE"_s));
    if (!QSslSocket::supportsSsl())
        return TlsResult::failure(u"TLS_CERT_FILE: this system has no TLS library (OpenSSL 3) for https"_s);

    auto certPem = readFile(u"TLS_CERT_FILE"_s, cert);
    if (!certPem)
        return TlsResult::failure(certPem.error());
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem.value(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return TlsResult::failure(u"TLS_CERT_FILE: %1 holds no PEM certificate"_s.arg(QDir::toNativeSeparators(cert)));

    auto keyPem = readFile(u"TLS_KEY_FILE"_s, key);
    if (!keyPem)
        return TlsResult::failure(keyPem.error());
    const QSslKey privateKey = parsePrivateKey(keyPem.value());
    keyPem.value().fill('\0');
    if (privateKey.isNull())
        return TlsResult::failure(u"TLS_KEY_FILE: %1 holds no unencrypted PEM private key (RSA, EC or DSA)"_s
                                      .arg(QDir::toNativeSeparators(key)));
    if (!keyMatchesCertificate(privateKey, chain.first()))
        return TlsResult::failure(u"TLS_KEY_FILE: the private key in %1 does not belong to the certificate in %2"_s
                                      .arg(QDir::toNativeSeparators(key), QDir::toNativeSeparators(cert)));

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(privateKey);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);  // clients are not asked for certificates
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setAllowedNextProtocols({QSslConfiguration::NextProtocolHttp1_1});
    return std::optional<QSslConfiguration>(configuration);
}

} // namespace gb
