#include "api/OpenAiApi.h"

#include "api/ClientAuth.h"
#include "api/Responses.h"
#include "common/CollectingSink.h"
#include "common/ResponseSink.h"
#include "models/ModelAliases.h"
#include "models/ModelCatalog.h"
#include "relay/Relay.h"
#include "settings/Settings.h"
#include "translate/ChatRequestTranslator.h"
#include "translate/OpenAiTransformers.h"
#include "upstream/MediaFetcher.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QUrl>

#include <array>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr ErrorFormat kFormat = ErrorFormat::OpenAI;
constexpr int kMaxEmbeddingBatch = 100;  // Gemini's batchEmbedContents limit

// "/v1/chat/completions" -> "chat/completions"; "/hf/v1/models" -> "models"; empty for /openai.
QByteArray translatedRoute(const QByteArray &path)
{
    for (const QByteArrayView prefix : {QByteArrayView("/v1/"), QByteArrayView("/hf/v1/")})
        if (path.startsWith(prefix))
            return path.mid(prefix.size());
    return {};
}

// "chatcmpl-" and 29 random letters and digits, as OpenAI's ids look. The random words are
// drawn in one call and the text built once (a call and an append per character was ~5,000
// instructions per request).
QString completionId()
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    constexpr int kRandomChars = 29;
    std::array<quint32, kRandomChars> words;
    QRandomGenerator::global()->fillRange(words.data(), words.size());
    char id[9 + kRandomChars] = {'c', 'h', 'a', 't', 'c', 'm', 'p', 'l', '-'};
    for (int i = 0; i < kRandomChars; ++i)
        id[9 + i] = alphabet[quint64(words[size_t(i)]) * 62 >> 32];  // (w * 62) >> 32: even to within 2^-26
    return QString::fromLatin1(id, sizeof id);
}

// A JSON object body, or a 400 already sent.
bool parseObject(const QByteArray &body, QJsonObject *out, ResponseSink *sink)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        sendError(sink, kFormat, 400, u"We could not parse the JSON body of your request: %1 at byte %2."_s
                                          .arg(error.errorString()).arg(error.offset));
        return false;
    }
    if (!doc.isObject()) {
        sendError(sink, kFormat, 400, u"The request body must be a JSON object."_s);
        return false;
    }
    *out = doc.object();
    return true;
}
} // namespace

OpenAiApi::OpenAiApi(Settings *settings, Relay *relay, ModelCatalog *catalog, QObject *parent)
    : QObject(parent), m_settings(settings), m_relay(relay), m_catalog(catalog), m_media(new MediaFetcher(this))
{
}

bool OpenAiApi::matches(const QByteArray &path)
{
    return path.startsWith("/v1/") || path.startsWith("/hf/v1/") || path.startsWith("/openai/v1/");
}

void OpenAiApi::handle(HttpRequest &&request, const TokenVerifier &verifier, ResponseSink *sink)
{
    QString tokenId;
    const AuthResult auth =
        authenticateClient(request, RequestQuery(request.query), verifier, TokenPlaces::Bearer, &tokenId);
    if (auth != AuthResult::Allowed) {
        sendError(sink, kFormat, 401, authFailureMessage(auth, TokenPlaces::Bearer));
        return;
    }
    if (request.path.startsWith("/openai/v1/")) {
        const QByteArray rest = request.path.mid(int(qstrlen("/openai/v1/")));
        passthrough(std::move(request), rest, tokenId, sink);
        return;
    }
    const QByteArray route = translatedRoute(request.path);
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (route == "models") {
        if (!get)
            return sendError(sink, kFormat, 405, u"Method not allowed here; use GET."_s);
        return listModels(sink);
    }
    if (route.startsWith("models/") && route.size() > 7) {
        if (!get)
            return sendError(sink, kFormat, 405, u"Method not allowed here; use GET."_s);
        return getModel(percentDecode(route.mid(7)), sink);
    }
    if (route == "chat/completions" || route == "embeddings") {
        if (request.method != "POST")
            return sendError(sink, kFormat, 405, u"Method not allowed here; use POST."_s);
        if (route == "embeddings")
            return embeddings(std::move(request), tokenId, sink);
        return chatCompletions(std::move(request), tokenId, sink);
    }
    if (route == "images/generations" || route == "audio/speech")
        return sendError(sink, kFormat, 501,
                         u"/v1/%1 is not available in this version of GemBalance."_s.arg(QString::fromLatin1(route)));
    sendError(sink, kFormat, 404, u"No route for %1 %2."_s.arg(QString::fromLatin1(request.method),
                                                              QString::fromUtf8(request.path)));
}

