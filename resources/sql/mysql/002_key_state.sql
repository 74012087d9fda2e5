-- What the key pool knows about each API key (failures, disabling, per-model cooldowns,
-- totals), so it survives a restart. Never the key itself: key_id is the lowercase hex
-- SHA-256 of the key, key_hint its redacted form for humans ("AIzaSy…abcd").
-- Times are epoch milliseconds (0 = never). cooldowns is JSON by model:
-- {"model":{"until":ms,"level":n,"perDay":bool,"reason":"..."}}
-- TEXT columns have no DEFAULT (MySQL before 8.0.13 refuses one); the store writes every column.
-- The updated_at index serves the start-up pruning of rows untouched for 90 days.
CREATE TABLE IF NOT EXISTS gb_key_state (
    key_id CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    key_hint VARCHAR(32) NOT NULL DEFAULT '',
    weight INT NOT NULL DEFAULT 1,
    failures INT NOT NULL DEFAULT 0,
    disabled_reason VARCHAR(32) NOT NULL DEFAULT '',
    last_error TEXT NOT NULL,
    last_used_at BIGINT NOT NULL DEFAULT 0,
    last_success_at BIGINT NOT NULL DEFAULT 0,
    last_failure_at BIGINT NOT NULL DEFAULT 0,
    successes_total BIGINT NOT NULL DEFAULT 0,
    failures_total BIGINT NOT NULL DEFAULT 0,
    cooldowns TEXT NOT NULL,
    updated_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id),
    KEY gb_key_state_updated_at (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
