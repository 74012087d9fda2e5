#include "TokensPage.h"

#include "auth/ClientTokenGenerator.h"
#include "common/Redact.h"
#include "settings/Settings.h"
#include "TokenTableModel.h"
#include "ui_TokensPage.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace gb {

TokensPage::TokensPage(Settings *settings, QSettings *state, QWidget *parent)
    : QWidget(parent), ui(new Ui::TokensPage), m_settings(settings), m_model(new TokenTableModel(state, this))
{
    ui->setupUi(this);
    ui->tokenTable->setModel(m_model);
    ui->tokenTable->horizontalHeader()->setStretchLastSection(true);
    ui->tokenTable->verticalHeader()->setVisible(false);
    connect(ui->newTokenButton, &QPushButton::clicked, this, &TokensPage::generate);
    connect(ui->revokeTokenButton, &QPushButton::clicked, this, &TokensPage::revokeSelected);
    connect(ui->copySelectedTokenButton, &QPushButton::clicked, this, [this] {
        if (const QString token = selectedToken(); !token.isEmpty())
            QGuiApplication::clipboard()->setText(token);
    });
    connect(ui->copyAdminTokenButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_settings->snapshot()->authToken);
    });
    connect(ui->tokenTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const bool selected = !selectedToken().isEmpty();
        ui->copySelectedTokenButton->setEnabled(selected);
        ui->revokeTokenButton->setEnabled(selected);
    });
    connect(m_settings, &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"ALLOWED_TOKENS"_s) || names.contains(u"AUTH_TOKEN"_s))
            showTokens();
    });
    showTokens();
}

TokensPage::~TokensPage() = default;

void TokensPage::showTokens()
{
    const auto s = m_settings->snapshot();
    m_model->setTokens(s->allowedTokens);
    ui->copySelectedTokenButton->setEnabled(false);
    ui->revokeTokenButton->setEnabled(false);
    ui->adminTokenLabel->setText(s->authToken.isEmpty()
                                     ? tr("No admin token (AUTH_TOKEN) is set.")
                                     : tr("Admin token (AUTH_TOKEN): %1").arg(redact::secret(s->authToken)));
    ui->copyAdminTokenButton->setEnabled(!s->authToken.isEmpty());
}

void TokensPage::showGeneratedAdminToken(const QString &token)
{
    ui->generatedAdminTokenLabel->setText(
        tr("No admin token was set, so GemBalance generated one and saved it: <b>%1</b><br>"
           "Use it to sign in to the web admin page and the admin API. It is shown this once; "
           "you can copy it later with the button below.")
            .arg(token.toHtmlEscaped()));
    ui->generatedAdminTokenLabel->setVisible(true);
}

void TokensPage::showSecretStorage(bool inKeychain)
{
    ui->secretStorageLabel->setText(
        inKeychain ? tr("Secrets (API keys, tokens, passwords) are stored in the system keychain; the database "
                        "file only notes that they are there.")
                   : tr("Secrets are stored in the database file (no system keychain found). Keep that file private."));
    ui->secretStorageLabel->setVisible(true);
}

QString TokensPage::selectedToken() const
{
    const QModelIndexList rows = ui->tokenTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(TokenTableModel::TokenRole).toString();
}

void TokensPage::save(const QStringList &tokens)
{
    if (auto r = m_settings->apply({{u"ALLOWED_TOKENS"_s, tokens}}, SettingSource::Saved); !r)
        QMessageBox::warning(this, tr("Client tokens"), r.error());
}

void TokensPage::generate()
{
    QStringList tokens = m_settings->snapshot()->allowedTokens;
    tokens.append(generateClientToken());
    save(tokens);
    ui->tokenTable->selectRow(m_model->rowCount() - 1);
}

void TokensPage::revokeSelected()
{
    const QString token = selectedToken();
    if (token.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Revoke token"),
                              tr("Revoke %1? Clients using it are refused from now on.")
                                  .arg(m_model->label(token).isEmpty()
                                           ? redact::secret(token)
                                           : u"%1 (%2)"_s.arg(m_model->label(token), redact::secret(token))))
        != QMessageBox::Yes)
        return;
    QStringList tokens = m_settings->snapshot()->allowedTokens;
    tokens.removeAll(token);
    save(tokens);
    if (!m_settings->snapshot()->allowedTokens.contains(token))
        m_model->forgetLabel(token);
}

} // namespace gb
