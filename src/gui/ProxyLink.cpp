#include "ProxyLink.h"

#include "ProxyService.h"
#include "common/Clock.h"
#include "common/LogCategories.h"
#include "keys/KeyPool.h"
#include "models/ModelAliases.h"
#include "models/ModelCatalog.h"
#include "settings/Settings.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
// Runs on the proxy thread.
ServerSnapshot copyState(ProxyService *proxy)
{
    ServerSnapshot s;
    s.listening = proxy->isListening();
    s.address = proxy->address();
    s.port = proxy->port();
    s.tls = proxy->isTls();
    if (KeyPool *pool = proxy->keys()) {
        s.keys = pool->states();
        s.nowMs = pool->clock()->nowMs();
    } else {
        s.nowMs = QDateTime::currentMSecsSinceEpoch();
    }
    return s;
}
} // namespace

struct VerifyRun
{
    QStringList keys;
    int next = 0;
    int succeeded = 0;
    QStringList failed;
    QStringList errors;
};

ProxyLink::ProxyLink(ProxyService *proxy, Settings *settings, QObject *parent)
    : QObject(parent), m_proxy(proxy), m_settings(settings)
{
    qRegisterMetaType<gb::ServerSnapshot>();
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &ProxyLink::refresh);
    m_timer.start();
    // Key list changes show at once, not on the next tick.
    connect(m_settings, &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"API_KEYS"_s))
            refresh();
    });
}

