#include "Runtime.h"

#include "ProxyService.h"
#include "common/LogCategories.h"
#include "common/Logging.h"
#include "keys/KeyState.h"
#include "settings/Settings.h"
#include "settings/SettingsLoader.h"
#include "store/Database.h"
#include "store/QueryRunner.h"
#include "store/StoreThread.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

namespace gb {

Runtime::Runtime(CommandLineOptions options, QObject *parent) : QObject(parent), m_options(std::move(options)) {}

Runtime::~Runtime()
{
    stop();
}

QString Runtime::baseUrl() const
{
    QString host = m_options.host;
    if (host == u"0.0.0.0"_s || host == u"::"_s)
        host = u"127.0.0.1"_s;
    else if (host.contains(u':'))
        host = u'[' + host + u']';
    return u"http://%1:%2"_s.arg(host).arg(m_port);
}

QString Runtime::resolveDataDir(const CommandLineOptions &options)
{
    return options.dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                     : QDir(options.dataDir).absolutePath();
}

Result<void> Runtime::start()
{
    // Settings: environment > .env > defaults. A bad value stops the start.
    LoadedSettings loaded = loadSettings(QProcessEnvironment::systemEnvironment(), m_options.envFile);
    for (const QString &w : std::as_const(loaded.warnings))
        qCWarning(lcSettings).noquote() << w;
    if (!loaded.errors.isEmpty())
        return Result<void>::failure(u"invalid settings:\n  "_s + loaded.errors.join(u"\n  "_s));
    if (!loaded.dotEnvPath.isEmpty())
        qCInfo(lcSettings).noquote() << "settings read from" << QDir::toNativeSeparators(loaded.dotEnvPath)
                                     << "and the environment";
    m_settings = new Settings(loaded.values, loaded.sources, this);
    applyLogLevel(loaded.values.logLevel);
    connect(m_settings, &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"LOG_LEVEL"_s))
            applyLogLevel(m_settings->snapshot()->logLevel);
    });

    // Data dir and database.
    m_dataDir = resolveDataDir(m_options);
    if (!QDir().mkpath(m_dataDir))
        return Result<void>::failure(u"cannot create the data folder %1"_s.arg(QDir::toNativeSeparators(m_dataDir)));
    const DatabaseConfig databaseConfig = DatabaseConfig::fromSettings(loaded.values, m_dataDir);
    {
        // Migrations on a main-thread connection that closes here: the database thread
        // below has its own.
        Database database(u"gembalance-main"_s);
        if (auto r = database.open(databaseConfig); !r)
            return Result<void>::failure(u"database: "_s + r.error());
        if (auto r = database.migrate(); !r)
            return Result<void>::failure(u"database: "_s + r.error());
    }
    m_store = std::make_unique<StoreThread>(databaseConfig);
    if (auto r = m_store->open(); !r)
        return Result<void>::failure(u"database: "_s + r.error());
    m_queries = std::make_unique<QueryRunner>(databaseConfig);
    if (auto r = m_queries->start(); !r)
        return Result<void>::failure(u"database: "_s + r.error());
    // The keys' states from the last run, before the proxy serves anything.
    QList<KeyState> keyStates;
    if (auto r = m_store->loadKeyStates(m_settings->snapshot()->apiKeys); r)
        keyStates = r.takeValue();
    else
        qCWarning(lcStore).noquote() << "the keys start without their saved states:" << r.error();

    // The proxy on its own thread.
    m_proxyThread = new QThread(this);
    m_proxyThread->setObjectName(u"proxy"_s);
    m_proxy = new ProxyService(m_settings);
    m_proxy->setKeyStateStore(m_store->keyStates(), std::move(keyStates));
    m_proxy->setQueryRunner(m_queries.get());
    m_proxy->moveToThread(m_proxyThread);
    connect(m_proxyThread, &QThread::finished, m_proxy, &QObject::deleteLater);
    m_proxyThread->start();

    const QHostAddress address = m_options.host == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost)
                                                                   : QHostAddress(m_options.host);
    bool listening = false;
    QMetaObject::invokeMethod(
        m_proxy, [&] { listening = m_proxy->start(address, m_options.port); m_port = m_proxy->port(); },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        QString error;
        QMetaObject::invokeMethod(m_proxy, [&] { error = m_proxy->errorString(); }, Qt::BlockingQueuedConnection);
        return Result<void>::failure(error);
    }

    const auto s = m_settings->snapshot();
    qCInfo(lcApp).noquote() << "GemBalance" << QStringLiteral(GEMBALANCE_VERSION) << "listening on" << baseUrl();
    qCInfo(lcApp).noquote() << "  Gemini API base URL:" << baseUrl() + u"/v1beta"_s;
    qCInfo(lcApp).noquote() << "  upstream:" << s->baseUrl << "with" << s->apiKeys.size() << "API keys";
    if (s->apiKeys.isEmpty())
        qCWarning(lcApp) << "no API keys are configured (API_KEYS): relay calls are answered with 503";
    if (s->allowedTokens.isEmpty() && s->authToken.isEmpty())
        qCWarning(lcApp) << "no client tokens are configured (ALLOWED_TOKENS): every relay call is refused";
    return {};
}

void Runtime::stop()
{
    if (m_proxyThread) {
        if (m_proxyThread->isRunning()) {
            QMetaObject::invokeMethod(m_proxy, [this] { m_proxy->stop(); }, Qt::BlockingQueuedConnection);
            m_proxyThread->quit();
            m_proxyThread->wait();
        }
        m_proxy = nullptr;  // deleted by the thread's finished() -> deleteLater
        delete std::exchange(m_proxyThread, nullptr);
    }
    if (m_queries)
        m_queries->stop();
    // After the proxy: its stop() queued the pool's last key states, which this writes.
    if (m_store) {
        m_store->shutdown();
        m_store.reset();
    }
}

} // namespace gb
