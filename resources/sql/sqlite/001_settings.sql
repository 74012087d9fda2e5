-- Settings saved from the admin API or the GUI (gemini-balance's t_settings shape).
CREATE TABLE IF NOT EXISTS t_settings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    `key` VARCHAR(100) NOT NULL UNIQUE,
    value TEXT,
    description VARCHAR(255),
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
