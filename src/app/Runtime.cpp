#include "Runtime.h"

#include "DemoKeys.h"
#include "DemoTraffic.h"
#include "DemoUpstream.h"
#include "ProxyService.h"
#include "api/MetricsRegistry.h"
#include "common/LogCategories.h"
#include "common/Logging.h"
#include "keys/KeyState.h"
#include "secrets/SecretSettings.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsLoader.h"
#include "store/Database.h"
#include "store/LogQueue.h"
#include "store/QueryRunner.h"
#include "store/SettingsPersister.h"
#include "store/SettingsStore.h"
#include "store/StoreThread.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
// How long start-up waits for the keychain, in total, before it goes on without it.
constexpr int kSecretStoreTimeoutMs = 3000;

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
    return (m_tls ? u"https://%1:%2"_s : u"http://%1:%2"_s).arg(host).arg(m_port);
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
    const QString dir = options.dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                                  : QDir(options.dataDir).absolutePath();
    return options.demo ? QDir(dir).absoluteFilePath(u"demo"_s) : dir;
}

// --demo: the built-in upstream, and settings from a demo .env written at every start
// (sample keys and tokens) plus BASE_URL, never from the real .env or environment.
Result<void> Runtime::startDemoUpstream(QProcessEnvironment *environment, QString *envFile)
{
    m_demoUpstream = std::make_unique<demo::DemoUpstream>();
    if (!m_demoUpstream->start())
        return Result<void>::failure(u"demo: the built-in upstream cannot listen: "_s + m_demoUpstream->errorString());
    QJsonArray keys;
    for (const demo::DemoKey &k : demo::demoKeys())
        keys.append(k.key);
    const QString path = QDir(m_dataDir).absoluteFilePath(u"demo.env"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return Result<void>::failure(u"demo: cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    file.write("# Written by gembalance --demo at every start: the demo's sample settings.\n"
               "# Three good keys, one rate-limited, one invalid, all answered by the built-in upstream.\n");
    file.write("API_KEYS=" + QJsonDocument(keys).toJson(QJsonDocument::Compact) + '\n');
    file.write("ALLOWED_TOKENS=[\"" + demo::demoClientToken().toUtf8() + "\"]\n");
    file.write("AUTH_TOKEN=" + demo::demoAdminToken().toUtf8() + '\n');
    file.write("TEST_MODEL=gemini-2.5-flash-lite\n");
    file.close();
    *envFile = path;
    *environment = QProcessEnvironment();
    environment->insert(u"BASE_URL"_s, m_demoUpstream->baseUrl());
    qCInfo(lcDemo).noquote() << "DEMO mode: built-in Gemini upstream at" << m_demoUpstream->baseUrl()
                             << "with" << keys.size() << "sample keys; data folder" << QDir::toNativeSeparators(m_dataDir);
    return {};
}

// Secret rows: read from the keychain where the rows say so, and moved into it where they
// are still in the database (the first start with a keychain). Returns the rows to use.
QHash<QString, QString> Runtime::resolveSecretRows(Database &database, const QHash<QString, QString> &rows)
{
    secretsettings::StartRows resolved =
        secretsettings::resolveAtStart(m_secretStore, m_dataDir, rows, kSecretStoreTimeoutMs);
    for (const QString &w : std::as_const(resolved.warnings))
        qCWarning(lcSecrets).noquote() << w;
    if (!resolved.markerRows.isEmpty()) {
        if (auto r = settingsstore::save(database, resolved.markerRows); r)
            qCInfo(lcSecrets).noquote() << resolved.moved.size() << "secret settings moved from the database into the"
                                        << m_secretStore->displayName() + u':' << resolved.moved.join(u", "_s);
        else
            qCWarning(lcSecrets).noquote() << "secret settings copied to the keychain stay in the database too:" << r.error();
    }
    if (!resolved.fromStore.isEmpty())
        qCInfo(lcSecrets).noquote() << resolved.fromStore.size() << "secret settings read from the"
                                    << m_secretStore->displayName();
    if (m_secretStore && !resolved.storeAnswered) {
        qCWarning(lcSecrets) << "the system keychain does not work: secret settings are saved in the database file"
                                " until the next start";
        m_secretStore = nullptr;
    }
    m_secretsInKeychain = m_secretStore != nullptr;
    return resolved.rows;
}

Result<void> Runtime::start()
{
    m_dataDir = resolveDataDir(m_options);
    if (!QDir().mkpath(m_dataDir))
        return Result<void>::failure(u"cannot create the data folder %1"_s.arg(QDir::toNativeSeparators(m_dataDir)));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString envFile = m_options.envFile;
    if (m_options.demo) {
        m_secretStore = nullptr;  // sample secrets stay out of the user's keychain
        if (auto r = startDemoUpstream(&environment, &envFile); !r)
            return r;
    }
    // Settings: environment > .env > defaults. A bad value stops the start.
    LoadedSettings loaded = loadSettings(environment, envFile);
    for (const QString &w : std::as_const(loaded.warnings))
        qCWarning(lcSettings).noquote() << w;
    if (!loaded.errors.isEmpty())
        return Result<void>::failure(u"invalid settings:\n  "_s + loaded.errors.join(u"\n  "_s));
    if (!loaded.dotEnvPath.isEmpty())
        qCInfo(lcSettings).noquote() << "settings read from" << QDir::toNativeSeparators(loaded.dotEnvPath)
                                     << "and the environment";
    applyLogLevel(loaded.values.logLevel);

    // The database.
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
            const QStringList taken = settingsstore::overlay(loaded, resolveSecretRows(database, rows.value()));
            for (qsizetype i = warningsBefore; i < loaded.warnings.size(); ++i)
                qCWarning(lcSettings).noquote() << loaded.warnings.at(i);
            if (!taken.isEmpty())
                qCInfo(lcSettings).noquote() << taken.size() << "settings come from the database (saved):" << taken.join(u", "_s);
        } else {
            qCWarning(lcSettings).noquote() << "saved settings not read:" << rows.error();
            m_secretsInKeychain = m_secretStore != nullptr;
        }
        if (m_demoUpstream) {
            // The built-in upstream's port changes at every start: it wins over a saved BASE_URL.
            loaded.values.baseUrl = m_demoUpstream->baseUrl();
            loaded.sources.insert(u"BASE_URL"_s, SettingSource::Environment);
        }
        // No admin token anywhere: make one, keep it, and show it this once. There is no
        // fallback to a client token.
        if (loaded.values.authToken.isEmpty()) {
            const QString token = generateAdminToken();
            QHash<QString, QString> row{{u"AUTH_TOKEN"_s, token}};
            if (m_secretStore) {
                const auto moved = secretsettings::resolveAtStart(m_secretStore, m_dataDir, row, kSecretStoreTimeoutMs);
                if (!moved.markerRows.isEmpty())
                    row = moved.markerRows;
            }
            if (auto r = settingsstore::save(database, row); !r)
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
    if (m_secretStore)
        m_persister->setSecretStore(m_secretStore, m_dataDir);
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
    m_proxy->setSettingsReload([environment, envFile] { return loadSettings(environment, envFile); });
    m_proxy->setDemo(m_options.demo);
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
        m_proxy, [&] {
            listening = m_proxy->start(address, m_options.port);
            m_port = m_proxy->port();
            m_tls = m_proxy->isTls();
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        QString error;
        QMetaObject::invokeMethod(m_proxy, [&] { error = m_proxy->errorString(); }, Qt::BlockingQueuedConnection);
        if (!m_listenFailureTolerated)
            return Result<void>::failure(error);
        m_listenError = error;
        qCWarning(lcApp).noquote() << "the server is stopped:" << error
                                   << "(change the address or the TLS files on the Settings page, then start it)";
    }

    const auto s = m_settings->snapshot();
    if (listening)
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
    qCInfo(lcSecrets).noquote() << (m_secretsInKeychain ? "secret settings are kept in the system keychain"
                                                        : "secret settings are kept in the database file");
    if (m_options.demo) {
        qCWarning(lcDemo).noquote() << "DEMO: nothing here is real. Admin token:" << demo::demoAdminToken()
                                    << " client token:" << demo::demoClientToken();
        m_demoTraffic = new demo::DemoTraffic(QUrl(baseUrl()), demo::demoClientToken(), this);
        m_demoTraffic->start();
    }
    return {};
}

void Runtime::stop()
{
    if (m_demoTraffic)
        m_demoTraffic->stop();
    if (m_proxyThread) {
        if (m_proxyThread->isRunning()) {
            QMetaObject::invokeMethod(m_proxy, [this] { m_proxy->stop(); }, Qt::BlockingQueuedConnection);
            m_proxyThread->quit();
            m_proxyThread->wait();
        }
        m_proxy = nullptr;  // deleted by the thread's finished() -> deleteLater
        delete std::exchange(m_proxyThread, nullptr);
    }
    // Its last writes are already posted (secrets: once the keychain has answered); the
    // query thread runs them before it stops.
    if (m_persister)
        m_persister->waitForSecretWrites(kSecretStoreTimeoutMs);
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
    delete std::exchange(m_demoTraffic, nullptr);
    m_demoUpstream.reset();
}

} // namespace gb
