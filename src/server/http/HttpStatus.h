#pragma once

#include <QByteArray>
#include <QString>

namespace gb::http {

// "OK", "Not Found", ... for the status line; "Unknown" for codes without a phrase.
QByteArray reasonPhrase(int status);

} // namespace gb::http
