#include "MainWindow.h"

#include "KeysPage.h"
#include "LogsPage.h"
#include "ModelsPage.h"
#include "OverviewPage.h"
#include "ProxyLink.h"
#include "SettingsPage.h"
#include "TokensPage.h"
#include "ui_MainWindow.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QLabel>
#include <QVBoxLayout>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace gb {

MainWindow::MainWindow(ProxyLink *link, LogBuffer *logs, QSettings *state, QueryRunner *queries, AutoStart *autoStart,
                       QWidget *parent)
    : QMainWindow(parent), ui(new Ui::MainWindow), m_state(state)
{
    ui->setupUi(this);
    setWindowIcon(QIcon(u":/icons/gembalance.svg"_s));
    m_overview = new OverviewPage(link, queries, this);
    m_keys = new KeysPage(link, queries, this);
    m_tokens = new TokensPage(link->settings(), m_state, this);
    m_models = new ModelsPage(link, this);
    m_settingsPage = new SettingsPage(link, m_state, autoStart, this);
    m_logs = new LogsPage(logs, queries, this);
    // Same order as Page.
    const QList<std::pair<QString, QWidget *>> pages{
        {tr("Overview"), m_overview}, {tr("Keys"), m_keys},         {tr("Tokens"), m_tokens},
        {tr("Models"), m_models},     {tr("Settings"), m_settingsPage}, {tr("Logs"), m_logs}};
    for (const auto &[title, page] : pages) {
        ui->pageList->addItem(title);
        ui->pages->addWidget(page);
    }
    connect(ui->pageList, &QListWidget::currentRowChanged, ui->pages, &QStackedWidget::setCurrentIndex);
    if (m_state) {
        restoreGeometry(m_state->value(u"window/geometry"_s).toByteArray());
        restoreState(m_state->value(u"window/state"_s).toByteArray());
    }
    const int page = m_state ? m_state->value(u"window/page"_s, 0).toInt() : 0;
    ui->pageList->setCurrentRow(qBound(0, page, int(pages.size()) - 1));
}

MainWindow::~MainWindow()
{
    saveWindowState();
}

void MainWindow::showPage(Page page)
{
    ui->pageList->setCurrentRow(int(page));
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        setWindowState(windowState() & ~Qt::WindowMinimized);
    show();
    raise();
    activateWindow();
}

void MainWindow::showDemoBanner(const QString &html)
{
    setWindowTitle(tr("GemBalance — DEMO"));
    auto *banner = findChild<QLabel *>(u"demoBanner"_s);
    if (!banner) {
        banner = new QLabel;
        banner->setObjectName(u"demoBanner"_s);
        banner->setWordWrap(true);
        banner->setTextFormat(Qt::RichText);
        banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
        banner->setStyleSheet(u"QLabel { background: #fef7e0; color: #7a4f00; border: 2px solid #f9ab00; "
                              "border-radius: 6px; padding: 6px; }"_s);
        // The banner above the page list and the pages.
        QWidget *pagesArea = takeCentralWidget();
        auto *central = new QWidget;
        auto *layout = new QVBoxLayout(central);
        layout->setContentsMargins(9, 6, 9, 0);
        layout->addWidget(banner);
        layout->addWidget(pagesArea, 1);
        setCentralWidget(central);
    }
    banner->setText(html);
}

void MainWindow::saveWindowState()
{
    if (!m_state)
        return;
    m_state->setValue(u"window/geometry"_s, saveGeometry());
    m_state->setValue(u"window/state"_s, QMainWindow::saveState());
    m_state->setValue(u"window/page"_s, ui->pageList->currentRow());
    m_state->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    if (m_hideOnClose) {
        event->ignore();
        hide();
        emit hiddenToTray();
        return;
    }
    event->accept();
    QCoreApplication::quit();  // no tray to come back from: closing the window is quitting
}

} // namespace gb
