#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace gb {

// Redaction happens before a log line, an error body or an API answer is formed:
// never print a full API key or token.
namespace redact {

// "AIzaSy…Wxyz": the first 6 and last 4 characters of a secret of 16+ characters,
// "…yz" for 8..15 characters, and "…" for anything shorter. Stable, so a user can still
// tell keys apart in logs.
QString secret(const QString &value);

// Replaces, in free text (an upstream error body, a log message), every occurrence of the
// given secrets and of anything shaped like a Google API key (AIza + 35 characters),
// a Vertex express key (AQ. + 50) or an OpenAI-style key (sk- + 20 or more) by its
// redacted form.
QByteArray secretsInText(const QByteArray &text, const QList<QByteArray> &knownSecrets = {});
QString secretsInText(const QString &text);

} // namespace redact
} // namespace gb
