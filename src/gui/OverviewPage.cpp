#include "OverviewPage.h"

#include "DashboardFeed.h"
#include "DashboardView.h"
#include "ProxyLink.h"
#include "auth/ClientTokenGenerator.h"
#include "common/Redact.h"
#include "keys/KeyHealthSummary.h"
#include "settings/Settings.h"
#include "ui_OverviewPage.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMessageBox>
#include <QScrollArea>

using namespace Qt::StringLiterals;

namespace gb {

OverviewPage::OverviewPage(ProxyLink *link, QueryRunner *queries, QWidget *parent)
    : QWidget(parent), ui(new Ui::OverviewPage), m_link(link), m_feed(new DashboardFeed(queries, nullptr, this))
{
    ui->setupUi(this);
    m_feed->followTimeZone(m_link->settings());  // hours and times in TIMEZONE, like the admin API's statistics
    m_dashboard = new DashboardView(m_feed);
    m_dashboard->setObjectName(u"dashboardView"_s);
    // Scrolled, so the charts never make the window's minimum size larger.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"dashboardScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_dashboard);
    ui->chartsLayout->addWidget(scroll);
    const auto copier = [](QLineEdit *edit) {
        return [edit] { QGuiApplication::clipboard()->setText(edit->text()); };
    };
    connect(ui->copyOpenAiUrlButton, &QPushButton::clicked, this, copier(ui->openAiUrlEdit));
    connect(ui->copyGeminiUrlButton, &QPushButton::clicked, this, copier(ui->geminiUrlEdit));
    // The field shows the token masked; the button copies it whole.
    connect(ui->copyTokenButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(firstToken()); });
    connect(ui->generateTokenButton, &QPushButton::clicked, this, &OverviewPage::generateToken);
    connect(ui->startStopButton, &QPushButton::clicked, this, [this] {
        if (m_link->snapshot().listening)
            m_link->stopServer();
        else
            m_link->startServer();
    });
    connect(m_link, &ProxyLink::snapshotReady, this, &OverviewPage::showSnapshot);
    connect(m_link, &ProxyLink::serverStateChanged, this, [this](bool listening, const QString &error) {
        if (listening || !error.isEmpty())
            m_startError = error;
        showSnapshot(m_link->snapshot());
    });
    // The charts name keys by their hints.
    connect(m_link, &ProxyLink::snapshotReady, m_feed, [this](const ServerSnapshot &snapshot) {
        QStringList keys;
        keys.reserve(snapshot.keys.size());
        for (const KeyState &state : snapshot.keys)
            keys.append(state.key);
        m_feed->setKeys(keys);
    });
    connect(m_link->settings(), &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"ALLOWED_TOKENS"_s))
            showToken();
    });
    showSnapshot(m_link->snapshot());
    showToken();
}

OverviewPage::~OverviewPage() = default;

QString OverviewPage::firstToken() const
{
    return m_link->settings()->snapshot()->allowedTokens.value(0);
}

void OverviewPage::showToken()
{
    const QString token = firstToken();
    ui->clientTokenEdit->setText(token.isEmpty() ? QString() : redact::secret(token));
    ui->clientTokenEdit->setPlaceholderText(tr("No client token: clients are refused until you generate one."));
    ui->copyTokenButton->setEnabled(!token.isEmpty());
    ui->generateTokenButton->setVisible(token.isEmpty());
}

void OverviewPage::generateToken()
{
    const QString token = generateClientToken();
    QStringList tokens = m_link->settings()->snapshot()->allowedTokens;
    tokens.prepend(token);
    if (auto r = m_link->settings()->apply({{u"ALLOWED_TOKENS"_s, tokens}}, SettingSource::Saved); !r)
        QMessageBox::warning(this, tr("Client token"), r.error());
    showToken();
}

void OverviewPage::showSnapshot(const ServerSnapshot &snapshot)
{
    const QString base = snapshot.baseUrl();
    ui->serverStateLabel->setText(snapshot.listening      ? tr("running")
                                  : m_startError.isEmpty() ? tr("stopped")
                                                           : tr("stopped: %1").arg(m_startError));
    ui->serverStateLabel->setWordWrap(true);
    ui->startStopButton->setText(snapshot.listening ? tr("Stop server") : tr("Start server"));
    ui->listenAddressLabel->setText(base.isEmpty() ? tr("not listening")
                                                   : snapshot.address.toString() + u':' + QString::number(snapshot.port));
    ui->openAiUrlEdit->setText(base.isEmpty() ? QString() : base + u"/v1"_s);
    ui->geminiUrlEdit->setText(base.isEmpty() ? QString() : base + u"/v1beta"_s);
    const KeyHealthCounts counts = countKeyHealth(snapshot.keys, snapshot.nowMs);
    ui->activeCountLabel->setText(tr("%1 active").arg(counts.active));
    ui->coolingCountLabel->setText(tr("%1 cooling").arg(counts.cooling));
    ui->disabledCountLabel->setText(tr("%1 disabled").arg(counts.disabled));
}

} // namespace gb
