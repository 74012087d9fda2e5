#pragma once

#include "FakeGemini.h"
#include "settings/Settings.h"

#include <QByteArray>
#include <QHash>
#include <QThread>

#include <memory>

namespace gb {
class ProxyService;
}

namespace gb::test {

// The proxy on its own thread, as the desktop application runs it, in front of a
// FakeGemini on the test's thread. `values` gets the fake's base URL; the Settings object
// lives on the test's thread (as on the GUI thread).
class ThreadedProxy
{
public:
    explicit ThreadedProxy(SettingsValues values, const QHash<QString, SettingSource> &sources = {});
    ~ThreadedProxy();
    void stop();

    // A call to the proxy from the test's thread (bounded wait, the event loop runs).
    struct Reply
    {
        int status = 0;  // 0: no answer
        QByteArray body;
    };
    Reply call(const QByteArray &verb, const QString &pathAndQuery, const QString &token,
               const QByteArray &body = {}, int timeoutMs = 10000);
    quint16 port() const { return m_port; }

    FakeGemini fake;
    std::unique_ptr<Settings> settings;
    ProxyService *proxy = nullptr;
    QThread thread;
    bool ready = false;

private:
    quint16 m_port = 0;
};

} // namespace gb::test
