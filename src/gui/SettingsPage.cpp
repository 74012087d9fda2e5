#include "SettingsPage.h"

#include "AutoStart.h"
#include "ProxyLink.h"
#include "SavedListenAddress.h"
#include "SettingEditor.h"
#include "SettingEditorGroup.h"
#include "ServerSnapshot.h"
#include "settings/SettingSpec.h"
#include "settings/Settings.h"
#include "ui_SettingsPage.h"

#include <QCoreApplication>
#include <QHash>
#include <QHostAddress>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
QString groupTitle(const QString &group)
{
    static const QHash<QString, const char *> titles{
        {u"database"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "Database")},
        {u"api"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "API")},
        {u"keys"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "Key pool")},
        {u"models"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "Models")},
        {u"media"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "TTS and images")},
        {u"stream"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "Streaming")},
        {u"scheduler"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "Scheduler")},
        {u"logging"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "Logging")},
        {u"files"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "Files")},
        {u"admin"_s, QT_TRANSLATE_NOOP("gb::SettingsPage", "Admin")},
    };
    const char *title = titles.value(group);
    return title ? QCoreApplication::translate("gb::SettingsPage", title) : group;
}
} // namespace

SettingsPage::SettingsPage(ProxyLink *link, QSettings *state, AutoStart *autoStart, QWidget *parent)
    : QWidget(parent), ui(new Ui::SettingsPage), m_link(link), m_state(state), m_autoStart(autoStart),
      m_editors(new SettingEditorGroup(link->settings(), this))
{
    ui->setupUi(this);
    buildTabs();
    ui->applyButton->setEnabled(false);
    ui->revertButton->setEnabled(false);
    connect(m_editors, &SettingEditorGroup::modifiedChanged, this, [this](bool modified) {
        ui->applyButton->setEnabled(modified);
        ui->revertButton->setEnabled(modified);
    });
    connect(ui->applyButton, &QPushButton::clicked, this, &SettingsPage::apply);
    // Apply and Revert are for the settings tabs; the Desktop tab acts at once.
    connect(ui->settingsTabs, &QTabWidget::currentChanged, this, [this] {
        const bool desktop = ui->settingsTabs->currentWidget() == ui->desktopTab;
        ui->applyButton->setHidden(desktop);
        ui->revertButton->setHidden(desktop);
        ui->applyStatusLabel->setHidden(desktop);
    });
    connect(ui->revertButton, &QPushButton::clicked, this, [this] {
        m_editors->revert();
        ui->applyStatusLabel->setText(tr("Reverted to the values in use."));
    });

    // Server address.
    connect(m_link, &ProxyLink::snapshotReady, this, &SettingsPage::showServer);
    showServer(m_link->snapshot());
    connect(ui->serverAddressEdit, &QLineEdit::textEdited, this, [this] { m_serverEdited = true; });
    connect(ui->serverPortSpin, &QSpinBox::valueChanged, this, [this] {
        if (ui->serverPortSpin->hasFocus())
            m_serverEdited = true;
    });
    connect(ui->applyServerButton, &QPushButton::clicked, this, &SettingsPage::applyServer);
    connect(m_link, &ProxyLink::serverStateChanged, this, [this](bool listening, const QString &error) {
        // A move asked for here that worked is kept for the next starts.
        if (const auto asked = std::exchange(m_askedListen, std::nullopt); asked && listening && m_state)
            savedlisten::save(*m_state, asked->first, asked->second);
        ui->serverStatusLabel->setText(listening ? tr("Listening on %1.").arg(m_link->snapshot().baseUrl())
                                                 : error.isEmpty() ? tr("The server is stopped.") : error);
    });

    // Start at login.
    ui->startAtLoginCheck->setVisible(m_autoStart != nullptr);
    if (m_autoStart) {
        ui->startAtLoginCheck->setChecked(m_autoStart->isEnabled());
        ui->startAtLoginCheck->setToolTip(m_autoStart->location());
        connect(ui->startAtLoginCheck, &QCheckBox::toggled, this, &SettingsPage::setStartAtLogin);
    }

    // Language: stored here, applied by whoever loads translations.
    ui->languageCombo->addItem(tr("System"), QString());
    ui->languageCombo->addItem(u"English"_s, u"en"_s);
    ui->languageCombo->addItem(u"简体中文"_s, u"zh_CN"_s);
    ui->languageCombo->addItem(u"繁體中文"_s, u"zh_TW"_s);
    const int current = ui->languageCombo->findData(language());
    ui->languageCombo->setCurrentIndex(current < 0 ? 0 : current);
    connect(ui->languageCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QString code = ui->languageCombo->currentData().toString();
        if (m_state) {
            m_state->setValue(languageKey(), code);
            m_state->sync();
        }
        emit languageChanged(code);
    });
}

SettingsPage::~SettingsPage() = default;

QString SettingsPage::languageKey()
{
    return u"ui/language"_s;
}

QString SettingsPage::language() const
{
    return m_state ? m_state->value(languageKey()).toString() : QString();
}

