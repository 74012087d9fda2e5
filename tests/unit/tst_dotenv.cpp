#include "settings/DotEnv.h"

#include "TestUtil.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace gb;

namespace {

QString entriesText(const DotEnvFile &file)
{
    QStringList parts;
    for (const DotEnvEntry &e : file.entries)
        parts << u"%1@%2=[%3]"_s.arg(e.name).arg(e.line).arg(e.value);
    return parts.join(u' ');
}

} // namespace

class TestDotEnv : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void errorsNeverShowValues();
    void invalidUtf8();
    void lineNumbersAfterMultiLineValues();
    void gembalanceStyleFile();
};

void TestDotEnv::parse_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");  // NAME@line=[value] ...

    QTest::newRow("simple") << QByteArray("A=1\nB=two\n") << u"A@1=[1] B@2=[two]"_s;
    QTest::newRow("no final newline") << QByteArray("A=1") << u"A@1=[1]"_s;
    QTest::newRow("empty file") << QByteArray("") << QString();
    QTest::newRow("only comments") << QByteArray("# a\n  # b\n\n") << QString();
    QTest::newRow("export") << QByteArray("export A=1\nexport\tB=2\n") << u"A@1=[1] B@2=[2]"_s;
    QTest::newRow("name export") << QByteArray("export=1\n") << u"export@1=[1]"_s;
    QTest::newRow("spaces") << QByteArray("  A  =  spaced value  \n") << u"A@1=[spaced value]"_s;
    QTest::newRow("empty value") << QByteArray("A=\nB=''\nC=\"\"\n") << u"A@1=[] B@2=[] C@3=[]"_s;
    QTest::newRow("inline comment") << QByteArray("A=value # comment\n") << u"A@1=[value]"_s;
    QTest::newRow("hash without space") << QByteArray("A=value#not-comment\n") << u"A@1=[value#not-comment]"_s;
    QTest::newRow("hash first") << QByteArray("A=#value\n") << u"A@1=[#value]"_s;
    QTest::newRow("only comment") << QByteArray("A=   # comment\n") << u"A@1=[]"_s;
    QTest::newRow("tab comment") << QByteArray("A=x\t#c\n") << u"A@1=[x]"_s;
    QTest::newRow("equals in value") << QByteArray("URL=http://h/?a=b&c=d\n") << u"URL@1=[http://h/?a=b&c=d]"_s;
    QTest::newRow("inner quotes kept") << QByteArray("A=say \"hi\" 'there'\n") << u"A@1=[say \"hi\" 'there']"_s;
    QTest::newRow("unquoted json") << QByteArray("API_KEYS=[\"a\",\"b\"]\n") << u"API_KEYS@1=[[\"a\",\"b\"]]"_s;
    QTest::newRow("single quoted json") << QByteArray("API_KEYS='[\"a\", \"b\"]'\n") << u"API_KEYS@1=[[\"a\", \"b\"]]"_s;
    QTest::newRow("single literal") << QByteArray(R"(A='a\nb\t"c" # x')") << uR"(A@1=[a\nb\t"c" # x])"_s;
    QTest::newRow("single escapes") << QByteArray(R"(A='it\'s \\ ok')") << uR"(A@1=[it's \ ok])"_s;
    QTest::newRow("single trailing space") << QByteArray("A='  x  '  # c\n") << u"A@1=[  x  ]"_s;
    QTest::newRow("double escapes") << QByteArray(R"(A="a\nb\tc\"d\\e\'f")") << u"A@1=[a\nb\tc\"d\\e'f]"_s;
    QTest::newRow("double unknown escape") << QByteArray(R"(A="\u00e9\x41\q")") << uR"(A@1=[\u00e9\x41\q])"_s;
    QTest::newRow("double json") << QByteArray(R"(S="[{\"category\": \"X\"}]")") << uR"(S@1=[[{"category": "X"}]])"_s;
    QTest::newRow("double hash") << QByteArray("A=\"a # b\" # c\n") << u"A@1=[a # b]"_s;
    QTest::newRow("double comment no space") << QByteArray("A=\"a\"# c\n") << u"A@1=[a]"_s;
    QTest::newRow("multi-line double") << QByteArray("A=\"line1\nline2\"\nB=3\n") << u"A@1=[line1\nline2] B@3=[3]"_s;
    QTest::newRow("multi-line single") << QByteArray("A='[\n  \"k1\",\n  \"k2\"\n]'\nB=1\n")
                                       << u"A@1=[[\n  \"k1\",\n  \"k2\"\n]] B@5=[1]"_s;
    QTest::newRow("escaped quote at end") << QByteArray(R"(A='x\')") << uR"(A@1=[x\])"_s;
    QTest::newRow("quoted name") << QByteArray("'A B'=1\n") << u"A B@1=[1]"_s;
    QTest::newRow("duplicates kept in order") << QByteArray("A=1\nA=2\n") << u"A@1=[1] A@2=[2]"_s;
    QTest::newRow("crlf") << QByteArray("A=1\r\nB=\"x\r\ny\"\r\n# c\r\nC=3 # c\r\n") << u"A@1=[1] B@2=[x\ny] C@5=[3]"_s;
    QTest::newRow("lone cr") << QByteArray("A=1\rB=2\r") << u"A@1=[1] B@2=[2]"_s;
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF" "A=1\n") << u"A@1=[1]"_s;
    QTest::newRow("utf8") << QByteArray("A=ünï çødé\n") << u"A@1=[ünï çødé]"_s;
    QTest::newRow("blank lines") << QByteArray("\n\n  \nA=1\n\n\nB=2") << u"A@4=[1] B@7=[2]"_s;
}

void TestDotEnv::parse()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const DotEnvFile file = parseDotEnv(content);
    QVERIFY2(file.errors.isEmpty(), qPrintable(file.errors.join(u'\n')));
    QCOMPARE(entriesText(file), expected);
}

void TestDotEnv::errors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("errors");
    QTest::addColumn<QString>("entries");  // what is still read

    QTest::newRow("no equals") << QByteArray("A=1\njust words\nB=2\n")
                               << QStringList{u"line 2: just has no '=' (expected NAME=VALUE)"_s} << u"A@1=[1] B@3=[2]"_s;
    QTest::newRow("bare name") << QByteArray("A\nB=2\n") << QStringList{u"line 1: A has no '=' (expected NAME=VALUE)"_s}
                               << u"B@2=[2]"_s;
    QTest::newRow("starts with equals") << QByteArray("A=1\n=value\n")
                                        << QStringList{u"line 2: expected NAME=VALUE, but the line starts with '='"_s}
                                        << u"A@1=[1]"_s;
    QTest::newRow("unterminated double") << QByteArray("A=1\nB=\"open\nC=3\n")
                                         << QStringList{u"line 2: B: the value has no closing \""_s} << u"A@1=[1] C@3=[3]"_s;
    QTest::newRow("unterminated single") << QByteArray("B='open\n")
                                         << QStringList{u"line 1: B: the value has no closing '"_s} << QString();
    QTest::newRow("junk after quote") << QByteArray("A=\"x\" y\nB=2\n")
                                      << QStringList{u"line 1: A: unexpected text after the closing quote"_s} << u"B@2=[2]"_s;
    QTest::newRow("unclosed quoted name") << QByteArray("'A=1\n")
                                          << QStringList{u"line 1: a quoted name has no closing ' or is empty"_s} << QString();
    QTest::newRow("several") << QByteArray("x\n\ny\nOK=1\n")
                             << QStringList{u"line 1: x has no '=' (expected NAME=VALUE)"_s,
                                            u"line 3: y has no '=' (expected NAME=VALUE)"_s}
                             << u"OK@4=[1]"_s;
}

