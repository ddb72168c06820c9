// Time as an argument: the engine never reads the system clock directly, it asks a
// Clock. SystemClock is the real wall clock; ManualClock is moved by tests, so retry delays,
// waits and timeouts are deterministic and a test can prove that a timer never fires early.
#pragma once

#include <QObject>

#include <optional>

namespace Signalbox {

class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // Milliseconds since the Unix epoch (UTC).
    virtual qint64 nowMs() const = 0;
    // How many real milliseconds to sleep before `dueMs` may have been reached, or nullopt when
    // real time does not move this clock (a ManualClock: wait for timeChanged() instead).
    virtual std::optional<qint64> wallDelayUntil(qint64 dueMs) const = 0;

signals:
    // Emitted when the clock jumps (ManualClock::advance/setNowMs); never by SystemClock.
    void timeChanged();
};

class SystemClock : public Clock
{
    Q_OBJECT
public:
    using Clock::Clock;
    qint64 nowMs() const override;
    std::optional<qint64> wallDelayUntil(qint64 dueMs) const override;
};

class ManualClock : public Clock
{
    Q_OBJECT
public:
    explicit ManualClock(qint64 startMs = 1767225600000 /* 2026-01-01T00:00:00Z */,
                         QObject *parent = nullptr);
    qint64 nowMs() const override { return m_now; }
    std::optional<qint64> wallDelayUntil(qint64 dueMs) const override;
    void setNowMs(qint64 ms);
    void advance(qint64 ms) { setNowMs(m_now + ms); }

private:
    qint64 m_now;
};

} // namespace Signalbox
