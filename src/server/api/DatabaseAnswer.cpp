#include "api/DatabaseAnswer.h"

#include "api/Responses.h"
#include "common/ResponseSink.h"
#include "store/QueryRunner.h"

#include <QJsonObject>
#include <QPointer>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace gb {

DatabaseAnswer DatabaseAnswer::json(int status, const QJsonDocument &doc)
{
    return {status, doc.toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json; charset=utf-8")};
}

DatabaseAnswer DatabaseAnswer::detail(int status, const QString &message)
{
    return json(status, QJsonDocument(QJsonObject{{u"detail"_s, message}}));
}

void sendAnswer(ResponseSink *sink, const DatabaseAnswer &answer)
{
    if (!sink || sink->isCanceled() || sink->hasBegun())
        return;
    HttpHeaders headers = corsHeaders();
    if (!answer.contentType.isEmpty())
        headers.add("Content-Type", answer.contentType);
    sink->send(answer.status, headers, answer.body);
}

void sendDetail(ResponseSink *sink, int status, const QString &message)
{
    sendAnswer(sink, DatabaseAnswer::detail(status, message));
}

void answerFromDatabase(QueryRunner *queries, QObject *context, ResponseSink *sink,
                        std::function<DatabaseAnswer(Database &)> job)
{
    if (!queries)
        return sendDetail(sink, 503, u"No database is configured."_s);
    QPointer<ResponseSink> guard(sink);
    queries->post(
        [job = std::move(job)](Database &db) { return QVariant::fromValue(job(db)); }, context,
        [guard](const QVariant &result) {
            if (!guard)
                return;
            if (!result.canConvert<DatabaseAnswer>())
                return sendDetail(guard, 503, u"The database is not available."_s);
            sendAnswer(guard, result.value<DatabaseAnswer>());
        });
}

} // namespace gb
