#include "TestUtil.h"

#include <QFile>

namespace gb::test {

QByteArray readTestData(const QString &relativePath)
{
    QFile file(QStringLiteral(GB_TEST_DATA_DIR) + QLatin1Char('/') + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace gb::test
