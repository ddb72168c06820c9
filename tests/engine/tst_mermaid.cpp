// Mermaid export: node shapes by state type, labelled choice/default/catch edges, subgraphs for
// parallel and map states, ids that survive any state name, and golden files for the examples.
#include "tools/examples.h"
#include "tools/golden.h"

#include "signalbox/codecs.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signalbox;
using namespace SignalboxTest;

namespace {

QString mermaidOf(const std::string &yaml)
{
    Diagnostics diags;
    const auto def = readYaml(yaml, "inline.yaml", diags);
    if (!def || diags.hasErrors()) {
        qWarning("YAML did not load: %s", diags.formatAll().c_str());
        return {};
    }
    return QString::fromStdString(writeMermaid(*def));
}

// The seed workflow with a catch and a parallel/map added, and awkward state names.
const char *richYaml = "workflow:\n"
                       "  name: rich\n"
                       "  start_at: validate order\n"
                       "  states:\n"
                       "    validate order:\n"
                       "      type: task\n"
                       "      catch:\n"
                       "        - errors: [States.Timeout, Task.ExitCode]\n"
                       "          next: end\n"
                       "      next: needs-review\n"
                       "    needs-review:\n"
                       "      type: choice\n"
                       "      choices:\n"
                       "        - if: \"$.amount > 1000 and $.note == 'say \\\"hi\\\"'\"\n"
                       "          next: wait-for-review\n"
                       "      default: fan-out\n"
                       "    wait-for-review: {type: wait_for_event, next: pause}\n"
                       "    pause: {type: wait, seconds: 5, next: fan-out}\n"
                       "    fan-out:\n"
                       "      type: parallel\n"
                       "      branches:\n"
                       "        - start_at: each\n"
                       "          states:\n"
                       "            each:\n"
                       "              type: map\n"
                       "              items_path: $.items\n"
                       "              processor:\n"
                       "                start_at: item-step\n"
                       "                states:\n"
                       "                  item-step: {type: pass, end: true}\n"
                       "              end: true\n"
                       "        - start_at: side\n"
                       "          states:\n"
                       "            side: {type: pass, end: true}\n"
                       "      next: done\n"
                       "    done: {type: succeed}\n"
                       "    end: {type: fail, error: Failed}\n";

} // namespace

class TestMermaid : public QObject
{
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void contains_data();
    void contains();
    void idsAreSafeAndUnique();
    void nodesDeclaredBeforeEdges_data();
    void nodesDeclaredBeforeEdges();
    void mermaidParserAccepts();
};

void TestMermaid::golden_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &p : shippedExamples())
        QTest::newRow(qPrintable(baseName(p))) << p;
}

void TestMermaid::golden()
{
    QFETCH(QString, path);
    QString errors;
    const auto def = loadYaml(path, &errors);
    QVERIFY2(def, qPrintable(errors));
    SIGNALBOX_COMPARE_GOLDEN(baseName(path) + ".mmd", writeMermaid(*def));
}

void TestMermaid::contains_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("header") << "flowchart TD";
    QTest::newRow("start marker") << "sb_start --> s_validate_order";
    QTest::newRow("task box") << "s_validate_order[\"validate order\"]";
    QTest::newRow("choice diamond") << "s_needs_review{\"needs-review\"}";
    QTest::newRow("approval") << "s_wait_for_review[/\"wait-for-review\"\\]";
    QTest::newRow("wait") << "s_pause{{\"pause\"}}";
    QTest::newRow("succeed") << "s_done([\"done\"])";
    QTest::newRow("fail named end") << "s_end([\"end\"])";
    QTest::newRow("choice edge")
        << "s_needs_review -->|\"$.amount #gt; 1000 and $.note == 'say #quot;hi#quot;'\"| "
           "s_wait_for_review";
    QTest::newRow("default edge") << "s_needs_review -->|\"default\"| s_fan_out";
    QTest::newRow("catch edge dashed")
        << "s_validate_order -.->|\"States.Timeout, Task.ExitCode\"| s_end";
    QTest::newRow("parallel subgraph") << "subgraph s_fan_out[\"fan-out (parallel)\"]";
    QTest::newRow("branch subgraph") << "subgraph s_fan_out_branch2[\"branch 2\"]";
    QTest::newRow("map subgraph") << "subgraph s_each[\"each (map over $.items)\"]";
    QTest::newRow("edge from subgraph") << "s_fan_out --> s_done";
    QTest::newRow("succeed colour") << "class s_done succeed";
    QTest::newRow("fail colour") << "class s_end fail";
    QTest::newRow("classDef") << "classDef fail fill:#fbe3e3,stroke:#c0392b,color:#5c1108";
}

void TestMermaid::contains()
{
    QFETCH(QString, line);
    const QString text = mermaidOf(richYaml);
    QVERIFY(!text.isEmpty());
    QStringList lines = text.split('\n');
    for (QString &l : lines)
        l = l.trimmed();
    QVERIFY2(lines.contains(line), qPrintable("missing line: " + line + "\n" + text));
}

