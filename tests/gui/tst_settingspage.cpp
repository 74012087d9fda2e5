// The Settings page against the real proxy on its own thread and the fake upstream:
// fields found by objectName, changed, applied (all-or-nothing through the core's edit
// path), and the proxy seen using the new values; plus the desktop's own items.
#include "AutoStart.h"
#include "ProxyLink.h"
#include "SavedListenAddress.h"
#include "ProxyService.h"
#include "SettingEditor.h"
#include "SettingEditorGroup.h"
#include "SettingsPage.h"
#include "TestProxies.h"
#include "ThreadedProxy.h"
#include "settings/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

const QString kClientToken = u"sk-gb-settings-page-client-token-0001"_s;

QString makeKey(int i)
{
    return u"AIza"_s + u"SettingsPageKey%1"_s.arg(i, 4, 10, QLatin1Char('0')).leftJustified(35, u'z');
}

template<typename T>
T *find(QObject *root, const QString &name)
{
    T *child = root->findChild<T *>(name);
    if (!child)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return child;
}

const QByteArray kHello = "{\"contents\":[{\"parts\":[{\"text\":\"Hello\"}]}]}";

} // namespace

class TestSettingsPage : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    struct Fixture
    {
        std::unique_ptr<ThreadedProxy> proxy;
        std::unique_ptr<ProxyLink> link;
        std::unique_ptr<QSettings> state;
        std::unique_ptr<SettingsPage> page;
        ~Fixture()
        {
            page.reset();
            if (proxy)
                proxy->stop();
            link.reset();
        }
    };

    void make(Fixture &f, SettingsValues values = {}, const QHash<QString, SettingSource> &sources = {},
              AutoStart *autoStart = nullptr)
    {
        if (values.apiKeys.isEmpty())
            values.apiKeys = {makeKey(1), makeKey(2), makeKey(3)};
        values.allowedTokens = {kClientToken};
        values.authToken = u"settings-page-admin-token-000000001"_s;
        values.timeOut = 10;
        f.proxy = std::make_unique<ThreadedProxy>(values, sources);
        QVERIFY(f.proxy->ready);
        f.link = std::make_unique<ProxyLink>(f.proxy->proxy, f.proxy->settings.get());
        f.link->setRefreshInterval(50);
        f.state = std::make_unique<QSettings>(m_dir.filePath(u"state-%1.ini"_s.arg(++m_fixtures)), QSettings::IniFormat);
        f.page = std::make_unique<SettingsPage>(f.link.get(), f.state.get(), autoStart);
        f.page->show();
        QTRY_VERIFY(f.link->snapshot().listening);
    }
    int m_fixtures = 0;

    int generateCalls(ThreadedProxy &p)
    {
        int n = 0;
        for (const RecordedRequest &r : p.fake.requests())
            n += r.action == FakeAction::GenerateContent ? 1 : 0;
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // "Start at login" writes under XDG_CONFIG_HOME: keep it in the test's folder.
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
    }

    void everySettingHasAnEditorInItsGroup()
    {
        Fixture f;
        make(f);
        for (const SettingSpec &spec : settingSpecs()) {
            auto *editor = find<SettingEditor>(f.page.get(), u"setting_"_s + spec.name);
            QVERIFY2(editor, qPrintable(spec.name));
            QVERIFY(find<QWidget>(f.page.get(), u"settingsTab_"_s + spec.group)->isAncestorOf(editor));
            QCOMPARE(find<QWidget>(editor, u"value_"_s + spec.name)->toolTip(), spec.description);
        }
        // The editor fits the type and carries the spec's range and choices.
        auto *retries = find<QSpinBox>(f.page.get(), u"value_MAX_RETRIES"_s);
        QCOMPARE(retries->minimum(), 1);
        QCOMPARE(retries->value(), 3);
        auto *session = find<QSpinBox>(f.page.get(), u"value_ADMIN_SESSION_EXPIRE"_s);
        QCOMPARE(session->minimum(), 300);
        QCOMPARE(session->maximum(), 86400);
        auto *strategy = find<QComboBox>(f.page.get(), u"value_KEY_SELECTION_STRATEGY"_s);
        QCOMPARE(strategy->count(), 3);
        QCOMPARE(strategy->currentText(), u"round_robin"_s);
        QVERIFY(find<QCheckBox>(f.page.get(), u"value_SHOW_THINKING_PROCESS"_s)->isChecked());
        QVERIFY(find<QPlainTextEdit>(f.page.get(), u"value_SEARCH_MODELS"_s)->toPlainText().contains(u"gemini-2.5-pro"_s));
        QVERIFY(!find<QPushButton>(f.page.get(), u"applyButton"_s)->isEnabled());  // nothing edited yet
    }

    void appliedRetriesReachTheProxy()
    {
        Fixture f;
        make(f);
        ThreadedProxy &p = *f.proxy;
        // MAX_RETRIES 3: a 500 is retried on another key and the client gets the answer.
        p.fake.failNext(500, 1);
        QCOMPARE(p.call("POST", u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kClientToken, kHello).status, 200);
        QCOMPARE(generateCalls(p), 2);

        find<QSpinBox>(f.page.get(), u"value_MAX_RETRIES"_s)->setValue(1);
        auto *apply = find<QPushButton>(f.page.get(), u"applyButton"_s);
        QVERIFY(apply->isEnabled());
        apply->click();
        QCOMPARE(p.settings->snapshot()->maxRetries, 1);
        QCOMPARE(p.settings->source(u"MAX_RETRIES"_s), SettingSource::Saved);
        QVERIFY(find<QLabel>(f.page.get(), u"source_MAX_RETRIES"_s)->text().contains(u"saved"_s));
        QVERIFY(find<QLabel>(f.page.get(), u"applyStatusLabel"_s)->text().contains(u"MAX_RETRIES"_s));
        QVERIFY(!apply->isEnabled());

        // MAX_RETRIES 1: the same failure now reaches the client after one attempt.
        p.fake.clearRecords();
        p.fake.failNext(500, 1);
        QCOMPARE(p.call("POST", u"/v1beta/models/gemini-2.5-flash:generateContent"_s, kClientToken, kHello).status, 500);
        QCOMPARE(generateCalls(p), 1);
    }

    void invalidValueIsRefusedByNameAndNothingApplies()
    {
        Fixture f;
        make(f);
        Settings &settings = *f.proxy->settings;
        find<QSpinBox>(f.page.get(), u"value_MAX_RETRIES"_s)->setValue(2);
        auto *baseUrl = find<QLineEdit>(f.page.get(), u"value_BASE_URL"_s);
        const QString before = settings.snapshot()->baseUrl;
        baseUrl->setText(u"not a url"_s);
        find<QLineEdit>(f.page.get(), u"value_MYSQL_HOST"_s)->setText(u"db.example"_s);
        find<QPushButton>(f.page.get(), u"applyButton"_s)->click();

        auto *error = find<QLabel>(f.page.get(), u"error_BASE_URL"_s);
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(u"BASE_URL"_s), qPrintable(error->text()));
        auto *dbError = find<QLabel>(f.page.get(), u"error_MYSQL_HOST"_s);
        QVERIFY2(dbError->text().contains(u".env"_s), qPrintable(dbError->text()));  // the admin API's rule
        QVERIFY(find<QLabel>(f.page.get(), u"error_MAX_RETRIES"_s)->isHidden());
        const QString status = find<QLabel>(f.page.get(), u"applyStatusLabel"_s)->text();
        QVERIFY2(status.contains(u"Nothing was applied"_s) && status.contains(u"BASE_URL"_s), qPrintable(status));
        // All or nothing: the valid MAX_RETRIES edit was not applied either, and stays in the field.
        QCOMPARE(settings.snapshot()->maxRetries, 3);
        QCOMPARE(settings.snapshot()->baseUrl, before);
        QCOMPARE(settings.source(u"MAX_RETRIES"_s), SettingSource::Default);
        QCOMPARE(find<QSpinBox>(f.page.get(), u"value_MAX_RETRIES"_s)->value(), 2);

        // A list field is checked as it is typed, by the .env parser.
        auto *filtered = find<QPlainTextEdit>(f.page.get(), u"value_FILTERED_MODELS"_s);
        filtered->setPlainText(u"[\"a\","_s);
        auto *listError = find<QLabel>(f.page.get(), u"error_FILTERED_MODELS"_s);
        QVERIFY(!listError->isHidden());
        QVERIFY(listError->text().contains(u"FILTERED_MODELS"_s));
        filtered->setPlainText(u"model-a, model-b"_s);  // comma text, as .env accepts
        QVERIFY(listError->isHidden());

        // Revert shows the values in use again.
        find<QPushButton>(f.page.get(), u"revertButton"_s)->click();
        QCOMPARE(find<QSpinBox>(f.page.get(), u"value_MAX_RETRIES"_s)->value(), 3);
        QCOMPARE(baseUrl->text(), before);
        QVERIFY(!find<QPushButton>(f.page.get(), u"applyButton"_s)->isEnabled());
    }

    void sourceIsShownAndResetPutsTheDefault()
    {
        Fixture f;
        SettingsValues values;
        values.maxFailures = 7;
        values.searchModels = {u"gemini-2.5-flash"_s, u"gemini-3-pro-preview"_s};
        make(f, values, {{u"MAX_FAILURES"_s, SettingSource::DotEnv}, {u"SEARCH_MODELS"_s, SettingSource::Environment}});
        QVERIFY(find<QLabel>(f.page.get(), u"source_MAX_FAILURES"_s)->text().contains(u".env"_s));
        QVERIFY(find<QLabel>(f.page.get(), u"source_SEARCH_MODELS"_s)->text().contains(u"environment"_s));
        QVERIFY(find<QLabel>(f.page.get(), u"source_MAX_RETRIES"_s)->text().contains(u"default"_s));

        find<QToolButton>(f.page.get(), u"reset_MAX_FAILURES"_s)->click();
        find<QToolButton>(f.page.get(), u"reset_SEARCH_MODELS"_s)->click();
        QCOMPARE(find<QSpinBox>(f.page.get(), u"value_MAX_FAILURES"_s)->value(), SettingsValues().maxFailures);
        QCOMPARE(f.proxy->settings->snapshot()->maxFailures, 7);  // only in the field until Apply
        find<QPushButton>(f.page.get(), u"applyButton"_s)->click();
        QCOMPARE(f.proxy->settings->snapshot()->maxFailures, SettingsValues().maxFailures);
        QCOMPARE(f.proxy->settings->snapshot()->searchModels, SettingsValues().searchModels);
        QVERIFY(find<QLabel>(f.page.get(), u"source_MAX_FAILURES"_s)->text().contains(u"saved"_s));
    }

    void secretsAreMaskedUntilRevealed()
    {
        Fixture f;
        make(f);
        Settings &settings = *f.proxy->settings;
        auto *keys = find<QPlainTextEdit>(f.page.get(), u"value_API_KEYS"_s);
        QVERIFY(keys->isReadOnly());
        QVERIFY(!keys->toPlainText().contains(makeKey(1)));
        QVERIFY(keys->toPlainText().contains(u"AIzaSe"_s));  // a recognisable hint stays
        auto *token = find<QLineEdit>(f.page.get(), u"value_AUTH_TOKEN"_s);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QVERIFY(!token->displayText().contains(settings.snapshot()->authToken));

        // An unrelated change keeps the masked secrets as they are.
        find<QSpinBox>(f.page.get(), u"value_MAX_FAILURES"_s)->setValue(5);
        find<QPushButton>(f.page.get(), u"applyButton"_s)->click();
        QCOMPARE(settings.snapshot()->apiKeys, (QStringList{makeKey(1), makeKey(2), makeKey(3)}));

        find<QToolButton>(f.page.get(), u"reveal_API_KEYS"_s)->click();
        QVERIFY(!keys->isReadOnly());
        QVERIFY(keys->toPlainText().contains(makeKey(1)));
        find<QToolButton>(f.page.get(), u"reveal_AUTH_TOKEN"_s)->click();
        QCOMPARE(token->echoMode(), QLineEdit::Normal);

        // Revealed, the list takes comma text like .env; the change reaches the key pool.
        keys->setPlainText(makeKey(1) + u", "_s + makeKey(4));
        find<QPushButton>(f.page.get(), u"applyButton"_s)->click();
        QCOMPARE(settings.snapshot()->apiKeys, (QStringList{makeKey(1), makeKey(4)}));
        QTRY_COMPARE(f.link->snapshot().keys.size(), 2);
        // Hidden again: masked.
        find<QToolButton>(f.page.get(), u"reveal_API_KEYS"_s)->click();
        QVERIFY(!keys->toPlainText().contains(makeKey(4)));
    }

    void proxiesAreCheckedOneByOne()
    {
        Fixture f;
        make(f);
        TestHttpProxy good;
        QVERIFY(good.start());
        QTcpServer closed;  // a port nobody listens on any more
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 deadPort = closed.serverPort();
        closed.close();

        find<QToolButton>(f.page.get(), u"reveal_PROXIES"_s)->click();
        auto *proxies = find<QPlainTextEdit>(f.page.get(), u"value_PROXIES"_s);
        proxies->setPlainText(u"%1, http://127.0.0.1:%2"_s.arg(good.url()).arg(deadPort));
        find<QPushButton>(f.page.get(), u"checkProxiesButton"_s)->click();
        auto *results = find<QListWidget>(f.page.get(), u"proxyCheckList"_s);
        QTRY_COMPARE_WITH_TIMEOUT(find<QPushButton>(f.page.get(), u"checkProxiesButton"_s)->isEnabled(), true, 15000);
        QCOMPARE(results->count(), 2);
        QVERIFY2(results->item(0)->data(Qt::UserRole).toBool(), qPrintable(results->item(0)->text()));
        QVERIFY(!results->item(1)->data(Qt::UserRole).toBool());
        QVERIFY(results->item(1)->text().contains(QString::number(deadPort)));
        QVERIFY(good.relayed() >= 1);  // the check really went through the proxy
        // Checking is not applying.
        QVERIFY(f.proxy->settings->snapshot()->proxies.isEmpty());
    }

    void serverMovesToAnotherPort()
    {
        Fixture f;
        make(f);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QTRY_COMPARE(find<QSpinBox>(f.page.get(), u"serverPortSpin"_s)->value(), int(f.link->snapshot().port));
        find<QLineEdit>(f.page.get(), u"serverAddressEdit"_s)->setText(u"127.0.0.1"_s);
        find<QSpinBox>(f.page.get(), u"serverPortSpin"_s)->setValue(port);
        find<QPushButton>(f.page.get(), u"applyServerButton"_s)->click();
        QTRY_COMPARE(f.link->snapshot().port, port);
        QVERIFY(f.link->snapshot().listening);
        QTRY_VERIFY(find<QLabel>(f.page.get(), u"serverStatusLabel"_s)->text().contains(QString::number(port)));
        QCOMPARE(f.proxy->call("GET", u"/v1beta/models"_s, kClientToken).status, 200);

        find<QLineEdit>(f.page.get(), u"serverAddressEdit"_s)->setText(u"nonsense"_s);
        find<QPushButton>(f.page.get(), u"applyServerButton"_s)->click();
        QVERIFY(find<QLabel>(f.page.get(), u"serverStatusLabel"_s)->text().contains(u"nonsense"_s));
        QCOMPARE(f.link->snapshot().port, port);
    }

    void movedServerAddressSurvivesARestart()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QString stateFile;
        {
            Fixture f;
            make(f);
            stateFile = f.state->fileName();
            find<QLineEdit>(f.page.get(), u"serverAddressEdit"_s)->setText(u"127.0.0.1"_s);
            find<QSpinBox>(f.page.get(), u"serverPortSpin"_s)->setValue(port);
            find<QPushButton>(f.page.get(), u"applyServerButton"_s)->click();
            QTRY_VERIFY(find<QLabel>(f.page.get(), u"serverStatusLabel"_s)->text().contains(QString::number(port)));

            // A move that fails (the port is taken) is not kept.
            QTcpServer taken;
            QVERIFY(taken.listen(QHostAddress::LocalHost));
            find<QSpinBox>(f.page.get(), u"serverPortSpin"_s)->setValue(taken.serverPort());
            find<QPushButton>(f.page.get(), u"applyServerButton"_s)->click();
            QTRY_VERIFY(!f.link->snapshot().listening);
            QTRY_VERIFY(!find<QLabel>(f.page.get(), u"serverStatusLabel"_s)->text().contains(u"Restarting"_s));
        }  // the window, the link and the proxy go: the application quits

        // The next start reads the window's state file as main() does.
        const QSettings state(stateFile, QSettings::IniFormat);
        QString host = u"127.0.0.1"_s;
        quint16 startPort = 8000;  // the command line's default
        QVERIFY(savedlisten::applyTo(state, &host, &startPort, false, false));
        QCOMPARE(host, u"127.0.0.1"_s);
        QCOMPARE(startPort, port);
        // --port (or --host) given on the command line wins for its run.
        quint16 givenPort = 9123;
        QString givenHost = u"::1"_s;
        savedlisten::applyTo(state, &givenHost, &givenPort, true, true);
        QCOMPARE(givenPort, quint16(9123));
        QCOMPARE(givenHost, u"::1"_s);

        // And a new proxy listens there again.
        Fixture g;
        make(g);
        g.link->listenOn(QHostAddress(host), startPort);
        QTRY_COMPARE(g.link->snapshot().port, port);
        QTRY_VERIFY(g.link->snapshot().listening);
        QCOMPARE(g.proxy->call("GET", u"/v1beta/models"_s, kClientToken).status, 200);
    }

    void startAtLoginWritesAndRemovesTheAutostartFile()
    {
        AutoStart autoStart(u"/opt/gem balance/gembalance"_s);
        const QString file = m_dir.filePath(u"config/autostart/gembalance.desktop"_s);
        QCOMPARE(autoStart.location(), file);
        QVERIFY(!autoStart.isEnabled());
        Fixture f;
        make(f, {}, {}, &autoStart);
        auto *check = find<QCheckBox>(f.page.get(), u"startAtLoginCheck"_s);
        QVERIFY(!check->isChecked());
        check->click();
        QVERIFY(QFile::exists(file));
        QFile entry(file);
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(entry.readAll());
        QVERIFY2(text.contains(u"Exec=\"/opt/gem balance/gembalance\" --minimized\n"_s), qPrintable(text));
        QVERIFY(text.startsWith(u"[Desktop Entry]\n"_s));
        QVERIFY(autoStart.isEnabled());
        check->click();
        QVERIFY(!QFile::exists(file));
        QVERIFY(!autoStart.isEnabled());
    }

    void languageIsStoredAndAnnounced()
    {
        Fixture f;
        make(f);
        QSignalSpy spy(f.page.get(), &SettingsPage::languageChanged);
        auto *combo = find<QComboBox>(f.page.get(), u"languageCombo"_s);
        QCOMPARE(combo->count(), 4);
        QCOMPARE(combo->currentData().toString(), QString());  // System
        combo->setCurrentIndex(combo->findData(u"zh_TW"_s));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), u"zh_TW"_s);
        QCOMPARE(f.state->value(SettingsPage::languageKey()).toString(), u"zh_TW"_s);
        // A new page (the next start) reads it back.
        SettingsPage again(f.link.get(), f.state.get(), nullptr);
        QCOMPARE(find<QComboBox>(&again, u"languageCombo"_s)->currentData().toString(), u"zh_TW"_s);
        QCOMPARE(again.language(), u"zh_TW"_s);
    }
};

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
