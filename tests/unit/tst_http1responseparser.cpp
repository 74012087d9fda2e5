#include "upstream/Http1ResponseParser.h"

#include <QTest>

using namespace gb;
using State = Http1ResponseParser::State;

namespace {
// Feeds `wire` in pieces of `step` bytes; returns the final state and the body.
State feedInPieces(Http1ResponseParser &parser, const QByteArray &wire, int step, QByteArray &body)
{
    State state = parser.state();
    for (qsizetype i = 0; i < wire.size(); i += step) {
        const QByteArray piece = wire.mid(i, step);
        state = parser.feed(piece.constData(), piece.size(), body);
    }
    return state;
}
} // namespace

class TestHttp1ResponseParser : public QObject
{
    Q_OBJECT
private slots:
    void contentLengthInAnyPieces_data()
    {
        QTest::addColumn<int>("step");
        for (int step : {1, 2, 3, 7, 64, 4096})
            QTest::newRow(qPrintable(QString::number(step))) << step;
    }
    void contentLengthInAnyPieces()
    {
        QFETCH(int, step);
        const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                                "{\"a\":12345}";
        Http1ResponseParser parser;
        QByteArray body;
        QCOMPARE(feedInPieces(parser, wire, step, body), State::Complete);
        QCOMPARE(parser.status(), 200);
        QCOMPARE(parser.headers().value("content-type"), QByteArray("application/json"));
        QCOMPARE(body, QByteArray("{\"a\":12345}"));
        QVERIFY(parser.keepAlive());
    }

    void chunkedWithExtensionsAndTrailers_data()
    {
        QTest::addColumn<int>("step");
        for (int step : {1, 5, 1000})
            QTest::newRow(qPrintable(QString::number(step))) << step;
    }
    void chunkedWithExtensionsAndTrailers()
    {
        QFETCH(int, step);
        const QByteArray wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "5;ext=1\r\ndata:\r\n"
                                "B\r\n 0123456789\r\n"  // hex size (11), data with a leading space
                                "0\r\nX-Trailer: yes\r\n\r\n";
        Http1ResponseParser parser;
        QByteArray body;
        QCOMPARE(feedInPieces(parser, wire, step, body), State::Complete);
        QCOMPARE(body, QByteArray("data: 0123456789"));
        QVERIFY(parser.keepAlive());
    }

    void closeDelimitedBodyEndsWithTheConnection()
    {
        const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: 1\r\n\r\n";
        Http1ResponseParser parser;
        QByteArray body;
        QCOMPARE(feedInPieces(parser, wire, 4, body), State::Body);
        QVERIFY(!parser.keepAlive());
        QCOMPARE(parser.finishOnClose(), State::Complete);
        QCOMPARE(body, QByteArray("data: 1\r\n\r\n"));
    }

    void truncatedBodiesAreErrorsOnClose()
    {
        for (const QByteArray &wire :
             {QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345"),
              QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"),
              QByteArray("HTTP/1.1 200 OK\r\nContent-Le")}) {
            Http1ResponseParser parser;
            QByteArray body;
            feedInPieces(parser, wire, 3, body);
            QCOMPARE(parser.finishOnClose(), State::Error);
            QVERIFY(!parser.errorString().isEmpty());
        }
        Http1ResponseParser silent;
        QCOMPARE(silent.finishOnClose(), State::Error);
        QVERIFY(silent.errorString().contains(QStringLiteral("without answering")));
    }

    void noBodyFor204And304AndHead()
    {
        for (const QByteArray &wire : {QByteArray("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"),
                                       QByteArray("HTTP/1.1 304 Not Modified\r\n\r\n")}) {
            Http1ResponseParser parser;
            QByteArray body;
            QCOMPARE(feedInPieces(parser, wire, 2, body), State::Complete);
            QVERIFY(body.isEmpty());
        }
        Http1ResponseParser head(true);
        QByteArray body;
        QCOMPARE(feedInPieces(head, "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", 5, body), State::Complete);
        QVERIFY(body.isEmpty());
    }

    void interimResponsesAreSkipped()
    {
        const QByteArray wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nContent-Length: 2\r\n"
                                "Connection: close\r\n\r\n{}";
        Http1ResponseParser parser;
        QByteArray body;
        QCOMPARE(feedInPieces(parser, wire, 3, body), State::Complete);
        QCOMPARE(parser.status(), 429);
        QCOMPARE(body, QByteArray("{}"));
        QVERIFY(!parser.keepAlive());
    }

    void bytesAfterTheResponseAreLeftUnconsumed()
    {
        const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n";
        Http1ResponseParser parser;
        QByteArray body;
        qsizetype consumed = 0;
        QCOMPARE(parser.feed(wire.constData(), wire.size(), body, &consumed), State::Complete);
        QCOMPARE(body, QByteArray("ok"));
        QCOMPARE(consumed, wire.indexOf("okHTTP") + 2);
    }

    void http10KeepsAliveOnlyWhenAsked()
    {
        Http1ResponseParser plain;
        QByteArray body;
        plain.feed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 38, body);
        QCOMPARE(plain.state(), State::Complete);
        QVERIFY(!plain.keepAlive());
        Http1ResponseParser asked;
        const QByteArray wire = "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n";
        asked.feed(wire.constData(), wire.size(), body);
        QVERIFY(asked.keepAlive());
    }

    void malformedInputIsAnError_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n");
        QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
        QTest::newRow("bad header") << QByteArray("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n");
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n");
        QTest::newRow("two lengths") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
        QTest::newRow("bad chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        QTest::newRow("no chunk crlf")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n");
        QTest::newRow("huge head") << (QByteArray("HTTP/1.1 200 OK\r\nX: ") + QByteArray(70000, 'a'));
    }
    void malformedInputIsAnError()
    {
        QFETCH(QByteArray, wire);
        Http1ResponseParser parser;
        QByteArray body;
        QCOMPARE(feedInPieces(parser, wire, 1000, body), State::Error);
        QVERIFY(!parser.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttp1ResponseParser)
#include "tst_http1responseparser.moc"