void OpenAiApi::listModels(ResponseSink *sink)
{
    QPointer<ResponseSink> guard(sink);
    m_catalog->fetch([this, guard](const ModelListResult &result) {
        if (!guard)
            return;
        if (!result.ok) {
            sendJson(guard, result.status, translateErrorToOpenAi(result.status, result.errorBody));
            return;
        }
        const QJsonArray models = presentModelList(result.models, *m_settings->snapshot());
        sendJson(guard, 200, QJsonDocument(openAiModelList(models, QDateTime::currentSecsSinceEpoch())));
    });
}

void OpenAiApi::getModel(const QString &id, ResponseSink *sink)
{
    QPointer<ResponseSink> guard(sink);
    m_catalog->fetch([this, guard, id](const ModelListResult &result) {
        if (!guard)
            return;
        if (!result.ok) {
            sendJson(guard, result.status, translateErrorToOpenAi(result.status, result.errorBody));
            return;
        }
        const QJsonArray models = presentModelList(result.models, *m_settings->snapshot());
        for (const QJsonValue &v : models) {
            if (stripModelsPrefix(v.toObject().value(u"name"_s).toString()) == stripModelsPrefix(id)) {
                sendJson(guard, 200, QJsonDocument(openAiModel(v.toObject(), QDateTime::currentSecsSinceEpoch())));
                return;
            }
        }
        sendError(guard, kFormat, 404, u"The model '%1' does not exist."_s.arg(id));
    });
}

void OpenAiApi::chatCompletions(HttpRequest &&request, const QString &tokenId, ResponseSink *sink)
{
    // Plain text chats (most requests, and long conversations) are read from the bytes; the
    // rest (media, tools, tool results, malformed JSON) is parsed and checked by Qt.
    PlainChatRequest plain;
    if (readPlainChatRequest(request.body, &plain)) {
        if (!admitChat(plain.params.value(u"model"_s).toString(), true, sink))
            return;
        const auto settings = m_settings->snapshot();
        relayChat(translateChatRequest(plain, *settings), *settings, tokenId, sink);
        return;
    }
    QJsonObject body;
    if (!parseObject(request.body, &body, sink))
        return;
    if (!admitChat(body.value(u"model"_s).toString(), body.value(u"messages"_s).isArray(), sink))
        return;

    QPointer<ResponseSink> guard(sink);
    const QStringList urls = remoteMediaUrls(body);
    m_media->fetch(urls, [this, guard, body, tokenId](const Result<QHash<QString, FetchedMedia>> &fetched) {
        if (!guard)
            return;
        if (!fetched)
            return sendError(guard, kFormat, 400, fetched.error());
        const auto settings = m_settings->snapshot();
        relayChat(translateChatRequest(body, *settings, fetched.value()), *settings, tokenId, guard);
    });
}

bool OpenAiApi::admitChat(const QString &model, bool messagesIsArray, ResponseSink *sink)
{
    if (model.isEmpty()) {
        sendError(sink, kFormat, 400, u"You must provide a model parameter."_s);
        return false;
    }
    if (!messagesIsArray) {
        sendError(sink, kFormat, 400, u"'messages' must be an array."_s);
        return false;
    }
    if (isFilteredModel(model, *m_settings->snapshot())) {
        sendError(sink, kFormat, 404, u"The model '%1' is not available on this server."_s.arg(model));
        return false;
    }
    return true;
}

