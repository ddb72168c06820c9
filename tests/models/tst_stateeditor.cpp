// StateEditor: inspector fields per type, one undo step per edit, retry preview, expressions.
#include "graphcontroller.h"
#include "seed.h"
#include "stateeditor.h"
#include "workflowdocument.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

class TestStateEditor : public QObject
{
    Q_OBJECT

    WorkflowDocument *m_doc = nullptr;
    GraphController *m_controller = nullptr;
    StateEditor *m_editor = nullptr;

private slots:
    void init()
    {
        m_doc = new WorkflowDocument(this);
        m_doc->loadText(QString::fromUtf8(seedYaml), {});
        m_controller = new GraphController(this);
        m_controller->setDocument(m_doc);
        m_editor = new StateEditor(this);
        m_editor->setController(m_controller);
    }
    void cleanup()
    {
        delete m_editor;
        delete m_controller;
        delete m_doc;
    }

    void followsTheSelection()
    {
        QSignalSpy fields(m_editor, &StateEditor::fieldsChanged);
        QVERIFY(m_editor->fields().isEmpty());
        m_controller->select("charge-payment");
        QCOMPARE(fields.count(), 1);
        QCOMPARE(m_editor->stateName(), QStringLiteral("charge-payment"));
        const QVariantMap f = m_editor->fields();
        QCOMPARE(f["type"].toString(), QStringLiteral("task"));
        QCOMPARE(f["next"].toString(), QStringLiteral("create-shipment"));
        QCOMPARE(f["hasRetry"].toBool(), true);
        QCOMPARE(f["attempts"].toInt(), 3);
        QCOMPARE(f["backoff"].toString(), QStringLiteral("exponential"));
    }

    void retryPreview()
    {
        m_controller->select("charge-payment");
        QCOMPARE(m_editor->retryPreview(),
                 QStringLiteral("Attempt 1 at once, attempt 2 after 1 s, attempt 3 after 2 s; "
                                "at most 3 s of waiting"));
        QCOMPARE(m_editor->setField("attempts", 4), QString());
        QCOMPARE(m_editor->retryPreview(),
                 QStringLiteral("Attempt 1 at once, attempt 2 after 1 s, attempt 3 after 2 s, "
                                "attempt 4 after 4 s; at most 7 s of waiting"));
        QCOMPARE(m_doc->undoStack()->count(), 1);
        m_doc->undo();
        QCOMPARE(m_editor->fields()["attempts"].toInt(), 3);
    }

    void editsAreUndoSteps()
    {
        m_controller->select("validate-order");
        QCOMPARE(m_editor->setField("comment", "Check the order"), QString());
        QCOMPARE(m_editor->setField("command", "sh scripts/validate.sh --strict"), QString());
        QCOMPARE(m_editor->setField("timeoutSeconds", "30"), QString());
        QCOMPARE(m_doc->undoStack()->count(), 3);
        const State *s = m_doc->state("validate-order");
        QCOMPARE(s->comment, std::string("Check the order"));
        QCOMPARE(s->run.kind, Executor::Kind::Command);
        QCOMPARE(s->run.argv, (std::vector<std::string>{"sh", "scripts/validate.sh", "--strict"}));
        QCOMPARE(s->timeoutSeconds, std::optional<int>(30));
        QCOMPARE(m_editor->fields()["command"].toString(),
                 QStringLiteral("sh scripts/validate.sh --strict"));
        // Setting the same value again is not an edit.
        QCOMPARE(m_editor->setField("comment", "Check the order"), QString());
        QCOMPARE(m_doc->undoStack()->count(), 3);
        QVERIFY(!m_editor->setField("next", "nowhere").isEmpty());
    }

    void nextAndEnd()
    {
        m_controller->select("create-shipment");
        QCOMPARE(m_editor->setField("next", "validate-order"), QString());
        QCOMPARE(m_doc->state("create-shipment")->end, false);
        QCOMPARE(m_editor->setField("next", ""), QString());
        QCOMPARE(m_doc->state("create-shipment")->end, true);
        QVERIFY(m_doc->state("create-shipment")->next.empty());
    }

    void renameThroughTheInspector()
    {
        m_controller->select("wait-for-review");
        QCOMPARE(m_editor->setField("name", "review"), QString());
        QCOMPARE(m_editor->stateName(), QStringLiteral("review"));
        QCOMPARE(m_doc->state("needs-review")->choices.at(0).next, std::string("review"));
    }

