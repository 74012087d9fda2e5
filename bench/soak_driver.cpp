// gembalance-bench-soak: the client side of bench/soak.sh. Keeps --concurrency requests in
// flight for --seconds: unary and streaming calls on the Gemini and OpenAI routes, a
// --disconnect-percent share of them dropped by the client at a random moment. Every
// request ends in exactly one outcome:
//   ok           a 200 answer, complete (a unary JSON body; a stream that ended with its
//                finish event, or [DONE] for OpenAI)
//   stream_error a 200 stream that ended, correctly framed, with an error event (the
//                upstream failed after the first byte)
//   http_error   a complete non-200 answer with a JSON error body
//   disconnect   the client's own disconnect (on purpose)
//   broken       anything else: connection reset or closed early, a truncated or malformed
//                body, a stream that ended without its last event
//   hung         no complete answer within --deadline-ms (the client then gives up)
// At the end it prints one JSON object with the counts (and http_error by status) and
// exits 0; bench/soak.sh judges them (broken and hung must be 0).

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

enum class Kind { GeminiUnary, GeminiStream, OpenAiUnary, OpenAiStream };

struct Options
{
    QUrl base;
    QByteArray token;
    QString model = u"gemini-2.5-flash"_s;
    int seconds = 60;
    int concurrency = 32;
    int deadlineMs = 30000;
    int disconnectPercent = 10;
    int disconnectMaxMs = 800;
};

class Driver : public QObject
{
public:
    Driver(const Options &options, quint32 seed) : m_options(options), m_random(seed)
    {
        // Qt opens at most 6 connections per host per manager: enough managers for all.
        for (int i = 0; i < (options.concurrency + 5) / 6; ++i)
            m_managers.append(new QNetworkAccessManager(this));
        for (QNetworkAccessManager *m : std::as_const(m_managers))
            m->setProxy(QNetworkProxy::NoProxy);
    }

    void run()
    {
        m_clock.start();
        for (int i = 0; i < m_options.concurrency; ++i)
            startOne();
    }

    QJsonObject summary() const
    {
        QJsonObject byStatus;
        for (auto it = m_httpErrors.cbegin(); it != m_httpErrors.cend(); ++it)
            byStatus.insert(QString::number(it.key()), it.value());
        QJsonObject kinds;
        kinds.insert(u"gemini_unary"_s, m_kindCounts.value(Kind::GeminiUnary));
        kinds.insert(u"gemini_stream"_s, m_kindCounts.value(Kind::GeminiStream));
        kinds.insert(u"openai_unary"_s, m_kindCounts.value(Kind::OpenAiUnary));
        kinds.insert(u"openai_stream"_s, m_kindCounts.value(Kind::OpenAiStream));
        return {{u"sent"_s, m_sent},
                {u"ok"_s, m_ok},
                {u"stream_error"_s, m_streamError},
                {u"http_error"_s, m_httpError},
                {u"http_error_by_status"_s, byStatus},
                {u"disconnect"_s, m_disconnect},
                {u"broken"_s, m_broken},
                {u"hung"_s, m_hung},
                {u"unfinished"_s, m_inFlight},
                {u"kinds"_s, kinds},
                {u"seconds"_s, m_clock.elapsed() / 1000.0},
                {u"broken_examples"_s, m_examples}};
    }

private:
    struct Call
    {
        Kind kind;
        QPointer<QNetworkReply> reply;
        QByteArray body;
        bool disconnecting = false;
        bool expired = false;
    };

