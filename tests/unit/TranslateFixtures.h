#pragma once

// Helpers for the OpenAI response translation tests: fixtures under tests/data/translate/,
// the translation context they inject, and tool call ids made comparable.

#include "TestUtil.h"
#include "translate/ChatResponseTranslator.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace gb::test {

// The fixture files (*.json) of a directory under tests/data, sorted.
inline QStringList fixtureFiles(const QString &relativeDir)
{
    const QDir dir(QStringLiteral(GB_TEST_DATA_DIR) + QLatin1Char('/') + relativeDir);
    return dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

inline QJsonObject readFixture(const QString &relativePath, QString *error)
{
    const QByteArray bytes = readTestData(relativePath);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (bytes.isEmpty() || !doc.isObject())
        *error = QStringLiteral("cannot read %1: %2").arg(relativePath, parseError.errorString());
    return doc.object();
}

inline ChatResponseContext contextFrom(const QJsonObject &c)
{
    using namespace Qt::StringLiterals;
    ChatResponseContext context;
    context.id = c.value("id"_L1).toString(u"chatcmpl-test"_s);
    context.model = c.value("model"_L1).toString(u"gemini-2.5-flash"_s);
    context.created = c.value("created"_L1).toInteger(1700000000);
    context.showThinking = c.value("showThinking"_L1).toBool(true);
    context.showSearchLinks = c.value("showSearchLinks"_L1).toBool(false);
    context.includeUsage = c.value("includeUsage"_L1).toBool(false);
    return context;
}

// Tool call ids are random: each must have ToolCallIds.h's shape,
//   "call_" + 24 [A-Za-z0-9]  [+ "_ts_" + base64url(signature), no padding]
// and is replaced by "call_*" or "call_*_ts_<signature>" (the signature decoded) so fixtures
// can state which signature it carries. Every id seen goes to `ids`.
inline QJsonValue normalizeToolCallIds(const QJsonValue &value, QStringList *ids, QString *error)
{
    using namespace Qt::StringLiterals;
    static const QRegularExpression shape(u"^call_[A-Za-z0-9]{24}(?:_ts_([A-Za-z0-9_-]+))?$"_s);
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array)
            out.append(normalizeToolCallIds(v, ids, error));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        it.value() = normalizeToolCallIds(it.value(), ids, error);
    if (object.value("type"_L1) == "function"_L1 && object.contains("id"_L1)) {
        const QString id = object.value("id"_L1).toString();
        ids->append(id);
        const QRegularExpressionMatch m = shape.match(id);
        if (!m.hasMatch()) {
            *error = u"tool call id of the wrong shape: "_s + id;
        } else if (m.captured(1).isEmpty()) {
            object.insert(u"id"_s, u"call_*"_s);
        } else {
            const QByteArray signature =
                QByteArray::fromBase64(m.captured(1).toLatin1(), QByteArray::Base64UrlEncoding);
            object.insert(u"id"_s, u"call_*_ts_"_s + QString::fromLatin1(signature));
        }
    }
    return object;
}

inline QString compact(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

inline QString indented(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return compact(value);
}

} // namespace gb::test
