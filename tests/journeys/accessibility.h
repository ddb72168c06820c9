// Reads the accessibility tree (AT-SPI, through libatspi) of one process: what a screen reader
// sees. Journeys find the controls a person would click by their role and visible name, and get
// their place on the screen.
#pragma once

#include <QList>
#include <QRect>
#include <QString>

namespace Journey {

struct AccessibleNode
{
    QString role; // AT-SPI role name: "push button", "menu item", "text", "frame", ...
    QString name; // accessible name, mnemonic ampersands removed
    QString text; // the text of editable fields ("" for others)
    QRect rect;   // on the screen
    int depth = 0;
    bool showing = false;
};

namespace Accessibility {

// Every accessible object of the application with process id pid, depth first. Subtrees of
// objects that are not showing are left out when showingOnly.
QList<AccessibleNode> snapshot(qint64 pid, bool showingOnly = true, QString *error = nullptr);

// The tree as text, one object a line, for failure messages.
QString dump(const QList<AccessibleNode> &nodes);

} // namespace Accessibility

} // namespace Journey
