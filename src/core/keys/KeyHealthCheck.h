#pragma once

#include <QObject>
#include <QTimer>

namespace gb {

class KeyChecker;
class KeyPool;
class Settings;

// Every CHECK_INTERVAL_HOURS (0 = off) re-tests the keys that were disabled automatically
// (not those an admin disabled) and lets KeyChecker enable those that answer. Cooling keys
// need nothing: they come back by themselves when their time is up.
class KeyHealthCheck : public QObject
{
    Q_OBJECT
public:
    KeyHealthCheck(KeyPool *pool, KeyChecker *checker, Settings *settings, QObject *parent = nullptr);

    void setIntervalHours(int hours);  // 0 stops the schedule
    bool isScheduled() const { return m_timer.isActive(); }
    // Paused (POST /api/scheduler/stop): no scheduled runs until resumed, whatever
    // CHECK_INTERVAL_HOURS says meanwhile; runNow() still works.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Runs a check now (unless one is running); returns false if there was nothing to check.
    bool runNow();

signals:
    void finished(int checked, int reEnabled);

private:
    KeyPool *m_pool;
    KeyChecker *m_checker;
    QTimer m_timer;
    bool m_running = false;
    bool m_paused = false;
    int m_hours = 0;
};

} // namespace gb
