// BusyCursor: the wait cursor while the GUI thread does work a person can notice: opening and
// laying out a large workflow, auto-layout, reading a long history (each measured above 200 ms
// on large inputs; docs/designer.md, docs/monitor.md). Work on the GUI thread cannot animate a
// busy indicator, so the cursor is the honest signal. Nested scopes show one cursor; nothing
// happens without a QGuiApplication (the command line, model tests).
#pragma once

#include <QCursor>
#include <QGuiApplication>

namespace Signalbox {

class BusyCursor
{
public:
    BusyCursor()
        : m_active(qobject_cast<QGuiApplication *>(QCoreApplication::instance()) != nullptr)
    {
        if (m_active)
            QGuiApplication::setOverrideCursor(QCursor(Qt::WaitCursor));
    }
    ~BusyCursor()
    {
        if (m_active)
            QGuiApplication::restoreOverrideCursor();
    }
    BusyCursor(const BusyCursor &) = delete;
    BusyCursor &operator=(const BusyCursor &) = delete;

private:
    bool m_active;
};

} // namespace Signalbox
