#include "auth/TokenVerifier.h"
#include "common/Redact.h"

#include <QCryptographicHash>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestRedact : public QObject
{
    Q_OBJECT
private slots:
    void secretKeepsOnlyEnds()
    {
        const QString key = u"AIzaSyA1234567890abcdefghijklmnopqrstuv"_s;
        const QString r = redact::secret(key);
        QCOMPARE(r, u"AIzaSy…stuv"_s);
        QVERIFY(!r.contains(u"1234567890"_s));
        QCOMPARE(redact::secret(u"short12345"_s), u"…45"_s);
        QCOMPARE(redact::secret(u"abc"_s), u"…"_s);
        QCOMPARE(redact::secret(QString()), u"…"_s);
    }

    void keysInTextAreRedacted()
    {
        const QByteArray key = "AIzaSyB" + QByteArray(32, 'x');  // 39 characters, like a real key
        QCOMPARE(key.size(), 39);
        const QByteArray body = "Permission denied: Consumer 'api_key:" + key + "' has been suspended.";
        const QByteArray out = redact::secretsInText(body);
        QVERIFY(!out.contains(key));
        QVERIFY(out.contains("AIzaSy…xxxx"));
    }

    void knownSecretsAreRedactedWhateverTheirShape()
    {
        const QByteArray out = redact::secretsInText("token my-own-token-123 was used", {"my-own-token-123"});
        QVERIFY(!out.contains("my-own-token-123"));
        QVERIFY(out.contains("…-123"));
    }

    void otherKeyShapes()
    {
        const QString vertex = u"AQ."_s + QString(50, u'A');
        const QString openai = u"sk-"_s + QString(40, u'b');
        const QString out = redact::secretsInText(u"v=%1 o=%2"_s.arg(vertex, openai));
        QVERIFY(!out.contains(vertex));
        QVERIFY(!out.contains(openai));
    }

    void textWithoutSecretsIsUntouched()
    {
        const QByteArray text = "{\"error\":{\"code\":429,\"message\":\"quota\"}}";
        QCOMPARE(redact::secretsInText(text), text);
    }

    void tokenVerifier()
    {
        const TokenVerifier v({u"client-a"_s, u"client-b"_s}, u"admin-token"_s);
        QVERIFY(v.hasTokens());
        QVERIFY(v.isClientToken("client-a"));
        QVERIFY(v.isClientToken("client-b"));
        QVERIFY(v.isClientToken("admin-token"));  // the admin may use the API too
        QVERIFY(!v.isClientToken("client-c"));
        QVERIFY(!v.isClientToken("client-"));
        QVERIFY(!v.isClientToken(""));
        QVERIFY(v.isAdminToken("admin-token"));
        QVERIFY(!v.isAdminToken("client-a"));
        QVERIFY(!TokenVerifier().hasTokens());
        QVERIFY(!TokenVerifier().isClientToken("x"));
        QVERIFY(TokenVerifier::constantTimeEquals("abc", "abc"));
        QVERIFY(!TokenVerifier::constantTimeEquals("abc", "abd"));
        QVERIFY(!TokenVerifier::constantTimeEquals("abc", "abcd"));
        // The digest it compared, for the request log's token id; nothing for a refused token.
        QCOMPARE(v.clientTokenDigest("client-b"), QCryptographicHash::hash("client-b", QCryptographicHash::Sha256));
        QCOMPARE(v.clientTokenDigest("admin-token").size(), 32);
        QVERIFY(v.clientTokenDigest("client-c").isEmpty());
        QVERIFY(v.clientTokenDigest("").isEmpty());
    }

    // Both ways of comparing (plain bytes for a few tokens, digests for many) accept exactly
    // the configured tokens and hand back the same digests.
    void tokenVerifierBothWays_data()
    {
        QTest::addColumn<int>("extraTokens");
        QTest::newRow("plain") << 0;
        QTest::newRow("digests") << 100;  // 100 x 64 bytes > kPlainBytes
    }
    void tokenVerifierBothWays()
    {
        QFETCH(int, extraTokens);
        const QString longToken = QString(70, u'L');  // one width of 128 bytes for all
        QStringList tokens{u"sk-abc"_s, u"sk-abcd"_s, longToken, u"\u00e9t\u00e9"_s};
        for (int i = 0; i < extraTokens; ++i)
            tokens.append(u"extra-%1"_s.arg(i));
        const TokenVerifier v(tokens, u"admin"_s);
        const auto sha = [](const QByteArray &t) { return QCryptographicHash::hash(t, QCryptographicHash::Sha256); };
        for (const QString &t : std::as_const(tokens))
            QCOMPARE(v.clientTokenDigest(t.toUtf8()), sha(t.toUtf8()));
        QCOMPARE(v.clientTokenDigest("admin"), sha("admin"));
        for (const QByteArray &wrong : {QByteArray("sk-ab"), QByteArray("sk-abcde"), QByteArray("sk-abc\0", 7),
                                        QByteArray(70, 'l'), QByteArray(69, 'L'), QByteArray(71, 'L'), QByteArray(200, 'L'),
                                        QByteArray("admi"), QByteArray("Admin"), QByteArray(1, '\0')})
            QVERIFY2(v.clientTokenDigest(wrong).isEmpty(), wrong.constData());
    }
};

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
