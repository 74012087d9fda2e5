#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

const QString kService = u"GemBalance"_s;

// Starts `job` and calls `finished` once: with the job when it finishes, or with nullptr
// when it did not finish within `timeoutMs` (the job is then left to finish on its own).
void startBounded(QKeychain::Job *job, int timeoutMs, std::function<void(QKeychain::Job *)> finished)
{
    auto answered = std::make_shared<bool>(false);
    auto timer = new QTimer(job);  // dies with the job when it finishes in time
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, [answered, finished] {
        if (std::exchange(*answered, true))
            return;
        finished(nullptr);
    });
    QObject::connect(job, &QKeychain::Job::finished, [answered, finished](QKeychain::Job *j) {
        if (std::exchange(*answered, true))
            return;
        finished(j);
    });
    job->setAutoDelete(true);
    timer->start(timeoutMs);
    job->start();
}

QString errorText(QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoBackendAvailable: return u"no keychain service is available"_s;
    case QKeychain::AccessDeniedByUser: return u"access was refused by the user"_s;
    case QKeychain::AccessDenied: return u"access was refused"_s;
    default: return job->errorString().isEmpty() ? u"keychain error %1"_s.arg(int(job->error())) : job->errorString();
    }
}

} // namespace

KeychainSecretStore::KeychainSecretStore(int timeoutMs, QObject *parent) : SecretStore(parent), m_timeoutMs(timeoutMs) {}

QString KeychainSecretStore::displayName() const
{
    return u"system keychain"_s;
}

void KeychainSecretStore::read(const QString &key, std::function<void(Result<QString>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(key);
    job->setInsecureFallback(false);
    const int timeoutMs = m_timeoutMs;
    startBounded(job, timeoutMs, [done, timeoutMs](QKeychain::Job *j) {
        if (!j)
            return done(Result<QString>::failure(u"no answer within %1 ms"_s.arg(timeoutMs)));
        if (j->error() == QKeychain::EntryNotFound)
            return done(Result<QString>::failure(notFoundError()));
        if (j->error() != QKeychain::NoError)
            return done(Result<QString>::failure(errorText(j)));
        done(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
    });
}

void KeychainSecretStore::write(const QString &key, const QString &value, std::function<void(Result<void>)> done)
{
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setTextData(value);
    const int timeoutMs = m_timeoutMs;
    startBounded(job, timeoutMs, [done, timeoutMs](QKeychain::Job *j) {
        if (!j)
            return done(Result<void>::failure(u"no answer within %1 ms"_s.arg(timeoutMs)));
        done(j->error() == QKeychain::NoError ? Result<void>() : Result<void>::failure(errorText(j)));
    });
}

void KeychainSecretStore::remove(const QString &key, std::function<void(Result<void>)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(key);
    job->setInsecureFallback(false);
    const int timeoutMs = m_timeoutMs;
    startBounded(job, timeoutMs, [done, timeoutMs](QKeychain::Job *j) {
        if (!j)
            return done(Result<void>::failure(u"no answer within %1 ms"_s.arg(timeoutMs)));
        const bool gone = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
        done(gone ? Result<void>() : Result<void>::failure(errorText(j)));
    });
}

std::unique_ptr<KeychainSecretStore> KeychainSecretStore::probe(int timeoutMs, QString *why)
{
    auto store = std::make_unique<KeychainSecretStore>(timeoutMs);
    std::optional<Result<QString>> answer;
    QEventLoop loop;
    store->read(u"GemBalance probe (never written)"_s, [&answer, &loop](Result<QString> r) {
        answer = std::move(r);
        loop.quit();
    });
    if (!answer)  // the answer always comes, at the latest when the store's own timer fires
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (answer->ok() || answer->error() == notFoundError())
        return store;
    if (why)
        *why = answer->error();
    return nullptr;
}

} // namespace gb
