#include "relay/StreamFramer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace gb;

namespace {
// SseFramer's boundary rule written the plain way, a byte at a time (what it did before it
// skipped runs with memchr): a line ends at CRLF, LF or CR, an empty line ends the event, and
// the bytes up to the last event end seen are forwarded.
class ReferenceSseFramer
{
public:
    QByteArray feed(const QByteArray &data)
    {
        const qsizetype base = m_buffer.size();
        qsizetype boundary = -1;
        for (qsizetype i = 0; i < data.size(); ++i) {
            const char c = data[i];
            if (m_pendingCR && c == '\n') {
                m_pendingCR = false;
                if (m_boundaryAtCR)
                    boundary = base + i + 1;
                continue;
            }
            m_pendingCR = false;
            if (c == '\r' || c == '\n') {
                m_boundaryAtCR = m_atLineStart && c == '\r';
                if (m_atLineStart)
                    boundary = base + i + 1;
                m_atLineStart = true;
                m_pendingCR = c == '\r';
            } else {
                m_atLineStart = false;
                m_boundaryAtCR = false;
            }
        }
        m_buffer += data;
        if (boundary < 0)
            return {};
        const QByteArray out = m_buffer.left(boundary);
        m_buffer.remove(0, boundary);
        return out;
    }

private:
    QByteArray m_buffer;
    bool m_pendingCR = false, m_atLineStart = true, m_boundaryAtCR = false;
};
} // namespace

class TestStreamFramer : public QObject
{
    Q_OBJECT

    // Feeds `input` in pieces of `step` bytes and returns everything forwarded, plus the
    // forwarded pieces in order.
    static QByteArray feedInSteps(StreamFramer &framer, const QByteArray &input, int step, QList<QByteArray> *pieces)
    {
        QByteArray out;
        for (qsizetype i = 0; i < input.size(); i += step) {
            const QByteArray piece = framer.feed(input.mid(i, step));
            if (!piece.isEmpty() && pieces)
                pieces->append(piece);
            out += piece;
        }
        return out;
    }

private slots:
    void sseForwardsWholeEventsOnly_data()
    {
        QTest::addColumn<QByteArray>("separator");
        QTest::newRow("crlf") << QByteArray("\r\n\r\n");
        QTest::newRow("lf") << QByteArray("\n\n");
        QTest::newRow("cr") << QByteArray("\r\r");
    }

    void sseForwardsWholeEventsOnly()
    {
        QFETCH(QByteArray, separator);
        const QByteArray e1 = "data: {\"a\":1}" + separator;
        const QByteArray e2 = "data: {\"b\":\"x\\ny\"}" + separator;
        const QByteArray input = e1 + e2 + "data: {\"partial";
        for (int step : {1, 2, 3, 7, 1000}) {
            SseFramer framer;
            QList<QByteArray> pieces;
            const QByteArray out = feedInSteps(framer, input, step, &pieces);
            // Only whole events, byte for byte; a CRLF split across reads may forward the
            // final LF with the next piece, which still yields the same byte stream.
            QVERIFY2(out == e1 + e2 || out == (e1 + e2).chopped(1), qPrintable(QString::number(step)));
            for (const QByteArray &p : pieces)
                QVERIFY(p.startsWith("data: ") || p.startsWith("\n"));
            QCOMPARE(framer.finish(), input.mid(out.size()));
        }
    }

    void sseMultiLineEventAndComments()
    {
        SseFramer framer;
        const QByteArray event = ": keep-alive\r\nevent: x\r\ndata: 1\r\ndata: 2\r\n\r\n";
        QCOMPARE(framer.feed(event.left(20)), QByteArray());
        QCOMPARE(framer.feed(event.mid(20)), event);
        QCOMPARE(framer.pendingSize(), 0);
    }

    void sseErrorUnitIsAnEvent()
    {
        SseFramer framer;
        const QByteArray unit = framer.errorUnit(R"({"error":{"code":502}})");
        QCOMPARE(unit, QByteArray("data: {\"error\":{\"code\":502}}\r\n\r\n"));
    }

