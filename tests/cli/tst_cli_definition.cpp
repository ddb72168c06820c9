// The file commands of the binary as a user runs them: validate, export, import. Checks exit
// codes (0 ok, 1 invalid input, 2 usage), the file:line:col message form on stderr, and outputs.
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runSignalbox(const QStringList &args, const QString &workDir = {})
{
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(QStringLiteral(SIGNALBOX_BINARY), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString example(const char *name)
{
    return QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
}

QString invalid(const char *name)
{
    return QStringLiteral(SIGNALBOX_TEST_DATA "/invalid/") + QLatin1String(name);
}

} // namespace

class TestCliDefinition : public QObject
{
    Q_OBJECT

private slots:
    void validateAcceptsExamples()
    {
        const QStringList files = QDir(QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples"))
                                      .entryList({QStringLiteral("*.yaml")});
        QVERIFY(files.size() >= 5);
        QStringList args{QStringLiteral("validate")};
        for (const QString &f : files)
            args << QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/") + f;
        const Result r = runSignalbox(args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        QCOMPARE(r.out.count(QStringLiteral(": ok (")), files.size());
    }

    void validateSeedUnchanged()
    {
        const Result r
            = runSignalbox({QStringLiteral("validate"),
                            QStringLiteral(SIGNALBOX_TEST_DATA "/valid/seed-order-approval.yaml")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("ok (5 states)")), qPrintable(r.out));
    }

    void validateReportsLocatedErrors()
    {
        const QString file = invalid("unknown-state.yaml");
        const Result r = runSignalbox({QStringLiteral("validate"), file});
        QCOMPARE(r.exitCode, 3); // invalid definition
        QVERIFY2(r.err.startsWith(file + QStringLiteral(":7:13: error: next state 'chrge'")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("did you mean 'charge'?")));
        QCOMPARE(r.out, QString());
    }

    void validateManyFilesReportsAll()
    {
        const Result r = runSignalbox({QStringLiteral("validate"), invalid("no-end.yaml"),
                                       example("deployment.yaml"), invalid("bad-path.yaml")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains(QStringLiteral("no-end.yaml:6:5: error:")));
        QVERIFY(r.err.contains(QStringLiteral("bad-path.yaml:7:19: error:")));
        QVERIFY(r.out.contains(QStringLiteral("deployment.yaml: ok")));
    }

    void validateWarningsDoNotFail()
    {
        const Result r
            = runSignalbox({QStringLiteral("validate"), invalid("choice-no-default.yaml")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(
            r.err.contains(QStringLiteral(": warning: choice state 'decide' has no 'default'")));
        QVERIFY(r.out.contains(QStringLiteral("1 warning")));
    }

    void validateMissingFile()
    {
        const Result r
            = runSignalbox({QStringLiteral("validate"), QStringLiteral("/nonexistent/x.yaml")});
        QCOMPARE(r.exitCode, 4); // not found
        QVERIFY2(r.err.contains(QStringLiteral("/nonexistent/x.yaml: error: no such file")),
                 qPrintable(r.err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("validate without file")
            << QStringList{QStringLiteral("validate")} << QStringLiteral("needs at least one FILE");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("validate"), QStringLiteral("--frobnicate"),
                           QStringLiteral("x.yaml")}
            << QStringLiteral("Unknown option 'frobnicate'");
        QTest::newRow("export without --to")
            << QStringList{QStringLiteral("export"), example("deployment.yaml")}
            << QStringLiteral("needs --to FORMAT");
        QTest::newRow("export bad format")
            << QStringList{QStringLiteral("export"), example("deployment.yaml"),
                           QStringLiteral("--to"), QStringLiteral("bpmn")}
            << QStringLiteral("unknown format 'bpmn'");
        QTest::newRow("png needs -o")
            << QStringList{QStringLiteral("export"), example("deployment.yaml"),
                           QStringLiteral("--to"), QStringLiteral("png")}
            << QStringLiteral("png export needs -o");
        QTest::newRow("import two files")
            << QStringList{QStringLiteral("import"), QStringLiteral("a"), QStringLiteral("b")}
            << QStringLiteral("exactly one FILE");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runSignalbox(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void helpForEveryCommand_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"validate", "export", "import"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }
    void helpForEveryCommand()
    {
        QFETCH(QString, command);
        const Result r = runSignalbox({command, QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: signalbox ") + command),
                 qPrintable(r.out));
    }

    void exportYamlIsCanonical()
    {
        const Result r = runSignalbox({QStringLiteral("export"), example("order-approval.yaml"),
                                       QStringLiteral("--to"), QStringLiteral("yaml")});
        QCOMPARE(r.exitCode, 0);
        QFile f(example("order-approval.yaml"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(r.out, QString::fromUtf8(f.readAll()));
    }

    void exportAslAndImportBack()
    {
        QTemporaryDir dir;
        const QString asl = dir.filePath(QStringLiteral("flow.asl.json"));
        const QString yaml = dir.filePath(QStringLiteral("flow.yaml"));
        Result r = runSignalbox({QStringLiteral("export"), example("deployment.yaml"),
                                 QStringLiteral("--to"), QStringLiteral("asl"),
                                 QStringLiteral("-o"), asl});
        QCOMPARE(r.exitCode, 0);
        QFile f(asl);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("StartAt")).toString(), QStringLiteral("build"));
        QVERIFY(root.value(QStringLiteral("States"))
                    .toObject()
                    .contains(QStringLiteral("release-gate")));

        r = runSignalbox({QStringLiteral("import"), asl, QStringLiteral("-o"), yaml});
        QCOMPARE(r.exitCode, 0);
        r = runSignalbox({QStringLiteral("validate"), yaml});
        QCOMPARE(r.exitCode, 0);
        // ASL files are accepted wherever YAML is.
        r = runSignalbox({QStringLiteral("validate"), asl});
        QCOMPARE(r.exitCode, 0);
    }

    void exportMermaid()
    {
        const Result r = runSignalbox({QStringLiteral("export"), example("order-approval.yaml"),
                                       QStringLiteral("--to"), QStringLiteral("mermaid")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("flowchart")));
        QVERIFY(r.out.contains(QStringLiteral("wait-for-review")));
    }

    void exportRefusesInvalidFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.json"));
        const Result r = runSignalbox({QStringLiteral("export"), invalid("unknown-state.yaml"),
                                       QStringLiteral("--to"), QStringLiteral("asl"),
                                       QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains(QStringLiteral(":7:13: error:")));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliDefinition)
#include "tst_cli_definition.moc"
