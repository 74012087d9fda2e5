#pragma once

#include <QMainWindow>

#include <memory>

class QSettings;
namespace Ui { class MainWindow; }

namespace gb {

class AutoStart;
class KeysPage;
class LogBuffer;
class LogsPage;
class ModelsPage;
class OverviewPage;
class SettingsPage;
class TokensPage;
class ProxyLink;
class QueryRunner;

// The window: a page list on the left, the pages on the right. Closing it hides it when
// the tray keeps the application (and the server) running; its geometry and the page
// last shown are kept in `state`.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Rows of the page list, in order.
    enum Page { OverviewPageIndex, KeysPageIndex, TokensPageIndex, ModelsPageIndex, SettingsPageIndex, LogsPageIndex };

    // `queries` (the database's read side for the charts, key details and error log) and
    // `autoStart` (the Settings page's "start at login"): not owned, either may be null.
    MainWindow(ProxyLink *link, LogBuffer *logs, QSettings *state, QueryRunner *queries = nullptr,
               AutoStart *autoStart = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // true: closing hides the window (a tray icon is there to bring it back).
    void setHideOnClose(bool hide) { m_hideOnClose = hide; }
    void showPage(Page page);
    TokensPage *tokensPage() const { return m_tokens; }
    void bringToFront();
    // --demo: "DEMO" in the title and a banner (objectName demoBanner) over the pages.
    void showDemoBanner(const QString &html);

    OverviewPage *overviewPage() const { return m_overview; }
    KeysPage *keysPage() const { return m_keys; }
    LogsPage *logsPage() const { return m_logs; }
    ModelsPage *modelsPage() const { return m_models; }
    SettingsPage *settingsPage() const { return m_settingsPage; }

signals:
    void hiddenToTray();  // the window was closed and hid, the application runs on

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void saveWindowState();

    std::unique_ptr<Ui::MainWindow> ui;
    QSettings *m_state;
    OverviewPage *m_overview;
    KeysPage *m_keys;
    TokensPage *m_tokens;
    LogsPage *m_logs;
    ModelsPage *m_models;
    SettingsPage *m_settingsPage;
    bool m_hideOnClose = false;
};

} // namespace gb