void OpenAiApi::relayChat(const Result<ChatTranslation> &translation, const SettingsValues &settings,
                          const QString &tokenId, ResponseSink *sink)
{
    if (!translation)
        return sendError(sink, kFormat, 400, translation.error());
    const ChatTranslation &chat = translation.value();

    ChatResponseContext context;
    context.id = completionId();
    context.model = chat.requestedModel;
    context.created = QDateTime::currentSecsSinceEpoch();
    context.showThinking = settings.showThinkingProcess;
    context.showSearchLinks = settings.showSearchLink && chat.route.alias == ModelAlias::Search;
    context.includeUsage = chat.includeUsage;

    const bool fake = chat.stream && settings.fakeStreamEnabled;
    RelayRequest relay;
    relay.path = "models/" + QUrl::toPercentEncoding(chat.route.real, "-._~")
                 + (chat.stream && !fake ? ":streamGenerateContent" : ":generateContent");
    relay.query = chat.stream && !fake ? QByteArrayLiteral("alt=sse") : QByteArray();
    relay.body = chat.geminiBody;
    relay.contentType = "application/json";
    relay.mode = chat.stream && !fake ? RelayRequest::Mode::SseStream : RelayRequest::Mode::Unary;
    relay.errorFormat = kFormat;
    relay.transformer = std::make_shared<ChatCompletionTransformer>(context);
    relay.fakeStreamHeartbeatMs = fake ? qMax(1, settings.fakeStreamEmptyDataIntervalSeconds) * 1000 : 0;
    relay.responseHeaders = corsHeaders();
    relay.model = chat.route.real;
    relay.operation = chat.stream ? u"openai-chat-stream"_s : u"openai-chat-non-stream"_s;
    relay.clientTokenId = tokenId;
    m_relay->start(std::move(relay), sink);
}

void OpenAiApi::embeddings(HttpRequest &&request, const QString &tokenId, ResponseSink *sink)
{
    QJsonObject body;
    if (!parseObject(request.body, &body, sink))
        return;
    const QString model = stripModelsPrefix(body.value(u"model"_s).toString());
    if (model.isEmpty())
        return sendError(sink, kFormat, 400, u"You must provide a model parameter."_s);
    QString error;
    const QByteArray gemini = translateEmbeddingsRequest(body, model, &error);
    if (!error.isEmpty())
        return sendError(sink, kFormat, 400, error);

    // Gemini does not count embedding tokens; estimate them as OpenAI clients expect a number.
    int chars = 0;
    const QJsonValue input = body.value(u"input"_s);
    if (input.isString())
        chars = int(input.toString().size());
    for (const QJsonValue &v : input.toArray())
        chars += int(v.toString().size());

    const int promptTokens = qMax(1, (chars + 3) / 4);
    if (input.isArray() && input.toArray().size() > kMaxEmbeddingBatch) {
        embedInBatches(body, model, promptTokens, tokenId, sink);
        return;
    }
    RelayRequest relay;
    relay.path = "models/" + QUrl::toPercentEncoding(model, "-._~") + ":batchEmbedContents";
    relay.body = gemini;
    relay.contentType = "application/json";
    relay.errorFormat = kFormat;
    relay.transformer = std::make_shared<EmbeddingsTransformer>(body.value(u"model"_s).toString(),
                                                                body.value(u"encoding_format"_s).toString(),
                                                                promptTokens);
    relay.responseHeaders = corsHeaders();
    relay.model = model;
    relay.operation = u"openai-embedding"_s;
    relay.clientTokenId = tokenId;
    m_relay->start(std::move(relay), sink);
}

