#pragma once

#include <QByteArray>
#include <QString>

namespace gb {

// Tokens an answer reported (Gemini's usageMetadata).
struct TokenUsage
{
    bool known = false;
    int prompt = 0;
    int candidates = 0;  // the answer's own tokens (completion)
    int thoughts = 0;
    int total = 0;
};

// The request log's INSERT up to its VALUES tuples: the column order every writer binds in
// (LogWriter's QSqlQuery statements, SqliteRequestInsert).
inline constexpr char kRequestLogInsertHead[] =
    "INSERT INTO t_request_log (request_time, model_name, api_key, is_success, status_code, latency_ms, "
    "request_ms, key_id, token_id, prompt_tokens, completion_tokens, thought_tokens, total_tokens, is_stream, "
    "attempt, operation) VALUES ";
inline constexpr int kRequestLogColumns = 16;

// One upstream attempt, as the request log (t_request_log) and the per-minute counters
// (gb_counters_minute) keep it. Keys appear only as key_id (SHA-256 hex) and hint.
struct RequestLogEntry
{
    qint64 timeMs = 0;       // when the attempt started, epoch ms (UTC)
    QString model;           // the real model ("" for calls without one, e.g. the model list)
    QString keyId;           // KeyStateStore::keyId(key)
    QString keyHint;         // redact::secret(key)
    QString tokenId;         // first 12 hex of SHA-256 of the client's token ("" when none)
    int statusCode = 0;      // upstream HTTP status; 0 = no answer (connection error, timeout)
    bool success = false;
    int latencyMs = 0;
    TokenUsage usage;
    bool stream = false;
    int attempt = 1;         // 1 = first try of the call, 2 = first retry, ...
    QString operation;       // "gemini-chat-stream", "openai-chat-non-stream", ...
};

// One failed attempt, as t_error_logs keeps it (gemini-balance's columns).
struct ErrorLogEntry
{
    qint64 timeMs = 0;
    QString keyId;
    QString keyHint;         // stored in gemini_key: never the full key
    QString model;
    QString errorType;       // gemini-balance's error_type, e.g. "gemini-chat-stream"
    int errorCode = 0;       // upstream status, 0 for a network error
    QString errorLog;        // the upstream body or the network error, redacted
    QByteArray requestBody;  // only with ERROR_LOG_RECORD_REQUEST_BODY, else empty
};

} // namespace gb
