#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace gb {

using StringMap = QMap<QString, QString>;
using NumberMap = QMap<QString, double>;
using MapList = QList<QMap<QString, QString>>;

// Every setting, typed, with its default. Names in comments are the environment / .env /
// database names, identical to gemini-balance's. SettingSpec.cpp ties each field to its
// name, type, group and flags; keep the two in step.
struct SettingsValues
{
    // -- Database ---------------------------------------------------------------
    QString databaseType = QStringLiteral("sqlite");        // DATABASE_TYPE: sqlite | mysql
    QString sqliteDatabase = QStringLiteral("gembalance.db"); // SQLITE_DATABASE: file in the data dir
    QString mysqlHost;                                      // MYSQL_HOST
    int mysqlPort = 3306;                                   // MYSQL_PORT
    QString mysqlUser;                                      // MYSQL_USER
    QString mysqlPassword;                                  // MYSQL_PASSWORD (secret)
    QString mysqlDatabase;                                  // MYSQL_DATABASE
    QString mysqlSocket;                                    // MYSQL_SOCKET

    // -- API and keys -------------------------------------------------------------
    QStringList apiKeys;                                    // API_KEYS (secret)
    QStringList allowedTokens;                              // ALLOWED_TOKENS (secret)
    QString authToken;                                      // AUTH_TOKEN (secret)
    QString baseUrl = QStringLiteral("https://generativelanguage.googleapis.com/v1beta"); // BASE_URL
    int maxFailures = 3;                                    // MAX_FAILURES
    QString testModel = QStringLiteral("gemini-2.5-flash-lite"); // TEST_MODEL
    int timeOut = 300;                                      // TIME_OUT (seconds)
    int maxRetries = 3;                                     // MAX_RETRIES (attempts in all)
    QStringList proxies;                                    // PROXIES (secret: may hold credentials)
    bool proxiesUseConsistencyHashByApiKey = true;          // PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY
    QStringList vertexApiKeys;                              // VERTEX_API_KEYS (secret)
    QString vertexExpressBaseUrl = QStringLiteral("https://aiplatform.googleapis.com/v1beta1/publishers/google"); // VERTEX_EXPRESS_BASE_URL
    bool urlNormalizationEnabled = false;                   // URL_NORMALIZATION_ENABLED
    StringMap customHeaders;                                // CUSTOM_HEADERS
    int maxRequestBodyMb = 32;                              // MAX_REQUEST_BODY_MB (GemBalance)
    int maxConcurrentRequests = 1000;                       // MAX_CONCURRENT_REQUESTS (GemBalance): relayed requests in flight, 0 = unlimited
    int overloadQueueTimeoutMs = 0;                         // OVERLOAD_QUEUE_TIMEOUT_MS (GemBalance): wait for a slot before the 503
    int proxyThreads = 0;                                   // PROXY_THREADS (GemBalance): event loops serving clients, 0 = one per core (at most 8)
    QString upstreamHttp2 = QStringLiteral("auto");         // UPSTREAM_HTTP2 (GemBalance): auto | off | prior-knowledge
    QString tlsCertFile;                                    // TLS_CERT_FILE (GemBalance): PEM certificate (chain) of the https server
    QString tlsKeyFile;                                     // TLS_KEY_FILE (GemBalance): its PEM private key; both set = https

    // -- Key pool (GemBalance) -------------------------------------------------------
    QString keySelectionStrategy = QStringLiteral("round_robin"); // KEY_SELECTION_STRATEGY: round_robin | least_recently_used | weighted
    NumberMap apiKeyWeights;                                // API_KEY_WEIGHTS (secret): {"key": weight} for the weighted strategy
    QStringList failureStatusCodes = {QStringLiteral("400"), QStringLiteral("401"), QStringLiteral("403")}; // FAILURE_STATUS_CODES
    int upstreamFaultFailureWeight = 0;                     // UPSTREAM_FAULT_FAILURE_WEIGHT: how much a 5xx/connection error counts
    int rateLimitCooldownSeconds = 30;                      // RATE_LIMIT_COOLDOWN_SECONDS: first cooldown without RetryInfo
    int rateLimitCooldownMaxSeconds = 3600;                 // RATE_LIMIT_COOLDOWN_MAX_SECONDS: backoff ceiling
    int keyCheckConcurrency = 5;                            // KEY_CHECK_CONCURRENCY: parallel key checks

