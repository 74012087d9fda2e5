// The translations: both Chinese .ts files cover every string the window shows (checked by
// running lupdate over the sources into copies of them, so a string added without a
// translation fails here), placeholders survive translation, the compiled-in .qm files
// load, and the system language picks the right one.

#include "UiLanguage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations;  // one, or one per numerus form
    QString type;              // "", "unfinished", "vanished", "obsolete"
};

QList<Message> readTs(const QString &path)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "message"_L1) {
            current = Message{context, {}, {}, {}};
        } else if (xml.name() == "source"_L1) {
            current.source = xml.readElementText();
        } else if (xml.name() == "translation"_L1) {
            current.type = xml.attributes().value("type"_L1).toString();
            // A plain translation is text; a numerus one holds <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == "numerusform"_L1)
                    current.translations.append(xml.readElementText());
                else if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isEndElement() && xml.name() == "translation"_L1)
                    break;
            }
            if (current.translations.isEmpty())
                current.translations.append(text);
            messages.append(current);
        }
    }
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(u"%(\\d|n)"_s);
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void everyStringIsTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("zh_CN") << u"zh_CN"_s;
        QTest::newRow("zh_TW") << u"zh_TW"_s;
    }
    void everyStringIsTranslated()
    {
        QFETCH(QString, language);
        const QString committed = QStringLiteral(GB_TRANSLATIONS_DIR "/gembalance_%1.ts").arg(language);
        QVERIFY2(QFile::exists(committed), qPrintable(committed));
        QTemporaryDir dir;
        const QString copy = dir.filePath(u"check_%1.ts"_s.arg(language));
        QVERIFY(QFile::copy(committed, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        // What lupdate finds in today's sources, merged into a copy of the committed file.
        QProcess lupdate;
        lupdate.start(QStringLiteral(GB_LUPDATE), {u"-silent"_s, u"-no-obsolete"_s, u"-locations"_s, u"none"_s,
                                                   u"@"_s + QStringLiteral(GB_TRANSLATED_SOURCES_LIST),
                                                   u"-ts"_s, copy});
        QVERIFY(lupdate.waitForFinished(60'000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

        const QList<Message> messages = readTs(copy);
        QVERIFY(messages.size() > 50);
        QStringList missing, broken;
        for (const Message &m : messages) {
            const bool empty = std::any_of(m.translations.cbegin(), m.translations.cend(),
                                           [](const QString &t) { return t.trimmed().isEmpty(); });
            if (!m.type.isEmpty() || empty)
                missing << u"%1: %2"_s.arg(m.context, m.source);
            else if (!std::all_of(m.translations.cbegin(), m.translations.cend(),
                                  [&](const QString &t) { return placeholders(t) == placeholders(m.source); }))
                broken << u"%1: %2"_s.arg(m.context, m.source);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"%1 untranslated (run the update_translations target and translate): %2"_s
                                                   .arg(missing.size()).arg(missing.mid(0, 15).join(u"\n  "_s))));
        QVERIFY2(broken.isEmpty(), qPrintable(u"placeholders differ: "_s + broken.join(u"\n  "_s)));
    }

    void systemLanguageIsFollowed()
    {
        QCOMPARE(UiLanguage::resolve(QString(), QLocale(u"zh_CN"_s)), u"zh_CN"_s);
        QCOMPARE(UiLanguage::resolve(QString(), QLocale(u"zh_SG"_s)), u"zh_CN"_s);
        QCOMPARE(UiLanguage::resolve(QString(), QLocale(u"zh_TW"_s)), u"zh_TW"_s);
        QCOMPARE(UiLanguage::resolve(QString(), QLocale(u"zh_HK"_s)), u"zh_TW"_s);
        QCOMPARE(UiLanguage::resolve(QString(), QLocale(u"de_DE"_s)), u"en"_s);
        QCOMPARE(UiLanguage::resolve(QString(), QLocale(u"en_US"_s)), u"en"_s);
        QCOMPARE(UiLanguage::resolve(u"zh_TW"_s, QLocale(u"en_US"_s)), u"zh_TW"_s);  // a choice wins
        QCOMPARE(UiLanguage::resolve(u"en"_s, QLocale(u"zh_CN"_s)), u"en"_s);
    }

    void compiledTranslationsLoad()
    {
        UiLanguage language;
        QSignalSpy changed(&language, &UiLanguage::changed);
        const char *source = "Copy key";  // a string of the Keys page
        QCOMPARE(QCoreApplication::translate("KeysPage", source), QString::fromUtf8(source));
        QCOMPARE(language.apply(u"zh_CN"_s), u"zh_CN"_s);
        QCOMPARE(changed.count(), 1);
        const QString simplified = QCoreApplication::translate("KeysPage", source);
        QVERIFY(simplified != QString::fromUtf8(source));
        QCOMPARE(language.apply(u"zh_TW"_s), u"zh_TW"_s);
        const QString traditional = QCoreApplication::translate("KeysPage", source);
        QVERIFY(traditional != QString::fromUtf8(source));
        QCOMPARE(language.apply(u"en"_s), u"en"_s);
        QCOMPARE(QCoreApplication::translate("KeysPage", source), QString::fromUtf8(source));
        QCOMPARE(changed.count(), 3);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
