#include "translate/ContentParts.h"

#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace gb::chatreq {

namespace {

bool isHttpUrl(const QString &url)
{
    return url.startsWith("http://"_L1, Qt::CaseInsensitive) || url.startsWith("https://"_L1, Qt::CaseInsensitive);
}

bool isDataUrl(const QString &url)
{
    return url.startsWith("data:"_L1, Qt::CaseInsensitive);
}

QString normalizeMime(QString mime)
{
    mime = mime.section(u';', 0, 0).trimmed().toLower();
    if (mime == "image/jpg"_L1)
        return u"image/jpeg"_s;  // not a registered type; Gemini wants image/jpeg
    return mime;
}

bool isBase64Text(QStringView data)
{
    for (const QChar c : data) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '+'
            || u == '/' || u == '=' || u == '-' || u == '_';
        if (!ok)
            return false;
    }
    return !data.isEmpty();
}

// Base64 as sent, without the line breaks some encoders insert.
QString compactBase64(const QString &data)
{
    QString out;
    out.reserve(data.size());
    for (const QChar c : data)
        if (!c.isSpace())
            out += c;
    return out;
}

QJsonObject inlineData(const QString &mime, const QString &base64)
{
    return QJsonObject{{u"inlineData"_s, QJsonObject{{u"mimeType"_s, mime}, {u"data"_s, base64}}}};
}

QString audioMime(const QString &format)
{
    static const QHash<QString, QString> formats = {
        {u"wav"_s, u"audio/wav"_s},   {u"mp3"_s, u"audio/mp3"_s},   {u"flac"_s, u"audio/flac"_s},
        {u"ogg"_s, u"audio/ogg"_s},   {u"aac"_s, u"audio/aac"_s},   {u"aiff"_s, u"audio/aiff"_s},
        {u"aif"_s, u"audio/aiff"_s},  {u"webm"_s, u"audio/webm"_s}, {u"m4a"_s, u"audio/mp4"_s},
        {u"opus"_s, u"audio/ogg"_s},  {u"mpeg"_s, u"audio/mpeg"_s}, {u"pcm16"_s, u"audio/pcm"_s},
    };
    return formats.value(format.toLower());
}

QString videoMime(const QString &format)
{
    static const QHash<QString, QString> formats = {
        {u"mp4"_s, u"video/mp4"_s},     {u"mov"_s, u"video/mov"_s},   {u"avi"_s, u"video/avi"_s},
        {u"webm"_s, u"video/webm"_s},   {u"mpeg"_s, u"video/mpeg"_s}, {u"mpg"_s, u"video/mpg"_s},
        {u"wmv"_s, u"video/wmv"_s},     {u"flv"_s, u"video/x-flv"_s}, {u"3gp"_s, u"video/3gpp"_s},
    };
    return formats.value(format.toLower());
}

// An http(s) URL from the media the route fetched.
Result<QJsonObject> fetchedPart(const QString &url, const QString &path, const PartContext &context)
{
    const auto it = context.fetched.constFind(url);
    if (it == context.fetched.constEnd())
        return Result<QJsonObject>::failure(path + u" could not be fetched: "_s + url);
    const QString mime = normalizeMime(QString::fromLatin1(it->mimeType));
    if (mime.isEmpty())
        return Result<QJsonObject>::failure(path + u": the server of "_s + url + u" gave no content type"_s);
    return inlineData(mime, QString::fromLatin1(it->base64Data));
}

Result<QJsonObject> mediaFromUrl(const QString &url, const QString &path, PartContext &context)
{
    if (isDataUrl(url)) {
        Result<QJsonObject> part = inlineDataFromDataUrl(url, path);
        if (part && part.value().value(u"inlineData"_s).toObject().value(u"mimeType"_s).toString().isEmpty())
            return Result<QJsonObject>::failure(path + u": the data: URL has no MIME type"_s);
        return part;
    }
    if (isHttpUrl(url))
        return fetchedPart(url, path, context);
    return Result<QJsonObject>::failure(path + u" must be a data: URL or an http(s) URL"_s);
}

