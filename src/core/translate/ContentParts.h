#pragma once

// Internal to the chat request translation: OpenAI message content -> Gemini parts.

#include "common/Result.h"
#include "translate/ChatRequestTranslator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace gb::chatreq {

struct PartContext
{
    const QHash<QString, FetchedMedia> &fetched;
    bool sawImage = false;  // set when an image (or video) part was converted
};

// `content` as Gemini parts: a string, or an array of OpenAI content parts (text, image_url,
// input_audio, file, input_video, refusal). `path` names the content in errors
// ("messages[2].content"). Empty texts give no part.
Result<QJsonArray> convertContent(const QJsonValue &content, const QString &path, PartContext &context);

// Only the text of `content` (system, developer and tool messages), parts joined by "\n";
// any other part is an error.
Result<QStringList> contentTexts(const QJsonValue &content, const QString &path);

// The http(s) URLs of the media parts of `content`, appended to `urls` when new.
void collectRemoteUrls(const QJsonValue &content, QStringList &urls);

// A data: URL as {"mimeType","data"} (base64 data kept as sent; other data base64-encoded).
Result<QJsonObject> inlineDataFromDataUrl(const QString &url, const QString &path);

// The MIME type Gemini knows for a file name's extension, or an empty string.
QString mimeTypeForFileName(const QString &fileName);

} // namespace gb::chatreq