    // -- Models ---------------------------------------------------------------------
    QStringList searchModels = {QStringLiteral("gemini-2.5-flash"), QStringLiteral("gemini-2.5-pro")}; // SEARCH_MODELS
    QStringList imageModels = {QStringLiteral("gemini-2.0-flash-exp"), QStringLiteral("gemini-2.5-flash-image-preview")}; // IMAGE_MODELS
    QStringList filteredModels = {QStringLiteral("gemini-1.0-pro-vision-latest"), QStringLiteral("gemini-pro-vision"),
                                  QStringLiteral("chat-bison-001"), QStringLiteral("text-bison-001"),
                                  QStringLiteral("embedding-gecko-001")}; // FILTERED_MODELS
    bool toolsCodeExecutionEnabled = false;                 // TOOLS_CODE_EXECUTION_ENABLED
    bool urlContextEnabled = false;                         // URL_CONTEXT_ENABLED
    QStringList urlContextModels = {QStringLiteral("gemini-2.5-pro"), QStringLiteral("gemini-2.5-flash"),
                                    QStringLiteral("gemini-2.5-flash-lite"), QStringLiteral("gemini-2.0-flash"),
                                    QStringLiteral("gemini-2.0-flash-live-001")}; // URL_CONTEXT_MODELS
    bool showSearchLink = true;                             // SHOW_SEARCH_LINK
    bool showThinkingProcess = true;                        // SHOW_THINKING_PROCESS
    QStringList thinkingModels;                             // THINKING_MODELS
    NumberMap thinkingBudgetMap;                            // THINKING_BUDGET_MAP
    MapList safetySettings = {
        {{QStringLiteral("category"), QStringLiteral("HARM_CATEGORY_HARASSMENT")}, {QStringLiteral("threshold"), QStringLiteral("OFF")}},
        {{QStringLiteral("category"), QStringLiteral("HARM_CATEGORY_HATE_SPEECH")}, {QStringLiteral("threshold"), QStringLiteral("OFF")}},
        {{QStringLiteral("category"), QStringLiteral("HARM_CATEGORY_SEXUALLY_EXPLICIT")}, {QStringLiteral("threshold"), QStringLiteral("OFF")}},
        {{QStringLiteral("category"), QStringLiteral("HARM_CATEGORY_DANGEROUS_CONTENT")}, {QStringLiteral("threshold"), QStringLiteral("OFF")}},
        {{QStringLiteral("category"), QStringLiteral("HARM_CATEGORY_CIVIC_INTEGRITY")}, {QStringLiteral("threshold"), QStringLiteral("BLOCK_NONE")}},
    };                                                      // SAFETY_SETTINGS

    // -- TTS and images ---------------------------------------------------------------
    QString ttsModel = QStringLiteral("gemini-2.5-flash-preview-tts"); // TTS_MODEL
    QString ttsVoiceName = QStringLiteral("Zephyr");        // TTS_VOICE_NAME
    QString ttsSpeed = QStringLiteral("normal");            // TTS_SPEED
    QString paidKey;                                        // PAID_KEY (secret)
    QString createImageModel = QStringLiteral("imagen-3.0-generate-002"); // CREATE_IMAGE_MODEL
    QString uploadProvider = QStringLiteral("smms");        // UPLOAD_PROVIDER: smms | picgo | cloudflare_imgbed | aliyun_oss
    QString smmsSecretToken;                                // SMMS_SECRET_TOKEN (secret)
    QString picgoApiKey;                                    // PICGO_API_KEY (secret)
    QString picgoApiUrl = QStringLiteral("https://www.picgo.net/api/1/upload"); // PICGO_API_URL
    QString cloudflareImgbedUrl;                            // CLOUDFLARE_IMGBED_URL
    QString cloudflareImgbedAuthCode;                       // CLOUDFLARE_IMGBED_AUTH_CODE (secret)
    QString cloudflareImgbedUploadFolder;                   // CLOUDFLARE_IMGBED_UPLOAD_FOLDER
    QString ossEndpoint;                                    // OSS_ENDPOINT
    QString ossEndpointInner;                               // OSS_ENDPOINT_INNER
    QString ossAccessKey;                                   // OSS_ACCESS_KEY (secret)
    QString ossAccessKeySecret;                             // OSS_ACCESS_KEY_SECRET (secret)
    QString ossBucketName;                                  // OSS_BUCKET_NAME
    QString ossRegion;                                      // OSS_REGION

    // -- Streaming ------------------------------------------------------------------------
    bool streamOptimizerEnabled = false;                    // STREAM_OPTIMIZER_ENABLED
    double streamMinDelay = 0.016;                          // STREAM_MIN_DELAY (seconds)
    double streamMaxDelay = 0.024;                          // STREAM_MAX_DELAY (seconds)
    int streamShortTextThreshold = 10;                      // STREAM_SHORT_TEXT_THRESHOLD
    int streamLongTextThreshold = 50;                       // STREAM_LONG_TEXT_THRESHOLD
    int streamChunkSize = 5;                                // STREAM_CHUNK_SIZE
    bool fakeStreamEnabled = false;                         // FAKE_STREAM_ENABLED
    int fakeStreamEmptyDataIntervalSeconds = 5;             // FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS

    // -- Scheduler, logging, retention, files, admin ----------------------------------------
    int checkIntervalHours = 1;                             // CHECK_INTERVAL_HOURS (0 = off)
    QString timezone;                                       // TIMEZONE (IANA id; empty = system)
    QString githubRepoOwner = QStringLiteral("snailyp");    // GITHUB_REPO_OWNER
    QString githubRepoName = QStringLiteral("gemini-balance"); // GITHUB_REPO_NAME
    QString logLevel = QStringLiteral("INFO");              // LOG_LEVEL: DEBUG | INFO | WARNING | ERROR | CRITICAL
    bool errorLogRecordRequestBody = false;                 // ERROR_LOG_RECORD_REQUEST_BODY
    bool autoDeleteErrorLogsEnabled = true;                 // AUTO_DELETE_ERROR_LOGS_ENABLED
    int autoDeleteErrorLogsDays = 7;                        // AUTO_DELETE_ERROR_LOGS_DAYS
    bool autoDeleteRequestLogsEnabled = false;              // AUTO_DELETE_REQUEST_LOGS_ENABLED
    int autoDeleteRequestLogsDays = 30;                     // AUTO_DELETE_REQUEST_LOGS_DAYS
    bool filesCleanupEnabled = true;                        // FILES_CLEANUP_ENABLED
    int filesCleanupIntervalHours = 1;                      // FILES_CLEANUP_INTERVAL_HOURS
    bool filesUserIsolationEnabled = true;                  // FILES_USER_ISOLATION_ENABLED
    int adminSessionExpire = 3600;                          // ADMIN_SESSION_EXPIRE (seconds, 300..86400)
};

} // namespace gb
