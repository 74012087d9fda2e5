#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace gb::test {

// A gemini-balance database as its own code creates it (SQLAlchemy create_all, reference
// section 5.1), filled with a small set of realistic rows whose imported form the tests
// compute by hand: full keys in api_key / gemini_key and in the error texts, NULL status
// codes and latencies, JSON lists in t_settings, unknown and invalid settings.
// Times are naive local times of Asia/Shanghai (UTC+8 all year, no DST).
struct GeminiBalanceFixture
{
    // Two Google-shaped keys and one that no pattern recognises (only the known-key
    // redaction can catch it).
    static QString key1();
    static QString key2();
    static QString key3();
    static QStringList keys() { return {key1(), key2(), key3()}; }

    // gemini-balance's tables on `db` ("sqlite" or "mysql" dialect). False with the error.
    static bool createTables(QSqlDatabase db, bool mysql, QString *error);
    // The rows below. False with the error.
    static bool fill(QSqlDatabase db, QString *error);
    // `count` more request rows (for the speed test), in one transaction.
    static bool fillBulkRequests(QSqlDatabase db, int count, QString *error);

    // What the rows come to.
    static constexpr int kRequestRows = 7;
    static constexpr int kErrorRows = 3;
    // t_settings rows that are imported: API_KEYS, ALLOWED_TOKENS, MAX_FAILURES,
    // SHOW_SEARCH_LINK, SAFETY_SETTINGS (TEST_MODEL too when the target has none).
    static QStringList importedSettings();
    // Skipped: UNKNOWN_FEATURE_FLAG (unknown), MAX_RETRIES (invalid), MYSQL_HOST and
    // DATABASE_TYPE (connection settings).
    static QStringList skippedSettings();
};

} // namespace gb::test
