// The request body syntax check against Qt: whatever jsonsyntax::isObject accepts,
// QJsonDocument::fromJson must parse to an object without error (isObject may reject more).
#include "FuzzInput.h"
#include "common/JsonSyntax.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = gb::fuzz::bytes(data, size);
    if (gb::jsonsyntax::isObject(text)) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        gb::fuzz::check(error.error == QJsonParseError::NoError, "isObject accepted what QJsonDocument refuses");
        gb::fuzz::check(doc.isObject(), "isObject accepted what QJsonDocument does not read as an object");
    }
    return 0;
}
