// The state-type table: every layer answers "what can this type do?" from the same row. For each
// type, the YAML reader, the graph controller (drawing a catch edge), the inspector (StateEditor)
// and the QML singleton (StateTypes) agree on whether it catches errors, and an approval's catch
// survives the YAML and ASL round trips (it is exported as a callback Task, which ASL lets catch).
#include "graphcontroller.h"
#include "seed.h"
#include "stateeditor.h"
#include "statetypesobject.h"
#include "workflowdocument.h"

#include "signalbox/codecs.h"
#include "signalbox/statetypes.h"
#include "signalbox/validator.h"

#include <QtTest>

using namespace Signalbox;

namespace {

bool hasDiagnostic(const Diagnostics &diags, const std::string &code, const std::string &text)
{
    for (const Diagnostic &d : diags.items()) {
        if (d.code == code && d.message.find(text) != std::string::npos)
            return true;
    }
    return false;
}

const char approvalWithCatch[] = R"(workflow:
  name: gate
  start_at: review
  states:
    review:
      type: wait_for_event
      prompt: Ship it?
      catch:
        - errors: [Approval.Rejected, States.Timeout]
          next: rejected
      timeout_seconds: 3600
      next: done
    rejected: {type: fail, error: Rejected}
    done: {type: succeed}
)";

} // namespace

