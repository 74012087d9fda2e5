#pragma once

#include <QHostAddress>

#include <optional>
#include <utility>

#include "upstream/ProxyChecker.h"

#include <QWidget>

#include <memory>

class QListWidget;
class QVBoxLayout;
class QPushButton;
class QSettings;
namespace Ui { class SettingsPage; }

namespace gb {

class AutoStart;
class ProxyLink;
class SettingEditorGroup;
struct ServerSnapshot;

// Every setting, one tab per group, with Apply (all-or-nothing through the core's edit
// path, live and saved), Revert and a default per field; plus the desktop's own items: the
// address the server listens on (restarts listening through ProxyLink), start at login,
// the language (kept in the window's state; languageChanged tells whoever loads
// translations), and a check of the PROXIES entries next to that field.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    // `state`: the window's QSettings (language); `autoStart`: not owned, may be null (hidden).
    SettingsPage(ProxyLink *link, QSettings *state, AutoStart *autoStart, QWidget *parent = nullptr);
    ~SettingsPage() override;

    SettingEditorGroup *editors() const { return m_editors; }
    // "" = the system's language, else "en", "zh_CN", "zh_TW".
    QString language() const;
    static QString languageKey();  // the QSettings key holding it

signals:
    void languageChanged(const QString &language);

private:
    void buildTabs();
    void addProxyCheck(QWidget *tab, QVBoxLayout *layout);
    void apply();
    void checkProxies();
    void showProxyResults(const QList<ProxyCheckResult> &results);
    void showServer(const ServerSnapshot &snapshot);
    void applyServer();
    void setStartAtLogin(bool enabled);

    std::unique_ptr<Ui::SettingsPage> ui;
    ProxyLink *m_link;
    QSettings *m_state;
    AutoStart *m_autoStart;
    SettingEditorGroup *m_editors;
    QPushButton *m_checkProxies = nullptr;
    QListWidget *m_proxyResults = nullptr;
    bool m_serverEdited = false;
    std::optional<std::pair<QHostAddress, quint16>> m_askedListen;  // "Listen here" waiting for its answer
};

} // namespace gb
