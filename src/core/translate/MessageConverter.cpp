#include "translate/MessageConverter.h"

#include "common/JsonWriter.h"
#include "translate/ContentParts.h"
#include "translate/ToolCallIds.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QVarLengthArray>

using namespace Qt::StringLiterals;

namespace gb::chatreq {

QString signatureToJson(const QByteArray &signature)
{
    // toolcallid::make() gets the signature's bytes. A caller that passed the base64 text of
    // the JSON field instead is recognised: binary signatures (hundreds of bytes) are never
    // entirely made of base64 characters.
    bool text = signature.size() >= 4 && signature.size() % 4 == 0;
    for (qsizetype i = 0; text && i < signature.size(); ++i) {
        const char c = signature.at(i);
        text = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
            || (c == '=' && i >= signature.size() - 2);
    }
    if (text && QByteArray::fromBase64Encoding(signature, QByteArray::AbortOnBase64DecodingErrors))
        return QString::fromLatin1(signature);
    return QString::fromLatin1(signature.toBase64());
}

namespace {

struct Turn
{
    QString role;
    QJsonArray parts;
};

class Converter
{
public:
    Converter(const QHash<QString, FetchedMedia> &fetched, const MessageOptions &options)
        : m_context{fetched}, m_options(options)
    {
    }

    Result<ConvertedMessages> run(const QJsonArray &messages);

private:
    Result<void> system(const QJsonObject &message, const QString &path);
    Result<void> user(const QJsonObject &message, const QString &path);
    Result<void> assistant(const QJsonObject &message, const QString &path);
    Result<void> toolResult(const QJsonObject &message, const QString &path, const QString &name);
    Result<QJsonObject> functionCall(const QJsonObject &function, const QString &path);
    void append(const QString &role, const QJsonArray &parts);

