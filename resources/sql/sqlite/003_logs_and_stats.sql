-- Request log, one row per upstream attempt (gemini-balance's t_request_log columns first).
-- Keys are stored as a redacted hint plus their SHA-256 (key_id), never in full.
CREATE TABLE IF NOT EXISTS t_request_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_time DATETIME,
    model_name VARCHAR(100),
    api_key VARCHAR(100),
    is_success BOOLEAN NOT NULL,
    status_code INTEGER,
    latency_ms INTEGER,
    request_ms BIGINT NOT NULL DEFAULT 0,
    key_id CHAR(64),
    token_id VARCHAR(16),
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    thought_tokens INTEGER,
    total_tokens INTEGER,
    is_stream BOOLEAN NOT NULL DEFAULT 0,
    attempt INTEGER NOT NULL DEFAULT 1,
    operation VARCHAR(50)
);
CREATE INDEX IF NOT EXISTS ix_request_log_time ON t_request_log (request_ms);
CREATE INDEX IF NOT EXISTS ix_request_log_key_time ON t_request_log (key_id, request_ms);
CREATE INDEX IF NOT EXISTS ix_request_log_status_time ON t_request_log (status_code, request_ms);

-- Error log, one row per failed attempt (gemini-balance's t_error_logs columns first).
CREATE TABLE IF NOT EXISTS t_error_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    gemini_key VARCHAR(100),
    model_name VARCHAR(100),
    error_type VARCHAR(50),
    error_log TEXT,
    error_code INTEGER,
    request_msg TEXT,
    request_time DATETIME,
    request_ms BIGINT NOT NULL DEFAULT 0,
    key_id CHAR(64)
);
CREATE INDEX IF NOT EXISTS ix_error_logs_time ON t_error_logs (request_ms);
CREATE INDEX IF NOT EXISTS ix_error_logs_key_time ON t_error_logs (key_id, request_ms);
CREATE INDEX IF NOT EXISTS ix_error_logs_code ON t_error_logs (error_code);

-- Per-minute counters per key and model, so statistics stay fast with millions of log rows.
-- minute: the epoch minute (epoch ms / 60000, UTC).
-- lat_b0..lat_b15: how many attempts took [0,1), [1,2), [2,4) ... ms (bucket i > 0 holds
-- [2^(i-1), 2^i) ms; the last one everything from 16.4 s up), for latency percentiles.
CREATE TABLE IF NOT EXISTS gb_counters_minute (
    minute BIGINT NOT NULL,
    key_id CHAR(64) NOT NULL,
    model_name VARCHAR(100) NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    prompt_tokens BIGINT NOT NULL DEFAULT 0,
    completion_tokens BIGINT NOT NULL DEFAULT 0,
    thought_tokens BIGINT NOT NULL DEFAULT 0,
    latency_ms_sum BIGINT NOT NULL DEFAULT 0,
    lat_b0 INTEGER NOT NULL DEFAULT 0,
    lat_b1 INTEGER NOT NULL DEFAULT 0,
    lat_b2 INTEGER NOT NULL DEFAULT 0,
    lat_b3 INTEGER NOT NULL DEFAULT 0,
    lat_b4 INTEGER NOT NULL DEFAULT 0,
    lat_b5 INTEGER NOT NULL DEFAULT 0,
    lat_b6 INTEGER NOT NULL DEFAULT 0,
    lat_b7 INTEGER NOT NULL DEFAULT 0,
    lat_b8 INTEGER NOT NULL DEFAULT 0,
    lat_b9 INTEGER NOT NULL DEFAULT 0,
    lat_b10 INTEGER NOT NULL DEFAULT 0,
    lat_b11 INTEGER NOT NULL DEFAULT 0,
    lat_b12 INTEGER NOT NULL DEFAULT 0,
    lat_b13 INTEGER NOT NULL DEFAULT 0,
    lat_b14 INTEGER NOT NULL DEFAULT 0,
    lat_b15 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (minute, key_id, model_name)
);
CREATE INDEX IF NOT EXISTS ix_counters_key_minute ON gb_counters_minute (key_id, minute);
