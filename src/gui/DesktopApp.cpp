#include "DesktopApp.h"

#include "AutoStart.h"
#include "MainWindow.h"
#include "TokensPage.h"
#include "ProxyLink.h"
#include "TrayController.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace gb {

DesktopApp::DesktopApp(ProxyService *proxy, Settings *settings, LogBuffer *logs, const QString &uiStateFile,
                       QueryRunner *queries, QObject *parent)
    : QObject(parent), m_state(uiStateFile, QSettings::IniFormat), m_link(new ProxyLink(proxy, settings, this)),
      m_tray(new TrayController(m_link, this)),
      m_autoStart(std::make_unique<AutoStart>(QCoreApplication::applicationFilePath())),
      m_window(std::make_unique<MainWindow>(m_link, logs, &m_state, queries, m_autoStart.get()))
{
    m_window->setHideOnClose(m_tray->isAvailable());
    connect(m_window.get(), &MainWindow::hiddenToTray, this, &DesktopApp::hiddenToTray);
    connect(m_tray, &TrayController::showWindowRequested, this, &DesktopApp::raiseWindow);
    connect(m_tray, &TrayController::quitRequested, this, [] { QCoreApplication::quit(); });
    m_link->refresh();
}

DesktopApp::~DesktopApp() = default;

void DesktopApp::start(bool minimized)
{
    m_tray->setVisible(true);
    if (minimized && m_tray->isAvailable())
        return;
    m_window->show();
}

void DesktopApp::showGeneratedAdminToken(const QString &token)
{
    if (token.isEmpty())
        return;
    m_window->tokensPage()->showGeneratedAdminToken(token);
    m_window->showPage(MainWindow::TokensPageIndex);
}

void DesktopApp::showSecretStorage(bool inKeychain)
{
    m_window->tokensPage()->showSecretStorage(inKeychain);
}

void DesktopApp::showDemo(const QString &adminToken, const QString &clientToken)
{
    m_window->showDemoBanner(
        tr("<b>DEMO</b> — GemBalance runs with a built-in fake Gemini upstream and sample keys (good, "
           "rate-limited, invalid) and sends itself a little traffic. Nothing here is real, and it has its own data "
           "folder. Admin token: <code>%1</code> · client token: <code>%2</code>")
            .arg(adminToken.toHtmlEscaped(), clientToken.toHtmlEscaped()));
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