void SettingsPage::buildTabs()
{
    QStringList groups;
    for (const SettingSpec &spec : settingSpecs())
        if (!groups.contains(spec.group))
            groups << spec.group;
    int insertAt = 0;
    for (const QString &group : std::as_const(groups)) {
        auto *scroll = new QScrollArea;
        scroll->setObjectName(u"settingsTab_"_s + group);
        scroll->setWidgetResizable(true);
        auto *content = new QWidget;
        auto *layout = new QVBoxLayout(content);
        for (const SettingSpec &spec : settingSpecs()) {
            if (spec.group != group)
                continue;
            layout->addWidget(m_editors->add(spec, content));
            if (spec.name == u"PROXIES"_s)
                addProxyCheck(content, layout);
        }
        layout->addStretch();
        scroll->setWidget(content);
        ui->settingsTabs->insertTab(insertAt++, scroll, groupTitle(group));
    }
    ui->settingsTabs->setCurrentIndex(0);
}

void SettingsPage::addProxyCheck(QWidget *tab, QVBoxLayout *layout)
{
    m_checkProxies = new QPushButton(tr("Check proxies"), tab);
    m_checkProxies->setObjectName(u"checkProxiesButton"_s);
    m_checkProxies->setToolTip(tr("Reach the upstream through each proxy in the field (no key is sent)"));
    m_proxyResults = new QListWidget(tab);
    m_proxyResults->setObjectName(u"proxyCheckList"_s);
    m_proxyResults->setMaximumHeight(90);
    m_proxyResults->setVisible(false);
    layout->addWidget(m_checkProxies, 0, Qt::AlignLeft);
    layout->addWidget(m_proxyResults);
    connect(m_checkProxies, &QPushButton::clicked, this, &SettingsPage::checkProxies);
    connect(m_link, &ProxyLink::proxiesChecked, this, &SettingsPage::showProxyResults);
}

void SettingsPage::apply()
{
    QString message;
    m_editors->apply(&message);
    ui->applyStatusLabel->setText(message);
}

void SettingsPage::checkProxies()
{
    SettingEditor *editor = m_editors->editor(u"PROXIES"_s);
    // What the field holds (also before Apply); a masked field stands for the proxies in use.
    QStringList proxies = m_link->settings()->snapshot()->proxies;
    if (editor->isModified()) {
        const Result<QVariant> parsed = parseSettingText(editor->spec(), editor->edit().toString());
        if (!parsed.ok()) {
            editor->showError(parsed.error());
            return;
        }
        proxies = parsed.value().toStringList();
    }
    m_proxyResults->clear();
    m_proxyResults->setVisible(true);
    if (proxies.isEmpty()) {
        m_proxyResults->addItem(tr("No proxies: calls go straight to the upstream."));
        return;
    }
    m_checkProxies->setEnabled(false);
    m_proxyResults->addItem(tr("Checking %n proxy(s)…", "", int(proxies.size())));
    m_link->checkProxies(proxies);
}

void SettingsPage::showProxyResults(const QList<ProxyCheckResult> &results)
{
    m_checkProxies->setEnabled(true);
    m_proxyResults->clear();
    for (const ProxyCheckResult &r : results) {
        const QString text = r.available
                                 ? tr("%1: works (%2 ms, the upstream answered HTTP %3)").arg(r.proxy).arg(r.elapsedMs).arg(r.httpStatus)
                                 : tr("%1: fails (%2)").arg(r.proxy, r.error);
        auto *item = new QListWidgetItem(text, m_proxyResults);
        item->setData(Qt::UserRole, r.available);
    }
}

void SettingsPage::showServer(const ServerSnapshot &snapshot)
{
    if (m_serverEdited || snapshot.address.isNull())
        return;
    ui->serverAddressEdit->setText(snapshot.address.toString());
    ui->serverPortSpin->setValue(snapshot.port);
}

void SettingsPage::applyServer()
{
    const QString text = ui->serverAddressEdit->text().trimmed();
    const QHostAddress address = text.compare(u"localhost"_s, Qt::CaseInsensitive) == 0
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(text);
    if (address.isNull()) {
        ui->serverStatusLabel->setText(tr("%1 is not an IP address.").arg(text));
        return;
    }
    m_serverEdited = false;
    ui->serverStatusLabel->setText(tr("Restarting the server…"));
    m_askedListen = std::make_pair(address, quint16(ui->serverPortSpin->value()));
    m_link->listenOn(address, quint16(ui->serverPortSpin->value()));
}

void SettingsPage::setStartAtLogin(bool enabled)
{
    const Result<void> r = m_autoStart->setEnabled(enabled);
    ui->startAtLoginStatusLabel->setText(r.ok() ? QString() : r.error());
    if (!r.ok()) {
        const QSignalBlocker block(ui->startAtLoginCheck);
        ui->startAtLoginCheck->setChecked(m_autoStart->isEnabled());
    }
}

} // namespace gb
