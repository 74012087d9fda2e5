#pragma once

#include "common/Result.h"
#include "models/ModelAliases.h"
#include "settings/SettingsValues.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace gb {

// Media a client referenced by http(s) URL, fetched before translating (the route does that
// asynchronously, with a timeout and a size cap).
struct FetchedMedia
{
    QByteArray mimeType;    // the real type from the response (e.g. image/jpeg), never guessed as png
    QByteArray base64Data;
};

// An OpenAI chat.completions request, translated for Gemini's generateContent.
struct ChatTranslation
{
    QByteArray geminiBody;     // the generateContent request body (compact JSON)
    QString requestedModel;    // as the client named it: echoed in every response
    ModelRoute route;          // the real model and its alias (-search, -image, -non-thinking)
    bool stream = false;
    bool includeUsage = false; // stream_options.include_usage
    int candidateCount = 1;    // n
};

// The http(s) URLs of images/files in the messages that must be fetched first.
QStringList remoteMediaUrls(const QJsonObject &openAiRequest);

// Translates an OpenAI chat request (see issue 4 for every field) into a Gemini request.
// `fetched` holds the media of remoteMediaUrls(); an URL missing from it is an error.
// Errors are messages for a 400 invalid_request_error.
Result<ChatTranslation> translateChatRequest(const QJsonObject &openAiRequest, const SettingsValues &settings,
                                             const QHash<QString, FetchedMedia> &fetched = {});

namespace chatreq {
// Plain text messages written as Gemini's JSON (chatreq::writeTextMessages).
struct TextMessagesJson
{
    QByteArray contents;     // the "contents" array
    QByteArray systemParts;  // the system parts array
    bool hasContents = false;  // some user or assistant text
    bool hasSystem = false;    // some system or developer text
};
} // namespace chatreq

// A chat request whose messages are all plain text (roles system, developer, user or
// assistant, a string as content: most chats), read from its bytes without a QJsonDocument of
// the whole body: the messages are written as Gemini's JSON straight from the bytes (a long
// conversation is copied, not parsed and written again), the other members are parsed by Qt
// on their own. Translated, it gives what translateChatRequest() gives for the parsed body
// (held to it by unit.chatrequest and fuzz_chat_request).
struct PlainChatRequest
{
    QJsonObject params;           // every member but "messages"
    QByteArrayView messagesJson;  // the messages array, in the body (which must outlive this)
    chatreq::TextMessagesJson text;
};
// False (the general path's to answer) for a body that is not well-formed JSON, a message
// that is not plain text, an empty, repeated or missing "messages", or an escaped member name.
bool readPlainChatRequest(QByteArrayView body, PlainChatRequest *out);
Result<ChatTranslation> translateChatRequest(const PlainChatRequest &request, const SettingsValues &settings);

} // namespace gb