void ProxyLink::refresh()
{
    if (!m_proxy || m_refreshPending)
        return;  // a slow proxy gets one request at a time, not a queue of them
    m_refreshPending = true;
    ProxyService *proxy = m_proxy;
    QPointer<ProxyLink> self(this);
    QMetaObject::invokeMethod(proxy, [proxy, self] {
        const ServerSnapshot s = copyState(proxy);
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, s] { if (self) self->takeSnapshot(s); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ProxyLink::takeSnapshot(const ServerSnapshot &snapshot)
{
    m_refreshPending = false;
    const bool wasListening = m_snapshot.listening;
    // A stopped proxy reports where it listened or was last asked to (ProxyService::port()),
    // which Start uses again; https is kept from the last time it listened, for showing.
    const bool tls = snapshot.listening ? snapshot.tls : m_snapshot.tls;
    m_snapshot = snapshot;
    m_snapshot.tls = tls;
    emit snapshotReady(m_snapshot);
    if (wasListening != snapshot.listening)
        emit serverStateChanged(snapshot.listening, QString());
}

bool ProxyLink::runKeyOperation(KeyOperation operation, const QStringList &keys)
{
    if (m_busy || !m_proxy)
        return false;
    m_busy = true;
    emit operationProgress(0, int(keys.size()));
    if (operation == KeyOperation::Verify) {
        auto run = std::make_shared<VerifyRun>();
        run->keys = keys;
        verifyNext(run);
        return true;
    }
    ProxyService *proxy = m_proxy;
    QPointer<ProxyLink> self(this);
    QMetaObject::invokeMethod(proxy, [proxy, self, operation, keys] {
        QStringList missing;
        KeyPool *pool = proxy->keys();
        for (const QString &key : keys) {
            if (!pool || !pool->contains(key)) {
                missing.append(key);
                continue;
            }
            switch (operation) {
            case KeyOperation::ResetFailures:
                pool->resetFailures(key);
                pool->clearCooldowns(key);
                break;
            case KeyOperation::Enable: pool->enable(key); break;
            case KeyOperation::Disable: pool->disable(key, DisableReason::Manual, u"disabled by an admin"_s); break;
            case KeyOperation::Verify: break;
            }
        }
        const ServerSnapshot s = copyState(proxy);
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, operation, keys, missing, s] {
            if (!self)
                return;
            self->m_busy = false;
            self->takeSnapshot(s);
            emit self->operationProgress(int(keys.size()), int(keys.size()));
            emit self->operationFinished(operation, int(keys.size() - missing.size()), missing, {});
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
    return true;
}

void ProxyLink::verifyNext(const std::shared_ptr<VerifyRun> &run)
{
    const int total = int(run->keys.size());
    if (run->next >= total || !m_proxy) {
        m_busy = false;
        emit operationFinished(KeyOperation::Verify, run->succeeded, run->failed, run->errors);
        refresh();
        return;
    }
    const int batchSize = qMax(1, m_settings->snapshot()->keyCheckConcurrency);
    const QStringList batch = run->keys.mid(run->next, batchSize);
    run->next += int(batch.size());
    ProxyService *proxy = m_proxy;
    QPointer<ProxyLink> self(this);
    QMetaObject::invokeMethod(proxy, [proxy, self, batch, run] {
        KeyChecker *checker = proxy->checker();
        const auto deliver = [self, run](const QList<KeyCheckResult> &results) {
            if (!self)
                return;
            QMetaObject::invokeMethod(self.data(), [self, run, results] {
                if (!self)
                    return;
                for (const KeyCheckResult &r : results) {
                    if (r.valid) {
                        ++run->succeeded;
                    } else {
                        run->failed.append(r.key);
                        run->errors.append(r.error);
                    }
                }
                emit self->operationProgress(run->next, int(run->keys.size()));
                self->verifyNext(run);
            }, Qt::QueuedConnection);
        };
        if (!checker) {  // the server is stopped: nothing can be checked
            QList<KeyCheckResult> results;
            for (const QString &key : batch)
                results.append(KeyCheckResult{key, false, 0, u"the server is stopped"_s});
            deliver(results);
            return;
        }
        checker->check(batch, deliver);
    }, Qt::QueuedConnection);
}

QString ProxyLink::addKeys(const QStringList &keys)
{
    QStringList all = m_settings->snapshot()->apiKeys;
    QSet<QString> present(all.cbegin(), all.cend());
    for (const QString &key : keys) {
        if (present.contains(key))
            continue;
        present.insert(key);
        all.append(key);
    }
    auto r = m_settings->apply({{u"API_KEYS"_s, all}}, SettingSource::Saved);
    return r ? QString() : r.error();
}

QString ProxyLink::removeKeys(const QStringList &keys)
{
    const QSet<QString> gone(keys.cbegin(), keys.cend());
    QStringList remaining;
    for (const QString &key : m_settings->snapshot()->apiKeys)
        if (!gone.contains(key))
            remaining.append(key);
    auto r = m_settings->apply({{u"API_KEYS"_s, remaining}}, SettingSource::Saved);
    return r ? QString() : r.error();
}

void ProxyLink::startServer()
{
    if (!m_proxy || m_snapshot.listening)
        return;
    ProxyService *proxy = m_proxy;
    QPointer<ProxyLink> self(this);
    const QHostAddress address = m_snapshot.address.isNull() ? QHostAddress(QHostAddress::LocalHost) : m_snapshot.address;
    const quint16 port = m_snapshot.port;
    QMetaObject::invokeMethod(proxy, [proxy, self, address, port] {
        const bool ok = proxy->start(address, port);
        const QString error = ok ? QString() : proxy->errorString();
        const ServerSnapshot s = copyState(proxy);
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, s, error] {
            if (!self)
                return;
            if (!error.isEmpty()) {
                qCWarning(lcGui).noquote() << "the server did not start again:" << error;
                emit self->serverStateChanged(false, error);
            }
            self->takeSnapshot(s);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ProxyLink::stopServer()
{
    if (!m_proxy)
        return;
    ProxyService *proxy = m_proxy;
    QPointer<ProxyLink> self(this);
    QMetaObject::invokeMethod(proxy, [proxy, self] {
        proxy->stop();
        const ServerSnapshot s = copyState(proxy);
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, s] { if (self) self->takeSnapshot(s); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ProxyLink::listenOn(const QHostAddress &address, quint16 port)
{
    if (!m_proxy)
        return;
    ProxyService *proxy = m_proxy;
    QPointer<ProxyLink> self(this);
    QMetaObject::invokeMethod(proxy, [proxy, self, address, port] {
        proxy->stop();
        const bool ok = proxy->start(address, port);
        const QString error = ok ? QString() : proxy->errorString();
        const ServerSnapshot s = copyState(proxy);
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, s, error] {
            if (!self)
                return;
            if (!error.isEmpty())
                qCWarning(lcGui).noquote() << "the server cannot listen on the new address:" << error;
            self->takeSnapshot(s);
            emit self->serverStateChanged(error.isEmpty(), error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ProxyLink::fetchModels()
{
    if (!m_proxy)
        return;
    ProxyService *proxy = m_proxy;
    Settings *settings = m_settings;  // snapshot() is thread-safe
    QPointer<ProxyLink> self(this);
    const auto deliver = [self](const QJsonArray &served, const QStringList &filtered, const QString &error) {
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, served, filtered, error] {
                if (self)
                    emit self->modelsReady(served, filtered, error);
            }, Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(proxy, [proxy, settings, deliver] {
        ModelCatalog *catalog = proxy->catalog();
        if (!catalog)
            return deliver({}, {}, tr("the server is stopped"));
        catalog->fetch([settings, deliver](const ModelListResult &result) {
            if (!result.ok)
                return deliver({}, {}, tr("the upstream answered HTTP %1").arg(result.status));
            const auto values = settings->snapshot();
            QStringList filtered;
            for (const QJsonValue &m : result.models) {
                const QString name = stripModelsPrefix(m.toObject().value(u"name"_s).toString());
                if (isFilteredModel(name, *values))
                    filtered.append(name);
            }
            deliver(presentModelList(result.models, *values), filtered, QString());
        });
    }, Qt::QueuedConnection);
}

void ProxyLink::checkProxies(const QStringList &proxies)
{
    if (!m_proxy)
        return;
    ProxyService *proxy = m_proxy;
    QPointer<ProxyLink> self(this);
    const auto values = m_settings->snapshot();
    const QUrl target(values->baseUrl + u"/models?pageSize=1"_s);
    const int timeoutMs = qMin(values->timeOut, 15) * 1000;
    QMetaObject::invokeMethod(proxy, [proxy, self, proxies, target, timeoutMs] {
        auto *checker = new ProxyChecker(proxy);
        checker->check(proxies, target, timeoutMs, [self, checker](const QList<ProxyCheckResult> &results) {
            checker->deleteLater();
            if (self)
                QMetaObject::invokeMethod(self.data(), [self, results] {
                    if (self)
                        emit self->proxiesChecked(results);
                }, Qt::QueuedConnection);
        });
    }, Qt::QueuedConnection);
}

} // namespace gb
