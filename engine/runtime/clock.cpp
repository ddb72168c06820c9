#include "signalbox/clock.h"

#include <QDateTime>

namespace Signalbox {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::optional<qint64> SystemClock::wallDelayUntil(qint64 dueMs) const
{
    return std::max<qint64>(0, dueMs - nowMs());
}

ManualClock::ManualClock(qint64 startMs, QObject *parent)
    : Clock(parent)
    , m_now(startMs)
{}

std::optional<qint64> ManualClock::wallDelayUntil(qint64 dueMs) const
{
    if (dueMs <= m_now)
        return 0;
    return std::nullopt;
}

void ManualClock::setNowMs(qint64 ms)
{
    m_now = ms;
    emit timeChanged();
}

} // namespace Signalbox
