#include "keys/KeyChecker.h"

#include "common/CollectingSink.h"
#include "common/LogCategories.h"
#include "common/Redact.h"
#include "keys/FailureClassifier.h"
#include "keys/KeyPool.h"
#include "relay/Relay.h"
#include "settings/Settings.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace gb {

struct KeyChecker::Batch
{
    QStringList keys;
    QList<KeyCheckResult> results;
    int next = 0;       // next key to start
    int inFlight = 0;
    int finished = 0;
    int concurrency = 1;
    QString model;
    Done done;
};

KeyChecker::KeyChecker(Relay *relay, Settings *settings, QObject *parent)
    : QObject(parent), m_relay(relay), m_settings(settings)
{
}

void KeyChecker::check(const QStringList &keys, Done done)
{
    auto batch = std::make_shared<Batch>();
    for (const QString &k : keys) {
        const QString key = k.trimmed();
        if (!key.isEmpty() && !batch->keys.contains(key))
            batch->keys.append(key);
    }
    batch->results.resize(batch->keys.size());
    const auto settings = m_settings->snapshot();
    batch->concurrency = qMax(1, settings->keyCheckConcurrency);
    batch->model = settings->testModel;
    batch->done = std::move(done);
    if (batch->keys.isEmpty()) {
        batch->done({});
        return;
    }
    qCInfo(lcKeys) << "checking" << batch->keys.size() << "keys with" << batch->model;
    pump(batch);
}

void KeyChecker::pump(const std::shared_ptr<Batch> &batch)
{
    while (batch->inFlight < batch->concurrency && batch->next < batch->keys.size())
        checkOne(batch, batch->next++);
    if (batch->finished == batch->keys.size() && batch->done) {
        const Done done = std::exchange(batch->done, {});
        done(batch->results);
    }
}

void KeyChecker::checkOne(const std::shared_ptr<Batch> &batch, int index)
{
    const QString key = batch->keys.at(index);
    ++batch->inFlight;
    ++m_running;

    RelayRequest request;
    request.path = "models/" + QUrl::toPercentEncoding(batch->model, "-._~") + ":generateContent";
    request.body = R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":10}})";
    request.contentType = "application/json";
    request.model = batch->model;
    request.operation = u"key-check"_s;
    request.pinnedKey = key;

    auto *sink = new CollectingSink(this);
    connect(sink, &CollectingSink::finished, this, [this, sink, batch, index, key] {
        sink->deleteLater();
        KeyCheckResult r;
        r.key = key;
        r.httpStatus = sink->status();
        r.valid = r.httpStatus >= 200 && r.httpStatus < 300;
        KeyPool *pool = m_relay->keys();
        const DisableReason reason = pool->state(key).disabled;
        if (r.valid || r.httpStatus == 429) {
            if (reason != DisableReason::None && reason != DisableReason::Manual)
                pool->enable(key);
        }
        if (!r.valid) {
            const QString message = classifyHttpFailure(r.httpStatus, sink->body()).message;
            r.error = redact::secretsInText(message.isEmpty() ? QString::fromUtf8(sink->body().left(300)) : message);
        }
        batch->results[index] = r;
        --batch->inFlight;
        --m_running;
        ++batch->finished;
        qCDebug(lcKeys).noquote() << "key" << redact::secret(key) << (r.valid ? "is valid" : "failed:")
                                  << r.httpStatus << r.error;
        pump(batch);
    });
    m_relay->start(std::move(request), sink);
}

} // namespace gb