    void choiceRules()
    {
        m_controller->select("needs-review");
        QCOMPARE(m_editor->fields()["choices"].toList().size(), 1);
        QVERIFY(!m_editor->checkExpression("$.amount >").isEmpty());
        QCOMPARE(m_editor->checkExpression("$.amount > 1000 and not $.vip"), QString());
        QVERIFY(!m_editor->setChoiceRule(0, "$.amount >", "wait-for-review").isEmpty());
        QCOMPARE(m_doc->undoStack()->count(), 0);
        QCOMPARE(m_editor->setChoiceRule(0, "$.amount > 1000", "wait-for-review"), QString());
        QCOMPARE(m_doc->state("needs-review")->choices.at(0).text, std::string("$.amount > 1000"));
        m_editor->addChoiceRule();
        QCOMPARE(m_doc->state("needs-review")->choices.size(), size_t(2));
        m_editor->removeChoiceRule(1);
        QCOMPARE(m_doc->state("needs-review")->choices.size(), size_t(1));
        QCOMPARE(m_doc->undoStack()->count(), 3);
    }

    void waitAndApprovalFields()
    {
        m_controller->select("wait-for-review");
        QCOMPARE(m_editor->setField("prompt", "Approve order {{$.id}}?"), QString());
        QCOMPARE(m_doc->state("wait-for-review")->prompt, std::string("Approve order {{$.id}}?"));
        const QString wait = m_controller->addState("wait", 0, 0);
        QCOMPARE(m_editor->stateName(), wait);
        QVERIFY(!m_editor->setField("seconds", "soon").isEmpty());
        QCOMPARE(m_editor->setField("seconds", "90"), QString());
        QCOMPARE(m_doc->state(wait)->seconds, std::optional<double>(90));
    }

    void retryPolicies()
    {
        m_controller->select("charge-payment");
        QSignalSpy fields(m_editor, &StateEditor::fieldsChanged);
        QSignalSpy changed(m_doc, &WorkflowDocument::stateChanged);
        // The seed's one policy catches States.ALL, so a new one goes before it (ALL stays last).
        m_editor->addRetry();
        QCOMPARE(fields.count(), 1);
        QCOMPARE(changed.count(), 1);
        const State *s = m_doc->state("charge-payment");
        QCOMPARE(s->retry.size(), size_t(2));
        QCOMPARE(s->retry.at(0).errors, std::vector<std::string>{"States.TaskFailed"});
        QCOMPARE(s->retry.at(1).errors, std::vector<std::string>{"States.ALL"});

        QCOMPARE(
            m_editor->setRetryField(0, "errors", QStringList{"States.Timeout", "Task.ExitCode"}),
            QString());
        QCOMPARE(m_editor->setRetryField(0, "attempts", 5), QString());
        QCOMPARE(m_editor->setRetryField(0, "backoff", "linear"), QString());
        QCOMPARE(m_editor->setRetryField(0, "intervalSeconds", "2"), QString());
        QCOMPARE(m_editor->setRetryField(0, "maxDelaySeconds", "5"), QString());
        QCOMPARE(m_editor->setRetryField(0, "jitter", "full"), QString());
        QCOMPARE(m_editor->setRetryField(1, "backoffRate", "1.5"), QString());
        QCOMPARE(fields.count(), 8);
        QCOMPARE(changed.count(), 8);
        // Invalid values change nothing and say why.
        QVERIFY(!m_editor->setRetryField(0, "errors", "States.ALL, States.Timeout").isEmpty());
        QVERIFY(!m_editor->setRetryField(0, "attempts", 0).isEmpty());
        QVERIFY(!m_editor->setRetryField(0, "backoffRate", "0.5").isEmpty());
        QVERIFY(!m_editor->setRetryField(0, "intervalSeconds", "soon").isEmpty());
        QVERIFY(!m_editor->setRetryField(7, "attempts", 2).isEmpty());
        QCOMPARE(changed.count(), 8);
        QCOMPARE(m_doc->undoStack()->count(), 8);

        s = m_doc->state("charge-payment");
        const RetryPolicy &p = s->retry.at(0);
        QCOMPARE(p.errors, (std::vector<std::string>{"States.Timeout", "Task.ExitCode"}));
        QCOMPARE(p.attempts, 5);
        QCOMPARE(p.backoff, RetryPolicy::Backoff::Linear);
        QCOMPARE(p.intervalSeconds, 2.0);
        QCOMPARE(p.maxDelaySeconds, std::optional<double>(5));
        QCOMPARE(p.jitter, RetryPolicy::Jitter::Full);
        QCOMPARE(s->retry.at(1).backoffRate, 1.5);

        // Each policy has its own preview; linear 2 s, 4 s, 6 s capped at 5 s.
        const QVariantList retries = m_editor->fields()["retries"].toList();
        QCOMPARE(retries.size(), 2);
        QCOMPARE(retries.at(0).toMap()["errors"].toStringList(),
                 (QStringList{"States.Timeout", "Task.ExitCode"}));
        QCOMPARE(retries.at(0).toMap()["jitter"].toString(), QStringLiteral("full"));
        QCOMPARE(retries.at(0).toMap()["preview"].toString(),
                 QStringLiteral("Attempt 1 at once, attempt 2 after 2 s, attempt 3 after 4 s, "
                                "attempt 4 after 5 s, attempt 5 after 5 s; at most 16 s of "
                                "waiting"));

        // The YAML pane shows the list.
        QVERIFY(m_doc->yamlText().contains("- errors: [States.Timeout, Task.ExitCode]"));
        QVERIFY(m_doc->yamlText().contains("jitter: full"));

        m_editor->moveRetry(1, 0);
        QCOMPARE(m_doc->state("charge-payment")->retry.at(0).errors,
                 std::vector<std::string>{"States.ALL"});
        m_editor->moveRetry(0, 5); // out of range: nothing
        QCOMPARE(m_doc->undoStack()->count(), 9);
        m_editor->removeRetry(0);
        QCOMPARE(m_doc->state("charge-payment")->retry.size(), size_t(1));
        QCOMPARE(changed.count(), 10);

        // Undo walks back one edit at a time, to the seed's single policy.
        m_doc->undo();
        QCOMPARE(m_doc->state("charge-payment")->retry.size(), size_t(2));
        while (m_doc->canUndo())
            m_doc->undo();
        QCOMPARE(m_doc->state("charge-payment")->retry.size(), size_t(1));
        const RetryPolicy seedPolicy{
            {"States.ALL"}, 3, RetryPolicy::Backoff::Exponential, 1.0, 2.0, {}, {}, {}};
        QVERIFY(m_doc->state("charge-payment")->retry.at(0) == seedPolicy);
    }

