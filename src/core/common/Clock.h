#pragma once

#include <QDateTime>
#include <QtGlobal>

namespace gb {

// Wall-clock time, injectable so cooldowns, daily resets and schedules are testable
// without sleeping. Milliseconds since the Unix epoch (UTC).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// A clock the test moves by hand.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'767'225'600'000) : m_now(startMs) {}  // 2026-01-01T00:00:00Z
    qint64 nowMs() const override { return m_now; }
    void setMs(qint64 ms) { m_now = ms; }
    void advanceMs(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

} // namespace gb