Result<QJsonObject> filePart(const QJsonObject &file, const QString &path, PartContext &context)
{
    const QString fileName = file.value(u"filename"_s).toString();
    const QString data = file.value(u"file_data"_s).toString();
    if (data.isEmpty()) {
        if (file.contains(u"file_id"_s))
            return Result<QJsonObject>::failure(path + u".file_id is not supported: send the file inline as file_data"_s);
        return Result<QJsonObject>::failure(path + u".file_data is missing"_s);
    }
    if (isHttpUrl(data))
        return fetchedPart(data, path + u".file_data"_s, context);
    if (isDataUrl(data)) {
        Result<QJsonObject> part = inlineDataFromDataUrl(data, path + u".file_data"_s);
        if (!part)
            return part;
        QJsonObject blob = part.value().value(u"inlineData"_s).toObject();
        const QString mime = blob.value(u"mimeType"_s).toString();
        if (mime.isEmpty() || mime == "application/octet-stream"_L1) {
            const QString guessed = mimeTypeForFileName(fileName);
            if (guessed.isEmpty())
                return Result<QJsonObject>::failure(path + u".file_data: the file type is unknown (give a MIME type or a filename with a known extension)"_s);
            blob.insert(u"mimeType"_s, guessed);
            return QJsonObject{{u"inlineData"_s, blob}};
        }
        return part;
    }
    const QString base64 = compactBase64(data);
    if (!isBase64Text(base64))
        return Result<QJsonObject>::failure(path + u".file_data is neither a data: URL nor base64"_s);
    const QString mime = mimeTypeForFileName(fileName);
    if (mime.isEmpty())
        return Result<QJsonObject>::failure(path + u".filename: cannot tell the file type of \""_s + fileName
                                            + u"\" (send file_data as a data: URL with its MIME type)"_s);
    return inlineData(mime, base64);
}

Result<QJsonObject> convertPart(const QJsonValue &value, const QString &path, PartContext &context, bool *empty)
{
    *empty = false;
    if (value.isString()) {  // a bare string in the list: text
        *empty = value.toString().isEmpty();
        return QJsonObject{{u"text"_s, value.toString()}};
    }
    if (!value.isObject())
        return Result<QJsonObject>::failure(path + u" must be an object"_s);
    const QJsonObject part = value.toObject();
    const QString type = part.value(u"type"_s).toString();

    if (type == "text"_L1 || type == "input_text"_L1 || type == "output_text"_L1) {
        const QJsonValue text = part.value(u"text"_s);
        if (!text.isString())
            return Result<QJsonObject>::failure(path + u".text must be a string"_s);
        *empty = text.toString().isEmpty();
        return QJsonObject{{u"text"_s, text}};
    }
    if (type == "refusal"_L1) {
        *empty = part.value(u"refusal"_s).toString().isEmpty();
        return QJsonObject{{u"text"_s, part.value(u"refusal"_s).toString()}};
    }
    if (type == "image_url"_L1 || type == "input_image"_L1) {
        const QJsonValue image = part.value(u"image_url"_s);
        const QString url = image.isObject() ? image.toObject().value(u"url"_s).toString() : image.toString();
        const QString urlPath = path + (image.isObject() ? u".image_url.url"_s : u".image_url"_s);
        if (url.isEmpty())
            return Result<QJsonObject>::failure(urlPath + u" is missing"_s);
        context.sawImage = true;
        return mediaFromUrl(url, urlPath, context);
    }
    if (type == "input_audio"_L1 || type == "input_video"_L1) {
        const bool audio = type == "input_audio"_L1;
        const QString key = audio ? u"input_audio"_s : u"input_video"_s;
        const QJsonObject media = part.value(key).toObject();
        const QString data = compactBase64(media.value(u"data"_s).toString());
        const QString format = media.value(u"format"_s).toString();
        if (isDataUrl(data))
            return inlineDataFromDataUrl(data, path + u'.' + key + u".data"_s);
        if (!isBase64Text(data))
            return Result<QJsonObject>::failure(path + u'.' + key + u".data must be base64"_s);
        const QString mime = audio ? audioMime(format) : videoMime(format);
        if (mime.isEmpty())
            return Result<QJsonObject>::failure(path + u'.' + key + u".format \""_s + format + u"\" is not supported"_s);
        if (!audio)
            context.sawImage = true;
        return inlineData(mime, data);
    }
    if (type == "file"_L1)
        return filePart(part.value(u"file"_s).toObject(), path + u".file"_s, context);
    if (type.isEmpty())
        return Result<QJsonObject>::failure(path + u".type is missing"_s);
    return Result<QJsonObject>::failure(path + u".type \""_s + type + u"\" is not supported"_s);
}

} // namespace

