#pragma once

#include "secrets/SecretStore.h"

#include <QHash>

namespace gb::test {

// A SecretStore in memory for tests: answers on the next event-loop turn (like a real
// keychain, never inside the call), or fails every call, or never answers at all.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    enum class Mode { Works, Fails, Hangs };

    explicit MemorySecretStore(QObject *parent = nullptr) : SecretStore(parent) {}

    void setMode(Mode mode) { m_mode = mode; }
    QHash<QString, QString> entries;  // key -> value
    int calls = 0;

    QString displayName() const override { return QStringLiteral("test keychain"); }
    void read(const QString &key, std::function<void(Result<QString>)> done) override;
    void write(const QString &key, const QString &value, std::function<void(Result<void>)> done) override;
    void remove(const QString &key, std::function<void(Result<void>)> done) override;

private:
    void later(std::function<void()> answer);

    Mode m_mode = Mode::Works;
};

} // namespace gb::test
