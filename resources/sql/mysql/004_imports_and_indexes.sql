-- What was imported from another database (see the SQLite migration). MySQL commits DDL at
-- once, so a migration that fails halfway is re-run from its start: CREATE TABLE IF NOT
-- EXISTS, and Database::migrate treats "duplicate key name" as done (MySQL 8 has no
-- CREATE INDEX IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS gb_imports (
    source_id CHAR(64) CHARACTER SET ascii NOT NULL,
    table_name VARCHAR(64) CHARACTER SET ascii NOT NULL,
    source VARCHAR(500) NOT NULL DEFAULT '',
    last_id BIGINT NOT NULL DEFAULT 0,
    rows_imported BIGINT NOT NULL DEFAULT 0,
    updated_ms BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, table_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- The error log page filters by error code within a time range, newest first.
CREATE INDEX ix_error_logs_code_time ON t_error_logs (error_code, request_ms);
