#pragma once

#include "common/Result.h"

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace gb {

// The https configuration of the built-in server from TLS_CERT_FILE and TLS_KEY_FILE
// (PEM files: the certificate, optionally followed by its chain, and an unencrypted RSA,
// EC or DSA private key). Neither set: no TLS (std::nullopt). A missing, unreadable or
// malformed file, a key that does not match the certificate, or only one of the two set:
// a failure whose message names the setting and the file, never the file's content.
Result<std::optional<QSslConfiguration>> loadServerTls(const QString &certFile, const QString &keyFile);

} // namespace gb
