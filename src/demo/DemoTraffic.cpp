#include "DemoTraffic.h"

#include "common/LogCategories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace gb::demo {

namespace {

struct Call
{
    QString path;
    bool openAi;
    QJsonObject body;
};

QJsonObject geminiBody(const QString &text)
{
    return {{u"contents"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s},
                                                   {u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, text}}}}}}}};
}

QJsonObject chatBody(const QString &model, const QString &text, bool stream)
{
    return {{u"model"_s, model},
            {u"stream"_s, stream},
            {u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, text}}}}};
}

QList<Call> calls()
{
    return {
        {u"/v1beta/models/gemini-2.5-flash:generateContent"_s, false, geminiBody(u"Say hello to a newcomer."_s)},
        {u"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"_s, false,
         geminiBody(u"Stream a short poem about keys."_s)},
        {u"/v1/chat/completions"_s, true, chatBody(u"gemini-2.5-pro"_s, u"What does a key pool do?"_s, false)},
        {u"/v1/chat/completions"_s, true, chatBody(u"gemini-2.0-flash"_s, u"Stream three words."_s, true)},
        {u"/v1beta/models/gemini-2.5-flash-lite:countTokens"_s, false, geminiBody(u"How many tokens is this?"_s)},
        {u"/v1beta/models/text-embedding-004:embedContent"_s, false,
         QJsonObject{{u"content"_s, QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, u"embed me"_s}}}}}}}},
        {u"/v1beta/models/gemini-0.1-nonexistent:generateContent"_s, false, geminiBody(u"This model does not exist."_s)},
    };
}

} // namespace

DemoTraffic::DemoTraffic(QUrl proxyBaseUrl, QString clientToken, QObject *parent)
    : QObject(parent), m_base(std::move(proxyBaseUrl)), m_token(std::move(clientToken)),
      m_network(new QNetworkAccessManager(this)), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &DemoTraffic::sendNext);
}

void DemoTraffic::start(int intervalMs, int firstDelayMs)
{
    QTimer::singleShot(firstDelayMs, this, [this, intervalMs] {
        sendNext();
        m_timer->start(intervalMs);
    });
}

void DemoTraffic::stop()
{
    m_timer->stop();
}

void DemoTraffic::sendNext()
{
    const QList<Call> all = calls();
    const Call call = all.at(m_next++ % all.size());
    QUrl url = m_base;
    const qsizetype question = call.path.indexOf(u'?');
    url.setPath(call.path.left(question));
    if (question >= 0)
        url.setQuery(call.path.mid(question + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(60'000);
    if (call.openAi)
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    else
        request.setRawHeader("x-goog-api-key", m_token.toUtf8());
    ++m_sent;
    QNetworkReply *reply = m_network->post(request, QJsonDocument(call.body).toJson(QJsonDocument::Compact));
    const QString path = call.path;
    connect(reply, &QNetworkReply::finished, this, [this, reply, path] {
        ++m_finished;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        qCInfo(lcDemo).noquote() << "demo traffic:" << path << "->" << status;
        reply->deleteLater();
    });
}

} // namespace gb::demo
