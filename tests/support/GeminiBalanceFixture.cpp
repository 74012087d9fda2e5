#include "GeminiBalanceFixture.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace gb::test {

namespace {

QVariant null(QMetaType type)
{
    return QVariant(type);
}
const QVariant kNullInt = null(QMetaType::fromType<int>());
const QVariant kNullText = null(QMetaType::fromType<QString>());

bool run(QSqlQuery &q, const QVariantList &values, QString *error)
{
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

QString GeminiBalanceFixture::key1()
{
    return u"AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW"_s;  // 39 characters, as Google's
}

QString GeminiBalanceFixture::key2()
{
    return u"AIzaSyZz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0PpO"_s;
}

QString GeminiBalanceFixture::key3()
{
    return u"custom-proxy-key-7f3e9a1c5b2d8e4f"_s;
}

QStringList GeminiBalanceFixture::importedSettings()
{
    return {u"API_KEYS"_s, u"ALLOWED_TOKENS"_s, u"MAX_FAILURES"_s, u"SHOW_SEARCH_LINK"_s, u"SAFETY_SETTINGS"_s,
            u"TIMEZONE"_s};
}

QStringList GeminiBalanceFixture::skippedSettings()
{
    return {u"UNKNOWN_FEATURE_FLAG"_s, u"MAX_RETRIES"_s, u"MYSQL_HOST"_s, u"DATABASE_TYPE"_s};
}

bool GeminiBalanceFixture::createTables(QSqlDatabase db, bool mysql, QString *error)
{
    // What SQLAlchemy's create_all emits for gemini-balance's models on each dialect.
    const QString autoIncrement = mysql ? u" AUTO_INCREMENT"_s : QString();
    const QStringList statements{
        u"CREATE TABLE t_settings (id INTEGER NOT NULL%1, `key` VARCHAR(100) NOT NULL, value TEXT, "
        "description VARCHAR(255), created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), UNIQUE (`key`))"_s.arg(
            autoIncrement),
        u"CREATE TABLE t_error_logs (id INTEGER NOT NULL%1, gemini_key VARCHAR(100), model_name VARCHAR(100), "
        "error_type VARCHAR(50), error_log TEXT, error_code INTEGER, request_msg JSON, request_time DATETIME, "
        "PRIMARY KEY (id))"_s.arg(autoIncrement),
        u"CREATE TABLE t_request_log (id INTEGER NOT NULL%1, request_time DATETIME, model_name VARCHAR(100), "
        "api_key VARCHAR(100), is_success BOOL NOT NULL, status_code INTEGER, latency_ms INTEGER, "
        "PRIMARY KEY (id))"_s.arg(autoIncrement),
    };
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

bool GeminiBalanceFixture::fill(QSqlDatabase db, QString *error)
{
    QSqlQuery settings(db);
    settings.prepare(u"INSERT INTO t_settings (`key`, value, description, created_at, updated_at) "
                     "VALUES (?, ?, ?, '2025-02-01 09:00:00', '2025-02-01 09:00:00')"_s);
    const QString keyList = u"[\"%1\", \"%2\", \"%3\"]"_s.arg(key1(), key2(), key3());
    const QList<QVariantList> settingRows{
        {u"API_KEYS"_s, keyList, u"API_KEYS configuration"_s},
        {u"ALLOWED_TOKENS"_s, u"[\"sk-client-one\", \"sk-client-two\"]"_s, kNullText},
        {u"MAX_FAILURES"_s, u"10"_s, kNullText},
        {u"SHOW_SEARCH_LINK"_s, u"false"_s, kNullText},
        {u"SAFETY_SETTINGS"_s,
         u"[{\"category\": \"HARM_CATEGORY_HARASSMENT\", \"threshold\": \"OFF\"}, "
         "{\"category\": \"HARM_CATEGORY_CIVIC_INTEGRITY\", \"threshold\": \"BLOCK_NONE\"}]"_s,
         kNullText},
        {u"TIMEZONE"_s, u"Asia/Shanghai"_s, kNullText},
        {u"TEST_MODEL"_s, u"gemini-2.5-flash-lite"_s, kNullText},
        {u"UNKNOWN_FEATURE_FLAG"_s, u"true"_s, kNullText},
        {u"MAX_RETRIES"_s, u"three"_s, kNullText},
        {u"MYSQL_HOST"_s, u"db.internal"_s, kNullText},
        {u"DATABASE_TYPE"_s, u"mysql"_s, kNullText},
    };
    for (const QVariantList &row : settingRows)
        if (!run(settings, row, error))
            return false;

    QSqlQuery requests(db);
    requests.prepare(u"INSERT INTO t_request_log (request_time, model_name, api_key, is_success, status_code, "
                     "latency_ms) VALUES (?, ?, ?, ?, ?, ?)"_s);
    const QString flash = u"gemini-2.5-flash"_s;
    const QString pro = u"gemini-2.5-pro"_s;
    const QList<QVariantList> requestRows{
        {u"2025-03-01 10:00:05.123456"_s, flash, key1(), 1, 200, 0},
        {u"2025-03-01 10:00:40"_s, flash, key1(), 0, 429, 1500},
        {u"2025-03-01 10:01:00"_s, flash, key1(), 1, 200, 1},
        {u"2025-03-01 10:00:59"_s, pro, key2(), 0, kNullInt, 20000},
        {u"2025-03-01 10:00:10"_s, flash, key1(), 1, 200, 3},
        {u"2025-03-02 00:00:00"_s, pro, key3(), 1, 200, 1023},
        {u"2025-03-01 10:01:30"_s, kNullText, key1(), 0, kNullInt, kNullInt},
    };
    for (const QVariantList &row : requestRows)
        if (!run(requests, row, error))
            return false;

    QSqlQuery errors(db);
    errors.prepare(u"INSERT INTO t_error_logs (gemini_key, model_name, error_type, error_log, error_code, request_msg, "
                   "request_time) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    const QList<QVariantList> errorRows{
        {key1(), flash, u"gemini-chat-stream"_s,
         u"{\"error\": {\"code\": 400, \"message\": \"API key not valid. Please pass a valid API key: %1\"}}"_s.arg(
             key1()),
         400, u"{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"hi\"}]}]}"_s,
         u"2025-03-01 10:00:40"_s},
        {key3(), pro, u"openai-chat-non-stream"_s, u"upstream refused key %1 (connection reset)"_s.arg(key3()),
         kNullInt, kNullText, u"2025-03-02 00:00:00"_s},
        {key2(), pro, u"gemini-chat-non-stream"_s, u"{\"error\": {\"code\": 429, \"status\": \"RESOURCE_EXHAUSTED\"}}"_s,
         429, u"{\"url\": \"https://generativelanguage.googleapis.com/v1beta/models?key=%1\"}"_s.arg(key2()),
         u"2025-03-01 10:00:59"_s},
    };
    for (const QVariantList &row : errorRows)
        if (!run(errors, row, error))
            return false;
    return true;
}

bool GeminiBalanceFixture::fillBulkRequests(QSqlDatabase db, int count, QString *error)
{
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO t_request_log (request_time, model_name, api_key, is_success, status_code, latency_ms) "
              "VALUES (?, ?, ?, ?, ?, ?)"_s);
    const QStringList models{u"gemini-2.5-flash"_s, u"gemini-2.5-pro"_s, u"gemini-2.0-flash"_s};
    const QDateTime start(QDate(2025, 4, 1), QTime(0, 0));
    for (int i = 0; i < count; ++i) {
        const QString time = start.addSecs(i).toString(u"yyyy-MM-dd HH:mm:ss"_s);
        const bool ok = i % 7 != 0;
        if (!run(q, {time, models.at(i % 3), keys().at(i % 3), ok ? 1 : 0, ok ? 200 : 429, (i * 37) % 30000},
                 error)) {
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        return false;
    }
    return true;
}

} // namespace gb::test
