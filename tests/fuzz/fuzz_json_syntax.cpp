// The request body syntax check against Qt: whatever jsonsyntax::isObject accepts,
// QJsonDocument::fromJson must parse to an object without error (isObject may reject more).
// Each input is tried as it is and as a member value, {"v":input}, so that mutations of a
// value more often make a document isObject accepts (the side where the contract can break).
#include "FuzzInput.h"
#include "common/JsonSyntax.h"

#include <QJsonDocument>

namespace {

void checkContract(const QByteArray &text)
{
    if (!gb::jsonsyntax::isObject(text))
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    gb::fuzz::check(error.error == QJsonParseError::NoError, "isObject accepted what QJsonDocument refuses");
    gb::fuzz::check(doc.isObject(), "isObject accepted what QJsonDocument does not read as an object");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = gb::fuzz::bytes(data, size);
    checkContract(input);
    checkContract("{\"v\":" + input + "}");
    return 0;
}
