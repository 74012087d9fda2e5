-- Request log, one row per upstream attempt (gemini-balance's t_request_log columns first).
-- Keys are stored as a redacted hint plus their SHA-256 (key_id), never in full.
CREATE TABLE IF NOT EXISTS t_request_log (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    request_time DATETIME,
    model_name VARCHAR(100),
    api_key VARCHAR(100),
    is_success BOOLEAN NOT NULL,
    status_code INT,
    latency_ms INT,
    request_ms BIGINT NOT NULL DEFAULT 0,
    key_id CHAR(64) CHARACTER SET ascii,
    token_id VARCHAR(16) CHARACTER SET ascii,
    prompt_tokens INT,
    completion_tokens INT,
    thought_tokens INT,
    total_tokens INT,
    is_stream BOOLEAN NOT NULL DEFAULT 0,
    attempt INT NOT NULL DEFAULT 1,
    operation VARCHAR(50),
    INDEX ix_request_log_time (request_ms),
    INDEX ix_request_log_key_time (key_id, request_ms),
    INDEX ix_request_log_status_time (status_code, request_ms)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Error log, one row per failed attempt (gemini-balance's t_error_logs columns first).
CREATE TABLE IF NOT EXISTS t_error_logs (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    gemini_key VARCHAR(100),
    model_name VARCHAR(100),
    error_type VARCHAR(50),
    error_log MEDIUMTEXT,
    error_code INT,
    request_msg MEDIUMTEXT,
    request_time DATETIME,
    request_ms BIGINT NOT NULL DEFAULT 0,
    key_id CHAR(64) CHARACTER SET ascii,
    INDEX ix_error_logs_time (request_ms),
    INDEX ix_error_logs_key_time (key_id, request_ms),
    INDEX ix_error_logs_code (error_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Per-minute counters per key and model (see the SQLite migration for lat_b0..lat_b15).
CREATE TABLE IF NOT EXISTS gb_counters_minute (
    minute BIGINT NOT NULL,
    key_id CHAR(64) CHARACTER SET ascii NOT NULL,
    model_name VARCHAR(100) NOT NULL,
    requests INT NOT NULL DEFAULT 0,
    failures INT NOT NULL DEFAULT 0,
    prompt_tokens BIGINT NOT NULL DEFAULT 0,
    completion_tokens BIGINT NOT NULL DEFAULT 0,
    thought_tokens BIGINT NOT NULL DEFAULT 0,
    latency_ms_sum BIGINT NOT NULL DEFAULT 0,
    lat_b0 INT NOT NULL DEFAULT 0,
    lat_b1 INT NOT NULL DEFAULT 0,
    lat_b2 INT NOT NULL DEFAULT 0,
    lat_b3 INT NOT NULL DEFAULT 0,
    lat_b4 INT NOT NULL DEFAULT 0,
    lat_b5 INT NOT NULL DEFAULT 0,
    lat_b6 INT NOT NULL DEFAULT 0,
    lat_b7 INT NOT NULL DEFAULT 0,
    lat_b8 INT NOT NULL DEFAULT 0,
    lat_b9 INT NOT NULL DEFAULT 0,
    lat_b10 INT NOT NULL DEFAULT 0,
    lat_b11 INT NOT NULL DEFAULT 0,
    lat_b12 INT NOT NULL DEFAULT 0,
    lat_b13 INT NOT NULL DEFAULT 0,
    lat_b14 INT NOT NULL DEFAULT 0,
    lat_b15 INT NOT NULL DEFAULT 0,
    PRIMARY KEY (minute, key_id, model_name),
    INDEX ix_counters_key_minute (key_id, minute)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
