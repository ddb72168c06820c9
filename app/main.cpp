// The signalbox binary: the command line when the first argument is a command, the GUI otherwise.
#include "cli.h"

#ifdef SIGNALBOX_WITH_GUI
#include "application.h"
#endif

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    if (Signalbox::Cli::isCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        return Signalbox::Cli::run(app.arguments());
    }
#ifdef SIGNALBOX_WITH_GUI
    return Signalbox::runApplication(argc, argv);
#else
    QCoreApplication app(argc, argv);
    return Signalbox::Cli::run(app.arguments());
#endif
}
