#pragma once

// Internal to the chat request translation: OpenAI messages -> Gemini contents.

#include "common/Result.h"
#include "translate/ChatRequestTranslator.h"

#include <QHash>
#include <QJsonArray>
#include <QString>

namespace gb::chatreq {

struct ConvertedMessages
{
    QJsonArray contents;     // alternating user/model turns
    QJsonArray systemParts;  // system and developer messages, one text part each, in order
    bool hasImages = false;  // an image or video went in
    bool hasFunctionCalls = false;
};

// Gemini 3 refuses a replayed functionCall without a thoughtSignature; one that lost it (a
// client that rebuilt the ids, a call first made by another model) gets this documented
// sentinel instead (https://ai.google.dev/gemini-api/docs/thought-signatures).
inline constexpr QLatin1StringView kSkipSignatureSentinel("skip_thought_signature_validator");

struct MessageOptions
{
    bool addMissingSignatures = false;  // Gemini 3: see kSkipSignatureSentinel
};

Result<ConvertedMessages> convertMessages(const QJsonArray &messages, const QHash<QString, FetchedMedia> &fetched,
                                          const MessageOptions &options);

// Messages that are all plain text, each {"role": "system", "developer", "user" or
// "assistant", "content": a string, "name"?}, written straight as the JSON convertMessages()
// and QJsonDocument would give for them (turns merged and empty texts left out the same way),
// without building the arrays. False for anything else, which convertMessages() handles.
// (TextMessagesJson: in ChatRequestTranslator.h.)
bool writeTextMessages(const QJsonArray &messages, TextMessagesJson *out);
// The same from the text of the messages array ("[...]", well-formed JSON: the caller checked
// it), without parsing it into Qt's JSON: a text Qt would write back as it stands is copied as
// it is. False also for a repeated or escaped member name, which a caller leaves to Qt.
bool writeTextMessages(QByteArrayView messages, TextMessagesJson *out);

// A signature from toolcallid::signatureOf() as the base64 text Gemini's JSON carries.
QString signatureToJson(const QByteArray &signature);

} // namespace gb::chatreq