void TestMermaid::idsAreSafeAndUnique()
{
    const QString text = mermaidOf("workflow:\n  name: ids\n  start_at: a-b\n  states:\n"
                                   "    a-b: {type: pass, next: a_b}\n"
                                   "    a_b: {type: pass, next: 'graph'}\n"
                                   "    'graph': {type: pass, next: a b}\n"
                                   "    a b: {type: succeed}\n");
    QVERIFY(text.contains("s_a_b(\"a-b\")"));
    QVERIFY(text.contains("s_a_b_2(\"a_b\")"));
    QVERIFY(text.contains("s_graph(\"graph\")"));
    QVERIFY(text.contains("s_a_b_3([\"a b\"])"));
    QVERIFY(text.contains("s_a_b --> s_a_b_2"));
    const QRegularExpression id("^\\s*(\\w+)[\\[({]", QRegularExpression::MultilineOption);
    QSet<QString> seen;
    for (auto it = id.globalMatch(text); it.hasNext();) {
        const QString node = it.next().captured(1);
        QVERIFY2(!seen.contains(node), qPrintable("declared twice: " + node));
        seen.insert(node);
    }
}

void TestMermaid::nodesDeclaredBeforeEdges_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &p : allValidWorkflows())
        QTest::newRow(qPrintable(QFileInfo(p).fileName())) << p;
}

// Mermaid places a node in the subgraph where it is first mentioned, so every node must be
// declared (inside its subgraph) before any edge names it; subgraphs must be balanced.
void TestMermaid::nodesDeclaredBeforeEdges()
{
    QFETCH(QString, path);
    QString errors;
    const auto def = loadYaml(path, &errors);
    QVERIFY2(def, qPrintable(errors));
    const QString text = QString::fromStdString(writeMermaid(*def));
    QSet<QString> declared;
    int open = 0;
    bool edgesStarted = false;
    const QRegularExpression decl("^(?:subgraph )?(\\w+)[\\[({]");
    const QRegularExpression edge("^(\\w+) -\\.?->(?:\\|\"[^\"]*\"\\|)? (\\w+)$");
    for (const QString &raw : text.split('\n', Qt::SkipEmptyParts)) {
        const QString line = raw.trimmed();
        if (line.startsWith("subgraph "))
            ++open;
        if (line == "end")
            --open;
        QVERIFY2(open >= 0, "unbalanced subgraph end");
        if (const auto m = edge.match(line); m.hasMatch()) {
            edgesStarted = true;
            QVERIFY2(declared.contains(m.captured(1)), qPrintable("undeclared: " + line));
            QVERIFY2(declared.contains(m.captured(2)), qPrintable("undeclared: " + line));
        } else if (const auto d = decl.match(line); d.hasMatch()) {
            QVERIFY2(!edgesStarted || d.captured(1) == "sb_missing",
                     qPrintable("node declared after the first edge: " + line));
            declared.insert(d.captured(1));
        }
    }
    QCOMPARE(open, 0);
    QVERIFY(edgesStarted);
    QVERIFY(text.startsWith("flowchart TD\n"));
}

// The real Mermaid parser (npm: mermaid + jsdom, installed once into the build folder) accepts
// the export of every example and fixture and of the awkward names above.
void TestMermaid::mermaidParserAccepts()
{
    const QString node = QStandardPaths::findExecutable("node");
    const QString npm = QStandardPaths::findExecutable("npm");
    if (node.isEmpty() || npm.isEmpty())
        QSKIP("node and npm are needed to run the Mermaid parser (packaging/install-deps.sh "
              "installs them)");
    const QString prefix = QStringLiteral(SIGNALBOX_BUILD_DIR "/tools/mermaid");
    const QString modules = prefix + "/node_modules";
    if (!QFile::exists(modules + "/mermaid/dist/mermaid.core.mjs")
        || !QFile::exists(modules + "/jsdom/package.json")) {
        QDir().mkpath(prefix);
        QProcess install;
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(npm, {"install", "--prefix", prefix, "--no-audit", "--no-fund", "mermaid@11",
                            "jsdom@24"});
        const bool finished = install.waitForFinished(280000);
        if (!finished)
            install.kill();
        if (!finished || install.exitCode() != 0)
            QSKIP(qPrintable("npm could not install mermaid: "
                             + QString::fromUtf8(install.readAll()).right(2000)));
    }

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList args
        = {QStringLiteral(SIGNALBOX_SOURCE_DIR "/tests/tools/mermaid-parse.mjs"), modules};
    auto add = [&](const QString &name, const QString &text) {
        const QString path = dir.filePath(name + ".mmd");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        args << path;
    };
    for (const QString &path : allValidWorkflows()) {
        QString errors;
        const auto def = loadYaml(path, &errors);
        QVERIFY2(def, qPrintable(errors));
        add(QFileInfo(path).completeBaseName(), QString::fromStdString(writeMermaid(*def)));
    }
    add("rich", mermaidOf(richYaml));
    QProcess parser;
    parser.setProcessChannelMode(QProcess::MergedChannels);
    parser.start(node, args);
    QVERIFY2(parser.waitForFinished(120000), "the Mermaid parser did not finish");
    const QString output = QString::fromUtf8(parser.readAll());
    QVERIFY2(parser.exitStatus() == QProcess::NormalExit && parser.exitCode() == 0,
             qPrintable(output));
}

QTEST_GUILESS_MAIN(TestMermaid)
#include "tst_mermaid.moc"
