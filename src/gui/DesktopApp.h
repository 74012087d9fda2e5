#pragma once

#include <QObject>
#include <QSettings>

#include <memory>
#include <optional>

namespace gb {

class AutoStart;
class LogBuffer;
class MainWindow;
class ProxyLink;
class ProxyService;
class QueryRunner;
class Settings;
class TrayController;
class UiLanguage;

// The desktop side of the composition: the proxy link, the window and the tray icon,
// built once from what the runtime made. Destroy it after the proxy has stopped.
class DesktopApp : public QObject
{
    Q_OBJECT
public:
    // `uiStateFile`: the window's state (geometry, page, notices), e.g. <data dir>/desktop.ini.
    // `queries`: the database's read side (charts, key details, error log); null: none.
    DesktopApp(ProxyService *proxy, Settings *settings, LogBuffer *logs, const QString &uiStateFile,
               QueryRunner *queries = nullptr, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Shows the window, or only the tray icon when `minimized` and a tray is there.
    void start(bool minimized);
    void raiseWindow();
    // Shows the admin token generated at this start on the Tokens page, in full, this once.
    void showGeneratedAdminToken(const QString &token);
    // Where secret settings are kept: the system keychain, or the database file (none found).
    void showSecretStorage(bool inKeychain);
    // The server could not listen at start-up: the window opens (even with --minimized) on
    // the Overview, which says why the server is stopped.
    void showStartFailure(const QString &error);
    // --demo: DEMO in the window title and a banner over the pages.
    void showDemo(const QString &adminToken, const QString &clientToken);

    // Switches the window's language ("" = the system's, "en", "zh_CN", "zh_TW"): the
    // window and the tray menu are built again in it, on the same page.
    void setLanguage(const QString &language);
    UiLanguage *language() const { return m_language; }

    // Shows each page of the window in turn and saves a picture of it as
    // <dir>/desktop-<page>.png. Returns the files written.
    QStringList saveScreenshots(const QString &dir);

    ProxyLink *link() const { return m_link; }
    MainWindow *window() const { return m_window.get(); }
    TrayController *tray() const { return m_tray; }

private:
    void hiddenToTray();
    // Builds the tray icon and the window (again after a language change), and shows in them
    // what was shown before: the demo banner, where secrets are kept, a generated token.
    void buildUi();

    QSettings m_state;
    QString m_startFailure;
    ProxyLink *m_link;
    TrayController *m_tray;
    std::unique_ptr<AutoStart> m_autoStart;
    std::unique_ptr<MainWindow> m_window;
    LogBuffer *m_logs;
    QueryRunner *m_queries;
    UiLanguage *m_language;
    QString m_demoAdminToken, m_demoClientToken, m_generatedAdminToken;
    bool m_demo = false;
    bool m_started = false;
    std::optional<bool> m_secretsInKeychain;
};

} // namespace gb