Result<QJsonObject> inlineDataFromDataUrl(const QString &url, const QString &path)
{
    // data:[<mediatype>][;param=value]*[;base64],<data>
    const qsizetype comma = url.indexOf(u',');
    if (!isDataUrl(url) || comma < 0)
        return Result<QJsonObject>::failure(path + u" is not a valid data: URL"_s);
    const QStringList header = url.mid(5, comma - 5).split(u';');
    QString mime = normalizeMime(header.value(0));
    bool base64 = false;
    for (qsizetype i = 1; i < header.size(); ++i)
        base64 |= header.at(i).trimmed().compare("base64"_L1, Qt::CaseInsensitive) == 0;
    QString data;
    if (base64) {
        data = compactBase64(url.mid(comma + 1));
        if (!isBase64Text(data))
            return Result<QJsonObject>::failure(path + u": the data: URL's data is not valid base64"_s);
    } else {
        data = QString::fromLatin1(QByteArray::fromPercentEncoding(url.mid(comma + 1).toUtf8()).toBase64());
        if (mime.isEmpty())
            mime = u"text/plain"_s;  // RFC 2397's default
    }
    return inlineData(mime, data);
}

QString mimeTypeForFileName(const QString &fileName)
{
    static const QHash<QString, QString> types = {
        {u"pdf"_s, u"application/pdf"_s},  {u"txt"_s, u"text/plain"_s},     {u"md"_s, u"text/markdown"_s},
        {u"markdown"_s, u"text/markdown"_s}, {u"html"_s, u"text/html"_s},    {u"htm"_s, u"text/html"_s},
        {u"csv"_s, u"text/csv"_s},          {u"tsv"_s, u"text/tab-separated-values"_s},
        {u"xml"_s, u"text/xml"_s},          {u"rtf"_s, u"text/rtf"_s},       {u"css"_s, u"text/css"_s},
        {u"js"_s, u"text/javascript"_s},    {u"mjs"_s, u"text/javascript"_s}, {u"ts"_s, u"text/plain"_s},
        {u"py"_s, u"text/x-python"_s},      {u"json"_s, u"application/json"_s},
        {u"c"_s, u"text/x-c"_s},            {u"h"_s, u"text/x-c"_s},         {u"cpp"_s, u"text/x-c++"_s},
        {u"java"_s, u"text/x-java"_s},      {u"go"_s, u"text/plain"_s},      {u"rs"_s, u"text/plain"_s},
        {u"sh"_s, u"text/x-sh"_s},          {u"yaml"_s, u"text/plain"_s},    {u"yml"_s, u"text/plain"_s},
        {u"png"_s, u"image/png"_s},         {u"jpg"_s, u"image/jpeg"_s},     {u"jpeg"_s, u"image/jpeg"_s},
        {u"webp"_s, u"image/webp"_s},       {u"gif"_s, u"image/gif"_s},      {u"heic"_s, u"image/heic"_s},
        {u"heif"_s, u"image/heif"_s},       {u"bmp"_s, u"image/bmp"_s},
        {u"wav"_s, u"audio/wav"_s},         {u"mp3"_s, u"audio/mp3"_s},      {u"aiff"_s, u"audio/aiff"_s},
        {u"aac"_s, u"audio/aac"_s},         {u"ogg"_s, u"audio/ogg"_s},      {u"flac"_s, u"audio/flac"_s},
        {u"m4a"_s, u"audio/mp4"_s},         {u"opus"_s, u"audio/ogg"_s},
        {u"mp4"_s, u"video/mp4"_s},         {u"mov"_s, u"video/mov"_s},      {u"avi"_s, u"video/avi"_s},
        {u"webm"_s, u"video/webm"_s},       {u"mpeg"_s, u"video/mpeg"_s},    {u"mpg"_s, u"video/mpg"_s},
        {u"wmv"_s, u"video/wmv"_s},         {u"flv"_s, u"video/x-flv"_s},    {u"3gp"_s, u"video/3gpp"_s},
    };
    const qsizetype dot = fileName.lastIndexOf(u'.');
    if (dot < 0)
        return {};
    return types.value(fileName.mid(dot + 1).toLower());
}