    PartContext m_context;
    MessageOptions m_options;
    QHash<QString, QString> m_callNames;  // tool_call_id -> function name
    QString m_lastLegacyCall;             // name of the last assistant function_call
    QList<Turn> m_turns;
    ConvertedMessages m_out;
};

void Converter::append(const QString &role, const QJsonArray &parts)
{
    if (parts.isEmpty())
        return;  // Gemini rejects a turn without parts
    if (!m_turns.isEmpty() && m_turns.last().role == role) {
        for (const QJsonValue &p : parts)  // Gemini wants user and model turns to alternate
            m_turns.last().parts.append(p);
        return;
    }
    m_turns.append(Turn{role, parts});
}

Result<void> Converter::system(const QJsonObject &message, const QString &path)
{
    Result<QStringList> texts = contentTexts(message.value(u"content"_s), path + u".content"_s);
    if (!texts)
        return Result<void>::failure(texts.error());
    if (!texts.value().isEmpty())
        m_out.systemParts.append(QJsonObject{{u"text"_s, texts.value().join(u'\n')}});
    return {};
}

Result<void> Converter::user(const QJsonObject &message, const QString &path)
{
    Result<QJsonArray> parts = convertContent(message.value(u"content"_s), path + u".content"_s, m_context);
    if (!parts)
        return Result<void>::failure(parts.error());
    append(u"user"_s, parts.value());
    return {};
}

Result<QJsonObject> Converter::functionCall(const QJsonObject &function, const QString &path)
{
    const QString name = function.value(u"name"_s).toString();
    if (name.isEmpty())
        return Result<QJsonObject>::failure(path + u".name is missing"_s);
    QJsonObject args;
    const QJsonValue arguments = function.value(u"arguments"_s);
    if (arguments.isObject()) {
        args = arguments.toObject();  // some clients send the object itself
    } else if (arguments.isString() && !arguments.toString().trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(arguments.toString().toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            return Result<QJsonObject>::failure(path + u".arguments is not valid JSON ("_s + error.errorString() + u')');
        if (!doc.isObject())
            return Result<QJsonObject>::failure(path + u".arguments is not a JSON object"_s);
        args = doc.object();
    } else if (!arguments.isUndefined() && !arguments.isNull() && !arguments.isString()) {
        return Result<QJsonObject>::failure(path + u".arguments must be a string of JSON"_s);
    }
    return QJsonObject{{u"functionCall"_s, QJsonObject{{u"name"_s, name}, {u"args"_s, args}}}};
}

Result<void> Converter::assistant(const QJsonObject &message, const QString &path)
{
    Result<QJsonArray> content = convertContent(message.value(u"content"_s), path + u".content"_s, m_context);
    if (!content)
        return Result<void>::failure(content.error());
    QJsonArray parts = content.value();  // text first, then the calls

    const QJsonValue toolCalls = message.value(u"tool_calls"_s);
    if (!toolCalls.isNull() && !toolCalls.isUndefined() && !toolCalls.isArray())
        return Result<void>::failure(path + u".tool_calls must be an array"_s);
    const QJsonArray calls = toolCalls.toArray();
    for (qsizetype j = 0; j < calls.size(); ++j) {
        const QString callPath = path + u".tool_calls["_s + QString::number(j) + u']';
        const QJsonObject call = calls.at(j).toObject();
        const QString type = call.value(u"type"_s).toString(u"function"_s);
        if (type != "function"_L1)
            return Result<void>::failure(callPath + u".type \""_s + type + u"\" is not supported"_s);
        Result<QJsonObject> part = functionCall(call.value(u"function"_s).toObject(), callPath + u".function"_s);
        if (!part)
            return Result<void>::failure(part.error());
        QJsonObject p = part.value();
        const QString id = call.value(u"id"_s).toString();
        if (!id.isEmpty()) {
            m_callNames.insert(id, p.value(u"functionCall"_s).toObject().value(u"name"_s).toString());
            const QByteArray signature = toolcallid::signatureOf(id);
            if (!signature.isEmpty())
                p.insert(u"thoughtSignature"_s, signatureToJson(signature));
        }
        parts.append(p);
    }
    if (message.value(u"function_call"_s).isObject()) {  // the legacy single call
        Result<QJsonObject> part = functionCall(message.value(u"function_call"_s).toObject(), path + u".function_call"_s);
        if (!part)
            return Result<void>::failure(part.error());
        m_lastLegacyCall = part.value().value(u"functionCall"_s).toObject().value(u"name"_s).toString();
        parts.append(part.value());
    }
    if (parts.size() > content.value().size())
        m_out.hasFunctionCalls = true;
    append(u"model"_s, parts);
    return {};
}

Result<void> Converter::toolResult(const QJsonObject &message, const QString &path, const QString &name)
{
    // Tool output is text, but agents also return screenshots: those follow the response.
    Result<QJsonArray> content = convertContent(message.value(u"content"_s), path + u".content"_s, m_context);
    if (!content)
        return Result<void>::failure(content.error());
    QStringList texts;
    QJsonArray media;
    for (const QJsonValue &p : content.value()) {
        if (p.toObject().contains(u"text"_s))
            texts << p.toObject().value(u"text"_s).toString();
        else
            media.append(p);
    }
    const QString text = texts.join(u'\n');
    QJsonObject response;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isObject())
        response = doc.object();
    else
        response.insert(u"content"_s, text);
    QJsonArray parts{QJsonObject{{u"functionResponse"_s, QJsonObject{{u"name"_s, name}, {u"response"_s, response}}}}};
    for (const QJsonValue &m : std::as_const(media))
        parts.append(m);
    append(u"user"_s, parts);
    return {};
}

Result<ConvertedMessages> Converter::run(const QJsonArray &messages)
{
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString path = u"messages["_s + QString::number(i) + u']';
        if (!messages.at(i).isObject())
            return Result<ConvertedMessages>::failure(path + u" must be an object"_s);
        const QJsonObject message = messages.at(i).toObject();
        const QString role = message.value(u"role"_s).toString();
        Result<void> r;
        if (role == "system"_L1 || role == "developer"_L1) {
            r = system(message, path);
        } else if (role == "user"_L1) {
            r = user(message, path);
        } else if (role == "assistant"_L1) {
            r = assistant(message, path);
        } else if (role == "tool"_L1) {
            const QString id = message.value(u"tool_call_id"_s).toString();
            QString name = m_callNames.value(id);
            if (name.isEmpty())
                name = message.value(u"name"_s).toString();
            if (name.isEmpty()) {
                return Result<ConvertedMessages>::failure(
                    id.isEmpty() ? path + u".tool_call_id is missing"_s
                                 : path + u".tool_call_id \""_s + id
                                       + u"\" matches no tool call of an earlier assistant message (and the message has no name)"_s);
            }
            r = toolResult(message, path, name);
        } else if (role == "function"_L1) {  // legacy function result
            QString name = message.value(u"name"_s).toString();
            if (name.isEmpty())
                name = m_lastLegacyCall;
            if (name.isEmpty())
                return Result<ConvertedMessages>::failure(path + u".name is missing"_s);
            r = toolResult(message, path, name);
        } else if (role.isEmpty()) {
            return Result<ConvertedMessages>::failure(path + u".role is missing"_s);
        } else {
            return Result<ConvertedMessages>::failure(path + u".role \""_s + role + u"\" is not supported"_s);
        }
        if (!r)
            return Result<ConvertedMessages>::failure(r.error());
    }

