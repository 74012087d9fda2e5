#pragma once

#include "keys/KeyHealthSummary.h"

#include <QIcon>
#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace gb {

class ProxyLink;
struct ServerSnapshot;

// The tray icon: its picture tells the keys' health (all good / some cooling / no usable
// key / stopped), its menu shows the window, starts or stops the server, copies the base
// URL and quits. The menu exists (and works) even where no tray is available.
class TrayController : public QObject
{
    Q_OBJECT
public:
    explicit TrayController(ProxyLink *link, QObject *parent = nullptr);
    ~TrayController() override;

    bool isAvailable() const;  // a system tray is there to show the icon
    void setVisible(bool visible);
    KeyHealthState health() const { return m_health; }
    QMenu *menu() const { return m_menu; }
    static QIcon iconFor(KeyHealthState state);
    static QString toolTipFor(KeyHealthState state, const KeyHealthCounts &counts);

    // The one-time notice after the window first hides into the tray.
    void showMessage(const QString &title, const QString &text);

signals:
    void showWindowRequested();
    void quitRequested();

private:
    void update(const ServerSnapshot &snapshot);

    ProxyLink *m_link;
    QSystemTrayIcon *m_icon;
    QMenu *m_menu;
    QAction *m_showAction;
    QAction *m_startStopAction;
    QAction *m_copyUrlAction;
    QAction *m_quitAction;
    KeyHealthState m_health = KeyHealthState::Stopped;
    bool m_healthKnown = false;
};

} // namespace gb
