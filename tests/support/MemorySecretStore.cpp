#include "MemorySecretStore.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace gb::test {

void MemorySecretStore::later(std::function<void()> answer)
{
    ++calls;
    if (m_mode == Mode::Hangs)
        return;
    QTimer::singleShot(0, this, std::move(answer));
}

void MemorySecretStore::read(const QString &key, std::function<void(Result<QString>)> done)
{
    later([this, key, done] {
        if (m_mode == Mode::Fails)
            return done(Result<QString>::failure(u"the test keychain is locked"_s));
        if (!entries.contains(key))
            return done(Result<QString>::failure(notFoundError()));
        done(entries.value(key));
    });
}

void MemorySecretStore::write(const QString &key, const QString &value, std::function<void(Result<void>)> done)
{
    later([this, key, value, done] {
        if (m_mode == Mode::Fails)
            return done(Result<void>::failure(u"the test keychain is locked"_s));
        entries.insert(key, value);
        done({});
    });
}

void MemorySecretStore::remove(const QString &key, std::function<void(Result<void>)> done)
{
    later([this, key, done] {
        if (m_mode == Mode::Fails)
            return done(Result<void>::failure(u"the test keychain is locked"_s));
        entries.remove(key);
        done({});
    });
}

} // namespace gb::test
