// splitPlainHttpUrl takes the relay's upstream URLs apart without QUrl: whatever it accepts
// must come out as QUrl would make it (host, port, fully encoded path and query), and what
// QUrl would change it must leave to QUrl.

#include "upstream/HttpTarget.h"

#include <QRandomGenerator>
#include <QTest>
#include <QUrl>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {
HttpTarget viaQUrl(const QByteArray &url)
{
    return httpTargetOf(QUrl::fromEncoded(url));
}
} // namespace

class TestHttpTarget : public QObject
{
    Q_OBJECT
private slots:
    void plainUrls_data()
    {
        QTest::addColumn<QByteArray>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("relay") << QByteArray("http://127.0.0.1:18201/v1beta/models/gemini-2.5-flash:generateContent")
                               << u"127.0.0.1"_s << 18201 << QByteArray("/v1beta/models/gemini-2.5-flash:generateContent");
        QTest::newRow("stream query") << QByteArray("http://gw.local/v1beta/models/m:streamGenerateContent?alt=sse")
                                      << u"gw.local"_s << 80 << QByteArray("/v1beta/models/m:streamGenerateContent?alt=sse");
        QTest::newRow("upper-case host and scheme") << QByteArray("HTTP://Gateway.Example:8080/x") << u"gateway.example"_s
                                                    << 8080 << QByteArray("/x");
        QTest::newRow("leading zeros") << QByteArray("http://h:0080/x") << u"h"_s << 80 << QByteArray("/x");
        QTest::newRow("empty port") << QByteArray("http://h:/x") << u"h"_s << 80 << QByteArray("/x");
        QTest::newRow("no path") << QByteArray("http://h") << u"h"_s << 80 << QByteArray("/");
        QTest::newRow("query without path") << QByteArray("http://h?a=b") << u"h"_s << 80 << QByteArray("/?a=b");
        QTest::newRow("empty query") << QByteArray("http://h/x?") << u"h"_s << 80 << QByteArray("/x?");
        QTest::newRow("sub-delims") << QByteArray("http://h/a:b@c/!$&'()*+,;=?q=:@/?!$'()*+,;=") << u"h"_s << 80
                                    << QByteArray("/a:b@c/!$&'()*+,;=?q=:@/?!$'()*+,;=");
    }
    void plainUrls()
    {
        QFETCH(QByteArray, url);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QByteArray, target);
        const std::optional<HttpTarget> t = splitPlainHttpUrl(url);
        QVERIFY(t);
        QCOMPARE(t->host, host);
        QCOMPARE(int(t->port), port);
        QCOMPARE(t->target, target);
        QCOMPARE(*t, viaQUrl(url));
    }

    void leftToQUrl_data()
    {
        QTest::addColumn<QByteArray>("url");
        for (const char *url : {"https://h/x", "http://", "ftp://h/x", "http://user:pw@h/x", "http://[::1]:81/x",
                                "http://h/%41", "http://h/x?k=a%2Bb", "http://h/x#frag", "http://h/a b", "http://h/a[b]",
                                "http://h/\xc3\xa9", "http://h:99999/x", "http://h:8a/x", "http://h_1/x", "http://:80/x",
                                "http://h/a\"b", "http://h/a{b}", "http://h/a|b", "http://h/a\\b", "http://h/a^b",
                                "http://127.1/x", "http://0x7f.0.0.1/x", "http://1e100.net/x", "http://-h/x", "http://a..b/x"})
            QTest::newRow(url) << QByteArray(url);
    }
    void leftToQUrl()
    {
        QFETCH(QByteArray, url);
        QVERIFY(!splitPlainHttpUrl(url));
    }

    // Random URLs over an alphabet with bytes inside and outside the plain set: every one
    // accepted equals QUrl's reading of it.
    void agreesWithQUrl()
    {
        static const QByteArray hostBytes = "abcXYZ019-._:[]@%";
        static const QByteArray targetBytes = "abzAZ09-._~!$&'()*+,;=:@/?%#[] \"<>{}|\\^`\x7f\xc3\xa9";
        QRandomGenerator rng(20261127);
        int accepted = 0;
        for (int i = 0; i < 100'000; ++i) {
            QByteArray url = rng.bounded(8) == 0 ? "HTTP://" : "http://";
            const int hostLen = 1 + rng.bounded(12);
            for (int j = 0; j < hostLen; ++j)
                url += hostBytes.at(rng.bounded(int(rng.bounded(4) == 0 ? hostBytes.size() : 8)));
            if (rng.bounded(3) == 0)
                url += ':' + QByteArray::number(rng.bounded(70000));
            const int targetLen = rng.bounded(30);
            if (targetLen > 0)
                url += '/';
            for (int j = 0; j < targetLen; ++j)
                url += targetBytes.at(rng.bounded(int(rng.bounded(3) == 0 ? targetBytes.size() : 26)));
            const std::optional<HttpTarget> t = splitPlainHttpUrl(url);
            if (!t)
                continue;
            ++accepted;
            const QUrl reference = QUrl::fromEncoded(url);
            QVERIFY2(reference.isValid(), url.constData());
            const HttpTarget expected = httpTargetOf(reference);
            QVERIFY2(*t == expected, qPrintable(QString::fromLatin1(url) + u" -> "_s + t->host + u' '
                                                + QString::number(t->port) + u' ' + QString::fromLatin1(t->target)
                                                + u" vs "_s + expected.host + u' ' + QString::number(expected.port)
                                                + u' ' + QString::fromLatin1(expected.target)));
        }
        QVERIFY2(accepted > 10'000, qPrintable(QString::number(accepted)));
    }
};

QTEST_GUILESS_MAIN(TestHttpTarget)
#include "tst_httptarget.moc"
