#include "Runtime.h"

#include "ProxyService.h"
#include "api/MetricsRegistry.h"
#include "common/LogCategories.h"
#include "common/Logging.h"
#include "keys/KeyState.h"
#include "settings/Settings.h"
#include "settings/SettingsLoader.h"
#include "store/Database.h"
#include "store/LogQueue.h"
#include "store/QueryRunner.h"
#include "store/SettingsPersister.h"
#include "store/SettingsStore.h"
#include "store/StoreThread.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
// The request log's own health on GET /metrics: what was queued, written and dropped.
void addLogQueueMetrics(MetricsRegistry &metrics, const std::shared_ptr<LogQueue> &queue)
{
    using Kind = MetricsRegistry::Kind;
    metrics.add(u"gembalance_log_entries_queued_total"_s, u"Request/error log entries offered to the writer."_s,
                Kind::Counter, [queue] { return double(queue->stats().queued); });
    metrics.add(u"gembalance_log_entries_written_total"_s, u"Log entries committed to the database."_s, Kind::Counter,
                [queue] { return double(queue->stats().written); });
    metrics.add(u"gembalance_log_entries_dropped_total"_s,
                u"Log entries lost (queue full under overload, or a batch that kept failing)."_s, Kind::Counter,
                [queue] { return double(queue->stats().dropped); });
    metrics.add(u"gembalance_log_write_errors_total"_s, u"Failed log write transactions (retried)."_s, Kind::Counter,
                [queue] { return double(queue->stats().errors); });
    metrics.add(u"gembalance_log_entries_pending"_s, u"Log entries waiting for the writer."_s, Kind::Gauge,
                [queue] { return double(queue->stats().pending); });
}
} // namespace

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

QString Runtime::generateAdminToken()
{
    static constexpr char16_t kAlphabet[] = u"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString token;
    token.reserve(32);
    for (int i = 0; i < 32; ++i)
        token += QChar(kAlphabet[QRandomGenerator::system()->bounded(62)]);
    return token;
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
    applyLogLevel(loaded.values.logLevel);

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
        // Saved settings (admin API, GUI) win over .env and the environment.
        if (auto rows = settingsstore::loadAll(database); rows) {
            const qsizetype warningsBefore = loaded.warnings.size();
            const QStringList taken = settingsstore::overlay(loaded, rows.value());
            for (qsizetype i = warningsBefore; i < loaded.warnings.size(); ++i)
                qCWarning(lcSettings).noquote() << loaded.warnings.at(i);
            if (!taken.isEmpty())
                qCInfo(lcSettings).noquote() << taken.size() << "settings come from the database (saved):" << taken.join(u", "_s);
        } else {
            qCWarning(lcSettings).noquote() << "saved settings not read:" << rows.error();
        }
        // No admin token anywhere: make one, keep it, and show it this once. There is no
        // fallback to a client token.
        if (loaded.values.authToken.isEmpty()) {
            const QString token = generateAdminToken();
            if (auto r = settingsstore::save(database, {{u"AUTH_TOKEN"_s, token}}); !r)
                return Result<void>::failure(u"database: cannot save the generated admin token: "_s + r.error());
            loaded.values.authToken = token;
            loaded.sources.insert(u"AUTH_TOKEN"_s, SettingSource::Saved);
            m_generatedAdminToken = token;
        }
    }
    m_settings = new Settings(loaded.values, loaded.sources, this);
    applyLogLevel(loaded.values.logLevel);
    connect(m_settings, &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"LOG_LEVEL"_s))
            applyLogLevel(m_settings->snapshot()->logLevel);
    });
    m_store = std::make_unique<StoreThread>(databaseConfig);
    // The request and error log: the relay queues, the database thread writes in batches.
    m_logQueue = std::make_shared<LogQueue>();
    m_store->setLogQueue(m_logQueue);
    m_store->setRetentionSettings(m_settings);
    if (auto r = m_store->open(); !r)
        return Result<void>::failure(u"database: "_s + r.error());
    m_queries = std::make_unique<QueryRunner>(databaseConfig);
    if (auto r = m_queries->start(); !r)
        return Result<void>::failure(u"database: "_s + r.error());
    // Every later change with source Saved (admin API, GUI) goes to t_settings.
    m_persister = new SettingsPersister(m_settings, m_queries.get(), this);
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
    m_proxy->setSettingsReload([envFile = m_options.envFile] {
        return loadSettings(QProcessEnvironment::systemEnvironment(), envFile);
    });
    m_proxy->setAttemptLog(m_logQueue);
    StoreThread *store = m_store.get();
    m_proxy->addPausableJob({u"delete_old_logs"_s, [store](bool paused) { store->setLogRetentionPaused(paused); }});
    m_proxy->setMetricsSetup([queue = m_logQueue](MetricsRegistry &metrics) { addLogQueueMetrics(metrics, queue); });
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
    if (!m_generatedAdminToken.isEmpty()) {
        // The one exception to "no secret in a log line": the admin cannot learn it otherwise.
        qCWarning(lcApp).noquote() << "AUTH_TOKEN was not set, so this admin token was generated and saved:"
                                   << m_generatedAdminToken;
        qCWarning(lcApp).noquote() << "  It is shown only this once. Sign in at" << baseUrl() + u"/"_s
                                   << "with it. To choose your own, change AUTH_TOKEN in the admin API or the GUI"
                                   << "(a saved value wins over .env and the environment).";
    }
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
    // Its last writes are already posted; the query thread runs them before it stops.
    delete std::exchange(m_persister, nullptr);
    if (m_queries)
        m_queries->stop();
    // After the proxy: its stop() queued the pool's last key states and its calls' last
    // log entries, which this writes.
    if (m_store) {
        m_store->shutdown();
        m_store.reset();
        if (m_logQueue) {
            const auto s = m_logQueue->stats();
            qCInfo(lcStore) << "request log:" << s.written << "entries written," << s.dropped << "dropped";
        }
    }
}

} // namespace gb
