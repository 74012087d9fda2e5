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
Row row(const QString &group, const QString &name, T V::*member, const char *description)
{
    Row r;
    r.spec.name = name;
    r.spec.type = typeOf<T>();
    r.spec.group = group;
    r.spec.member = member;
    r.spec.description = QString::fromUtf8(description);
    return r;
}

QList<SettingSpec> buildSpecs()
{
    const QString db = u"database"_s, api = u"api"_s, models = u"models"_s, media = u"media"_s,
                  stream = u"stream"_s, scheduler = u"scheduler"_s, logging = u"logging"_s,
                  files = u"files"_s, admin = u"admin"_s, keys = u"keys"_s;
    return {
        // Database
        row(db, u"DATABASE_TYPE"_s, &V::databaseType, QT_TRANSLATE_NOOP("gb::SettingSpec", "Database backend, sqlite or mysql."))
            .choices({u"sqlite"_s, u"mysql"_s}).restart(),
        row(db, u"SQLITE_DATABASE"_s, &V::sqliteDatabase, QT_TRANSLATE_NOOP("gb::SettingSpec", "SQLite database file name, relative to the data directory.")).restart(),
        row(db, u"MYSQL_HOST"_s, &V::mysqlHost, QT_TRANSLATE_NOOP("gb::SettingSpec", "MySQL server host name or address.")).restart(),
        row(db, u"MYSQL_PORT"_s, &V::mysqlPort, QT_TRANSLATE_NOOP("gb::SettingSpec", "MySQL server TCP port.")).range(1, 65535).restart(),
        row(db, u"MYSQL_USER"_s, &V::mysqlUser, QT_TRANSLATE_NOOP("gb::SettingSpec", "MySQL user name.")).restart(),
        row(db, u"MYSQL_PASSWORD"_s, &V::mysqlPassword, QT_TRANSLATE_NOOP("gb::SettingSpec", "MySQL password.")).secret().restart(),
        row(db, u"MYSQL_DATABASE"_s, &V::mysqlDatabase, QT_TRANSLATE_NOOP("gb::SettingSpec", "MySQL database (schema) name.")).restart(),
        row(db, u"MYSQL_SOCKET"_s, &V::mysqlSocket, QT_TRANSLATE_NOOP("gb::SettingSpec", "Path of a local MySQL Unix socket, used instead of host and port when set.")).restart(),

        // API and keys
        row(api, u"API_KEYS"_s, &V::apiKeys, QT_TRANSLATE_NOOP("gb::SettingSpec", "Gemini API keys that are pooled and rotated for upstream requests.")).secret(),
        row(api, u"ALLOWED_TOKENS"_s, &V::allowedTokens, QT_TRANSLATE_NOOP("gb::SettingSpec", "Client tokens that are accepted for API access.")).secret(),
        row(api, u"AUTH_TOKEN"_s, &V::authToken, QT_TRANSLATE_NOOP("gb::SettingSpec", "Token that grants access to the admin pages and the admin API.")).secret(),
        row(api, u"BASE_URL"_s, &V::baseUrl, QT_TRANSLATE_NOOP("gb::SettingSpec", "Base URL of the Gemini API used for upstream requests.")).check(SettingCheck::HttpUrl),
        row(api, u"MAX_FAILURES"_s, &V::maxFailures, QT_TRANSLATE_NOOP("gb::SettingSpec", "Number of failures after which a key counts as invalid.")).atLeast(1),
        row(api, u"TEST_MODEL"_s, &V::testModel, QT_TRANSLATE_NOOP("gb::SettingSpec", "Model used to check whether a key works.")),
        row(api, u"TIME_OUT"_s, &V::timeOut, QT_TRANSLATE_NOOP("gb::SettingSpec", "Upstream request timeout in seconds.")).range(1, 86400),
        row(api, u"MAX_RETRIES"_s, &V::maxRetries, QT_TRANSLATE_NOOP("gb::SettingSpec", "Number of upstream attempts per request, the first one included.")).atLeast(1),
        row(api, u"PROXIES"_s, &V::proxies, QT_TRANSLATE_NOOP("gb::SettingSpec", "Proxies for upstream requests, each scheme://[user:password@]host:port with scheme http, https or socks5."))
            .check(SettingCheck::ProxyUrls).secret(),
        row(api, u"PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY"_s, &V::proxiesUseConsistencyHashByApiKey,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Always send requests made with the same API key through the same proxy.")),
        row(api, u"VERTEX_API_KEYS"_s, &V::vertexApiKeys, QT_TRANSLATE_NOOP("gb::SettingSpec", "Vertex AI Express API keys.")).secret(),
        row(api, u"VERTEX_EXPRESS_BASE_URL"_s, &V::vertexExpressBaseUrl, QT_TRANSLATE_NOOP("gb::SettingSpec", "Base URL of the Vertex AI Express API."))
            .check(SettingCheck::HttpUrl),
        row(api, u"URL_NORMALIZATION_ENABLED"_s, &V::urlNormalizationEnabled, QT_TRANSLATE_NOOP("gb::SettingSpec", "Map non-standard request paths to the matching API routes.")),
        row(api, u"CUSTOM_HEADERS"_s, &V::customHeaders, QT_TRANSLATE_NOOP("gb::SettingSpec", "Extra HTTP headers added to every upstream Gemini request.")).secret(),
        row(api, u"MAX_REQUEST_BODY_MB"_s, &V::maxRequestBodyMb, QT_TRANSLATE_NOOP("gb::SettingSpec", "Largest accepted request body, in megabytes.")).range(1, 2048),
        row(api, u"MAX_CONCURRENT_REQUESTS"_s, &V::maxConcurrentRequests,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Relayed requests in flight at most; beyond it a request gets 503 with Retry-After (0: no limit)."))
            .range(0, 1000000),
        row(api, u"OVERLOAD_QUEUE_TIMEOUT_MS"_s, &V::overloadQueueTimeoutMs,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "How long a request beyond MAX_CONCURRENT_REQUESTS may wait for a free slot before its 503, in milliseconds (0: no wait)."))
            .range(0, 600000),
        row(api, u"PROXY_THREADS"_s, &V::proxyThreads,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Event loops serving clients, each on its own thread (0: one per CPU core, at most 8; https is served by one), read when the server starts (restart it to apply a change)."))
            .range(0, 64)
            .restart(),
        row(api, u"UPSTREAM_HTTP2"_s, &V::upstreamHttp2,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "HTTP/2 to the upstream: auto (https negotiates it, http uses HTTP/1.1), off (never), or prior-knowledge (http upstreams spoken to as HTTP/2 cleartext, h2c)."))
            .choices({u"auto"_s, u"off"_s, u"prior-knowledge"_s}),
        row(api, u"TLS_CERT_FILE"_s, &V::tlsCertFile,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "PEM certificate file (its chain may follow it) that, with TLS_KEY_FILE, makes the server speak https only; read when the server starts (restart it to apply a change)."))
            .restart(),
        row(api, u"TLS_KEY_FILE"_s, &V::tlsKeyFile,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Unencrypted PEM private key file of TLS_CERT_FILE; read when the server starts (restart it to apply a change)."))
            .restart(),

        // Key pool
        row(keys, u"KEY_SELECTION_STRATEGY"_s, &V::keySelectionStrategy,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "How the next key is chosen: round_robin, least_recently_used or weighted."))
            .choices({u"round_robin"_s, u"least_recently_used"_s, u"weighted"_s}),
        row(keys, u"API_KEY_WEIGHTS"_s, &V::apiKeyWeights,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Weights of keys for the weighted strategy, as a JSON object of key to weight (1 to 1000; default 1)."))
            .range(1, 1000).secret(),
        row(keys, u"FAILURE_STATUS_CODES"_s, &V::failureStatusCodes,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Upstream HTTP statuses that count towards MAX_FAILURES (a 400 only when the key is invalid)."))
            .check(SettingCheck::StatusCodes),
        row(keys, u"UPSTREAM_FAULT_FAILURE_WEIGHT"_s, &V::upstreamFaultFailureWeight,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "How much a server error or connection failure not listed in FAILURE_STATUS_CODES counts towards MAX_FAILURES (0: not at all); timeouts never count."))
            .range(0, 100),
        row(keys, u"RATE_LIMIT_COOLDOWN_SECONDS"_s, &V::rateLimitCooldownSeconds,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Rest after a rate limit that gives no retry delay, doubled on each further one for the same key and model."))
            .range(1, 86400),
        row(keys, u"RATE_LIMIT_COOLDOWN_MAX_SECONDS"_s, &V::rateLimitCooldownMaxSeconds,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Longest rest after repeated rate limits (a daily quota always rests until midnight Pacific time)."))
            .range(1, 86400),
        row(keys, u"KEY_CHECK_CONCURRENCY"_s, &V::keyCheckConcurrency,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "How many keys are checked at once by verification and the scheduled health check."))
            .range(1, 50),

        // Models
        row(models, u"SEARCH_MODELS"_s, &V::searchModels, QT_TRANSLATE_NOOP("gb::SettingSpec", "Models that get a \"-search\" variant with Google Search grounding.")),
        row(models, u"IMAGE_MODELS"_s, &V::imageModels, QT_TRANSLATE_NOOP("gb::SettingSpec", "Models that get an \"-image\" variant that can answer with images.")),
        row(models, u"FILTERED_MODELS"_s, &V::filteredModels, QT_TRANSLATE_NOOP("gb::SettingSpec", "Models hidden from model lists and refused in requests.")),
        row(models, u"TOOLS_CODE_EXECUTION_ENABLED"_s, &V::toolsCodeExecutionEnabled, QT_TRANSLATE_NOOP("gb::SettingSpec", "Add the code execution tool to requests.")),
        row(models, u"URL_CONTEXT_ENABLED"_s, &V::urlContextEnabled, QT_TRANSLATE_NOOP("gb::SettingSpec", "Add the URL context tool to requests for the URL context models.")),
        row(models, u"URL_CONTEXT_MODELS"_s, &V::urlContextModels, QT_TRANSLATE_NOOP("gb::SettingSpec", "Models that get the URL context tool when it is enabled.")),
        row(models, u"SHOW_SEARCH_LINK"_s, &V::showSearchLink, QT_TRANSLATE_NOOP("gb::SettingSpec", "Append the links of search results to grounded answers.")),
        row(models, u"SHOW_THINKING_PROCESS"_s, &V::showThinkingProcess, QT_TRANSLATE_NOOP("gb::SettingSpec", "Include the model's thoughts in answers.")),
        row(models, u"THINKING_MODELS"_s, &V::thinkingModels, QT_TRANSLATE_NOOP("gb::SettingSpec", "Models that get a \"-non-thinking\" variant.")),
        row(models, u"THINKING_BUDGET_MAP"_s, &V::thinkingBudgetMap, QT_TRANSLATE_NOOP("gb::SettingSpec", "Thinking budget in tokens per model, where -1 means dynamic."))
            .atLeast(-1),
        row(models, u"SAFETY_SETTINGS"_s, &V::safetySettings, QT_TRANSLATE_NOOP("gb::SettingSpec", "Safety settings (category and threshold) sent with every request.")),

        // TTS and images
        row(media, u"TTS_MODEL"_s, &V::ttsModel, QT_TRANSLATE_NOOP("gb::SettingSpec", "Model used for text to speech.")),
        row(media, u"TTS_VOICE_NAME"_s, &V::ttsVoiceName, QT_TRANSLATE_NOOP("gb::SettingSpec", "Voice used for text to speech.")),
        row(media, u"TTS_SPEED"_s, &V::ttsSpeed, QT_TRANSLATE_NOOP("gb::SettingSpec", "Speaking speed used for text to speech.")),
        row(media, u"PAID_KEY"_s, &V::paidKey, QT_TRANSLATE_NOOP("gb::SettingSpec", "Paid Gemini API key used for image generation.")).secret(),
        row(media, u"CREATE_IMAGE_MODEL"_s, &V::createImageModel, QT_TRANSLATE_NOOP("gb::SettingSpec", "Model used to generate images.")),
        row(media, u"UPLOAD_PROVIDER"_s, &V::uploadProvider,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Service that generated images are uploaded to: smms, picgo, cloudflare_imgbed or aliyun_oss."))
            .choices({u"smms"_s, u"picgo"_s, u"cloudflare_imgbed"_s, u"aliyun_oss"_s}),
        row(media, u"SMMS_SECRET_TOKEN"_s, &V::smmsSecretToken, QT_TRANSLATE_NOOP("gb::SettingSpec", "SM.MS API token for image uploads.")).secret(),
        row(media, u"PICGO_API_KEY"_s, &V::picgoApiKey, QT_TRANSLATE_NOOP("gb::SettingSpec", "PicGo API key for image uploads.")).secret(),
        row(media, u"PICGO_API_URL"_s, &V::picgoApiUrl, QT_TRANSLATE_NOOP("gb::SettingSpec", "PicGo upload endpoint URL.")).check(SettingCheck::OptionalHttpUrl),
        row(media, u"CLOUDFLARE_IMGBED_URL"_s, &V::cloudflareImgbedUrl, QT_TRANSLATE_NOOP("gb::SettingSpec", "CloudFlare ImgBed upload URL."))
            .check(SettingCheck::OptionalHttpUrl),
        row(media, u"CLOUDFLARE_IMGBED_AUTH_CODE"_s, &V::cloudflareImgbedAuthCode, QT_TRANSLATE_NOOP("gb::SettingSpec", "CloudFlare ImgBed authentication code.")).secret(),
        row(media, u"CLOUDFLARE_IMGBED_UPLOAD_FOLDER"_s, &V::cloudflareImgbedUploadFolder, QT_TRANSLATE_NOOP("gb::SettingSpec", "CloudFlare ImgBed folder that images are uploaded to.")),
        row(media, u"OSS_ENDPOINT"_s, &V::ossEndpoint, QT_TRANSLATE_NOOP("gb::SettingSpec", "Aliyun OSS endpoint.")),
        row(media, u"OSS_ENDPOINT_INNER"_s, &V::ossEndpointInner, QT_TRANSLATE_NOOP("gb::SettingSpec", "Aliyun OSS internal endpoint.")),
        row(media, u"OSS_ACCESS_KEY"_s, &V::ossAccessKey, QT_TRANSLATE_NOOP("gb::SettingSpec", "Aliyun OSS access key ID.")).secret(),
        row(media, u"OSS_ACCESS_KEY_SECRET"_s, &V::ossAccessKeySecret, QT_TRANSLATE_NOOP("gb::SettingSpec", "Aliyun OSS access key secret.")).secret(),
        row(media, u"OSS_BUCKET_NAME"_s, &V::ossBucketName, QT_TRANSLATE_NOOP("gb::SettingSpec", "Aliyun OSS bucket name.")),
        row(media, u"OSS_REGION"_s, &V::ossRegion, QT_TRANSLATE_NOOP("gb::SettingSpec", "Aliyun OSS region.")),

        // Streaming
        row(stream, u"STREAM_OPTIMIZER_ENABLED"_s, &V::streamOptimizerEnabled, QT_TRANSLATE_NOOP("gb::SettingSpec", "Smooth streamed text by re-sending it in small paced pieces.")),
        row(stream, u"STREAM_MIN_DELAY"_s, &V::streamMinDelay, QT_TRANSLATE_NOOP("gb::SettingSpec", "Shortest pause between streamed pieces, in seconds.")).atLeast(0),
        row(stream, u"STREAM_MAX_DELAY"_s, &V::streamMaxDelay, QT_TRANSLATE_NOOP("gb::SettingSpec", "Longest pause between streamed pieces, in seconds.")).atLeast(0),
        row(stream, u"STREAM_SHORT_TEXT_THRESHOLD"_s, &V::streamShortTextThreshold,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Length in characters below which the optimizer treats a text as short.")).atLeast(0),
        row(stream, u"STREAM_LONG_TEXT_THRESHOLD"_s, &V::streamLongTextThreshold,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Length in characters above which the optimizer treats a text as long.")).atLeast(0),
        row(stream, u"STREAM_CHUNK_SIZE"_s, &V::streamChunkSize, QT_TRANSLATE_NOOP("gb::SettingSpec", "Characters per piece when the optimizer sends a long text.")).atLeast(1),
        row(stream, u"FAKE_STREAM_ENABLED"_s, &V::fakeStreamEnabled,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Answer streaming requests from a non-streaming upstream call, sending keep-alive data while waiting.")),
        row(stream, u"FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS"_s, &V::fakeStreamEmptyDataIntervalSeconds,
            QT_TRANSLATE_NOOP("gb::SettingSpec", "Seconds between keep-alive messages during a fake stream.")).atLeast(1),

        // Scheduler, logging, retention, files, admin
        row(scheduler, u"CHECK_INTERVAL_HOURS"_s, &V::checkIntervalHours, QT_TRANSLATE_NOOP("gb::SettingSpec", "Hours between re-checks of failed keys, where 0 turns the check off."))
            .atLeast(0),
        row(scheduler, u"TIMEZONE"_s, &V::timezone, QT_TRANSLATE_NOOP("gb::SettingSpec", "IANA time zone of scheduled jobs, or empty for the system time zone."))
            .check(SettingCheck::TimeZone),
        row(admin, u"GITHUB_REPO_OWNER"_s, &V::githubRepoOwner, QT_TRANSLATE_NOOP("gb::SettingSpec", "Owner of the GitHub repository that is checked for updates.")),
        row(admin, u"GITHUB_REPO_NAME"_s, &V::githubRepoName, QT_TRANSLATE_NOOP("gb::SettingSpec", "Name of the GitHub repository that is checked for updates.")),
        row(logging, u"LOG_LEVEL"_s, &V::logLevel, QT_TRANSLATE_NOOP("gb::SettingSpec", "Lowest level of logged messages: DEBUG, INFO, WARNING, ERROR or CRITICAL."))
            .choices({u"DEBUG"_s, u"INFO"_s, u"WARNING"_s, u"ERROR"_s, u"CRITICAL"_s}),
        row(logging, u"ERROR_LOG_RECORD_REQUEST_BODY"_s, &V::errorLogRecordRequestBody, QT_TRANSLATE_NOOP("gb::SettingSpec", "Store the request body with each error log entry.")),
        row(logging, u"AUTO_DELETE_ERROR_LOGS_ENABLED"_s, &V::autoDeleteErrorLogsEnabled, QT_TRANSLATE_NOOP("gb::SettingSpec", "Delete old error log entries automatically.")),
        row(logging, u"AUTO_DELETE_ERROR_LOGS_DAYS"_s, &V::autoDeleteErrorLogsDays, QT_TRANSLATE_NOOP("gb::SettingSpec", "Age in days after which error log entries are deleted."))
            .atLeast(1),
        row(logging, u"AUTO_DELETE_REQUEST_LOGS_ENABLED"_s, &V::autoDeleteRequestLogsEnabled, QT_TRANSLATE_NOOP("gb::SettingSpec", "Delete old request log entries automatically.")),
        row(logging, u"AUTO_DELETE_REQUEST_LOGS_DAYS"_s, &V::autoDeleteRequestLogsDays, QT_TRANSLATE_NOOP("gb::SettingSpec", "Age in days after which request log entries are deleted."))
            .atLeast(1),
        row(files, u"FILES_CLEANUP_ENABLED"_s, &V::filesCleanupEnabled, QT_TRANSLATE_NOOP("gb::SettingSpec", "Remove expired uploaded files automatically.")),
        row(files, u"FILES_CLEANUP_INTERVAL_HOURS"_s, &V::filesCleanupIntervalHours, QT_TRANSLATE_NOOP("gb::SettingSpec", "Hours between clean-ups of expired files.")).atLeast(1),
        row(files, u"FILES_USER_ISOLATION_ENABLED"_s, &V::filesUserIsolationEnabled, QT_TRANSLATE_NOOP("gb::SettingSpec", "Let each user list only the files they uploaded.")),
        row(admin, u"ADMIN_SESSION_EXPIRE"_s, &V::adminSessionExpire, QT_TRANSLATE_NOOP("gb::SettingSpec", "Lifetime of an admin session in seconds, from 300 to 86400."))
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
