// Runner for the designer's Qt Quick tests (tst_*.qml): loads the statically linked Signalbox
// QML modules into each test's engine and pins the environment.
#include "application.h"

#include <QQmlEngine>
#include <QStandardPaths>
#include <QtQuickTest>

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SignalboxTests"));
    }
    void qmlEngineAvailable(QQmlEngine *engine) { Signalbox::setupQmlEngine(engine); }
};

QUICK_TEST_MAIN_WITH_SETUP(tst_designer_qml, Setup)
#include "tst_designer_qml.moc"