void OpenAiApi::embedInBatches(const QJsonObject &body, const QString &model, int promptTokens, const QString &tokenId,
                               ResponseSink *sink)
{
    // Gemini embeds at most 100 texts per batchEmbedContents call: larger inputs go in
    // consecutive calls (each with key rotation and retries) and come back as one list.
    struct Batches
    {
        QJsonObject request;
        QJsonArray inputs;
        QJsonArray embeddings;
        int next = 0;
    };
    auto state = std::make_shared<Batches>();
    state->request = body;
    state->inputs = body.value(u"input"_s).toArray();
    QPointer<ResponseSink> guard(sink);
    auto step = std::make_shared<std::function<void()>>();
    *step = [this, state, guard, model, promptTokens, tokenId, step] {
        if (!guard)
            return;
        if (state->next >= state->inputs.size()) {
            const QByteArray merged = QJsonDocument(QJsonObject{{u"embeddings"_s, state->embeddings}}).toJson();
            sendJson(guard, 200, translateEmbeddingsResponse(merged, state->request.value(u"model"_s).toString(),
                                                             state->request.value(u"encoding_format"_s).toString(),
                                                             promptTokens));
            *step = nullptr;  // break the self-reference
            return;
        }
        QJsonObject slice = state->request;
        QJsonArray part;
        for (int i = state->next; i < state->inputs.size() && part.size() < kMaxEmbeddingBatch; ++i)
            part.append(state->inputs.at(i));
        state->next += int(part.size());
        slice.insert(u"input"_s, part);
        QString error;
        RelayRequest relay;
        relay.path = "models/" + QUrl::toPercentEncoding(model, "-._~") + ":batchEmbedContents";
        relay.body = translateEmbeddingsRequest(slice, model, &error);
        relay.contentType = "application/json";
        relay.errorFormat = kFormat;
        relay.model = model;
        relay.operation = u"openai-embedding"_s;
        relay.clientTokenId = tokenId;
        auto *collect = new CollectingSink(this);
        connect(collect, &CollectingSink::finished, this, [collect, state, guard, step] {
            collect->deleteLater();
            if (!guard)
                return;
            if (collect->status() != 200) {
                sendJson(guard, collect->status(), translateErrorToOpenAi(collect->status(), collect->body()));
                *step = nullptr;
                return;
            }
            for (const QJsonValue &e : QJsonDocument::fromJson(collect->body()).object().value(u"embeddings"_s).toArray())
                state->embeddings.append(e);
            (*step)();
        });
        m_relay->start(std::move(relay), collect);
    };
    (*step)();
}

void OpenAiApi::passthrough(HttpRequest &&request, const QByteArray &rest, const QString &tokenId, ResponseSink *sink)
{
    bool stream = false;
    QString model;
    if (!request.body.isEmpty()) {
        QJsonObject body;
        if (!parseObject(request.body, &body, sink))
            return;
        stream = body.value(u"stream"_s).toBool();
        model = stripModelsPrefix(body.value(u"model"_s).toString());
    }
    RelayRequest relay;
    relay.verb = request.method == "HEAD" ? QByteArrayLiteral("GET") : request.method;
    relay.path = "openai/" + rest;
    relay.query = request.query;
    relay.body = std::move(request.body);
    relay.contentType = relay.body.isEmpty() ? QByteArray() : QByteArrayLiteral("application/json");
    relay.mode = stream ? RelayRequest::Mode::SseStream : RelayRequest::Mode::Unary;
    relay.streamEndMarkers = {QByteArrayLiteral("[DONE]")};
    relay.keyPlacement = RelayRequest::KeyPlacement::BearerHeader;
    relay.errorFormat = kFormat;
    relay.transformer = std::make_shared<OpenAiPassthroughTransformer>();
    relay.responseHeaders = corsHeaders();
    relay.model = model;
    relay.operation = stream ? u"openai-compatiable-stream"_s : u"openai-compatiable-non-stream"_s;
    relay.clientTokenId = tokenId;
    m_relay->start(std::move(relay), sink);
}

} // namespace gb
