#pragma once

#include <QWidget>

#include <memory>

namespace Ui { class TokensPage; }

namespace gb {

class Settings;

// Client tokens (ALLOWED_TOKENS): generate, copy, revoke, saved as the admin API saves
// changes; and whether an admin token (AUTH_TOKEN) is set.
class TokensPage : public QWidget
{
    Q_OBJECT
public:
    explicit TokensPage(Settings *settings, QWidget *parent = nullptr);
    ~TokensPage() override;

    // The admin token GemBalance generated at this start (none was set): shown in full this
    // once, so the user can sign in to the web admin and the admin API.
    void showGeneratedAdminToken(const QString &token);
    // Says where secrets (keys, tokens, passwords) are kept: the system keychain or the database.
    void showSecretStorage(bool inKeychain);

private:
    void showTokens();
    void generate();
    void revokeSelected();
    QString selectedToken() const;
    void save(const QStringList &tokens);

    std::unique_ptr<Ui::TokensPage> ui;
    Settings *m_settings;
};

} // namespace gb
