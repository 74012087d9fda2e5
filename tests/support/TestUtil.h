#pragma once

#include <QByteArray>
#include <QString>

namespace gb::test {

// Reads a file from tests/data.
QByteArray readTestData(const QString &relativePath);

// JSON written with ' for " (readable in C++ literals, and no raw strings for moc to trip
// on); the text must hold no other apostrophes.
inline QByteArray singleQuotedJson(const char *json)
{
    return QByteArray(json).replace('\'', '"');
}

} // namespace gb::test
