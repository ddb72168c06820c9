// WorkflowDocument: load, save, dirty flag, undo and the YAML round trip, with exact signals.
#include "diagnosticsmodel.h"
#include "diagramrenderer.h"
#include "graphcontroller.h"
#include "seed.h"
#include "signalbox/codecs.h"
#include "workflowdocument.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Signalbox;

class TestWorkflowDocument : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadsTheSeedWithALayout()
    {
        WorkflowDocument doc;
        QSignalSpy reset(&doc, &WorkflowDocument::reset);
        QSignalSpy dirty(&doc, &WorkflowDocument::dirtyChanged);
        QVERIFY(doc.loadText(QString::fromUtf8(seedYaml), QStringLiteral("seed.yaml")));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(doc.stateCount(), 5);
        QCOMPARE(doc.startAt(), QStringLiteral("validate-order"));
        QVERIFY(!doc.isDirty());
        QCOMPARE(doc.yamlText(), QString::fromUtf8(seedYaml)); // the user's text, verbatim
        QVERIFY(doc.yamlError().isEmpty());
        QCOMPARE(doc.positions().size(), 5);
        // Auto-layout: top-down along the main path.
        QVERIFY(doc.position("validate-order").y() < doc.position("needs-review").y());
        QVERIFY(doc.position("charge-payment").y() < doc.position("create-shipment").y());
        QCOMPARE(doc.diagnostics()->errorCount(), 0);
    }

    void editsMakeItDirtyAndUndoMakesItClean()
    {
        WorkflowDocument doc;
        doc.loadText(QString::fromUtf8(seedYaml), {});
        GraphController controller;
        controller.setDocument(&doc);
        QSignalSpy dirty(&doc, &WorkflowDocument::dirtyChanged);
        QSignalSpy count(&doc, &WorkflowDocument::stateCountChanged);
        QSignalSpy undoState(&doc, &WorkflowDocument::undoStateChanged);

        const QString name = controller.addState(QStringLiteral("pass"), 500, 500);
        QCOMPARE(name, QStringLiteral("pass"));
        QVERIFY(doc.isDirty());
        QCOMPARE(dirty.count(), 1);
        QCOMPARE(count.count(), 1);
        QVERIFY(doc.canUndo());
        QCOMPARE(doc.undoText(), QStringLiteral("Add pass"));
        QVERIFY(undoState.count() >= 1);

        doc.undo();
        QVERIFY(!doc.isDirty());
        QCOMPARE(dirty.count(), 2);
        QCOMPARE(count.count(), 2);
        QCOMPARE(doc.stateCount(), 5);
        QVERIFY(doc.canRedo());
        doc.redo();
        QCOMPARE(doc.stateCount(), 6);
        QCOMPARE(dirty.count(), 3);
    }

    void savesWithLayoutAndReopensAtTheSamePositions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("wf.yaml");
        WorkflowDocument doc;
        doc.loadText(QString::fromUtf8(seedYaml), {});
        GraphController controller;
        controller.setDocument(&doc);
        controller.select("create-shipment");
        controller.beginMove();
        controller.moveSelection(160, 32);
        controller.endMove();
        const QPointF moved = doc.position("create-shipment");
        QVERIFY(doc.isDirty());

        QSignalSpy dirty(&doc, &WorkflowDocument::dirtyChanged);
        QSignalSpy path_(&doc, &WorkflowDocument::filePathChanged);
        QVERIFY(doc.saveAs(path));
        QCOMPARE(dirty.count(), 1);
        QCOMPARE(path_.count(), 1);
        QVERIFY(!doc.isDirty());
        QCOMPARE(doc.displayName(), QStringLiteral("wf.yaml"));

        WorkflowDocument again;
        QVERIFY(again.open(path));
        QCOMPARE(again.filePath(), path);
        QCOMPARE(again.position("create-shipment"), moved);
        QCOMPARE(again.positions(), doc.positions());
        QVERIFY(again.definition() == doc.definitionWithLayout());
    }

    void unsavedEditsAreRecoveredAfterACrash()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("crash.yaml");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(seedYaml);
        }
        QString edited;
        {
            WorkflowDocument doc;
            QVERIFY(doc.open(path));
            QVERIFY(!doc.hasRecovery());
            GraphController controller;
            controller.setDocument(&doc);
            controller.addState("succeed", 200, 900);
            doc.writeAutosave(); // what the timer does two seconds after an edit
            edited = doc.yamlText();
            QVERIFY(QFile::exists(WorkflowDocument::autosavePath(path)));
            // ...and the process dies here without saving.
        }
        WorkflowDocument again;
        QVERIFY(again.open(path));
        QCOMPARE(again.stateCount(), 5);
        QVERIFY(again.hasRecovery());
        QVERIFY(again.recoveryTime().isValid());
        QVERIFY(again.recover());
        QCOMPARE(again.stateCount(), 6);
        QVERIFY(again.isDirty());
        QCOMPARE(again.yamlText(), edited);
        QVERIFY(again.save());
        QVERIFY(!QFile::exists(WorkflowDocument::autosavePath(path)));
        QVERIFY(!again.hasRecovery());
    }

    void openMissingFileFails()
    {
        WorkflowDocument doc;
        QSignalSpy error(&doc, &WorkflowDocument::lastErrorChanged);
        QVERIFY(!doc.open(QStringLiteral("/nonexistent/wf.yaml")));
        QCOMPARE(error.count(), 1);
        QVERIFY(doc.lastError().contains("Cannot open"));
    }

    void malformedFileOpensWithItsErrorAndNoCrash()
    {
        WorkflowDocument doc;
        QVERIFY(doc.loadText(QStringLiteral("workflow:\n  name: x\n  states: [unclosed\n"),
                             "bad.yaml"));
        QVERIFY(!doc.yamlError().isEmpty());
        QVERIFY(doc.yamlErrorLine() > 0);
        QCOMPARE(doc.stateCount(), 0);
        QVERIFY(doc.yamlText().contains("unclosed"));
        // Never "valid": the read error is a problem with its line (the status bar and the
        // Problems panel read these).
        QCOMPARE(doc.diagnostics()->errorCount(), 1);
        const QModelIndex first = doc.diagnostics()->index(0, 0);
        QVERIFY(first.data(DiagnosticsModel::LineRole).toInt() > 0);
    }

    // Every file of tests/data/invalid opens (no crash) with its problems shown: syntax errors,
    // binary and non-UTF-8 files, and files that parse with errors (a duplicate key, an unknown
    // field) have errors; choice-no-default.yaml has its one warning.
    void everyInvalidFileHasErrors_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(SIGNALBOX_TEST_DATA "/invalid"));
        for (const QString &name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }
    void everyInvalidFileHasErrors()
    {
        QFETCH(QString, path);
        WorkflowDocument doc;
        doc.open(path);
        const bool warningOnly = path.endsWith(QLatin1String("choice-no-default.yaml"));
        QVERIFY2(warningOnly ? doc.diagnostics()->rowCount() == 1
                             : doc.diagnostics()->errorCount() > 0,
                 qPrintable(path + QStringLiteral(" was reported valid")));
    }

    void validYamlEditRedrawsAndIsUndoable()
    {
        WorkflowDocument doc;
        doc.loadText(QString::fromUtf8(seedYaml), {});
        QSignalSpy reset(&doc, &WorkflowDocument::reset);
        QSignalSpy yaml(&doc, &WorkflowDocument::yamlTextChanged);
        QString text = QString::fromUtf8(seedYaml);
        text.replace("create-shipment: {type: task, end: true}",
                     "create-shipment: {type: task, next: done}\n    done: {type: succeed}");
        QVERIFY(doc.applyYaml(text));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(doc.stateCount(), 6);
        QCOMPARE(doc.yamlText(), text); // kept verbatim
        QVERIFY(doc.positions().contains("done"));
        // The new state is placed below its predecessor, others keep their place.
        QVERIFY(doc.position("done").y() > doc.position("create-shipment").y());
        QVERIFY(doc.isDirty());
        QCOMPARE(doc.undoText(), QStringLiteral("Edit YAML"));

        doc.undo();
        QCOMPARE(reset.count(), 2);
        QCOMPARE(doc.stateCount(), 5);
        QCOMPARE(doc.yamlText(), QString::fromUtf8(seedYaml));
        QTRY_VERIFY_WITH_TIMEOUT(yaml.count() > 0, 30000); // regenerated from the event loop
    }

    void invalidYamlEditKeepsTheLastGoodDiagram()
    {
        WorkflowDocument doc;
        doc.loadText(QString::fromUtf8(seedYaml), {});
        QSignalSpy reset(&doc, &WorkflowDocument::reset);
        QSignalSpy error(&doc, &WorkflowDocument::yamlErrorChanged);
        QString text = QString::fromUtf8(seedYaml);
        text.replace("type: choice", "type: choice\n      when: [oops");
        QVERIFY(!doc.applyYaml(text));
        QCOMPARE(error.count(), 1);
        QVERIFY(!doc.yamlError().isEmpty());
        QVERIFY(doc.yamlErrorLine() > 0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(doc.stateCount(), 5);
        QVERIFY(!doc.canUndo());
        QVERIFY(!doc.isDirty());
        QCOMPARE(doc.diagnostics()->errorCount(), 1); // the text's error is a problem

        // Fixing it clears the error.
        QVERIFY(doc.applyYaml(QString::fromUtf8(seedYaml).replace("attempts: 3", "attempts: 4")));
        QCOMPARE(error.count(), 2);
        QVERIFY(doc.yamlError().isEmpty());
        QCOMPARE(doc.diagnostics()->errorCount(), 0);
    }

    void diagramEditsRegenerateTheYaml()
    {
        WorkflowDocument doc;
        doc.loadText(QString::fromUtf8(seedYaml), {});
        GraphController controller;
        controller.setDocument(&doc);
        QSignalSpy yaml(&doc, &WorkflowDocument::yamlTextChanged);
        controller.addState("succeed", 100, 900);
        QTRY_VERIFY_WITH_TIMEOUT(yaml.count() > 0, 30000); // regenerated from the event loop
        QCOMPARE(yaml.count(), 1);
        QVERIFY(doc.yamlText().contains("succeed:"));
        QVERIFY(doc.yamlText().contains("layout:"));
    }

    void exportsEveryFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("yaml") << "yaml" << QByteArray("workflow:");
        QTest::newRow("asl") << "asl" << QByteArray("\"StartAt\"");
        QTest::newRow("mermaid") << "mermaid" << QByteArray("flowchart");
        QTest::newRow("svg") << "svg" << QByteArray("<svg");
        QTest::newRow("png") << "png" << QByteArray("\x89PNG");
    }

    void exportsEveryFormat()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, expected);
        QTemporaryDir dir;
        WorkflowDocument doc;
        doc.loadText(QString::fromUtf8(seedYaml), {});
        const QString path = dir.filePath("out." + format);
        QVERIFY2(doc.exportTo(path, format), qPrintable(doc.lastError()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains(expected));
        if (qEnvironmentVariableIsSet("SIGNALBOX_KEEP_EXPORTS"))
            QFile::copy(path, QStringLiteral(SIGNALBOX_BUILD_DIR "/screenshots/export.") + format);
    }

    void rendererForTheCommandLine()
    {
        Diagnostics diags;
        std::optional<Definition> def = readYaml(seedYaml, "seed.yaml", diags);
        QVERIFY(def);
        QByteArray data;
        QString error;
        QVERIFY(DiagramRenderer::render(*def, "svg", &data, &error));
        QVERIFY(data.contains("<svg"));
        QVERIFY(data.contains("needs-review"));
        QVERIFY(!DiagramRenderer::render(*def, "gif", &data, &error));
        QVERIFY(error.contains("gif"));
    }
};

QTEST_MAIN(TestWorkflowDocument) // QGuiApplication: the renderer needs fonts
#include "tst_workflowdocument.moc"
