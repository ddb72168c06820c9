// The YAML reader, writer and validator: every example loads cleanly and round-trips; every file
// in tests/data/invalid produces the diagnostic its first line announces
// ("# expect: LINE:COL severity code [message part]"); hostile input fails fast with an error.
#include "signalbox/codecs.h"
#include "signalbox/validator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Signalbox;

namespace {

QString dataDir(const QString &sub)
{
    return QStringLiteral(SIGNALBOX_TEST_DATA "/") + sub;
}

QStringList validFiles()
{
    QStringList files;
    for (const QString &dir : {QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples"),
                               dataDir(QStringLiteral("valid"))}) {
        for (const QFileInfo &fi : QDir(dir).entryInfoList({QStringLiteral("*.yaml")}, QDir::Files))
            files << fi.absoluteFilePath();
    }
    return files;
}

std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

Diagnostics readAndValidate(const std::string &text, std::optional<Definition> *out = nullptr)
{
    Diagnostics diags;
    auto def = readYaml(text, "test.yaml", diags);
    if (def)
        validateDefinition(*def, diags);
    if (out)
        *out = def;
    return diags;
}

} // namespace

class TestYaml : public QObject
{
    Q_OBJECT

private slots:
    void validFilesHaveNoErrors_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &f : validFiles())
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    }
    void validFilesHaveNoErrors()
    {
        QFETCH(QString, path);
        Diagnostics diags;
        auto def = loadDefinitionFile(path.toStdString(), diags);
        QVERIFY2(def, diags.formatAll().c_str());
        validateDefinition(*def, diags);
        QVERIFY2(!diags.hasErrors(), diags.formatAll().c_str());
        QVERIFY(!def->machine.states.empty());
        QCOMPARE(def->sourceFile, QFileInfo(path).absoluteFilePath().toStdString());
    }

    void roundTrip_data() { validFilesHaveNoErrors_data(); }
    void roundTrip()
    {
        QFETCH(QString, path);
        const std::string text = readAll(path);
        Diagnostics d1;
        auto first = readYaml(text, "a.yaml", d1);
        QVERIFY(first);
        const std::string written = writeYaml(*first);
        Diagnostics d2;
        auto second = readYaml(written, "b.yaml", d2);
        QVERIFY2(second, d2.formatAll().c_str());
        QVERIFY2(*first == *second, written.c_str());
        // Writing is stable: the second write gives the same text as the first.
        QCOMPARE(QString::fromStdString(writeYaml(*second)), QString::fromStdString(written));
    }

    void examplesAreInCanonicalForm_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &f : validFiles())
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    }
    void examplesAreInCanonicalForm()
    {
        // Saving an unchanged file must not rewrite it: the examples (and the seed) are stored in
        // the writer's canonical form.
        QFETCH(QString, path);
        const std::string text = readAll(path);
        Diagnostics diags;
        auto def = readYaml(text, "x.yaml", diags);
        QVERIFY(def);
        QCOMPARE(QString::fromStdString(writeYaml(*def)), QString::fromStdString(text));
    }

    void seedModel()
    {
        Diagnostics diags;
        auto def = loadDefinitionFile(SIGNALBOX_TEST_DATA "/valid/seed-order-approval.yaml", diags);
        QVERIFY(def);
        QCOMPARE(def->name, std::string("order-approval"));
        QCOMPARE(def->machine.startAt, std::string("validate-order"));
        QCOMPARE(def->machine.states.size(), size_t(5));
        const State *choice = def->machine.find("needs-review");
        QVERIFY(choice);
        QCOMPARE(choice->type, StateType::Choice);
        QCOMPARE(choice->choices.size(), size_t(1));
        QCOMPARE(choice->choices[0].next, std::string("wait-for-review"));
        QCOMPARE(choice->choices[0].condition.kind, Condition::Kind::Test);
        QCOMPARE(choice->choices[0].condition.variable, std::string("$.requiresManualReview"));
        QCOMPARE(choice->defaultNext, std::string("charge-payment"));
        const State *charge = def->machine.find("charge-payment");
        QCOMPARE(charge->retry.size(), size_t(1));
        QCOMPARE(charge->retry[0].attempts, 3);
        QCOMPARE(charge->retry[0].backoff, RetryPolicy::Backoff::Exponential);
        QVERIFY(def->machine.find("create-shipment")->end);
        QCOMPARE(def->machine.find("wait-for-review")->effectiveEvent(),
                 std::string("wait-for-review"));
        QCOMPARE(def->machine.find("wait-for-review")->eventKind, std::string("approval"));
    }

    void invalidFixtures_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(dataDir(QStringLiteral("invalid")));
        for (const QFileInfo &fi : dir.entryInfoList({QStringLiteral("*.yaml")}, QDir::Files))
            QTest::newRow(qPrintable(fi.fileName())) << fi.absoluteFilePath();
        QVERIFY(dir.entryList({QStringLiteral("*.yaml")}).size() >= 25);
    }
    void invalidFixtures()
    {
        QFETCH(QString, path);
        const std::string text = readAll(path);
        static const QRegularExpression expectRe(
            QStringLiteral("^# expect: (\\d+)(?::(\\d+))? (error|warning) (\\S+) ?(.*)$"));
        const QString firstLine = QString::fromUtf8(text.substr(0, text.find('\n')).c_str());
        const auto m = expectRe.match(firstLine);
        QVERIFY2(m.hasMatch(), "fixture must start with '# expect: LINE:COL severity code'");
        const int line = m.captured(1).toInt();
        const int column = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
        const bool isError = m.captured(3) == QLatin1String("error");
        const std::string code = m.captured(4).toStdString();
        const std::string part = m.captured(5).toStdString();

        Diagnostics diags = readAndValidate(text);
        bool found = false;
        for (const Diagnostic &d : diags.items()) {
            if (d.code == code && d.location.line == line
                && (column == 0 || d.location.column == column)
                && (d.severity == Diagnostic::Severity::Error) == isError
                && d.message.find(part) != std::string::npos) {
                found = true;
                QCOMPARE(d.location.file, std::string("test.yaml"));
            }
        }
        QVERIFY2(found,
                 ("expected " + firstLine.toStdString() + "\ngot:\n" + diags.formatAll()).c_str());
        // A warning-only fixture must not report errors; an error fixture must.
        QCOMPARE(diags.hasErrors(), isError);
    }

    void diagnosticsAreCollectedNotThrown()
    {
        // Three independent problems in one file: all three are reported in one pass.
        const std::string text = "workflow:\n"
                                 "  name: many\n"
                                 "  start_at: a\n"
                                 "  states:\n"
                                 "    a:\n"
                                 "      type: pass\n"
                                 "      colour: red\n"
                                 "      next: nowhere\n"
                                 "    b:\n"
                                 "      type: wait\n"
                                 "      end: true\n";
        Diagnostics diags = readAndValidate(text);
        QStringList codes;
        for (const Diagnostic &d : diags.items())
            codes << QString::fromStdString(d.code);
        QVERIFY2(codes.contains(QStringLiteral("unknown-field")), qPrintable(codes.join(',')));
        QVERIFY(codes.contains(QStringLiteral("unknown-state")));
        QVERIFY(codes.contains(QStringLiteral("missing-field")));
        QVERIFY(codes.contains(QStringLiteral("unreachable")));
    }

    void formatIsFileLineColumn()
    {
        Diagnostic d{Diagnostic::Severity::Error, "x", {"flow.yaml", 3, 7}, "bad thing", {}};
        QCOMPARE(QString::fromStdString(d.format()),
                 QStringLiteral("flow.yaml:3:7: error: bad thing"));
        d.severity = Diagnostic::Severity::Warning;
        d.location = {"flow.yaml", 0, 0};
        QCOMPARE(QString::fromStdString(d.format()),
                 QStringLiteral("flow.yaml: warning: bad thing"));
    }

    void hostileInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QByteArray deepFlow = "workflow: " + QByteArray(5000, '[') + QByteArray(5000, ']') + "\n";
        QTest::newRow("deep flow nesting") << deepFlow << "too-deep";
        QByteArray deepBlock = "workflow:\n";
        for (int i = 1; i < 300; ++i)
            deepBlock += QByteArray(i * 2, ' ') + "k" + QByteArray::number(i) + ":\n";
        QTest::newRow("deep block nesting") << deepBlock << "too-deep";
        QByteArray dashes = "workflow:\n  layout:\n    " + QByteArray("- ").repeated(200) + "x\n";
        QTest::newRow("nested dashes") << dashes << "too-deep";
        // "Billion laughs": each level doubles tenfold through aliases.
        QByteArray laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; ++c) {
            laughs += QByteArray(1, c) + ": &" + c + " [";
            for (int i = 0; i < 10; ++i)
                laughs += QByteArray(i ? ", *" : "*") + prev;
            laughs += "]\n";
            prev = c;
        }
        laughs += "workflow:\n  name: bomb\n  start_at: s\n  layout: *j\n  states:\n"
                  "    s: {type: succeed}\n";
        QTest::newRow("alias bomb") << laughs << "too-large";
        QTest::newRow("huge file") << QByteArray(2 * 1024 * 1024, 'x') << "too-large";
        QTest::newRow("binary") << QByteArray("\x7f"
                                              "ELF\x02\x01\x01\0\0\0",
                                              10)
                                << "binary";
        QTest::newRow("not utf-8") << QByteArray("workflow:\n  name: \xc3\x28\n") << "encoding";
        QTest::newRow("empty") << QByteArray() << "not-a-workflow";
        QTest::newRow("scalar") << QByteArray("just text") << "not-a-workflow";
        QTest::newRow("unclosed flow") << QByteArray("workflow: {name: x\n") << "yaml-syntax";
        QTest::newRow("tabs") << QByteArray("workflow:\n\tname: x\n") << "yaml-syntax";
        QTest::newRow("bad alias") << QByteArray("workflow: *nothing\n") << "yaml-syntax";
    }
    void hostileInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        QElapsedTimer timer;
        timer.start();
        Diagnostics diags;
        auto def = readYaml(text.toStdString(), "hostile.yaml", diags);
        if (def)
            validateDefinition(*def, diags);
        QVERIFY2(diags.hasErrors(), "hostile input must be rejected");
        bool found = false;
        for (const Diagnostic &d : diags.items())
            found = found || d.code == code.toStdString();
        QVERIFY2(found, diags.formatAll().c_str());
    }

    void randomJunkNeverCrashes()
    {
        // A deterministic stream of mutated examples: reading must always return (no crash, no
        // exception escaping), and anything it accepts must write back out.
        const std::string seed
            = readAll(QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/media-fanout.yaml"));
        QVERIFY(!seed.empty());
        quint32 state = 12345;
        auto next = [&state]() {
            state = state * 1664525u + 1013904223u;
            return state >> 8;
        };
        const char alphabet[] = "{}[]:,-&*!|>'\"#\n $.ab0";
        for (int round = 0; round < 400; ++round) {
            std::string text = seed;
            const int edits = 1 + int(next() % 6);
            for (int e = 0; e < edits; ++e) {
                const size_t pos = next() % text.size();
                switch (next() % 3) {
                case 0:
                    text[pos] = alphabet[next() % (sizeof(alphabet) - 1)];
                    break;
                case 1:
                    text.erase(pos, 1 + next() % 8);
                    break;
                default:
                    text.insert(pos, 1, alphabet[next() % (sizeof(alphabet) - 1)]);
                    break;
                }
                if (text.empty())
                    text = "x";
            }
            Diagnostics diags;
            auto def = readYaml(text, "fuzz.yaml", diags);
            if (def) {
                validateDefinition(*def, diags);
                (void)writeYaml(*def);
            }
        }
    }

    void writerQuotesAmbiguousStrings()
    {
        Definition def;
        def.name = "true";
        def.machine.startAt = "123";
        State s;
        s.name = "123";
        s.type = StateType::Pass;
        s.end = true;
        s.result = Json{{"text", "null"}, {"n", 1.5}, {"empty", ""}, {"yes", "yes: no"}};
        def.machine.states.push_back(s);
        Diagnostics diags;
        auto back = readYaml(writeYaml(def), "q.yaml", diags);
        QVERIFY2(back, diags.formatAll().c_str());
        QCOMPARE(back->name, std::string("true"));
        QCOMPARE(back->machine.states[0].name, std::string("123"));
        QCOMPARE(back->machine.states[0].result->dump(), s.result->dump());
    }
};

QTEST_GUILESS_MAIN(TestYaml)
#include "tst_yaml.moc"
