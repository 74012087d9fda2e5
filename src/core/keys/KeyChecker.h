#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

namespace gb {

class KeyPool;
class Relay;
class Settings;

struct KeyCheckResult
{
    QString key;
    bool valid = false;     // answered a test generateContent
    int httpStatus = 0;     // the upstream's status (0: no answer)
    QString error;          // short, redacted; empty when valid
};

// Tests keys with one small generateContent on TEST_MODEL each, at most
// KEY_CHECK_CONCURRENCY at a time, through the relay (so proxies and custom headers apply
// and the outcome goes through the failure policy). A key that answers is enabled again,
// unless an admin disabled it by hand; a key that is only rate limited has shown that it
// authenticates, so it is enabled too (and rests for the test model).
class KeyChecker : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QList<KeyCheckResult> &results)>;

    KeyChecker(Relay *relay, Settings *settings, QObject *parent = nullptr);

    // Results come in the order of `keys` (duplicates removed).
    void check(const QStringList &keys, Done done);
    int running() const { return m_running; }

private:
    struct Batch;
    void pump(const std::shared_ptr<Batch> &batch);
    void checkOne(const std::shared_ptr<Batch> &batch, int index);

    Relay *m_relay;
    Settings *m_settings;
    int m_running = 0;
};

} // namespace gb