    // Random bodies of runs, CR, LF and CRLF, fed in random pieces to SseFramer and to the
    // byte-at-a-time reference: the same bytes come out after every piece.
    void sseMatchesByteAtATimeReference()
    {
        QRandomGenerator rng(1127);
        for (int round = 0; round < 3000; ++round) {
            QByteArray body;
            const int parts = 1 + rng.bounded(40);
            for (int j = 0; j < parts; ++j) {
                switch (rng.bounded(5)) {
                case 0: body += '\r'; break;
                case 1: body += '\n'; break;
                case 2: body += "\r\n"; break;
                default: body += QByteArray(1 + rng.bounded(300), char('a' + rng.bounded(26)));
                }
            }
            SseFramer framer;
            ReferenceSseFramer reference;
            for (qsizetype fed = 0; fed < body.size();) {
                const qsizetype step = qMin<qsizetype>(1 + rng.bounded(64), body.size() - fed);
                const QByteArray piece = body.mid(fed, step);
                fed += step;
                QCOMPARE(framer.feed(piece), reference.feed(piece));
            }
        }
    }

    void jsonArrayElements()
    {
        // The real API's framing: "[" elem "\n,\r\n" elem ... "]"
        const QByteArray e1 = "{\n  \"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a ] } { \\\" [\"}]}}]\n}";
        const QByteArray e2 = "{\n  \"usageMetadata\": {\"totalTokenCount\": 3}\n}";
        const QByteArray input = "[" + e1 + "\n,\r\n" + e2 + "\n]";
        for (int step : {1, 2, 5, 13, 10000}) {
            JsonArrayFramer framer;
            QList<QByteArray> pieces;
            const QByteArray out = feedInSteps(framer, input, step, &pieces);
            QCOMPARE(out + framer.finish(), input);
            QCOMPARE(out, input);  // the closing bracket completes everything
            QVERIFY(QJsonDocument::fromJson(out).isArray());
        }
    }

    void jsonArrayHoldsPartialElement()
    {
        JsonArrayFramer framer;
        QCOMPARE(framer.feed("[{\"a\":1}"), QByteArray("[{\"a\":1}"));
        QCOMPARE(framer.feed("\n,\r\n{\"b\":"), QByteArray());
        QVERIFY(framer.pendingSize() > 0);
        // The upstream dies here: the relay appends the error unit to what was forwarded.
        const QByteArray forwarded = "[{\"a\":1}" + framer.errorUnit(R"({"error":{"code":502}})");
        const QJsonDocument doc = QJsonDocument::fromJson(forwarded);
        QVERIFY(doc.isArray());
        QCOMPARE(doc.array().size(), 2);
        QCOMPARE(doc.array().at(1).toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 502);
    }

    void completeness()
    {
        SseFramer sse;
        sse.feed("data: {\"candidates\":[]}\r\n\r\n");
        QVERIFY(!sse.isComplete());  // cut after a middle event: not a whole stream
        sse.feed("data: {\"candidates\":[{\"finishReason\":\"STOP\"}]}\r\n\r\n");
        QVERIFY(sse.isComplete());
        sse.feed("data: {\"usageMetadata\":");
        QVERIFY(!sse.isComplete());  // a torn event after the final one

        SseFramer noBlankLine;
        noBlankLine.feed("data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}");
        QVERIFY(noBlankLine.isComplete());

        JsonArrayFramer array;
        array.feed("[{\"a\":1}");
        QVERIFY(!array.isComplete());
        array.feed("]");
        QVERIFY(array.isComplete());
    }

    void jsonArrayEmpty()
    {
        JsonArrayFramer framer;
        QCOMPARE(framer.feed("[]"), QByteArray("[]"));
        QCOMPARE(framer.errorUnit("{}"), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestStreamFramer)
#include "tst_streamframer.moc"
