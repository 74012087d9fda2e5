#pragma once

#include "secrets/SecretStore.h"

#include <memory>

namespace gb {

// SecretStore on the OS keychain through QtKeychain: service "GemBalance", one entry per key.
// Every call answers within `timeoutMs` (a keychain that does not answer is reported as a
// failure, never waited for). Lives on, and is called on, the main thread.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 3000;

    explicit KeychainSecretStore(int timeoutMs = kDefaultTimeoutMs, QObject *parent = nullptr);

    // A store when a keychain answers on this system (a lookup of an entry that does not
    // exist answers "not found" within `timeoutMs`); nullptr otherwise, with the reason in `why`.
    static std::unique_ptr<KeychainSecretStore> probe(int timeoutMs, QString *why);

    QString displayName() const override;
    void read(const QString &key, std::function<void(Result<QString>)> done) override;
    void write(const QString &key, const QString &value, std::function<void(Result<void>)> done) override;
    void remove(const QString &key, std::function<void(Result<void>)> done) override;

private:
    int m_timeoutMs;
};

} // namespace gb
