#include "application.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSurfaceFormat>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(SignalboxPlugin)
Q_IMPORT_QML_PLUGIN(SignalboxModelsPlugin)

namespace Signalbox {

void setupQmlEngine(QQmlEngine *engine)
{
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    installTranslator(); // the app and every GUI test show the same words ("7 states")
}

void installTranslator()
{
    static bool installed = false; // once per process, whoever asks first
    if (installed)
        return;
    installed = true;
    // English is the fallback: it holds the plural forms ("1 state", "2 states").
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(QLocale(), QStringLiteral("signalbox"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral(":/i18n/signalbox_en.qm"))) {
        QCoreApplication::installTranslator(translator);
    } else {
        delete translator;
        qWarning("signalbox: the built-in translations are missing");
    }
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
}

const char *mainQmlUrl()
{
    return "qrc:/qt/qml/Signalbox/Main.qml";
}

int runApplication(int argc, char *argv[])
{
    // Curves and diagonal lines of the canvas need multisampling (Qt 6.4 Shapes has no curve
    // renderer).
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setSamples(4);
    QSurfaceFormat::setDefaultFormat(format);

    // A QApplication, not a QGuiApplication: file dialogs are Qt Widgets' (see FileChooser).
    QApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("Signalbox"));
    QGuiApplication::setApplicationName(QStringLiteral("signalbox"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Signalbox"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.signalbox.Signalbox"));
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));

    QString initialFile;
    bool isExample = false;
    const QStringList args = app.arguments();
    if (args.size() > 1 && !args.at(1).startsWith(QLatin1Char('-'))) {
        initialFile = args.at(1);
    } else if (QFile::exists(QStringLiteral(":/signalbox/examples/order-approval.yaml"))) {
        initialFile = QStringLiteral(":/signalbox/examples/order-approval.yaml");
        isExample = true;
    }

    QQmlApplicationEngine engine;
    setupQmlEngine(&engine);
    engine.setInitialProperties({{QStringLiteral("initialFile"), initialFile},
                                 {QStringLiteral("initialFileIsExample"), isExample}});
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreated, &app,
        [](QObject *object, const QUrl &) {
            if (!object)
                QCoreApplication::exit(1);
        },
        Qt::QueuedConnection);
    engine.load(QUrl(QString::fromLatin1(mainQmlUrl())));
    return app.exec();
}

} // namespace Signalbox