    for (Turn &turn : m_turns) {
        if (m_options.addMissingSignatures && turn.role == "model"_L1) {
            qsizetype firstCall = -1;
            bool signed_ = false;
            for (qsizetype k = 0; k < turn.parts.size(); ++k) {
                const QJsonObject p = turn.parts.at(k).toObject();
                if (!p.contains(u"functionCall"_s))
                    continue;
                if (firstCall < 0)
                    firstCall = k;
                signed_ |= p.contains(u"thoughtSignature"_s);
            }
            if (firstCall >= 0 && !signed_) {
                QJsonObject p = turn.parts.at(firstCall).toObject();
                p.insert(u"thoughtSignature"_s, QString(kSkipSignatureSentinel));
                turn.parts.replace(firstCall, p);
            }
        }
        m_out.contents.append(QJsonObject{{u"role"_s, turn.role}, {u"parts"_s, turn.parts}});
    }
    m_out.hasImages = m_context.sawImage;
    return m_out;
}

} // namespace

bool writeTextMessages(const QJsonArray &messages, TextMessagesJson *out)
{
    struct TextTurn
    {
        bool model = false;
        QStringList texts;
    };
    QVarLengthArray<TextTurn, 4> turns;
    QStringList system;
    for (const QJsonValue &value : messages) {
        if (!value.isObject())
            return false;
        const QJsonObject message = value.toObject();
        const qsizetype size = message.size();
        if (size < 2 || size > 3 || (size == 3 && !message.contains("name"_L1)))
            return false;  // tool calls, tool results, refusals, ...
        const QJsonValue role = message.value("role"_L1);
        const QJsonValue content = message.value("content"_L1);
        if (!role.isString() || !content.isString())
            return false;
        const QString roleName = role.toString();
        const QString text = content.toString();
        if (roleName == "system"_L1 || roleName == "developer"_L1) {
            if (!text.isEmpty())
                system << text;
            continue;
        }
        const bool model = roleName == "assistant"_L1;
        if (!model && roleName != "user"_L1)
            return false;
        if (text.isEmpty())
            continue;  // no parts: no turn
        if (turns.isEmpty() || turns.last().model != model)
            turns.append(TextTurn{model, {}});
        turns.last().texts << text;
    }
    const auto writeParts = [](JsonWriter &w, const QStringList &texts) {
        w.beginArray();
        for (const QString &text : texts)
            w.beginObject().key("text"_L1).value(text).endObject();
        w.endArray();
    };
    JsonWriter contents;
    contents.beginArray();
    for (const TextTurn &turn : turns) {
        contents.beginObject().key("parts"_L1);
        writeParts(contents, turn.texts);
        contents.key("role"_L1).value(turn.model ? "model"_L1 : "user"_L1).endObject();
    }
    contents.endArray();
    out->contents = contents.take();
    out->hasContents = !turns.isEmpty();
    out->hasSystem = !system.isEmpty();
    if (out->hasSystem) {
        JsonWriter parts;
        writeParts(parts, system);
        out->systemParts = parts.take();
    }
    return true;
}

Result<ConvertedMessages> convertMessages(const QJsonArray &messages, const QHash<QString, FetchedMedia> &fetched,
                                          const MessageOptions &options)
{
    Converter converter(fetched, options);
    return converter.run(messages);
}

} // namespace gb::chatreq
