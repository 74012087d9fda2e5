#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QMetaType>
#include <QString>

#include <functional>

namespace gb {

class Database;
class QueryRunner;
class ResponseSink;

// An admin answer built on the query thread (status, body), sent later on the proxy thread.
struct DatabaseAnswer
{
    int status = 200;
    QByteArray body;                 // empty for 204
    QByteArray contentType = "application/json; charset=utf-8";

    static DatabaseAnswer json(int status, const QJsonDocument &doc);
    // FastAPI's error shape, which gemini-balance's admin pages read: {"detail": "..."}.
    static DatabaseAnswer detail(int status, const QString &message);
    static DatabaseAnswer noContent() { return {204, {}, {}}; }
};

void sendAnswer(ResponseSink *sink, const DatabaseAnswer &answer);
void sendDetail(ResponseSink *sink, int status, const QString &message);

// Runs `job` on the query thread and sends its answer to `sink`, unless the client left
// meanwhile (the sink is held in a QPointer). No query runner, or a closed database: 503.
// `context` (on the proxy thread) receives the answer; it must outlive nothing else.
void answerFromDatabase(QueryRunner *queries, QObject *context, ResponseSink *sink,
                        std::function<DatabaseAnswer(Database &)> job);

} // namespace gb

Q_DECLARE_METATYPE(gb::DatabaseAnswer)
