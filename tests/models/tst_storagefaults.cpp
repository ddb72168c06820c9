// EngineBridge during storage faults: while the disk is full (an SQLite VFS shim in this
// process) storageProblem says so, for the Runs page's banner, and clears by itself when a
// commit succeeds again; the execution started meanwhile is not lost. A database the app cannot
// host for a reason other than another host (a missing folder) is not called "another host".
#include "../engine/faultvfs.h"
#include "enginebridge.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signalbox;

namespace {
constexpr int waitMs = 60000;
const char passYaml[] = "workflow:\n  name: p\n  start_at: a\n  states:\n    a: {type: pass, end: true}\n";
} // namespace

class TestStorageFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        FaultVfs::installShim();
    }

    void cleanup() { FaultVfs::diskFull = false; }

    void bannerFollowsAFullDisk()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("p.yaml"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(passYaml);
        }
        EngineBridge bridge;
        bridge.setDatabasePath(dir.filePath(QStringLiteral("app.db")));
        QSignalSpy ready(&bridge, &EngineBridge::readyChanged);
        bridge.open();
        QTRY_VERIFY_WITH_TIMEOUT(bridge.isReady(), waitMs);
        QVERIFY(!bridge.isReadOnly());
        QCOMPARE(bridge.storageProblem(), QString());

        QSignalSpy changed(&bridge, &EngineBridge::storageProblemChanged);
        QSignalSpy executions(&bridge, &EngineBridge::executionsUpdated);
        FaultVfs::diskFull = true;
        bridge.startFile(file, QStringLiteral("{}"));
        QTRY_VERIFY_WITH_TIMEOUT(!bridge.storageProblem().isEmpty(), waitMs);
        QVERIFY2(bridge.storageProblem().contains(QStringLiteral("full")),
                 qPrintable(bridge.storageProblem()));
        QCOMPARE(changed.count(), 1);
        FaultVfs::diskFull = false;
        QTRY_VERIFY_WITH_TIMEOUT(bridge.storageProblem().isEmpty(), waitMs);
        QCOMPARE(changed.count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!executions.isEmpty(), waitMs); // the start was applied
    }

    void missingFolderIsNotAnotherHost()
    {
        QTemporaryDir dir;
        EngineBridge bridge;
        bridge.setDatabasePath(dir.filePath(QStringLiteral("no-such-folder/app.db")));
        QSignalSpy ready(&bridge, &EngineBridge::readyChanged);
        bridge.open();
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), waitMs);
        QVERIFY(!bridge.isReady());
        QVERIFY2(bridge.hostError().contains(QStringLiteral("does not exist"))
                     && !bridge.hostError().contains(QStringLiteral("Another")),
                 qPrintable(bridge.hostError()));
    }
};

QTEST_GUILESS_MAIN(TestStorageFaults)
#include "tst_storagefaults.moc"
