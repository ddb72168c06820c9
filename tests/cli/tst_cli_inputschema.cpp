// `signalbox run` checks --input against the workflow's input_schema before anything runs or is
// stored: a non-conforming input exits 3 with InvalidExecutionInput and the JSONPath and rule of
// each problem on stderr, and the database holds no execution; a conforming input runs.
#include "clitesthelpers.h"
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using CliTest::Result;
using CliTest::runCli;

class TestCliInputSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString workflow()
    {
        QFile f(m_dir.filePath(QStringLiteral("orders.yaml")));
        if (!f.exists() && f.open(QIODevice::WriteOnly)) {
            f.write("workflow:\n  name: orders\n  start_at: done\n"
                    "  input_schema:\n    type: object\n    required: [orderId]\n"
                    "    properties:\n      orderId: {type: string}\n"
                    "      amount: {type: number, minimum: 1}\n"
                    "  states:\n    done: {type: succeed}\n");
        }
        return f.fileName();
    }

private slots:
    void initTestCase() { QVERIFY(QFile::exists(QStringLiteral(SIGNALBOX_BINARY))); }

    void nonConformingInputExits3()
    {
        const QString db = m_dir.filePath(QStringLiteral("refused.db"));
        const Result r = runCli({"run", workflow(), "--input", "{\"amount\": 0}", "--db", db});
        QCOMPARE(r.code, 3);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("InvalidExecutionInput"), r.err.constData());
        QVERIFY2(r.err.contains("$: required"), r.err.constData());
        QVERIFY2(r.err.contains("orderId"), r.err.constData());
        QVERIFY2(r.err.contains("$.amount: minimum"), r.err.constData());
        // Nothing was started.
        const Result list = runCli({"list", "--db", db, "--json"});
        QCOMPARE(list.code, 0);
        QVERIFY2(!list.out.contains("orders"), list.out.constData());
    }

    void conformingInputRuns()
    {
        const QString db = m_dir.filePath(QStringLiteral("accepted.db"));
        const Result r = runCli(
            {"run", workflow(), "--input", "{\"orderId\": \"o-1\", \"amount\": 2}", "--db", db});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("SUCCEEDED"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliInputSchema)
#include "tst_cli_inputschema.moc"
