#pragma once

#include "common/Result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace gb {

// A place for secret setting values outside the database: the OS keychain on the desktop
// (see src/keychain), an in-memory map in tests. Core code never knows which.
//
// Asynchronous: each call answers once through `done`, on the store's thread. Call it on
// that thread (QMetaObject::invokeMethod(store, ...) from elsewhere). An implementation
// should answer within its own time limit, but callers that must not wait bound their
// wait anyway (a keychain that does not answer must never hang GemBalance).
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // The entry is missing: read() fails with this exact error.
    static QString notFoundError() { return QStringLiteral("no such entry"); }

    // For messages: e.g. "system keychain".
    virtual QString displayName() const = 0;
    virtual void read(const QString &key, std::function<void(Result<QString>)> done) = 0;
    virtual void write(const QString &key, const QString &value, std::function<void(Result<void>)> done) = 0;
    virtual void remove(const QString &key, std::function<void(Result<void>)> done) = 0;
};

} // namespace gb