class TestStateTypes : public QObject
{
    Q_OBJECT

private slots:
    void oneRowPerTypeInEnumOrder()
    {
        const auto &rows = stateTypeInfos();
        QCOMPARE(rows.size(), std::size_t(StateType::Fail) + 1);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(int(rows[i].type), int(i));
            QCOMPARE(stateTypeFromName(rows[i].yamlName), std::optional(rows[i].type));
            QCOMPARE(std::string(stateTypeName(rows[i].type)), std::string(rows[i].yamlName));
        }
        QCOMPARE(stateTypeNamesText(), std::string("task, choice, wait, wait_for_event, parallel, "
                                                   "map, pass, succeed or fail"));
        QCOMPARE(stateTypeFromAslName("Task"), std::optional(StateType::Task));
        QCOMPARE(stateTypeFromAslName("Activity"), std::nullopt);
    }

    // ASL: Retry and Catch belong to Task, Parallel and Map; wait_for_event is a callback Task.
    void capabilitiesFollowAsl()
    {
        for (const StateTypeInfo &row : stateTypeInfos()) {
            const std::string asl = row.aslName;
            const bool aslHandlesErrors = asl == "Task" || asl == "Parallel" || asl == "Map";
            QVERIFY2(!row.catches || aslHandlesErrors, row.yamlName);
            QVERIFY2(!row.retry || aslHandlesErrors, row.yamlName);
        }
        const StateTypeInfo &approval = stateTypeInfo(StateType::WaitForEvent);
        QCOMPARE(std::string(approval.aslName), std::string("Task"));
        QVERIFY(approval.catches);
        QVERIFY(!approval.retry);
        QVERIFY(stateTypeInfo(StateType::Task).catches);
        QVERIFY(stateTypeInfo(StateType::Parallel).catches);
        QVERIFY(stateTypeInfo(StateType::Map).catches);
        for (StateType t : {StateType::Choice, StateType::Wait, StateType::Pass, StateType::Succeed,
                            StateType::Fail})
            QVERIFY(!stateTypeInfo(t).catches);
    }

    void catchRuleAgreesEverywhere_data()
    {
        QTest::addColumn<int>("type");
        for (const StateTypeInfo &row : stateTypeInfos())
            QTest::newRow(row.yamlName) << int(row.type);
    }
    void catchRuleAgreesEverywhere()
    {
        QFETCH(int, type);
        const StateTypeInfo &row = stateTypeInfo(StateType(type));
        const QString name = QString::fromLatin1(row.yamlName);

        // The reader: `catch` is a field of the type, or an unknown field.
        const std::string yaml = std::string("workflow:\n  name: t\n  start_at: s\n  states:\n"
                                             "    s:\n      type: ")
                                 + row.yamlName
                                 + "\n      catch: [{errors: [States.ALL], next: handler}]\n"
                                   "    handler: {type: succeed}\n";
        Diagnostics read;
        const auto def = readYaml(yaml, "t.yaml", read);
        QVERIFY(def);
        const bool readerAllows = !hasDiagnostic(read, "unknown-field", "'catch'");
        QCOMPARE(readerAllows, row.catches);
        QCOMPARE(def->machine.states.front().catchRules.empty(), !row.catches);

        // The graph controller: drawing a catch edge from a new state of the type.
        WorkflowDocument doc;
        QVERIFY(doc.loadText(QString::fromUtf8(seedYaml), {}));
        GraphController controller;
        controller.setDocument(&doc);
        const QString added = controller.addState(name, 1200, 200);
        QVERIFY(!added.isEmpty());
        QCOMPARE(controller.connectStates(added, QStringLiteral("create-shipment"),
                                          QStringLiteral("catch")),
                 row.catches);

        // The inspector and QML.
        StateEditor editor;
        editor.setController(&controller);
        controller.select(added);
        QCOMPARE(editor.fields().value(QStringLiteral("canCatch")).toBool(), row.catches);
        QCOMPARE(StateTypesObject().canCatch(name), row.catches);
        QCOMPARE(StateTypesObject().canRetry(name), row.retry);
        QCOMPARE(editor.fields().value(QStringLiteral("canRetry")).toBool(), row.retry);

        // What was drawn reads back: the saved YAML has the catch and no problem with it.
        Diagnostics reread;
        const auto saved = readYaml(doc.yamlText().toStdString(), "saved.yaml", reread);
        QVERIFY(saved);
        QVERIFY2(!hasDiagnostic(reread, "unknown-field", "'catch'"), reread.formatAll().c_str());
        const State *s = findStateRecursive(saved->machine, added.toStdString());
        QVERIFY(s);
        QCOMPARE(s->catchRules.size(), std::size_t(row.catches ? 1 : 0));
        if (row.catches)
            QCOMPARE(s->catchRules.front().next, std::string("create-shipment"));
    }

    void approvalCatchExportsAsTaskCatch()
    {
        Diagnostics diags;
        const auto def = readYaml(approvalWithCatch, "gate.yaml", diags);
        QVERIFY(def);
        validateDefinition(*def, diags);
        QVERIFY2(!diags.hasErrors(), diags.formatAll().c_str());

        const auto asl = writeAsl(*def, diags);
        QVERIFY2(asl, diags.formatAll().c_str());
        const Json j = Json::parse(*asl);
        const Json &review = j["States"]["review"];
        QCOMPARE(review["Type"].get<std::string>(), std::string("Task"));
        QCOMPARE(review["Catch"][0]["Next"].get<std::string>(), std::string("rejected"));
        QVERIFY(!review.contains("Retry"));

        Diagnostics back;
        const auto imported = readAsl(*asl, "gate.asl.json", back);
        QVERIFY2(imported && !back.hasErrors(), back.formatAll().c_str());
        const State *s = imported->machine.find("review");
        QVERIFY(s);
        QCOMPARE(s->type, StateType::WaitForEvent);
        QCOMPARE(s->catchRules, def->machine.find("review")->catchRules);
    }

    // An approval takes no retry in any form: the YAML reader, the ASL reader and the validator
    // (for definitions built in code) all say so.
    void approvalRetryIsRefusedEverywhere()
    {
        Diagnostics yaml;
        readYaml("workflow:\n  name: t\n  start_at: s\n  states:\n"
                 "    s: {type: wait_for_event, retry: {attempts: 2}, end: true}\n",
                 "t.yaml", yaml);
        QVERIFY(hasDiagnostic(yaml, "unknown-field", "'retry'"));

        Diagnostics diags;
        auto def = readYaml(approvalWithCatch, "gate.yaml", diags);
        QVERIFY(def);
        const auto asl = writeAsl(*def, diags);
        QVERIFY(asl);
        Json j = Json::parse(*asl);
        j["States"]["review"]["Retry"] = Json::array({{{"ErrorEquals", {"States.Timeout"}}}});
        Diagnostics imported;
        readAsl(j.dump(2), "gate.asl.json", imported);
        QVERIFY2(hasDiagnostic(imported, "asl-unsupported", "takes no retry"),
                 imported.formatAll().c_str());

        State &review = def->machine.states.front();
        review.retry.push_back(RetryPolicy());
        Diagnostics validated;
        validateDefinition(*def, validated);
        QVERIFY(hasDiagnostic(validated, "unknown-field", "no 'retry'"));
        Diagnostics exported;
        QVERIFY(!writeAsl(*def, exported));
    }

    void yamlKeysComeFromTheRow()
    {
        const std::vector<std::string> keys = stateYamlKeys(StateType::WaitForEvent);
        auto has = [&keys](const char *k) {
            return std::find(keys.begin(), keys.end(), k) != keys.end();
        };
        QVERIFY(has("catch"));
        QVERIFY(has("timeout_seconds"));
        QVERIFY(!has("retry"));
        QVERIFY(!has("heartbeat_seconds"));
        const std::vector<std::string> fail = stateYamlKeys(StateType::Fail);
        QCOMPARE(fail, (std::vector<std::string>{"type", "comment", "error", "cause", "error_path",
                                                 "cause_path"}));
    }

    void singletonLooksComeFromDiagramStyle()
    {
        StateTypesObject types;
        const QVariantList all = types.all();
        QCOMPARE(all.size(), qsizetype(stateTypeInfos().size()));
        QCOMPARE(all.at(3).toMap().value(QStringLiteral("type")).toString(),
                 QStringLiteral("wait_for_event"));
        QCOMPARE(all.at(3).toMap().value(QStringLiteral("label")).toString(),
                 QStringLiteral("Approval"));
        QCOMPARE(types.color(QStringLiteral("task")), QColor(0x25, 0x63, 0xeb));
        QCOMPARE(types.shape(QStringLiteral("choice")), QStringLiteral("diamond"));
        QCOMPARE(types.shape(QStringLiteral("fail")), QStringLiteral("terminal"));
        QVERIFY(types.iterates(QStringLiteral("map")));
        QVERIFY(types.hasBranches(QStringLiteral("parallel")));
        QVERIFY(!types.hasOutput(QStringLiteral("succeed")));
        QVERIFY(types.hasOutput(QStringLiteral("choice")));
        QVERIFY(!types.hasNext(QStringLiteral("choice")));
        QVERIFY(types.hasSection(QStringLiteral("wait_for_event"), QStringLiteral("event")));
        QVERIFY(!types.canCatch(QStringLiteral("no-such-type")));
    }
};

QTEST_MAIN(TestStateTypes)
#include "tst_statetypes.moc"
