#include "DesktopApp.h"

#include "AutoStart.h"
#include "MainWindow.h"
#include "TokensPage.h"
#include "ProxyLink.h"
#include "SettingsPage.h"
#include "TrayController.h"
#include "UiLanguage.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QPixmap>
#include <QTimer>

#include <iterator>

using namespace Qt::StringLiterals;

namespace gb {

DesktopApp::DesktopApp(ProxyService *proxy, Settings *settings, LogBuffer *logs, const QString &uiStateFile,
                       QueryRunner *queries, QObject *parent)
    : QObject(parent), m_state(uiStateFile, QSettings::IniFormat), m_link(new ProxyLink(proxy, settings, this)),
      m_tray(nullptr), m_autoStart(std::make_unique<AutoStart>(QCoreApplication::applicationFilePath())),
      m_logs(logs), m_queries(queries), m_language(new UiLanguage(this))
{
    // The translators go in before the first widget is made.
    m_language->apply(m_state.value(SettingsPage::languageKey()).toString());
    buildUi();
    m_link->refresh();
}

DesktopApp::~DesktopApp() = default;

void DesktopApp::buildUi()
{
    m_tray = new TrayController(m_link, this);
    m_window = std::make_unique<MainWindow>(m_link, m_logs, &m_state, m_queries, m_autoStart.get());
    m_window->setHideOnClose(m_tray->isAvailable());
    connect(m_window.get(), &MainWindow::hiddenToTray, this, &DesktopApp::hiddenToTray);
    connect(m_window->settingsPage(), &SettingsPage::languageChanged, this, &DesktopApp::setLanguage);
    connect(m_tray, &TrayController::showWindowRequested, this, &DesktopApp::raiseWindow);
    connect(m_tray, &TrayController::quitRequested, this, [] { QCoreApplication::quit(); });
    if (m_demo)
        showDemo(m_demoAdminToken, m_demoClientToken);
    if (m_secretsInKeychain)
        showSecretStorage(*m_secretsInKeychain);
    if (!m_startFailure.isEmpty() && !m_link->snapshot().listening)
        m_link->noteStartFailure(m_startFailure);
    if (!m_generatedAdminToken.isEmpty())
        m_window->tokensPage()->showGeneratedAdminToken(m_generatedAdminToken);
}

void DesktopApp::setLanguage(const QString &language)
{
    // Asked from inside the window: it is rebuilt once control is back in the event loop.
    QMetaObject::invokeMethod(this, [this, language] {
        m_language->apply(language);
        const bool visible = m_window->isVisible();
        m_window.reset();  // saves its geometry and page, which the new one restores
        delete m_tray;
        buildUi();
        m_tray->setVisible(m_started);
        if (visible)
            m_window->show();
        m_link->refresh();
    }, Qt::QueuedConnection);
}

void DesktopApp::start(bool minimized)
{
    m_started = true;
    m_tray->setVisible(true);
    if (minimized && m_tray->isAvailable() && m_startFailure.isEmpty())
        return;
    m_window->show();
}

void DesktopApp::showStartFailure(const QString &error)
{
    m_startFailure = error;
    m_link->noteStartFailure(error);
    m_window->showPage(MainWindow::OverviewPageIndex);
}

void DesktopApp::showGeneratedAdminToken(const QString &token)
{
    if (token.isEmpty())
        return;
    m_generatedAdminToken = token;
    m_window->tokensPage()->showGeneratedAdminToken(token);
    m_window->showPage(MainWindow::TokensPageIndex);
}

void DesktopApp::showSecretStorage(bool inKeychain)
{
    m_secretsInKeychain = inKeychain;
    m_window->tokensPage()->showSecretStorage(inKeychain);
}

void DesktopApp::showDemo(const QString &adminToken, const QString &clientToken)
{
    m_demo = true;
    m_demoAdminToken = adminToken;
    m_demoClientToken = clientToken;
    m_window->showDemoBanner(
        tr("<b>DEMO</b> — GemBalance runs with a built-in fake Gemini upstream and sample keys (good, "
           "rate-limited, invalid) and sends itself a little traffic. Nothing here is real, and it has its own data "
           "folder. Admin token: <code>%1</code> · client token: <code>%2</code>")
            .arg(adminToken.toHtmlEscaped(), clientToken.toHtmlEscaped()));
}

QStringList DesktopApp::saveScreenshots(const QString &dir)
{
    static const char *const names[] = {"overview", "keys", "tokens", "models", "settings", "logs"};
    static_assert(std::size(names) == MainWindow::LogsPageIndex + 1, "a file name per page");
    QStringList saved;
    if (!QDir().mkpath(dir))
        return saved;
    m_window->resize(1280, 820);
    m_window->show();
    for (int page = 0; page <= MainWindow::LogsPageIndex; ++page) {
        m_window->showPage(MainWindow::Page(page));
        // Let the page lay out, fetch and draw (charts query the database) before the picture.
        QEventLoop settle;
        QTimer::singleShot(1500, &settle, &QEventLoop::quit);
        settle.exec();
        const QString file = QDir(dir).filePath(u"desktop-%1.png"_s.arg(QLatin1StringView(names[page])));
        if (m_window->grab().save(file))
            saved << file;
    }
    return saved;
}

void DesktopApp::raiseWindow()
{
    m_window->bringToFront();
}

void DesktopApp::hiddenToTray()
{
    if (m_state.value(u"notices/closedToTray"_s).toBool())
        return;
    m_state.setValue(u"notices/closedToTray"_s, true);
    m_tray->showMessage(tr("GemBalance keeps running"),
                        tr("The server keeps serving in the background. Use the tray icon to open the window or to quit."));
}

} // namespace gb
