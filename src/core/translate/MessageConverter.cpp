#include "translate/MessageConverter.h"

#include "common/JsonScan.h"
#include "common/JsonWriter.h"
#include "translate/ContentParts.h"
#include "translate/ToolCallIds.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QVarLengthArray>

#include <cstring>

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

namespace {

// Plain text messages as turns of JSON string literals ("..." as QJsonDocument writes them),
// merged and filtered as convertMessages() does, then written as Gemini's JSON.
class TextTurns
{
public:
    // False for a role that is not system, developer, user or assistant.
    bool add(QByteArrayView role, QByteArray literal, bool empty)
    {
        if (role == "system" || role == "developer") {
            if (!empty)
                m_system << std::move(literal);
            return true;
        }
        const bool model = role == "assistant";
        if (!model && role != "user")
            return false;
        if (empty)
            return true;  // no parts: no turn
        if (m_turns.isEmpty() || m_turns.last().model != model)
            m_turns.append(Turn{model, {}});
        m_turns.last().texts << std::move(literal);
        return true;
    }

    void write(TextMessagesJson *out) const
    {
        const auto writeParts = [](JsonWriter &w, const QList<QByteArray> &texts) {
            w.beginArray();
            for (const QByteArray &text : texts)
                w.beginObject().key("text"_L1).rawValue(text).endObject();
            w.endArray();
        };
        JsonWriter contents;
        contents.beginArray();
        for (const Turn &turn : m_turns) {
            contents.beginObject().key("parts"_L1);
            writeParts(contents, turn.texts);
            contents.key("role"_L1).value(turn.model ? "model"_L1 : "user"_L1).endObject();
        }
        contents.endArray();
        out->contents = contents.take();
        out->hasContents = !m_turns.isEmpty();
        out->hasSystem = !m_system.isEmpty();
        if (out->hasSystem) {
            JsonWriter parts;
            writeParts(parts, m_system);
            out->systemParts = parts.take();
        }
    }

private:
    struct Turn
    {
        bool model = false;
        QList<QByteArray> texts;
    };
    QVarLengthArray<Turn, 4> m_turns;
    QList<QByteArray> m_system;
};

QByteArray stringLiteral(const QString &text)
{
    QByteArray literal;
    JsonWriter::appendString(literal, text);
    return literal;
}

// Whether QJsonDocument writes the text of a well-formed JSON string literal back as the very
// same bytes: no escapes but \" \\ \b \f \n \r \t, and \u00xx (lower-case hex) for the other
// control characters. Python's json.dumps (non-ASCII as \uXXXX) or an escaped '/' are not.
bool writtenAsQtWrites(QByteArrayView literal)
{
    const char *p = literal.data() + 1;
    const char *const end = literal.data() + literal.size() - 1;
    while ((p = static_cast<const char *>(std::memchr(p, '\\', size_t(end - p))))) {
        const char c = p[1];
        if (c == '"' || c == '\\' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
            p += 2;
            continue;
        }
        if (c != 'u' || p[2] != '0' || p[3] != '0' || (p[4] != '0' && p[4] != '1'))
            return false;
        const int low = jsonscan::hexValue(p[5]);
        if (low < 0 || (p[5] >= 'A' && p[5] <= 'F'))
            return false;
        const int unit = (p[4] - '0') * 16 + low;
        if (unit == '\b' || unit == '\f' || unit == '\n' || unit == '\r' || unit == '\t')
            return false;  // Qt writes these short
        p += 6;
    }
    return true;
}

} // namespace

bool writeTextMessages(const QJsonArray &messages, TextMessagesJson *out)
{
    TextTurns turns;
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
        const QString text = content.toString();
        if (!turns.add(role.toString().toUtf8(), stringLiteral(text), text.isEmpty()))
            return false;
    }
    turns.write(out);
    return true;
}

bool writeTextMessages(QByteArrayView messages, TextMessagesJson *out)
{
    TextTurns turns;
    const bool ok = jsonscan::forEachElement(messages, [&](QByteArrayView message) {
        if (message.isEmpty() || message.front() != '{')
            return false;
        QByteArrayView role, content;
        bool name = false;
        const bool plain = jsonscan::forEachMember(message, [&](QByteArrayView key, QByteArrayView value) {
            if (key == "role" && role.isEmpty())
                role = value;
            else if (key == "content" && content.isEmpty())
                content = value;
            else if (key == "name" && !name)
                name = true;
            else
                return false;  // another member, a repeated or an escaped key: the general path
            return true;
        });
        if (!plain || role.size() < 2 || role.front() != '"' || content.size() < 2 || content.front() != '"'
            || role.contains('\\'))
            return false;
        const QByteArrayView roleName = role.sliced(1, role.size() - 2);
        if (writtenAsQtWrites(content))
            return turns.add(roleName, content.toByteArray(), content.size() == 2);
        const QString text = jsonscan::decodeString(content);
        return turns.add(roleName, stringLiteral(text), text.isEmpty());
    });
    if (!ok)
        return false;
    turns.write(out);
    return true;
}

Result<ConvertedMessages> convertMessages(const QJsonArray &messages, const QHash<QString, FetchedMedia> &fetched,
                                          const MessageOptions &options)
{
    Converter converter(fetched, options);
    return converter.run(messages);
}

} // namespace gb::chatreq
