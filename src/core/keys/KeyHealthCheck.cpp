#include "keys/KeyHealthCheck.h"

#include "common/LogCategories.h"
#include "keys/KeyChecker.h"
#include "keys/KeyPool.h"
#include "settings/Settings.h"

using namespace Qt::StringLiterals;

namespace gb {

KeyHealthCheck::KeyHealthCheck(KeyPool *pool, KeyChecker *checker, Settings *settings, QObject *parent)
    : QObject(parent), m_pool(pool), m_checker(checker)
{
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &KeyHealthCheck::runNow);
    setIntervalHours(settings->snapshot()->checkIntervalHours);
    connect(settings, &Settings::changed, this, [this, settings](const QStringList &names) {
        if (names.contains(u"CHECK_INTERVAL_HOURS"_s))
            setIntervalHours(settings->snapshot()->checkIntervalHours);
    });
}

void KeyHealthCheck::setPaused(bool paused)
{
    m_paused = paused;
    setIntervalHours(m_hours);
}

void KeyHealthCheck::setIntervalHours(int hours)
{
    m_hours = hours;
    if (hours <= 0 || m_paused) {
        m_timer.stop();
        return;
    }
    m_timer.start(std::chrono::hours(hours));
}

bool KeyHealthCheck::runNow()
{
    if (m_running)
        return false;
    QStringList disabled;
    for (const KeyState &s : m_pool->states())
        if (s.isDisabled() && s.disabled != DisableReason::Manual)
            disabled.append(s.key);
    if (disabled.isEmpty())
        return false;
    m_running = true;
    qCInfo(lcKeys) << "health check: re-testing" << disabled.size() << "disabled keys";
    m_checker->check(disabled, [this](const QList<KeyCheckResult> &results) {
        m_running = false;
        int enabled = 0;
        for (const KeyCheckResult &r : results)
            enabled += m_pool->state(r.key).isDisabled() ? 0 : 1;
        qCInfo(lcKeys) << "health check:" << enabled << "of" << results.size() << "keys are back";
        emit finished(int(results.size()), enabled);
    });
    return true;
}

} // namespace gb
