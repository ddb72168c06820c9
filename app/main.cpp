// The signalbox binary: the command line when the first argument is a command, the GUI otherwise.
#include "cli.h"

#ifdef SIGNALBOX_WITH_GUI
#include "application.h"
#include "diagramexport.h"
#include "diagramrenderer.h"

#include <QGuiApplication>
#endif

#include <QCoreApplication>
#include <cstring>
#include <memory>

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(
        QStringLiteral("signalbox")); // same as the GUI: one default database
    QCoreApplication::setOrganizationName(QStringLiteral("Signalbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALBOX_VERSION));
#ifdef SIGNALBOX_WITH_GUI
    if (Signalbox::Cli::isCommandLine(argc, argv)) {
        // Diagram export (svg/png) draws with QPainter and needs fonts, so `export` gets a
        // QGuiApplication on the offscreen platform: no display is needed.
        std::unique_ptr<QCoreApplication> app;
        if (!std::strcmp(argv[1], "export")) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            app = std::make_unique<QGuiApplication>(argc, argv);
            Signalbox::installTranslator(); // plural forms in the drawn node subtitles
            Signalbox::Cli::setDiagramExporter(&Signalbox::DiagramRenderer::render);
        } else {
            app = std::make_unique<QCoreApplication>(argc, argv);
        }
        return Signalbox::Cli::run(app->arguments());
    }
    return Signalbox::runApplication(argc, argv);
#else
    QCoreApplication app(argc, argv);
    return Signalbox::Cli::run(app.arguments());
#endif
}
