// The GUI entry point: app/main.cpp calls runApplication() when no command-line command is given.
// setupQmlEngine() is shared with the tests and the diagram renderer so they load the same
// statically linked QML modules.
#pragma once

class QQmlEngine;

namespace Signalbox {

int runApplication(int argc, char *argv[]);

// Adds the import path of the statically linked QML modules (Signalbox, Signalbox.Models).
void setupQmlEngine(QQmlEngine *engine);

// Installs the app's translations (English holds the plural forms) for the current locale.
// Needs a QCoreApplication; the GUI, the diagram export and the tests call it.
void installTranslator();

// The URL of the main window's QML (Qt 6.4 has no loadFromModule).
const char *mainQmlUrl();

} // namespace Signalbox
