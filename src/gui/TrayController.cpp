#include "TrayController.h"

#include "ProxyLink.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace gb {

TrayController::TrayController(ProxyLink *link, QObject *parent)
    : QObject(parent), m_link(link), m_icon(new QSystemTrayIcon(this)), m_menu(new QMenu)
{
    m_menu->setObjectName(u"trayMenu"_s);
    m_showAction = m_menu->addAction(tr("Show GemBalance"));
    m_showAction->setObjectName(u"showWindowAction"_s);
    m_startStopAction = m_menu->addAction(tr("Stop server"));
    m_startStopAction->setObjectName(u"startStopAction"_s);
    m_copyUrlAction = m_menu->addAction(tr("Copy OpenAI base URL"));
    m_copyUrlAction->setObjectName(u"copyBaseUrlAction"_s);
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(tr("Quit"));
    m_quitAction->setObjectName(u"quitAction"_s);

    connect(m_showAction, &QAction::triggered, this, &TrayController::showWindowRequested);
    connect(m_quitAction, &QAction::triggered, this, &TrayController::quitRequested);
    connect(m_startStopAction, &QAction::triggered, this, [this] {
        if (m_link->snapshot().listening)
            m_link->stopServer();
        else
            m_link->startServer();
    });
    connect(m_copyUrlAction, &QAction::triggered, this, [this] {
        const QString base = m_link->snapshot().baseUrl();
        if (!base.isEmpty())
            QGuiApplication::clipboard()->setText(base + u"/v1"_s);
    });
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit showWindowRequested();
    });
    m_icon->setContextMenu(m_menu);
    connect(m_link, &ProxyLink::snapshotReady, this, &TrayController::update);
    update(m_link->snapshot());
}

TrayController::~TrayController()
{
    delete m_menu;  // a context menu has no parent
}

bool TrayController::isAvailable() const
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayController::setVisible(bool visible)
{
    m_icon->setVisible(visible && isAvailable());
}

void TrayController::showMessage(const QString &title, const QString &text)
{
    if (m_icon->isVisible())
        m_icon->showMessage(title, text, iconFor(m_health), 8000);
}

QIcon TrayController::iconFor(KeyHealthState state)
{
    switch (state) {
    case KeyHealthState::AllGood: return QIcon(u":/icons/tray-good.svg"_s);
    case KeyHealthState::SomeCooling: return QIcon(u":/icons/tray-cooling.svg"_s);
    case KeyHealthState::NoUsableKey: return QIcon(u":/icons/tray-nokey.svg"_s);
    case KeyHealthState::Stopped: return QIcon(u":/icons/tray-stopped.svg"_s);
    }
    return {};
}

QString TrayController::toolTipFor(KeyHealthState state, const KeyHealthCounts &counts)
{
    QString head;
    switch (state) {
    case KeyHealthState::AllGood: head = tr("GemBalance: all keys ready"); break;
    case KeyHealthState::SomeCooling: head = tr("GemBalance: some keys cooling or disabled"); break;
    case KeyHealthState::NoUsableKey: head = tr("GemBalance: no usable key"); break;
    case KeyHealthState::Stopped: return tr("GemBalance: server stopped");
    }
    return head + u'\n' + tr("%1 active, %2 cooling, %3 disabled").arg(counts.active).arg(counts.cooling).arg(counts.disabled);
}

void TrayController::update(const ServerSnapshot &snapshot)
{
    const KeyHealthCounts counts = countKeyHealth(snapshot.keys, snapshot.nowMs);
    const KeyHealthState health = keyHealthState(counts, snapshot.listening);
    if (!m_healthKnown || health != m_health) {
        m_health = health;
        m_healthKnown = true;
        m_icon->setIcon(iconFor(health));
    }
    m_icon->setToolTip(toolTipFor(health, counts));
    m_startStopAction->setText(snapshot.listening ? tr("Stop server") : tr("Start server"));
    m_copyUrlAction->setEnabled(!snapshot.baseUrl().isEmpty());
}

} // namespace gb
