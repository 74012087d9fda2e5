#pragma once

#include <QByteArray>
#include <QString>

namespace gb::test {

// Reads a file from tests/data.
QByteArray readTestData(const QString &relativePath);

} // namespace gb::test