    void catchers()
    {
        const QString failed = m_controller->addState("fail", 0, 400);
        m_controller->select("charge-payment");
        QSignalSpy changed(m_doc, &WorkflowDocument::stateChanged);
        m_editor->addCatch();
        m_editor->addCatch();
        QCOMPARE(changed.count(), 2);
        const State *s = m_doc->state("charge-payment");
        QCOMPARE(s->catchRules.size(), size_t(2));
        // The first catches everything and goes to the fail state; the second is put before it.
        QCOMPARE(s->catchRules.at(1).errors, std::vector<std::string>{"States.ALL"});
        QCOMPARE(s->catchRules.at(1).next, failed.toStdString());
        QCOMPARE(s->catchRules.at(0).errors, std::vector<std::string>{"States.TaskFailed"});

        QCOMPARE(m_editor->setCatchField(0, "next", "create-shipment"), QString());
        QCOMPARE(m_editor->setCatchField(0, "resultPath", "$.error"), QString());
        QCOMPARE(m_editor->setCatchField(1, "resultPath", "null"), QString());
        QCOMPARE(m_editor->setCatchField(0, "errors", "Task.ExitCode, States.Timeout"), QString());
        QVERIFY(!m_editor->setCatchField(0, "next", "nowhere").isEmpty());
        QVERIFY(!m_editor->setCatchField(0, "resultPath", "$.items[*]").isEmpty());
        QCOMPARE(changed.count(), 6);
        s = m_doc->state("charge-payment");
        QCOMPARE(s->catchRules.at(0).next, std::string("create-shipment"));
        QCOMPARE(s->catchRules.at(0).resultPath, std::optional<Json>(Json("$.error")));
        QCOMPARE(s->catchRules.at(1).resultPath, std::optional<Json>(Json(nullptr)));
        QCOMPARE(s->catchRules.at(0).errors,
                 (std::vector<std::string>{"Task.ExitCode", "States.Timeout"}));
        const QVariantList list = m_editor->fields()["catchers"].toList();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).toMap()["resultPath"].toString(), QStringLiteral("$.error"));
        QCOMPARE(list.at(1).toMap()["resultPath"].toString(), QStringLiteral("null"));
        // The catch edges follow.
        int catchEdges = 0;
        for (const EdgesModel::Edge &e : m_controller->edges()->edges())
            catchEdges += e.from == "charge-payment" && e.kind == EdgesModel::Kind::Catch;
        QCOMPARE(catchEdges, 2);

        m_editor->moveCatch(0, 1);
        QCOMPARE(m_doc->state("charge-payment")->catchRules.at(1).next,
                 std::string("create-shipment"));
        m_editor->removeCatch(0);
        QCOMPARE(m_doc->state("charge-payment")->catchRules.size(), size_t(1));
        QCOMPARE(changed.count(), 8);
        m_doc->undo();
        m_doc->undo();
        QCOMPARE(m_doc->state("charge-payment")->catchRules.at(0).next,
                 std::string("create-shipment"));

        // An approval's first catcher handles a rejection.
        m_controller->select("wait-for-review");
        m_editor->addCatch();
        QCOMPARE(m_doc->state("wait-for-review")->catchRules.at(0).errors,
                 std::vector<std::string>{"Approval.Rejected"});
    }

    void approvalForm()
    {
        m_controller->select("wait-for-review");
        QSignalSpy fields(m_editor, &StateEditor::fieldsChanged);
        QSignalSpy changed(m_doc, &WorkflowDocument::stateChanged);
        m_editor->addFormField();
        m_editor->addFormField();
        QCOMPARE(changed.count(), 2);
        QCOMPARE(fields.count(), 2);
        QCOMPARE(m_doc->state("wait-for-review")->form.size(), size_t(2));
        QCOMPARE(m_doc->state("wait-for-review")->form.at(1).name, std::string("field2"));

        QCOMPARE(m_editor->setFormField(0, "name", "window"), QString());
        QCOMPARE(m_editor->setFormField(0, "label", "Deployment window"), QString());
        QCOMPARE(m_editor->setFormField(0, "type", "choice"), QString());
        QCOMPARE(m_editor->setFormField(0, "options", QStringList{"now", "tonight"}), QString());
        QCOMPARE(m_editor->setFormField(0, "required", true), QString());
        QCOMPARE(m_editor->setFormField(1, "type", "number"), QString());
        QVERIFY(!m_editor->setFormField(1, "name", "window").isEmpty()); // taken
        QVERIFY(!m_editor->setFormField(1, "name", "2nd").isEmpty());
        QVERIFY(!m_editor->setFormField(1, "type", "date").isEmpty());
        QCOMPARE(changed.count(), 8);
        QCOMPARE(m_doc->undoStack()->count(), 8);

        const FormField &f = m_doc->state("wait-for-review")->form.at(0);
        const FormField expected{"window", "choice", "Deployment window", true, {"now", "tonight"}};
        QVERIFY(f == expected);
        const QVariantMap shown = m_editor->fields()["form"].toList().at(0).toMap();
        QCOMPARE(shown["options"].toStringList(), (QStringList{"now", "tonight"}));
        QCOMPARE(shown["required"].toBool(), true);
        QVERIFY(m_doc->yamlText().contains("options:"));
        QVERIFY(m_doc->yamlText().contains("label: Deployment window"));

        // Changing the type away from choice drops the options.
        QCOMPARE(m_editor->setFormField(0, "type", "string"), QString());
        QVERIFY(m_doc->state("wait-for-review")->form.at(0).options.empty());
        m_doc->undo();
        QCOMPARE(m_doc->state("wait-for-review")->form.at(0).options.size(), size_t(2));

        m_editor->moveFormField(1, 0);
        QCOMPARE(m_doc->state("wait-for-review")->form.at(1).name, std::string("window"));
        m_editor->removeFormField(0);
        QCOMPARE(m_doc->state("wait-for-review")->form.size(), size_t(1));
        m_doc->undo();
        m_doc->undo();
        QCOMPARE(m_doc->state("wait-for-review")->form.at(0).name, std::string("window"));
    }

    void dataFlowFields()
    {
        m_controller->select("charge-payment");
        QCOMPARE(
            m_editor->fields()["dataFlow"].toStringList(),
            (QStringList{"inputPath", "parameters", "resultSelector", "resultPath", "outputPath"}));
        QCOMPARE(m_editor->checkPath("$.order.items[0]"), QString());
        QVERIFY(!m_editor->checkPath("$.order..").isEmpty());
        QVERIFY(!m_editor->checkPath("$.items[*]", true).isEmpty());
        QCOMPARE(m_editor->checkTemplate("{\"id.$\": \"$.order.id\", \"n\": 1}"), QString());
        QVERIFY(m_editor->checkTemplate("{\"id.$\": \"$.order[\"}").startsWith("id.$"));
        QVERIFY(!m_editor->checkTemplate("{\"t.$\": \"States.Format('x'\"}").isEmpty());
        QVERIFY(!m_editor->checkTemplate("[1, 2]").isEmpty());
        QVERIFY(!m_editor->checkTemplate("{oops").isEmpty());
        // Hostile JSON is a message, not an abort: 1e999 (nlohmann throws out_of_range, which
        // is no parse_error) and nesting past the reader's limit.
        QVERIFY(m_editor->checkJson("{\"n\": 1e999}").contains("out of range"));
        QVERIFY(m_editor->checkTemplate("{\"n\": 1e999}").contains("out of range"));
        QVERIFY(!m_editor->checkJson(QString(600, QLatin1Char('[')) + QString(600, QLatin1Char(']')))
                     .isEmpty());
        QVERIFY(!m_editor->setField("mock", "{\"n\": 1e999}").isEmpty());
        QVERIFY(!m_editor->setField("parameters", "{\"n\": 1e999}").isEmpty());

        QSignalSpy changed(m_doc, &WorkflowDocument::stateChanged);
        QCOMPARE(m_editor->setField("inputPath", "$.order"), QString());
        QCOMPARE(m_editor->setField("parameters", "{\"amount.$\": \"$.total\"}"), QString());
        QCOMPARE(m_editor->setField("resultSelector", "{\"id.$\": \"$.paymentId\"}"), QString());
        QCOMPARE(m_editor->setField("resultPath", "$.payment"), QString());
        QCOMPARE(m_editor->setField("outputPath", "null"), QString());
        QCOMPARE(m_editor->setField("mock", "{\"paymentId\": \"p-1\"}"), QString());
        QVERIFY(!m_editor->setField("resultPath", "$.a[*]").isEmpty());
        QVERIFY(!m_editor->setField("parameters", "{\"x.$\": 5}").isEmpty());
        QCOMPARE(changed.count(), 6);
        const State *s = m_doc->state("charge-payment");
        QCOMPARE(s->inputPath, std::optional<Json>(Json("$.order")));
        QCOMPARE(*s->parameters, Json::parse("{\"amount.$\": \"$.total\"}"));
        QCOMPARE(s->resultPath, std::optional<Json>(Json("$.payment")));
        QCOMPARE(s->outputPath, std::optional<Json>(Json(nullptr)));
        QCOMPARE(*s->mock, Json::parse("{\"paymentId\": \"p-1\"}"));
        QCOMPARE(m_editor->fields()["outputPath"].toString(), QStringLiteral("null"));
        QCOMPARE(m_editor->fields()["parameters"].toString(),
                 QStringLiteral("{\n  \"amount.$\": \"$.total\"\n}"));
        QVERIFY(m_doc->yamlText().contains("result_path: $.payment"));
        // Empty text removes the field.
        QCOMPARE(m_editor->setField("parameters", ""), QString());
        QVERIFY(!m_doc->state("charge-payment")->parameters);
        m_doc->undo();
        QVERIFY(m_doc->state("charge-payment")->parameters);

        m_controller->select("needs-review");
        QCOMPARE(m_editor->fields()["dataFlow"].toStringList(),
                 (QStringList{"inputPath", "outputPath"}));
    }

    void waitMapAndFailFields()
    {
        const QString wait = m_controller->addState("wait", 0, 0);
        QCOMPARE(m_editor->setField("timestamp", "tomorrow").isEmpty(), false);
        QCOMPARE(m_editor->setField("timestamp", "2026-12-01T09:00:00Z"), QString());
        QCOMPARE(m_doc->state(wait)->timestamp, std::string("2026-12-01T09:00:00Z"));
        QVERIFY(!m_doc->state(wait)->seconds);
        QCOMPARE(m_editor->fields()["waitKind"].toString(), QStringLiteral("timestamp"));
        QCOMPARE(m_editor->setField("secondsPath", "$.delay"), QString());
        QVERIFY(m_doc->state(wait)->timestamp.empty());
        QCOMPARE(m_editor->fields()["waitKind"].toString(), QStringLiteral("secondsPath"));
        QVERIFY(!m_editor->setField("timestampPath", "$.[").isEmpty());

        const QString map = m_controller->addState("map", 300, 0);
        QCOMPARE(m_editor->setField("maxConcurrency", 4), QString());
        QCOMPARE(m_editor->setField("toleratedFailureCount", "2"), QString());
        QCOMPARE(m_editor->setField("toleratedFailurePercentage", "12.5"), QString());
        QVERIFY(!m_editor->setField("toleratedFailurePercentage", "120").isEmpty());
        QCOMPARE(m_editor->setField("itemSelector", "{\"item.$\": \"$$.Map.Item.Value\"}"),
                 QString());
        const State *m = m_doc->state(map);
        QCOMPARE(m->maxConcurrency, 4);
        QCOMPARE(m->toleratedFailureCount, std::optional<int>(2));
        QCOMPARE(m->toleratedFailurePercentage, std::optional<double>(12.5));
        QVERIFY(m->itemSelector);
        QCOMPARE(m_editor->setField("toleratedFailureCount", ""), QString());
        QVERIFY(!m_doc->state(map)->toleratedFailureCount);

        const QString fail = m_controller->addState("fail", 600, 0);
        QCOMPARE(m_editor->setField("errorPath", "$.error.name"), QString());
        QCOMPARE(m_editor->setField("causePath", "$.error.message"), QString());
        QCOMPARE(m_doc->state(fail)->errorPath, std::string("$.error.name"));
        QCOMPARE(m_editor->fields()["causePath"].toString(), QStringLiteral("$.error.message"));
        QVERIFY(m_editor->fields()["dataFlow"].toStringList().isEmpty());
    }
    void envEntries()
    {
        m_controller->select("validate-order");
        QCOMPARE(m_editor->setField("command", "sh scripts/validate.sh"), QString());
        QSignalSpy fields(m_editor, &StateEditor::fieldsChanged);
        QSignalSpy changed(m_doc, &WorkflowDocument::stateChanged);
        m_editor->addEnv();
        m_editor->addEnv();
        QCOMPARE(changed.count(), 2);
        QCOMPARE(fields.count(), 2);
        QCOMPARE(m_doc->state("validate-order")->run.env,
                 (std::map<std::string, std::string>{{"VAR1", ""}, {"VAR2", ""}}));

        QCOMPARE(m_editor->setEnv(0, "name", "API_TOKEN"), QString());
        // Sorted by name: API_TOKEN, VAR2.
        QCOMPARE(m_editor->setEnv(0, "value", "${env:SHOP_TOKEN}"), QString());
        QCOMPARE(m_editor->setEnv(1, "name", "REGION"), QString());
        QCOMPARE(m_editor->setEnv(1, "value", "eu-west"), QString());
        QVERIFY(!m_editor->setEnv(1, "name", "API_TOKEN").isEmpty()); // taken
        QVERIFY(!m_editor->setEnv(1, "name", "2FAST").isEmpty());
        QVERIFY(!m_editor->setEnv(1, "name", "").isEmpty());
        QVERIFY(!m_editor->setEnv(5, "value", "x").isEmpty());
        QCOMPARE(changed.count(), 6);
        QCOMPARE(m_doc->undoStack()->count(), 7);
        QCOMPARE(m_doc->state("validate-order")->run.env,
                 (std::map<std::string, std::string>{{"API_TOKEN", "${env:SHOP_TOKEN}"},
                                                     {"REGION", "eu-west"}}));
        const QVariantList shown = m_editor->fields()["env"].toList();
        QCOMPARE(shown.size(), 2);
        QCOMPARE(shown.at(0).toMap()["name"].toString(), QStringLiteral("API_TOKEN"));
        QCOMPARE(shown.at(0).toMap()["value"].toString(), QStringLiteral("${env:SHOP_TOKEN}"));
        QVERIFY(m_doc->yamlText().contains(
            "      run:\n        command: [sh, scripts/validate.sh]\n        env:\n"
            "          API_TOKEN: ${env:SHOP_TOKEN}\n          REGION: eu-west\n"));

        m_editor->removeEnv(0);
        QCOMPARE(changed.count(), 7);
        QCOMPARE(m_doc->state("validate-order")->run.env.size(), size_t(1));
        QVERIFY(!m_doc->yamlText().contains("API_TOKEN"));
        m_doc->undo();
        QCOMPARE(m_doc->state("validate-order")->run.env.at("API_TOKEN"),
                 std::string("${env:SHOP_TOKEN}"));
        QVERIFY(m_doc->yamlText().contains("API_TOKEN: ${env:SHOP_TOKEN}"));
        m_doc->undo(); // the value of REGION
        QCOMPARE(m_doc->state("validate-order")->run.env.at("REGION"), std::string());
    }

    void httpHeadersAndBody()
    {
        m_controller->select("create-shipment");
        QCOMPARE(m_editor->setField("httpUrl", "https://ship.example.com/orders"), QString());
        QCOMPARE(m_editor->setField("httpMethod", "post"), QString());
        QSignalSpy changed(m_doc, &WorkflowDocument::stateChanged);
        m_editor->addHeader();
        m_editor->addHeader();
        QCOMPARE(m_editor->setHeader(0, "name", "Authorization"), QString());
        QCOMPARE(m_editor->setHeader(0, "value", "Bearer ${env:SHIP_TOKEN}"), QString());
        QCOMPARE(m_editor->setHeader(1, "name", "Content-Type"), QString());
        QCOMPARE(m_editor->setHeader(1, "value", "application/json"), QString());
        QVERIFY(!m_editor->setHeader(1, "name", "authorization").isEmpty()); // taken, any case
        QVERIFY(!m_editor->setHeader(1, "name", "Bad Header").isEmpty());
        QCOMPARE(changed.count(), 6);
        QCOMPARE(m_doc->undoStack()->count(), 8);
        // Headers keep their order.
        const auto &headers = m_doc->state("create-shipment")->run.http.headers;
        QCOMPARE(headers.size(), size_t(2));
        QCOMPARE(headers.at(0).second, std::string("Bearer ${env:SHIP_TOKEN}"));
        QCOMPARE(headers.at(1).first, std::string("Content-Type"));
        QCOMPARE(m_editor->fields()["httpHeaders"].toList().at(0).toMap()["name"].toString(),
                 QStringLiteral("Authorization"));

        // The body: JSON, or plain text; text that starts like JSON must parse.
        QVERIFY(!m_editor->checkBody("{\"order\": ").isEmpty());
        QCOMPARE(m_editor->checkBody("plain words"), QString());
        QVERIFY(!m_editor->setField("httpBody", "{\"order\": ").isEmpty());
        QCOMPARE(changed.count(), 6);
        QCOMPARE(m_editor->setField("httpBody", "{\"order\": \"${env:SHOP}\"}"), QString());
        QCOMPARE(*m_doc->state("create-shipment")->run.http.body,
                 Json::parse("{\"order\": \"${env:SHOP}\"}"));
        QCOMPARE(m_editor->fields()["httpBody"].toString(),
                 QStringLiteral("{\n  \"order\": \"${env:SHOP}\"\n}"));
        QVERIFY(m_doc->yamlText().contains(
            "        http:\n          method: POST\n          url: "
            "https://ship.example.com/orders\n"
            "          headers:\n            Authorization: Bearer ${env:SHIP_TOKEN}\n"
            "            Content-Type: application/json\n          body:\n"));
        QCOMPARE(m_editor->setField("httpBody", "ping"), QString());
        QCOMPARE(*m_doc->state("create-shipment")->run.http.body, Json("ping"));
        QCOMPARE(m_editor->fields()["httpBody"].toString(), QStringLiteral("ping"));
        QCOMPARE(m_editor->setField("httpBody", ""), QString());
        QVERIFY(!m_doc->state("create-shipment")->run.http.body);
        QCOMPARE(changed.count(), 9);
        m_doc->undo();
        QCOMPARE(*m_doc->state("create-shipment")->run.http.body, Json("ping"));

        m_editor->removeHeader(1);
        QCOMPARE(changed.count(), 11);
        QCOMPARE(m_doc->state("create-shipment")->run.http.headers.size(), size_t(1));
        QVERIFY(!m_doc->yamlText().contains("Content-Type"));
        m_doc->undo();
        QCOMPARE(m_doc->state("create-shipment")->run.http.headers.at(1).first,
                 std::string("Content-Type"));
    }

    void workflowFields()
    {
        QVERIFY(m_controller->currentState().isEmpty());
        QVariantMap w = m_editor->workflow();
        QCOMPARE(w["name"].toString(), QStringLiteral("order-approval"));
        QCOMPARE(w["description"].toString(), QString());
        QCOMPARE(w["timeoutSeconds"].toString(), QString());
        QCOMPARE(w["inputSchema"].toString(), QString());
        QCOMPARE(w["stateCount"].toInt(), 5);

        QSignalSpy fields(m_editor, &StateEditor::fieldsChanged);
        QSignalSpy reset(m_doc, &WorkflowDocument::reset);
        QSignalSpy name(m_doc, &WorkflowDocument::workflowNameChanged);
        QCOMPARE(m_editor->setWorkflowField("description", "Orders above 1000 need a person"),
                 QString());
        QCOMPARE(m_editor->setWorkflowField("timeoutSeconds", "86400"), QString());
        const QString schema = "{\"type\": \"object\", \"required\": [\"orderId\"], "
                               "\"properties\": {\"orderId\": {\"type\": \"string\"}}}";
        QCOMPARE(m_editor->setWorkflowField("inputSchema", schema), QString());
        QCOMPARE(m_editor->setWorkflowField("name", "orders"), QString());
        QCOMPARE(fields.count(), 4);
        QCOMPARE(reset.count(), 4);
        QCOMPARE(name.count(), 1);
        QCOMPARE(m_doc->undoStack()->count(), 4);
        QCOMPARE(m_doc->undoText(), QStringLiteral("Edit the workflow's name"));

        // Refused, and nothing changes.
        QVERIFY(!m_editor->setWorkflowField("timeoutSeconds", "soon").isEmpty());
        QVERIFY(!m_editor->setWorkflowField("timeoutSeconds", "0").isEmpty());
        QVERIFY(!m_editor->setWorkflowField("name", "  ").isEmpty());
        QVERIFY(!m_editor->setWorkflowField("inputSchema", "{\"type\": ").isEmpty());
        QVERIFY(!m_editor->setWorkflowField("inputSchema", "[1]").isEmpty());
        QVERIFY(!m_editor->setWorkflowField("inputSchema", "{\"type\": \"array\"}").isEmpty());
        QVERIFY(
            !m_editor->setWorkflowField("inputSchema", "{\"required\": \"orderId\"}").isEmpty());
        QVERIFY(!m_editor->setWorkflowField("start_at", "x").isEmpty());
        // The same value again is not an edit.
        QCOMPARE(m_editor->setWorkflowField("timeoutSeconds", "86400"), QString());
        QCOMPARE(fields.count(), 4);
        QCOMPARE(m_doc->undoStack()->count(), 4);

        const Definition &def = m_doc->definition();
        QCOMPARE(def.name, std::string("orders"));
        QCOMPARE(def.description, std::string("Orders above 1000 need a person"));
        QCOMPARE(def.timeoutSeconds, std::optional<int>(86400));
        QCOMPARE(*def.inputSchema, Json::parse(schema.toStdString()));
        QCOMPARE(m_doc->workflowName(), QStringLiteral("orders"));
        w = m_editor->workflow();
        QCOMPARE(w["timeoutSeconds"].toString(), QStringLiteral("86400"));
        QCOMPARE(w["inputSchema"].toString(),
                 QString::fromStdString(Json::parse(schema.toStdString()).dump(2)));
        QVERIFY(m_doc->yamlText().startsWith(
            "workflow:\n  name: orders\n  description: Orders above 1000 need a person\n"
            "  timeout_seconds: 86400\n  input_schema:\n"));

        // Empty removes the field; undo puts it back.
        QCOMPARE(m_editor->setWorkflowField("timeoutSeconds", ""), QString());
        QVERIFY(!m_doc->definition().timeoutSeconds);
        QVERIFY(!m_doc->yamlText().contains("timeout_seconds"));
        m_doc->undo();
        QCOMPARE(m_doc->definition().timeoutSeconds, std::optional<int>(86400));
        QVERIFY(m_doc->yamlText().contains("  timeout_seconds: 86400\n"));
        m_doc->undo();
        QCOMPARE(m_doc->workflowName(), QStringLiteral("order-approval"));
        QCOMPARE(name.count(), 2);
        m_doc->undo();
        QVERIFY(!m_doc->definition().inputSchema);
        QVERIFY(!m_doc->yamlText().contains("input_schema"));
    }
};

QTEST_MAIN(TestStateEditor)
#include "tst_stateeditor.moc"