void TestDotEnv::errors()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, errors);
    QFETCH(QString, entries);
    const DotEnvFile file = parseDotEnv(content);
    QCOMPARE(file.errors, errors);
    QCOMPARE(entriesText(file), entries);
}

void TestDotEnv::errorsNeverShowValues()
{
    const DotEnvFile file = parseDotEnv("API_KEYS=\"AIzaSySECRET\nMYSQL_PASSWORD='SECRET2\" trailing\nPAID_KEY=\"SECRET3\" SECRET4\n");
    QVERIFY(!file.errors.isEmpty());
    for (const QString &error : file.errors)
        QVERIFY2(!error.contains(u"SECRET"_s), qPrintable(error));
}

void TestDotEnv::invalidUtf8()
{
    const DotEnvFile file = parseDotEnv("A=ok\nB=bad\xff\xfe value\nC=\"also \xc3\x28 bad\"\nD=fine\n# comment \xff is ignored\n");
    QCOMPARE(file.errors, (QStringList{u"line 2: B: the value is not valid UTF-8"_s, u"line 3: C: the value is not valid UTF-8"_s}));
    QCOMPARE(entriesText(file), u"A@1=[ok] D@4=[fine]"_s);

    const DotEnvFile badName = parseDotEnv("N\xff=1\nE=2\n");
    QCOMPARE(badName.errors, QStringList{u"line 1: the setting name is not valid UTF-8"_s});
    QCOMPARE(entriesText(badName), u"E@2=[2]"_s);
}

void TestDotEnv::lineNumbersAfterMultiLineValues()
{
    const DotEnvFile file = parseDotEnv("A=\"1\n2\n3\"\n\n'B'='x\ny'\nC=oops\"\nD\n");
    QCOMPARE(entriesText(file), u"A@1=[1\n2\n3] B@5=[x\ny] C@7=[oops\"]"_s);
    QCOMPARE(file.errors, QStringList{u"line 8: D has no '=' (expected NAME=VALUE)"_s});
}

void TestDotEnv::gembalanceStyleFile()
{
    const QByteArray content = test::readTestData(u"settings/gemini-balance.env"_s);
    QVERIFY(!content.isEmpty());
    const DotEnvFile file = parseDotEnv(content);
    QVERIFY2(file.errors.isEmpty(), qPrintable(file.errors.join(u'\n')));
    QHash<QString, QString> values;
    for (const DotEnvEntry &e : file.entries)
        values.insert(e.name, e.value);
    QCOMPARE(values.value(u"DATABASE_TYPE"_s), u"sqlite"_s);
    QCOMPARE(values.value(u"MYSQL_PASSWORD"_s), u"mysql_password"_s);  // trailing space dropped
    QCOMPARE(values.value(u"API_KEYS"_s), uR"(["AIzaSyFAKE-key-number-one","AIzaSyFAKE-key-number-two"])"_s);
    QCOMPARE(values.value(u"THINKING_BUDGET_MAP"_s), uR"({"gemini-2.5-flash": 4000})"_s);
    QCOMPARE(values.value(u"CUSTOM_HEADERS"_s), uR"({"X-Gateway": "gembalance"})"_s);
    QCOMPARE(values.value(u"LOG_LEVEL"_s), u"info"_s);
    QCOMPARE(values.value(u"CLOUDFLARE_IMGBED_UPLOAD_FOLDER"_s), QString());
    QVERIFY(values.value(u"SAFETY_SETTINGS"_s).startsWith(uR"([{"category": "HARM_CATEGORY_HARASSMENT")"_s));
    QVERIFY(values.value(u"SAFETY_SETTINGS"_s).endsWith(u"}]"_s));
}

QTEST_GUILESS_MAIN(TestDotEnv)
#include "tst_dotenv.moc"
