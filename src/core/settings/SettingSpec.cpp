// The table of every setting (name, type, group, flags, limits, description), typed
// access to the matching field of SettingsValues, and typed values to storage text
// (the format gemini-balance writes: JSON for lists and maps, "true"/"false").

#include "settings/SettingSpec.h"
#include "settings/SettingSpec_p.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <climits>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace gb {
namespace {

using V = SettingsValues;

template <typename T> constexpr SettingType typeOf();
template <> constexpr SettingType typeOf<QString>() { return SettingType::String; }
template <> constexpr SettingType typeOf<int>() { return SettingType::Int; }
template <> constexpr SettingType typeOf<double>() { return SettingType::Double; }
template <> constexpr SettingType typeOf<bool>() { return SettingType::Bool; }
template <> constexpr SettingType typeOf<QStringList>() { return SettingType::StringList; }
template <> constexpr SettingType typeOf<StringMap>() { return SettingType::StringMap; }
template <> constexpr SettingType typeOf<NumberMap>() { return SettingType::NumberMap; }
template <> constexpr SettingType typeOf<MapList>() { return SettingType::MapList; }

// Fluent construction of one table row.
struct Row
{
    SettingSpec spec;

    Row &secret() { spec.flags |= Secret; return *this; }
    Row &restart() { spec.flags |= RestartRequired; return *this; }
    Row &range(double minimum, double maximum)
    {
        spec.minimum = minimum;
        spec.maximum = maximum;
        spec.hasRange = true;
        return *this;
    }
    Row &atLeast(double minimum) { return range(minimum, INT_MAX); }  // INT_MAX: no upper limit
    Row &choices(const QStringList &values) { spec.choices = values; return *this; }
    Row &check(SettingCheck check) { spec.check = check; return *this; }
    operator SettingSpec() const { return spec; }
};

template <typename T>
Row row(const QString &group, const QString &name, T V::*member, const QString &description)
{
    Row r;
    r.spec.name = name;
    r.spec.type = typeOf<T>();
    r.spec.group = group;
    r.spec.member = member;
    r.spec.description = description;
    return r;
}

QList<SettingSpec> buildSpecs()
{
    const QString db = u"database"_s, api = u"api"_s, models = u"models"_s, media = u"media"_s,
                  stream = u"stream"_s, scheduler = u"scheduler"_s, logging = u"logging"_s,
                  files = u"files"_s, admin = u"admin"_s, keys = u"keys"_s;
    return {
        // Database
        row(db, u"DATABASE_TYPE"_s, &V::databaseType, u"Database backend, sqlite or mysql."_s)
            .choices({u"sqlite"_s, u"mysql"_s}).restart(),
        row(db, u"SQLITE_DATABASE"_s, &V::sqliteDatabase, u"SQLite database file name, relative to the data directory."_s).restart(),
        row(db, u"MYSQL_HOST"_s, &V::mysqlHost, u"MySQL server host name or address."_s).restart(),
        row(db, u"MYSQL_PORT"_s, &V::mysqlPort, u"MySQL server TCP port."_s).range(1, 65535).restart(),
        row(db, u"MYSQL_USER"_s, &V::mysqlUser, u"MySQL user name."_s).restart(),
        row(db, u"MYSQL_PASSWORD"_s, &V::mysqlPassword, u"MySQL password."_s).secret().restart(),
        row(db, u"MYSQL_DATABASE"_s, &V::mysqlDatabase, u"MySQL database (schema) name."_s).restart(),
        row(db, u"MYSQL_SOCKET"_s, &V::mysqlSocket, u"Path of a local MySQL Unix socket, used instead of host and port when set."_s).restart(),

        // API and keys
        row(api, u"API_KEYS"_s, &V::apiKeys, u"Gemini API keys that are pooled and rotated for upstream requests."_s).secret(),
        row(api, u"ALLOWED_TOKENS"_s, &V::allowedTokens, u"Client tokens that are accepted for API access."_s).secret(),
        row(api, u"AUTH_TOKEN"_s, &V::authToken, u"Token that grants access to the admin pages and the admin API."_s).secret(),
        row(api, u"BASE_URL"_s, &V::baseUrl, u"Base URL of the Gemini API used for upstream requests."_s).check(SettingCheck::HttpUrl),
        row(api, u"MAX_FAILURES"_s, &V::maxFailures, u"Number of failures after which a key counts as invalid."_s).atLeast(1),
        row(api, u"TEST_MODEL"_s, &V::testModel, u"Model used to check whether a key works."_s),
        row(api, u"TIME_OUT"_s, &V::timeOut, u"Upstream request timeout in seconds."_s).range(1, 86400),
        row(api, u"MAX_RETRIES"_s, &V::maxRetries, u"Number of upstream attempts per request, the first one included."_s).atLeast(1),
        row(api, u"PROXIES"_s, &V::proxies, u"Proxies for upstream requests, each scheme://[user:password@]host:port with scheme http, https or socks5."_s)
            .check(SettingCheck::ProxyUrls).secret(),
        row(api, u"PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY"_s, &V::proxiesUseConsistencyHashByApiKey,
            u"Always send requests made with the same API key through the same proxy."_s),
        row(api, u"VERTEX_API_KEYS"_s, &V::vertexApiKeys, u"Vertex AI Express API keys."_s).secret(),
        row(api, u"VERTEX_EXPRESS_BASE_URL"_s, &V::vertexExpressBaseUrl, u"Base URL of the Vertex AI Express API."_s)
            .check(SettingCheck::HttpUrl),
        row(api, u"URL_NORMALIZATION_ENABLED"_s, &V::urlNormalizationEnabled, u"Map non-standard request paths to the matching API routes."_s),
        row(api, u"CUSTOM_HEADERS"_s, &V::customHeaders, u"Extra HTTP headers added to every upstream Gemini request."_s).secret(),
        row(api, u"MAX_REQUEST_BODY_MB"_s, &V::maxRequestBodyMb, u"Largest accepted request body, in megabytes."_s).range(1, 2048),
        row(api, u"MAX_CONCURRENT_REQUESTS"_s, &V::maxConcurrentRequests,
            u"Relayed requests in flight at most; beyond it a request gets 503 with Retry-After (0: no limit)."_s)
            .range(0, 1000000),
        row(api, u"OVERLOAD_QUEUE_TIMEOUT_MS"_s, &V::overloadQueueTimeoutMs,
            u"How long a request beyond MAX_CONCURRENT_REQUESTS may wait for a free slot before its 503, in milliseconds (0: no wait)."_s)
            .range(0, 600000),
        row(api, u"UPSTREAM_HTTP2"_s, &V::upstreamHttp2,
            u"HTTP/2 to the upstream: auto (https negotiates it, http uses HTTP/1.1), off (never), or prior-knowledge (http upstreams spoken to as HTTP/2 cleartext, h2c)."_s)
            .choices({u"auto"_s, u"off"_s, u"prior-knowledge"_s}),

        // Key pool
        row(keys, u"KEY_SELECTION_STRATEGY"_s, &V::keySelectionStrategy,
            u"How the next key is chosen: round_robin, least_recently_used or weighted."_s)
            .choices({u"round_robin"_s, u"least_recently_used"_s, u"weighted"_s}),
        row(keys, u"API_KEY_WEIGHTS"_s, &V::apiKeyWeights,
            u"Weights of keys for the weighted strategy, as a JSON object of key to weight (1 to 1000; default 1)."_s)
            .range(1, 1000).secret(),
        row(keys, u"FAILURE_STATUS_CODES"_s, &V::failureStatusCodes,
            u"Upstream HTTP statuses that count towards MAX_FAILURES (a 400 only when the key is invalid)."_s)
            .check(SettingCheck::StatusCodes),
        row(keys, u"UPSTREAM_FAULT_FAILURE_WEIGHT"_s, &V::upstreamFaultFailureWeight,
            u"How much a server error or connection failure not listed in FAILURE_STATUS_CODES counts towards MAX_FAILURES (0: not at all); timeouts never count."_s)
            .range(0, 100),
        row(keys, u"RATE_LIMIT_COOLDOWN_SECONDS"_s, &V::rateLimitCooldownSeconds,
            u"Rest after a rate limit that gives no retry delay, doubled on each further one for the same key and model."_s)
            .range(1, 86400),
        row(keys, u"RATE_LIMIT_COOLDOWN_MAX_SECONDS"_s, &V::rateLimitCooldownMaxSeconds,
            u"Longest rest after repeated rate limits (a daily quota always rests until midnight Pacific time)."_s)
            .range(1, 86400),
        row(keys, u"KEY_CHECK_CONCURRENCY"_s, &V::keyCheckConcurrency,
            u"How many keys are checked at once by verification and the scheduled health check."_s)
            .range(1, 50),

        // Models
        row(models, u"SEARCH_MODELS"_s, &V::searchModels, u"Models that get a \"-search\" variant with Google Search grounding."_s),
        row(models, u"IMAGE_MODELS"_s, &V::imageModels, u"Models that get an \"-image\" variant that can answer with images."_s),
        row(models, u"FILTERED_MODELS"_s, &V::filteredModels, u"Models hidden from model lists and refused in requests."_s),
        row(models, u"TOOLS_CODE_EXECUTION_ENABLED"_s, &V::toolsCodeExecutionEnabled, u"Add the code execution tool to requests."_s),
        row(models, u"URL_CONTEXT_ENABLED"_s, &V::urlContextEnabled, u"Add the URL context tool to requests for the URL context models."_s),
        row(models, u"URL_CONTEXT_MODELS"_s, &V::urlContextModels, u"Models that get the URL context tool when it is enabled."_s),
        row(models, u"SHOW_SEARCH_LINK"_s, &V::showSearchLink, u"Append the links of search results to grounded answers."_s),
        row(models, u"SHOW_THINKING_PROCESS"_s, &V::showThinkingProcess, u"Include the model's thoughts in answers."_s),
        row(models, u"THINKING_MODELS"_s, &V::thinkingModels, u"Models that get a \"-non-thinking\" variant."_s),
        row(models, u"THINKING_BUDGET_MAP"_s, &V::thinkingBudgetMap, u"Thinking budget in tokens per model, where -1 means dynamic."_s)
            .atLeast(-1),
        row(models, u"SAFETY_SETTINGS"_s, &V::safetySettings, u"Safety settings (category and threshold) sent with every request."_s),

        // TTS and images
        row(media, u"TTS_MODEL"_s, &V::ttsModel, u"Model used for text to speech."_s),
        row(media, u"TTS_VOICE_NAME"_s, &V::ttsVoiceName, u"Voice used for text to speech."_s),
        row(media, u"TTS_SPEED"_s, &V::ttsSpeed, u"Speaking speed used for text to speech."_s),
        row(media, u"PAID_KEY"_s, &V::paidKey, u"Paid Gemini API key used for image generation."_s).secret(),
        row(media, u"CREATE_IMAGE_MODEL"_s, &V::createImageModel, u"Model used to generate images."_s),
        row(media, u"UPLOAD_PROVIDER"_s, &V::uploadProvider,
            u"Service that generated images are uploaded to: smms, picgo, cloudflare_imgbed or aliyun_oss."_s)
            .choices({u"smms"_s, u"picgo"_s, u"cloudflare_imgbed"_s, u"aliyun_oss"_s}),
        row(media, u"SMMS_SECRET_TOKEN"_s, &V::smmsSecretToken, u"SM.MS API token for image uploads."_s).secret(),
        row(media, u"PICGO_API_KEY"_s, &V::picgoApiKey, u"PicGo API key for image uploads."_s).secret(),
        row(media, u"PICGO_API_URL"_s, &V::picgoApiUrl, u"PicGo upload endpoint URL."_s).check(SettingCheck::OptionalHttpUrl),
        row(media, u"CLOUDFLARE_IMGBED_URL"_s, &V::cloudflareImgbedUrl, u"CloudFlare ImgBed upload URL."_s)
            .check(SettingCheck::OptionalHttpUrl),
        row(media, u"CLOUDFLARE_IMGBED_AUTH_CODE"_s, &V::cloudflareImgbedAuthCode, u"CloudFlare ImgBed authentication code."_s).secret(),
        row(media, u"CLOUDFLARE_IMGBED_UPLOAD_FOLDER"_s, &V::cloudflareImgbedUploadFolder, u"CloudFlare ImgBed folder that images are uploaded to."_s),
        row(media, u"OSS_ENDPOINT"_s, &V::ossEndpoint, u"Aliyun OSS endpoint."_s),
        row(media, u"OSS_ENDPOINT_INNER"_s, &V::ossEndpointInner, u"Aliyun OSS internal endpoint."_s),
        row(media, u"OSS_ACCESS_KEY"_s, &V::ossAccessKey, u"Aliyun OSS access key ID."_s).secret(),
        row(media, u"OSS_ACCESS_KEY_SECRET"_s, &V::ossAccessKeySecret, u"Aliyun OSS access key secret."_s).secret(),
        row(media, u"OSS_BUCKET_NAME"_s, &V::ossBucketName, u"Aliyun OSS bucket name."_s),
        row(media, u"OSS_REGION"_s, &V::ossRegion, u"Aliyun OSS region."_s),

        // Streaming
        row(stream, u"STREAM_OPTIMIZER_ENABLED"_s, &V::streamOptimizerEnabled, u"Smooth streamed text by re-sending it in small paced pieces."_s),
        row(stream, u"STREAM_MIN_DELAY"_s, &V::streamMinDelay, u"Shortest pause between streamed pieces, in seconds."_s).atLeast(0),
        row(stream, u"STREAM_MAX_DELAY"_s, &V::streamMaxDelay, u"Longest pause between streamed pieces, in seconds."_s).atLeast(0),
        row(stream, u"STREAM_SHORT_TEXT_THRESHOLD"_s, &V::streamShortTextThreshold,
            u"Length in characters below which the optimizer treats a text as short."_s).atLeast(0),
        row(stream, u"STREAM_LONG_TEXT_THRESHOLD"_s, &V::streamLongTextThreshold,
            u"Length in characters above which the optimizer treats a text as long."_s).atLeast(0),
        row(stream, u"STREAM_CHUNK_SIZE"_s, &V::streamChunkSize, u"Characters per piece when the optimizer sends a long text."_s).atLeast(1),
        row(stream, u"FAKE_STREAM_ENABLED"_s, &V::fakeStreamEnabled,
            u"Answer streaming requests from a non-streaming upstream call, sending keep-alive data while waiting."_s),
        row(stream, u"FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS"_s, &V::fakeStreamEmptyDataIntervalSeconds,
            u"Seconds between keep-alive messages during a fake stream."_s).atLeast(1),

        // Scheduler, logging, retention, files, admin
        row(scheduler, u"CHECK_INTERVAL_HOURS"_s, &V::checkIntervalHours, u"Hours between re-checks of failed keys, where 0 turns the check off."_s)
            .atLeast(0),
        row(scheduler, u"TIMEZONE"_s, &V::timezone, u"IANA time zone of scheduled jobs, or empty for the system time zone."_s)
            .check(SettingCheck::TimeZone),
        row(admin, u"GITHUB_REPO_OWNER"_s, &V::githubRepoOwner, u"Owner of the GitHub repository that is checked for updates."_s),
        row(admin, u"GITHUB_REPO_NAME"_s, &V::githubRepoName, u"Name of the GitHub repository that is checked for updates."_s),
        row(logging, u"LOG_LEVEL"_s, &V::logLevel, u"Lowest level of logged messages: DEBUG, INFO, WARNING, ERROR or CRITICAL."_s)
            .choices({u"DEBUG"_s, u"INFO"_s, u"WARNING"_s, u"ERROR"_s, u"CRITICAL"_s}),
        row(logging, u"ERROR_LOG_RECORD_REQUEST_BODY"_s, &V::errorLogRecordRequestBody, u"Store the request body with each error log entry."_s),
        row(logging, u"AUTO_DELETE_ERROR_LOGS_ENABLED"_s, &V::autoDeleteErrorLogsEnabled, u"Delete old error log entries automatically."_s),
        row(logging, u"AUTO_DELETE_ERROR_LOGS_DAYS"_s, &V::autoDeleteErrorLogsDays, u"Age in days after which error log entries are deleted."_s)
            .atLeast(1),
        row(logging, u"AUTO_DELETE_REQUEST_LOGS_ENABLED"_s, &V::autoDeleteRequestLogsEnabled, u"Delete old request log entries automatically."_s),
        row(logging, u"AUTO_DELETE_REQUEST_LOGS_DAYS"_s, &V::autoDeleteRequestLogsDays, u"Age in days after which request log entries are deleted."_s)
            .atLeast(1),
        row(files, u"FILES_CLEANUP_ENABLED"_s, &V::filesCleanupEnabled, u"Remove expired uploaded files automatically."_s),
        row(files, u"FILES_CLEANUP_INTERVAL_HOURS"_s, &V::filesCleanupIntervalHours, u"Hours between clean-ups of expired files."_s).atLeast(1),
        row(files, u"FILES_USER_ISOLATION_ENABLED"_s, &V::filesUserIsolationEnabled, u"Let each user list only the files they uploaded."_s),
        row(admin, u"ADMIN_SESSION_EXPIRE"_s, &V::adminSessionExpire, u"Lifetime of an admin session in seconds, from 300 to 86400."_s)
            .range(300, 86400),
    };
}

int levenshtein(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1), current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

QString compactJson(const QJsonDocument &document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const StringMap &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace

const QList<SettingSpec> &settingSpecs()
{
    static const QList<SettingSpec> specs = buildSpecs();
    return specs;
}

const SettingSpec *findSettingSpec(const QString &name)
{
    static const QHash<QString, qsizetype> index = [] {
        QHash<QString, qsizetype> byName;
        const QList<SettingSpec> &specs = settingSpecs();
        for (qsizetype i = 0; i < specs.size(); ++i)
            byName.insert(specs[i].name, i);
        return byName;
    }();
    const auto it = index.constFind(name);
    return it == index.cend() ? nullptr : &settingSpecs()[*it];
}

QVariant settingValue(const SettingsValues &values, const SettingSpec &spec)
{
    return std::visit([&](auto member) { return QVariant::fromValue(values.*member); }, spec.member);
}

void setSettingValue(SettingsValues &values, const SettingSpec &spec, const QVariant &typedValue)
{
    std::visit(
        [&](auto member) {
            using T = std::remove_reference_t<decltype(values.*member)>;
            Q_ASSERT_X(typedValue.metaType() == QMetaType::fromType<T>(), "setSettingValue",
                       "pass a value from parseSettingText or coerceSettingValue");
            values.*member = typedValue.value<T>();
        },
        spec.member);
}

QString formatSettingText(const SettingSpec &spec, const QVariant &value)
{
    switch (spec.type) {
    case SettingType::String:
        return value.toString();
    case SettingType::Int:
        return QString::number(value.toInt());
    case SettingType::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case SettingType::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case SettingType::StringList:
        return compactJson(QJsonDocument(QJsonArray::fromStringList(value.toStringList())));
    case SettingType::StringMap:
        return compactJson(QJsonDocument(jsonObject(value.value<StringMap>())));
    case SettingType::NumberMap: {
        QJsonObject object;
        const NumberMap map = value.value<NumberMap>();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            object.insert(it.key(), it.value());
        return compactJson(QJsonDocument(object));
    }
    case SettingType::MapList: {
        QJsonArray array;
        for (const StringMap &map : value.value<MapList>())
            array.append(jsonObject(map));
        return compactJson(QJsonDocument(array));
    }
    }
    return {};
}

namespace detail {

bool sameSettingValue(const SettingsValues &a, const SettingsValues &b, const SettingSpec &spec)
{
    return std::visit([&](auto member) { return a.*member == b.*member; }, spec.member);
}

QString suggestSettingName(const QString &unknownName)
{
    const QString upper = unknownName.toUpper();
    if (upper == u"TZ"_s)
        return u"TIMEZONE"_s;  // gemini-balance's Docker image sets TZ; GemBalance reads TIMEZONE
    QString best;
    int bestDistance = INT_MAX;
    for (const SettingSpec &spec : settingSpecs()) {
        const int distance = levenshtein(upper, spec.name);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = spec.name;
        }
    }
    // A typo or two, or a third of a long name.
    const qsizetype allowed = std::max<qsizetype>(2, upper.size() / 3);
    return bestDistance <= allowed ? best : QString();
}

} // namespace detail
} // namespace gb