Result<QJsonArray> convertContent(const QJsonValue &content, const QString &path, PartContext &context)
{
    QJsonArray parts;
    if (content.isNull() || content.isUndefined())
        return parts;
    if (content.isString()) {
        if (!content.toString().isEmpty())
            parts.append(QJsonObject{{u"text"_s, content.toString()}});
        return parts;
    }
    if (!content.isArray())
        return Result<QJsonArray>::failure(path + u" must be a string or an array of content parts"_s);
    const QJsonArray list = content.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        bool empty = false;
        Result<QJsonObject> part = convertPart(list.at(i), path + u'[' + QString::number(i) + u']', context, &empty);
        if (!part)
            return Result<QJsonArray>::failure(part.error());
        if (!empty)
            parts.append(part.value());
    }
    return parts;
}

Result<QStringList> contentTexts(const QJsonValue &content, const QString &path)
{
    QStringList texts;
    if (content.isNull() || content.isUndefined())
        return texts;
    if (content.isString()) {
        if (!content.toString().isEmpty())
            texts << content.toString();
        return texts;
    }
    if (!content.isArray())
        return Result<QStringList>::failure(path + u" must be a string or an array of text parts"_s);
    const QJsonArray list = content.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonValue v = list.at(i);
        const QString type = v.toObject().value(u"type"_s).toString();
        QString text;
        if (v.isString())
            text = v.toString();
        else if (type == "text"_L1 || type == "input_text"_L1 || type == "output_text"_L1)
            text = v.toObject().value(u"text"_s).toString();
        else
            return Result<QStringList>::failure(path + u'[' + QString::number(i) + u"].type \""_s + type
                                                + u"\" is not supported here: only text parts are"_s);
        if (!text.isEmpty())
            texts << text;
    }
    return texts;
}

void collectRemoteUrls(const QJsonValue &content, QStringList &urls)
{
    const auto add = [&urls](const QString &url) {
        if (isHttpUrl(url) && !urls.contains(url))
            urls << url;
    };
    for (const QJsonValue &v : content.toArray()) {
        const QJsonObject part = v.toObject();
        const QString type = part.value(u"type"_s).toString();
        if (type == "image_url"_L1 || type == "input_image"_L1) {
            const QJsonValue image = part.value(u"image_url"_s);
            add(image.isObject() ? image.toObject().value(u"url"_s).toString() : image.toString());
        } else if (type == "file"_L1) {
            add(part.value(u"file"_s).toObject().value(u"file_data"_s).toString());
        }
    }
}

} // namespace gb::chatreq
