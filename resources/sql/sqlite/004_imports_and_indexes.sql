-- What was imported from another database (gembalance --import-gemini-balance), so a second
-- import of the same source adds only rows newer than last_id. source_id is the SHA-256 hex
-- of the source as described (an absolute file path, or mysql://user@host:port/db: never a
-- password); source is that description for humans.
CREATE TABLE IF NOT EXISTS gb_imports (
    source_id CHAR(64) NOT NULL,
    table_name VARCHAR(64) NOT NULL,
    source VARCHAR(500) NOT NULL DEFAULT '',
    last_id BIGINT NOT NULL DEFAULT 0,
    rows_imported BIGINT NOT NULL DEFAULT 0,
    updated_ms BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, table_name)
);
-- The error log page filters by error code within a time range, newest first.
CREATE INDEX IF NOT EXISTS ix_error_logs_code_time ON t_error_logs (error_code, request_ms);
