#pragma once

#include <QWidget>

#include <memory>

class QSettings;
namespace Ui { class TokensPage; }

namespace gb {

class Settings;
class TokenTableModel;

// Client tokens (ALLOWED_TOKENS): generate, copy, revoke, saved as the admin API saves
// changes, each with a label kept in the window's state (`state`, may be null); and
// whether an admin token (AUTH_TOKEN) is set.
class TokensPage : public QWidget
{
    Q_OBJECT
public:
    explicit TokensPage(Settings *settings, QSettings *state = nullptr, QWidget *parent = nullptr);
    TokenTableModel *model() const { return m_model; }
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
    TokenTableModel *m_model;
};

} // namespace gb
