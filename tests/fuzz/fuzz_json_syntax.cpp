// The request body syntax check against Qt: whatever jsonsyntax::isObject accepts,
// QJsonDocument::fromJson must parse to an object without error (isObject may reject more).
// Each input is tried as it is and as a member value, {"v":input}, so that mutations of a
// value more often make a document isObject accepts (the side where the contract can break).
// Whatever QJsonDocument parses, JsonWriter writes back with QJsonDocument's bytes.
#include "FuzzInput.h"
#include "common/JsonSyntax.h"
#include "common/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

void checkWriter(const QJsonDocument &doc)
{
    gb::JsonWriter writer;
    if (doc.isObject())
        writer.value(doc.object());
    else if (doc.isArray())
        writer.value(doc.array());
    else
        return;
    gb::fuzz::check(writer.take() == doc.toJson(QJsonDocument::Compact), "JsonWriter wrote other bytes than QJsonDocument");
}

void checkContract(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    checkWriter(doc);
    if (!gb::jsonsyntax::isObject(text))
        return;
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
