// Runner for the designer's Qt Quick tests (tst_*.qml): loads the statically linked Signalbox
// QML modules into each test's engine and pins the environment.
#include "../common/qmlerrors.h"
#include "application.h"

#include <QQmlEngine>
#include <QStandardPaths>
#include <QtQuickTest>

namespace {

QtMessageHandler previousHandler = nullptr;

// A script error in the app's QML fails the running test (Qt only prints it): see qmlerrors.h.
void failOnQmlError(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    previousHandler(type, context, message);
    if (type == QtWarningMsg && Signalbox::Testing::qmlErrorPattern().match(message).hasMatch())
        QTest::qFail(qPrintable(QStringLiteral("QML error: ") + message), __FILE__, __LINE__);
}

} // namespace

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SignalboxTests"));
        previousHandler = qInstallMessageHandler(failOnQmlError);
    }
    void qmlEngineAvailable(QQmlEngine *engine) { Signalbox::setupQmlEngine(engine); }
};

QUICK_TEST_MAIN_WITH_SETUP(tst_designer_qml, Setup)
#include "tst_designer_qml.moc"