    void startOne()
    {
        if (m_clock.elapsed() >= qint64(m_options.seconds) * 1000) {
            if (m_inFlight == 0)
                QCoreApplication::quit();
            return;
        }
        const Kind kind = Kind(m_random.bounded(4));
        ++m_kindCounts[kind];
        QString path;
        QByteArray body;
        const QByteArray prompt = "soak request " + QByteArray::number(m_sent);
        QNetworkRequest request;
        if (kind == Kind::GeminiUnary || kind == Kind::GeminiStream) {
            path = u"/v1beta/models/%1:%2"_s.arg(m_options.model, kind == Kind::GeminiStream
                                                                        ? u"streamGenerateContent"_s
                                                                        : u"generateContent"_s);
            body = R"({"contents":[{"role":"user","parts":[{"text":")" + prompt + R"("}]}]})";
            request.setRawHeader("x-goog-api-key", m_options.token);
        } else {
            path = u"/v1/chat/completions"_s;
            body = R"({"model":")" + m_options.model.toUtf8() + R"(","stream":)"
                   + (kind == Kind::OpenAiStream ? "true" : "false") + R"(,"messages":[{"role":"user","content":")"
                   + prompt + R"("}]})";
            request.setRawHeader("Authorization", "Bearer " + m_options.token);
        }
        QUrl url = m_options.base;
        url.setPath(url.path() + path);
        if (kind == Kind::GeminiStream)
            url.setQuery(u"alt=sse"_s);
        request.setUrl(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

        auto *call = new Call{kind, nullptr, {}, false, false};
        QNetworkAccessManager *nam = m_managers.at(int(m_sent % m_managers.size()));
        QNetworkReply *reply = nam->post(request, body);
        call->reply = reply;
        ++m_sent;
        ++m_inFlight;
        connect(reply, &QNetworkReply::readyRead, this, [call] { call->body += call->reply->readAll(); });
        connect(reply, &QNetworkReply::finished, this, [this, call] { finished(call); });
        // The call lives as long as its reply; the timers die with the reply too.
        connect(reply, &QObject::destroyed, this, [call] { delete call; });
        QTimer::singleShot(m_options.deadlineMs, reply, [call] {
            if (call->reply->isFinished())
                return;
            call->expired = true;
            call->reply->abort();
        });
        if (int(m_random.bounded(100)) < m_options.disconnectPercent) {
            QTimer::singleShot(int(m_random.bounded(m_options.disconnectMaxMs + 1)), reply, [call] {
                if (call->reply->isFinished())
                    return;
                call->disconnecting = true;
                call->reply->abort();
            });
        }
    }

    void note(const QByteArray &why, const Call *call)
    {
        ++m_broken;
        if (m_examples.size() < 10)
            m_examples.insert(QString::number(m_examples.size()),
                              QString::fromUtf8(why + ": " + call->body.right(300)));
    }

    void finished(Call *call)
    {
        QNetworkReply *reply = call->reply;
        if (reply->isOpen())
            call->body += reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError error = reply->error();
        const bool transport = (error >= 1 && error <= 99) || (error >= 301 && error <= 399);
        if (call->expired) {
            ++m_hung;
        } else if (call->disconnecting) {
            ++m_disconnect;
        } else if (transport || status == 0) {
            note("transport error " + reply->errorString().toUtf8(), call);
        } else if (status != 200) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(call->body, &pe);
            if (pe.error == QJsonParseError::NoError && doc.object().contains(u"error"_s)) {
                ++m_httpError;
                ++m_httpErrors[status];
            } else {
                note("status " + QByteArray::number(status) + " without a JSON error", call);
            }
        } else {
            judgeOk(call);
        }
        --m_inFlight;
        reply->deleteLater();  // and with it the call
        startOne();
    }

    void judgeOk(const Call *call)
    {
        const QByteArray &b = call->body;
        switch (call->kind) {
        case Kind::GeminiUnary:
        case Kind::OpenAiUnary: {
            QJsonParseError pe;
            const QJsonObject o = QJsonDocument::fromJson(b, &pe).object();
            const bool good = pe.error == QJsonParseError::NoError
                              && (o.contains(u"candidates"_s) || o.contains(u"choices"_s));
            if (good)
                ++m_ok;
            else
                note("incomplete unary body", call);
            return;
        }
        case Kind::GeminiStream: {
            const qsizetype lastEvent = b.lastIndexOf("data: ");
            const QByteArray last = lastEvent < 0 ? QByteArray() : b.mid(lastEvent);
            if (b.contains("data: {\"error\""))
                ++m_streamError;
            else if (last.contains("finishReason") && (b.endsWith("\n\n") || b.endsWith("\r\n\r\n")))
                ++m_ok;
            else
                note("stream without its last event", call);
            return;
        }
        case Kind::OpenAiStream:
            if (b.contains("data: {\"error\""))
                ++m_streamError;
            else if (b.trimmed().endsWith("data: [DONE]"))
                ++m_ok;
            else
                note("stream without [DONE]", call);
            return;
        }
    }

    Options m_options;
    QRandomGenerator m_random;
    QList<QNetworkAccessManager *> m_managers;
    QElapsedTimer m_clock;
    qint64 m_sent = 0;
    int m_inFlight = 0;
    qint64 m_ok = 0, m_streamError = 0, m_httpError = 0, m_disconnect = 0, m_broken = 0, m_hung = 0;
    QMap<int, qint64> m_httpErrors;
    QMap<Kind, qint64> m_kindCounts;
    QJsonObject m_examples;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Soak-test traffic for GemBalance (see bench/README.md)."_s);
    parser.addHelpOption();
    const QCommandLineOption url(u"url"_s, u"GemBalance's root URL, e.g. http://127.0.0.1:8000."_s, u"url"_s);
    const QCommandLineOption token(u"token"_s, u"Client token."_s, u"token"_s);
    const QCommandLineOption seconds(u"seconds"_s, u"How long to send (default 60)."_s, u"s"_s, u"60"_s);
    const QCommandLineOption concurrency(u"concurrency"_s, u"Requests in flight (default 32)."_s, u"n"_s, u"32"_s);
    const QCommandLineOption deadline(u"deadline-ms"_s, u"A request with no complete answer by then is hung (default 30000)."_s,
                                      u"ms"_s, u"30000"_s);
    const QCommandLineOption disconnect(u"disconnect-percent"_s, u"Share of requests the client drops (default 10)."_s,
                                        u"pct"_s, u"10"_s);
    const QCommandLineOption seed(u"seed"_s, u"Random seed (default 1)."_s, u"n"_s, u"1"_s);
    parser.addOptions({url, token, seconds, concurrency, deadline, disconnect, seed});
    parser.process(app);

    Options options;
    options.base = QUrl(parser.value(url));
    options.token = parser.value(token).toUtf8();
    options.seconds = parser.value(seconds).toInt();
    options.concurrency = qMax(1, parser.value(concurrency).toInt());
    options.deadlineMs = qMax(1000, parser.value(deadline).toInt());
    options.disconnectPercent = qBound(0, parser.value(disconnect).toInt(), 100);
    if (!options.base.isValid() || options.token.isEmpty()) {
        std::fprintf(stderr, "--url and --token are required\n");
        return 2;
    }
    Driver driver(options, parser.value(seed).toUInt());
    QTimer::singleShot(0, &driver, [&driver] { driver.run(); });
    app.exec();
    std::printf("%s\n", QJsonDocument(driver.summary()).toJson(QJsonDocument::Compact).constData());
    return 0;
}
