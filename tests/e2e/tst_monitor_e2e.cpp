// The monitor end to end: the real main window offscreen, hosting a temporary database.
// 1. The seed workflow (resources/examples/order-approval.yaml, runnable scripts) starts with
//    requiresManualReview: it waits; the Approvals badge shows 1; the reviewer fills the form and
//    clicks Approve in the inbox; the execution succeeds.
// 2. A task that fails after its retries: the Runs place shows the failed state, its error and
//    its attempts; Redrive with a corrected input succeeds.
// 3. A map over twelve images where one fails (tolerated): the picker on the map shows the failed
//    iteration only (its path, colours and step details), then the next one, then all again.
// 4. A parallel state whose second branch fails: its status chip shows that branch only, the
//    other branch's chip the other one, a second click all again; the diagram clips its content.
// Screenshots of each step go to <build>/screenshots/monitor-*.png (docs/images holds copies).
#include "../common/qmlerrors.h"
#include "../common/quickitems.h"
#include "application.h"
#include "notifier.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using Signalbox::Testing::findByClass;
using Signalbox::Testing::findByName;

// stderr of attempt `index` in the step inspector's details.
QString attemptStderr(const QVariantMap &details, int index)
{
    return details.value(QStringLiteral("attempts"))
        .toList()
        .value(index)
        .toMap()
        .value(QStringLiteral("stderr"))
        .toString();
}

const char flakyYaml[] = R"(workflow:
  name: charge-card
  start_at: charge
  states:
    charge:
      type: task
      comment: Declines every card but "ok".
      run:
        shell: |
          input=$(cat)
          case "$input" in
            *'"card":"ok"'*) printf '{"charged":true}' ;;
            *) echo "card $input declined" >&2
               printf '{"error":"Card.Declined","cause":"the bank declined the card"}'
               exit 1 ;;
          esac
      retry: {attempts: 2, interval_seconds: 1, backoff: fixed}
      result_path: $.payment
      next: done
    done: {type: succeed}
)";

// For the timeline: a task, a task that fails twice before it succeeds (1 s backoff), an
// approval, a timer and a slow last task.
const char fulfilYaml[] = R"(workflow:
  name: fulfil-order
  start_at: reserve-stock
  states:
    reserve-stock:
      type: task
      run:
        shell: "sleep 0.6; echo '{\"reserved\":true}'"
      result_path: $.stock
      next: charge-card
    charge-card:
      type: task
      run:
        shell: "sleep 0.4; n=$(cat tries 2>/dev/null || echo 0); n=$((n+1)); echo $n > tries; if [ $n -lt 3 ]; then echo declined >&2; exit 1; fi; echo '{\"charged\":true}'"
      retry: {attempts: 3, interval_seconds: 1, backoff: fixed}
      result_path: $.payment
      next: manager-review
    manager-review:
      type: wait_for_event
      prompt: "Ship order {{$.orderId}}?"
      next: cool-down
    cool-down: {type: wait, seconds: 1, next: ship}
    ship:
      type: task
      run:
        shell: "sleep 2.5; echo '{\"tracking\":\"TRK-1\"}'"
      result_path: $.shipment
      end: true
)";

const char manualYaml[] = R"(workflow:
  name: manual-steps
  start_at: pack
  states:
    pack: {type: task, comment: Packed by a person in the warehouse, next: ship}
    ship: {type: wait, seconds: 3600, next: done}
    done: {type: succeed}
)";

// Twelve images, at most four at a time; the .bmp one is rejected (tolerated).
const char albumYaml[] = R"(workflow:
  name: publish-album
  start_at: load-album
  states:
    load-album: {type: pass, next: resize-images}
    resize-images:
      type: map
      items_path: $.images
      max_concurrency: 4
      tolerated_failure_count: 2
      item_selector:
        file.$: $$.Map.Item.Value
        index.$: $$.Map.Item.Index
      processor:
        start_at: check-format
        states:
          check-format:
            type: choice
            choices:
              - if: matches($.file, '*.bmp')
                next: reject-image
            default: resize
          resize:
            type: task
            run: {shell: cat}
            result_path: $.resized
            next: tag
          tag: {type: pass, result: {tagged: true}, result_path: $.tags, end: true}
          reject-image:
            type: task
            run:
              shell: "echo 'unsupported format: .bmp' >&2; exit 2"
            end: true
      result_path: $.images
      next: publish
    publish: {type: succeed}
)";

// A parallel check of an order: branch 0 reserves stock (a pass, then a task) and succeeds;
// branch 1 routes a large amount to a manual flag that fails a second later (caught: the
// execution goes on to notify and succeeds).
const char checksYaml[] = R"(workflow:
  name: order-checks
  start_at: checks
  states:
    checks:
      type: parallel
      branches:
        - start_at: reserve
          states:
            reserve: {type: pass, result: {ok: true}, result_path: $.stock, next: label}
            label: {type: task, run: {shell: cat}, end: true}
        - start_at: fraud-check
          states:
            fraud-check:
              type: choice
              choices:
                - if: $.amount > 100
                  next: manual-flag
              default: clear
            clear: {type: pass, end: true}
            manual-flag:
              type: task
              run:
                shell: "sleep 1; echo 'flagged for review' >&2; exit 3"
              end: true
      catch:
        - errors: [States.ALL]
          next: notify
      next: done
    notify: {type: pass, next: done}
    done: {type: succeed}
)";

// Pixels that differ between two grabs of the window, outside the rectangles in `skip`.
int differingPixels(const QImage &a, const QImage &b, const QList<QRect> &skip)
{
    if (a.size() != b.size())
        return -1;
    const QImage x = a.convertToFormat(QImage::Format_ARGB32);
    const QImage y = b.convertToFormat(QImage::Format_ARGB32);
    int n = 0;
    for (int row = 0; row < x.height(); ++row) {
        for (int col = 0; col < x.width(); ++col) {
            const QPoint p(col, row);
            if (std::any_of(skip.cbegin(), skip.cend(), [&](const QRect &r) { return r.contains(p); }))
                continue;
            if (x.pixel(col, row) != y.pixel(col, row))
                ++n;
        }
    }
    return n;
}

// Records notifications instead of showing them.
class FakeNotifier : public Signalbox::Notifier
{
    Q_OBJECT
public:
    struct Shown
    {
        QString key, title, body;
    };
    QList<Shown> shown;
    bool notify(const QString &key, const QString &title, const QString &body) override
    {
        shown.append({key, title, body});
        return true;
    }
};

} // namespace

class TestMonitorE2E : public QObject
{
    Q_OBJECT

private slots:
    void init() { Signalbox::Testing::failOnQmlErrors(); }
    void initTestCase();
    void cleanupTestCase();
    void approveInTheInbox();
    void failedThenRedriven();
    void pickMapIteration();
    void pickParallelBranch();
    void completeActivityThenCancel();
    void timelineOfARun();
    void notificationWhenInactive();
    void runDialogRemembersInput();
    void runDialogNamesAreFresh();

private:
    QQuickItem *item(const QString &objectName) const;
    void click(QQuickItem *item);
    void showPlace(int index);
    void shoot(const QString &name);
    QString startExecution(const QString &file, const QString &input);
    // A workflow file in the user's ~/workflows (the test's home folder), as in a real session.
    QString workflowFile(const QString &name) const
    {
        return m_dir.filePath(QStringLiteral("workflows/") + name);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    QObject *m_bridge = nullptr;
    QObject *m_runs = nullptr;
    QObject *m_approvals = nullptr;
    FakeNotifier m_notifier;
};

void TestMonitorE2E::initTestCase()
{
    Signalbox::Testing::failOnQmlErrors();
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QDir(QStringLiteral(SIGNALBOX_BUILD_DIR)).mkpath(QStringLiteral("screenshots"));
    // The test's folder is the home folder, and the seed workflow with its scripts is copied to
    // ~/workflows, so headers read "~/workflows/order-approval.yaml" as for a user.
    qputenv("HOME", QFile::encodeName(m_dir.path()));
    const QDir examples(QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples"));
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("workflows/scripts")));
    QVERIFY(QFile::copy(examples.filePath(QStringLiteral("order-approval.yaml")),
                        workflowFile(QStringLiteral("order-approval.yaml"))));
    const QDir scripts(examples.filePath(QStringLiteral("scripts")));
    for (const QString &script : scripts.entryList(QDir::Files))
        QVERIFY(QFile::copy(scripts.filePath(script),
                            workflowFile(QStringLiteral("scripts/") + script)));
    m_engine = std::make_unique<QQmlApplicationEngine>();
    Signalbox::setupQmlEngine(m_engine.get());
    m_engine->setInitialProperties(
        {{QStringLiteral("initialFile"),
          workflowFile(QStringLiteral("order-approval.yaml"))},
         {QStringLiteral("databasePath"), m_dir.filePath(QStringLiteral("monitor.db"))},
         {QStringLiteral("notifier"), QVariant::fromValue<QObject *>(&m_notifier)}});
    m_engine->load(QUrl(QString::fromLatin1(Signalbox::mainQmlUrl())));
    QCOMPARE(m_engine->rootObjects().size(), 1);
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
    QVERIFY(m_window);
    m_window->resize(1440, 880);
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_bridge = m_window->property("engineBridge").value<QObject *>();
    m_runs = m_window->property("runsPage").value<QObject *>();
    m_approvals = m_window->property("approvalsPage").value<QObject *>();
    QVERIFY(m_bridge && m_runs && m_approvals);
    QCOMPARE(m_bridge->property("databasePath").toString(),
             m_dir.filePath(QStringLiteral("monitor.db")));
    QTRY_VERIFY2_WITH_TIMEOUT(m_bridge->property("ready").toBool(),
                              qPrintable(m_bridge->property("hostError").toString()), 20000);
    QVERIFY2(!m_bridge->property("readOnly").toBool(),
             qPrintable(m_bridge->property("hostError").toString()));
}

void TestMonitorE2E::cleanupTestCase()
{
    m_engine.reset();
}

QQuickItem *TestMonitorE2E::item(const QString &objectName) const
{
    if (QQuickItem *found = findByName(m_window->contentItem(), objectName))
        return found;
    return m_window->findChild<QQuickItem *>(objectName);
}

void TestMonitorE2E::click(QQuickItem *target)
{
    QVERIFY(target);
    QTRY_VERIFY_WITH_TIMEOUT(target->isVisible() && target->isEnabled(), 10000);
    const QPointF p = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
    QTest::mouseClick(m_window, Qt::LeftButton, {}, p.toPoint());
}

void TestMonitorE2E::showPlace(int index)
{
    QQuickItem *rail = findByClass(m_window->contentItem(), "SideRail");
    QVERIFY(rail);
    // The rail's places are 62 px high with 4 px between them, 10 px from the top.
    const QPointF p = rail->mapToScene(QPointF(rail->width() / 2, 10 + index * 66 + 31));
    QTest::mouseClick(m_window, Qt::LeftButton, {}, p.toPoint());
    QTRY_COMPARE(rail->property("currentIndex").toInt(), index);
}

void TestMonitorE2E::shoot(const QString &name)
{
    QSignalSpy frames(m_window, &QQuickWindow::frameSwapped);
    m_window->update();
    QVERIFY(frames.wait(5000));
    const QImage image = m_window->grabWindow();
    QVERIFY(!image.isNull());
    const QString out = QStringLiteral(SIGNALBOX_BUILD_DIR "/screenshots/monitor-%1.png").arg(name);
    QVERIFY(image.save(out));
    qInfo() << "wrote" << out;
}

QString TestMonitorE2E::startExecution(const QString &file, const QString &input)
{
    QSignalSpy done(m_bridge,
                    SIGNAL(commandFinished(int, QString, bool, QString, QString, QVariantMap)));
    int ticket = 0;
    QMetaObject::invokeMethod(m_bridge, "startFile", Q_RETURN_ARG(int, ticket),
                              Q_ARG(QString, file), Q_ARG(QString, input),
                              Q_ARG(QString, QString()), Q_ARG(bool, false));
    for (int i = 0; i < 50; ++i) {
        for (const QList<QVariant> &args : std::as_const(done)) {
            if (args.at(0).toInt() == ticket) {
                if (!args.at(2).toBool())
                    qWarning() << "start failed:" << args.at(3).toString();
                return args.at(2).toBool() ? args.at(4).toString() : QString();
            }
        }
        if (!done.wait(10000))
            break;
    }
    return {};
}

void TestMonitorE2E::approveInTheInbox()
{
    // Start it as a user does: Run (F5) in the designer, the input typed as JSON. A bad input is
    // caught before anything starts.
    showPlace(0);
    m_window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_F5);
    QObject *runDialog = m_window->findChild<QObject *>(QStringLiteral("runDialog"));
    QVERIFY(runDialog);
    QTRY_VERIFY(runDialog->property("opened").toBool());
    QVERIFY(!runDialog->property("needsSave").toBool());
    // The workflow has an input_schema: the dialog opens on its form. Invalid values are flagged
    // and Run stays disabled until they are fixed.
    QCOMPARE(runDialog->property("inputMode").toInt(), 0);
    QTRY_VERIFY(item(QStringLiteral("inputField:orderId")));
    QVERIFY(!item(QStringLiteral("runConfirm"))->isEnabled()); // orderId and amount are required
    item(QStringLiteral("inputField:orderId"))->setProperty("text", QStringLiteral("A-1"));
    item(QStringLiteral("inputField:amount"))->setProperty("text", QStringLiteral("12O"));
    QVERIFY(!item(QStringLiteral("runConfirm"))->isEnabled());
    QObject *form = runDialog->property("form").value<QObject *>();
    QCOMPARE(form->property("errorCount").toInt(), 1);
    item(QStringLiteral("inputField:amount"))->setProperty("text", QStringLiteral("120"));
    QTRY_VERIFY(item(QStringLiteral("runConfirm"))->isEnabled());
    click(item(QStringLiteral("inputField:requiresManualReview")));
    QTRY_VERIFY(form->property("json").toString().contains(
        QLatin1String("\"requiresManualReview\": true")));
    shoot(QStringLiteral("run-form"));

    // The JSON tab shows the same input; a JSON edit flows back into the form.
    click(item(QStringLiteral("inputModeJson")));
    QTRY_COMPARE(runDialog->property("inputMode").toInt(), 1);
    QObject *input = runDialog->property("input").value<QObject *>();
    QVERIFY(input->property("text").toString().contains(QLatin1String("\"orderId\": \"A-1\"")));
    input->setProperty("text", QStringLiteral(R"({"orderId":"A-1","amount":120,)"));
    QVERIFY(!input->property("valid").toBool());
    QVERIFY(!item(QStringLiteral("runConfirm"))->isEnabled());
    input->setProperty("text", QStringLiteral(R"({"orderId":"A-1","amount":"lots"})"));
    QTRY_VERIFY(item(QStringLiteral("inputSchemaProblems"))->isVisible());
    QVERIFY(!item(QStringLiteral("runConfirm"))->isEnabled());
    input->setProperty(
        "text", QStringLiteral(R"({"orderId":"A-1","amount":120,"requiresManualReview":true})"));
    QVERIFY(input->property("valid").toBool());
    QTRY_VERIFY(item(QStringLiteral("runConfirm"))->isEnabled());
    shoot(QStringLiteral("run-dialog"));
    click(item(QStringLiteral("inputModeForm")));
    QTRY_COMPARE(item(QStringLiteral("inputField:amount"))->property("text").toString(),
                 QStringLiteral("120"));
    QVERIFY(item(QStringLiteral("inputField:requiresManualReview"))->property("checked").toBool());
    click(item(QStringLiteral("runConfirm")));

    // Runs opens on the new execution; it waits at wait-for-review.
    QTRY_VERIFY_WITH_TIMEOUT(!m_runs->property("selectedId").toString().isEmpty(), 10000);
    const QString id = m_runs->property("selectedId").toString();
    QTRY_VERIFY(!runDialog->property("visible").toBool());
    QTRY_COMPARE(findByClass(m_window->contentItem(), "SideRail")->property("currentIndex").toInt(),
                 1);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("execution:") + id), 10000);
    click(item(QStringLiteral("execution:") + id));
    QTRY_COMPARE_WITH_TIMEOUT(m_runs->property("selectedId").toString(), id, 5000);
    QObject *history = m_runs->property("history").value<QObject *>();
    QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(), QStringLiteral("WAITING"),
                              20000);
    QTRY_COMPARE_WITH_TIMEOUT(history->property("stateStatus")
                                  .toMap()
                                  .value(QStringLiteral("wait-for-review"))
                                  .toString(),
                              QStringLiteral("waiting"), 10000);
    QCOMPARE(history->property("stateStatus").toMap().value(QStringLiteral("validate-order")),
             QVariant(QStringLiteral("succeeded")));
    QTRY_VERIFY(item(QStringLiteral("runnode:wait-for-review")));
    QMetaObject::invokeMethod(m_runs->property("diagram").value<QObject *>(), "fit");
    shoot(QStringLiteral("runs-waiting"));

    // Approvals: the badge says 1; the inbox shows the rendered prompt.
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("railBadge2"))
                                 && item(QStringLiteral("railBadge2"))->isVisible(),
                             10000);
    QCOMPARE(item(QStringLiteral("railBadge2"))->property("count").toInt(), 1);
    showPlace(2);
    QTRY_COMPARE(item(QStringLiteral("approvalPrompt"))->property("text").toString(),
                 QStringLiteral("Order A-1 over 120 EUR was flagged for review"));
    QQuickItem *note = item(QStringLiteral("field:note"));
    QVERIFY(note);
    note->setProperty("text", QStringLiteral("Customer called, amount confirmed"));
    item(QStringLiteral("approvalComment"))->setProperty("text", QStringLiteral("looks fine"));
    // "Waiting since … (just now)" ages while it is shown (it stayed at "0 s ago" before).
    const QString since = item(QStringLiteral("approvalSince"))->property("text").toString();
    QVERIFY2(since.contains(QStringLiteral("Waiting since")), qPrintable(since));
    QTRY_VERIFY_WITH_TIMEOUT(
        item(QStringLiteral("approvalSince"))->property("text").toString() != since, 15000);
    QVERIFY(item(QStringLiteral("approvalSince"))->property("text").toString().contains(
        QStringLiteral(" s ago")));
    shoot(QStringLiteral("approvals"));
    click(item(QStringLiteral("approveButton")));

    // The decision reaches the engine; the inbox empties; the execution succeeds.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->property("approvalsPage")
                                  .value<QObject *>()
                                  ->property("approvals")
                                  .value<QObject *>()
                                  ->property("count")
                                  .toInt(),
                              0, 10000);
    QVERIFY(!item(QStringLiteral("railBadge2"))->isVisible());
    showPlace(1);
    QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(), QStringLiteral("SUCCEEDED"),
                              20000);
    QTRY_COMPARE(history->property("stateStatus")
                     .toMap()
                     .value(QStringLiteral("create-shipment"))
                     .toString(),
                 QStringLiteral("succeeded"));
    QCOMPARE(history->property("stateStatus").toMap().value(QStringLiteral("order-rejected")),
             QVariant());
    // The decision is in the history with who decided.
    bool granted = false;
    auto *model = qobject_cast<QAbstractItemModel *>(history);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, 0);
        if (i.data(Qt::DisplayRole).toString() == QLatin1String("ApprovalGranted")) {
            granted = true;
            QVERIFY(i.data(Qt::UserRole + 8).toString().contains(QLatin1String("looks fine")));
        }
    }
    QVERIFY(granted);
    shoot(QStringLiteral("runs-succeeded"));
    QMetaObject::invokeMethod(m_window, "setDarkTheme", Q_ARG(bool, true));
    shoot(QStringLiteral("runs-succeeded-dark"));
    QMetaObject::invokeMethod(m_window, "setDarkTheme", Q_ARG(bool, false));
}

void TestMonitorE2E::failedThenRedriven()
{
    const QString file = workflowFile(QStringLiteral("charge-card.yaml"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(flakyYaml);
    }
    const QString id = startExecution(file, QStringLiteral(R"({"card":"stolen","amount":5})"));
    QVERIFY(!id.isEmpty());
    showPlace(1);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("execution:") + id), 10000);
    click(item(QStringLiteral("execution:") + id));
    QObject *history = m_runs->property("history").value<QObject *>();
    QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(), QStringLiteral("FAILED"),
                              30000);
    QTRY_COMPARE(history->property("stateStatus").toMap().value(QStringLiteral("charge")),
                 QVariant(QStringLiteral("failed")));
    QTRY_VERIFY(item(QStringLiteral("runError"))->isVisible());
    QVERIFY(item(QStringLiteral("runError"))
                ->property("text")
                .toString()
                .contains(QLatin1String("Card.Declined")));

    // The failed state opens in the step inspector with its error and both attempts.
    QTRY_COMPARE(m_runs->property("selectedState").toString(), QStringLiteral("charge"));
    QMetaObject::invokeMethod(m_runs, "inspect", Q_ARG(QString, QStringLiteral("charge")));
    QObject *inspector = m_runs->property("inspector").value<QObject *>();
    const QVariantMap details = inspector->property("details").toMap();
    QCOMPARE(details.value(QStringLiteral("error")).toString(), QStringLiteral("Card.Declined"));
    const QVariantList attempts = details.value(QStringLiteral("attempts")).toList();
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(1).toMap().value(QStringLiteral("outcome")).toString(),
             QStringLiteral("failed"));
    QVERIFY(attemptStderr(details, 1).contains(QLatin1String("declined")));
    QTRY_VERIFY(item(QStringLiteral("stepError"))->isVisible());
    QMetaObject::invokeMethod(m_runs->property("diagram").value<QObject *>(), "fit");
    shoot(QStringLiteral("runs-failed"));

    // Redrive with a corrected input.
    click(item(QStringLiteral("redriveButton")));
    QObject *dialog = m_runs->property("redriveDialog").value<QObject *>();
    QTRY_VERIFY(dialog->property("opened").toBool());
    QObject *input = dialog->property("input").value<QObject *>();
    input->setProperty("text", QStringLiteral(R"({"card":"ok","amount":5})"));
    QTRY_VERIFY(input->property("valid").toBool());
    shoot(QStringLiteral("redrive-dialog"));
    click(item(QStringLiteral("redriveConfirm")));
    QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(), QStringLiteral("SUCCEEDED"),
                              20000);
    QTRY_COMPARE(history->property("stateStatus").toMap().value(QStringLiteral("charge")),
                 QVariant(QStringLiteral("succeeded")));
    QTRY_VERIFY(!item(QStringLiteral("runError"))->isVisible());
    QCOMPARE(item(QStringLiteral("runsMessage"))->property("text").toString(),
             QStringLiteral("Redriven from the failed state."));
    shoot(QStringLiteral("runs-redriven"));
    // The outcome is news, not a state: the banner goes (it stayed under later runs before).
    QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("runsMessage"))->isVisible(), 15000);
}

void TestMonitorE2E::pickMapIteration()
{
    const QString file = workflowFile(QStringLiteral("album.yaml"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(albumYaml);
    }
    QStringList images;
    for (int i = 0; i < 12; ++i)
        images.append(QStringLiteral("\"beach-%1.%2\"").arg(i, 2, 10, QLatin1Char('0'))
                          .arg(i == 7 ? QStringLiteral("bmp") : QStringLiteral("jpg")));
    const QString id = startExecution(
        file, QStringLiteral(R"({"album":"Summer","images":[%1]})").arg(images.join(',')));
    QVERIFY(!id.isEmpty());
    showPlace(1);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("execution:") + id), 10000);
    click(item(QStringLiteral("execution:") + id));
    QObject *history = m_runs->property("history").value<QObject *>();
    QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(),
                              QStringLiteral("SUCCEEDED"), 30000);
    QMetaObject::invokeMethod(m_runs->property("diagram").value<QObject *>(), "fit");

    // All iterations: the summary (the rejected image failed, the others were resized).
    QQuickItem *resize = nullptr;
    QQuickItem *reject = nullptr;
    QTRY_VERIFY((resize = item(QStringLiteral("runnode:resize"))));
    QTRY_VERIFY((reject = item(QStringLiteral("runnode:reject-image"))));
    QTRY_COMPARE(resize->property("status").toString(), QStringLiteral("succeeded"));
    QCOMPARE(reject->property("status").toString(), QStringLiteral("failed"));
    QCOMPARE(resize->property("visits").toInt(), 11);
    const QColor resizeTint = resize->property("tint").value<QColor>();
    QQuickItem *label = nullptr;
    QTRY_VERIFY((label = item(QStringLiteral("iterationLabel"))));
    QCOMPARE(label->property("text").toString(), QStringLiteral("All · 11 of 12 done"));

    // The failed-count shortcut shows the failed iteration: its path only.
    click(item(QStringLiteral("iterationNextFailed")));
    QTRY_COMPARE(history->property("selectedIterations").toMap(),
                 (QVariantMap{{QStringLiteral("resize-images"), 7}}));
    QTRY_COMPARE(label->property("text").toString(), QStringLiteral("#7 of 12 · failed"));
    QTRY_COMPARE(resize->property("status").toString(), QString());
    QVERIFY(resize->property("tint").value<QColor>() != resizeTint);
    QCOMPARE(resize->property("visits").toInt(), 0);
    QCOMPARE(reject->property("status").toString(), QStringLiteral("failed"));
    QCOMPARE(item(QStringLiteral("runnode:check-format"))->property("visits").toInt(), 1);

    // Its step details: that image's input, error and stderr.
    QTest::mouseClick(m_window, Qt::LeftButton, {},
                      reject->mapToScene(QPointF(reject->width() / 2, reject->height() / 2))
                          .toPoint());
    QTRY_COMPARE(m_runs->property("selectedState").toString(), QStringLiteral("reject-image"));
    QObject *inspector = m_runs->property("inspector").value<QObject *>();
    QTRY_COMPARE(inspector->property("details").toMap().value(QStringLiteral("scope")).toString(),
                 QStringLiteral("resize-images #7"));
    const QVariantMap details = inspector->property("details").toMap();
    QVERIFY(details.value(QStringLiteral("input")).toString().contains(QLatin1String("beach-07.bmp")));
    QVERIFY(attemptStderr(details, 0).contains(QLatin1String("unsupported format")));
    QTRY_VERIFY(item(QStringLiteral("stepScope"))->isVisible());
    // A taller window, so the whole workflow fits close enough to read the picker.
    m_window->resize(1440, 1080);
    QTest::qWait(50);
    QMetaObject::invokeMethod(m_runs->property("diagram").value<QObject *>(), "fit");
    shoot(QStringLiteral("runs-iteration"));

    // The list of every iteration; the next one succeeded: the other path.
    click(item(QStringLiteral("iterationCurrent")));
    QQuickItem *list = nullptr;
    QTRY_VERIFY((list = item(QStringLiteral("iterationList"))) && list->isVisible());
    QTRY_COMPARE(list->property("count").toInt(), 12);
    shoot(QStringLiteral("runs-iteration-list"));
    m_window->resize(1440, 880);
    QTest::keyClick(m_window, Qt::Key_Down);
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_COMPARE(label->property("text").toString(), QStringLiteral("#8 of 12 · succeeded"));
    QTRY_COMPARE(resize->property("status").toString(), QStringLiteral("succeeded"));
    QCOMPARE(reject->property("status").toString(), QString());

    // And back to all of them.
    click(item(QStringLiteral("iterationCurrent")));
    click(item(QStringLiteral("iterationAll")));
    QTRY_COMPARE(history->property("selectedIterations").toMap(), QVariantMap());
    QTRY_COMPARE(resize->property("visits").toInt(), 11);
    QCOMPARE(reject->property("status").toString(), QStringLiteral("failed"));
}

void TestMonitorE2E::pickParallelBranch()
{
    const QString file = workflowFile(QStringLiteral("order-checks.yaml"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(checksYaml);
    }
    const QString id = startExecution(file, QStringLiteral(R"({"order":"P-3","amount":250})"));
    QVERIFY(!id.isEmpty());
    showPlace(1);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("execution:") + id), 10000);
    click(item(QStringLiteral("execution:") + id));
    QTRY_COMPARE(m_runs->property("selectedId").toString(), id);
    QObject *history = m_runs->property("history").value<QObject *>();
    QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(),
                              QStringLiteral("SUCCEEDED"), 30000);
    // A new execution starts from all branches.
    QCOMPARE(history->property("selectedIterations").toMap(), QVariantMap());
    QMetaObject::invokeMethod(m_runs->property("diagram").value<QObject *>(), "fit");

    const QStringList names{"reserve", "label", "fraud-check", "clear", "manual-flag"};
    QHash<QString, QQuickItem *> node;
    for (const QString &name : names) {
        QTRY_VERIFY2((node[name] = item(QStringLiteral("runnode:") + name)), qPrintable(name));
    }
    auto statuses = [&] {
        QStringList out;
        for (const QString &name : names)
            out.append(name + QLatin1Char('=') + node[name]->property("status").toString());
        return out.join(QLatin1Char(' '));
    };
    auto edgeOpacity = [&](const QString &edge) {
        QQuickItem *e = item(QStringLiteral("edge:") + edge);
        return e ? e->opacity() : -1.0;
    };

    // All branches: the summary of both, each branch's status on its lane.
    QQuickItem *chip0 = nullptr;
    QQuickItem *chip1 = nullptr;
    QTRY_VERIFY((chip0 = item(QStringLiteral("branch:checks:0"))) && chip0->isVisible());
    QTRY_VERIFY((chip1 = item(QStringLiteral("branch:checks:1"))) && chip1->isVisible());
    QTRY_COMPARE(chip0->property("status").toString(), QStringLiteral("succeeded"));
    QTRY_COMPARE(chip1->property("status").toString(), QStringLiteral("failed"));
    const QString all = QStringLiteral("reserve=succeeded label=succeeded fraud-check=succeeded "
                                       "clear= manual-flag=failed");
    QTRY_COMPARE(statuses(), all);
    QCOMPARE(item(QStringLiteral("runnode:checks"))->property("status").toString(),
             QStringLiteral("failed"));
    QCOMPARE(edgeOpacity(QStringLiteral("reserve>label")), 1.0);
    QCOMPARE(edgeOpacity(QStringLiteral("fraud-check>manual-flag")), 1.0);
    QVERIFY(!chip0->property("focused").toBool());
    QVERIFY(!chip1->property("focused").toBool());

    // Branch 1's chip: only that branch (its path; the other branch's states are not reached).
    click(chip1);
    QTRY_COMPARE(history->property("selectedIterations").toMap(),
                 (QVariantMap{{QStringLiteral("checks"), 1}}));
    QTRY_COMPARE(statuses(), QStringLiteral("reserve= label= fraud-check=succeeded clear= "
                                            "manual-flag=failed"));
    QVERIFY(chip1->property("focused").toBool());
    QVERIFY(!chip0->property("focused").toBool());
    QCOMPARE(node[QStringLiteral("reserve")]->property("visits").toInt(), 0);
    QCOMPARE(edgeOpacity(QStringLiteral("reserve>label")), 0.3);
    QCOMPARE(edgeOpacity(QStringLiteral("fraud-check>manual-flag")), 1.0);
    // The container keeps its own status; the chips keep their branches'.
    QCOMPARE(item(QStringLiteral("runnode:checks"))->property("status").toString(),
             QStringLiteral("failed"));
    QCOMPARE(chip0->property("status").toString(), QStringLiteral("succeeded"));
    // The step inspector shows that branch's failed task.
    QMetaObject::invokeMethod(m_runs, "inspect", Q_ARG(QString, QStringLiteral("manual-flag")));
    QObject *inspector = m_runs->property("inspector").value<QObject *>();
    QTRY_COMPARE(inspector->property("details").toMap().value(QStringLiteral("scope")).toString(),
                 QStringLiteral("checks \u203a Branch 2")); // as the lane is labelled
    QVERIFY(attemptStderr(inspector->property("details").toMap(), 0)
                .contains(QLatin1String("flagged for review")));
    QTRY_VERIFY(item(QStringLiteral("stepScope"))->isVisible());
    QTest::qWait(100);
    shoot(QStringLiteral("runs-branch"));

    // Branch 0's chip: the other branch.
    click(chip0);
    QTRY_COMPARE(history->property("selectedIterations").toMap(),
                 (QVariantMap{{QStringLiteral("checks"), 0}}));
    QTRY_COMPARE(statuses(), QStringLiteral("reserve=succeeded label=succeeded fraud-check= "
                                            "clear= manual-flag="));
    QVERIFY(chip0->property("focused").toBool());
    QVERIFY(!chip1->property("focused").toBool());
    QCOMPARE(edgeOpacity(QStringLiteral("reserve>label")), 1.0);
    QCOMPARE(edgeOpacity(QStringLiteral("fraud-check>manual-flag")), 0.3);

    // A second click on the picked branch shows all of them again.
    click(chip0);
    QTRY_COMPARE(history->property("selectedIterations").toMap(), QVariantMap());
    QTRY_COMPARE(statuses(), all);
    QVERIFY(!chip0->property("focused").toBool());
    QCOMPARE(edgeOpacity(QStringLiteral("fraud-check>manual-flag")), 1.0);

    // The diagram clips what it draws: zoomed in so its content overflows on every side, not a
    // pixel of the page around it changes (edges, arrowheads and icons are Shapes, which the
    // software renderer used to draw past the clip, over the list, the header and the inspector).
    auto *diagram = qobject_cast<QQuickItem *>(m_runs->property("diagram").value<QObject *>());
    QVERIFY(diagram);
    const QRect diagramRect
        = diagram->mapRectToScene(QRectF(0, 0, diagram->width(), diagram->height())).toAlignedRect();
    QQuickItem *list = item(QStringLiteral("executionsList"));
    QVERIFY(list);
    const QRect listRect
        = list->mapRectToScene(QRectF(0, 0, list->width(), list->height())).toAlignedRect();
    QTest::mouseMove(m_window, QPoint(diagramRect.center().x(), diagramRect.top() - 12));
    QTest::qWait(50);
    auto grab = [&] {
        QSignalSpy frames(m_window, &QQuickWindow::frameSwapped);
        m_window->update();
        frames.wait(5000);
        return m_window->grabWindow();
    };
    const QImage fitted = grab();
    diagram->setProperty("zoom", 3.0);
    const QImage zoomed = grab();
    // The ages in the list tick ("1 s ago"): leave the list out.
    QCOMPARE(differingPixels(fitted, zoomed, {diagramRect, listRect}), 0);
    QVERIFY(differingPixels(fitted, zoomed, {listRect}) > 1000); // the diagram did change
    QMetaObject::invokeMethod(diagram, "fit");
}

void TestMonitorE2E::completeActivityThenCancel()
{
    const QString file = workflowFile(QStringLiteral("manual-steps.yaml"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(manualYaml);
    }
    const QString id = startExecution(file, QStringLiteral(R"({"order":"M-1"})"));
    QVERIFY(!id.isEmpty());
    showPlace(1);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("execution:") + id), 10000);
    click(item(QStringLiteral("execution:") + id));
    QObject *history = m_runs->property("history").value<QObject *>();
    QTRY_COMPARE_WITH_TIMEOUT(
        history->property("stateStatus").toMap().value(QStringLiteral("pack")).toString(),
        QStringLiteral("waiting"), 10000);

    // The activity waits for a person: complete it by hand from the step inspector.
    QMetaObject::invokeMethod(m_runs, "inspect", Q_ARG(QString, QStringLiteral("pack")));
    click(item(QStringLiteral("completeActivityButton")));
    QObject *dialog = m_runs->property("completeDialog").value<QObject *>();
    QTRY_VERIFY(dialog->property("opened").toBool());
    dialog->property("output").value<QObject *>()->setProperty("text",
                                                               QStringLiteral(R"({"boxes":2})"));
    click(item(QStringLiteral("completeConfirm")));
    QTRY_COMPARE_WITH_TIMEOUT(
        history->property("stateStatus").toMap().value(QStringLiteral("ship")).toString(),
        QStringLiteral("waiting"), 10000);
    QCOMPARE(history->property("stateStatus").toMap().value(QStringLiteral("pack")).toString(),
             QStringLiteral("succeeded"));

    // Cancel asks first, then ends the execution.
    click(item(QStringLiteral("cancelButton")));
    QObject *cancel = m_runs->property("cancelDialog").value<QObject *>();
    QTRY_VERIFY(cancel->property("opened").toBool());
    shoot(QStringLiteral("cancel-dialog"));
    click(item(QStringLiteral("cancelConfirm")));
    QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(), QStringLiteral("CANCELLED"),
                              10000);
    QTRY_COMPARE(history->property("stateStatus").toMap().value(QStringLiteral("ship")).toString(),
                 QStringLiteral("cancelled"));
    QVERIFY(!item(QStringLiteral("cancelButton"))->isVisible());
}

void TestMonitorE2E::timelineOfARun()
{
    const QString file = workflowFile(QStringLiteral("fulfil-order.yaml"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(fulfilYaml);
    }
    QFile::remove(workflowFile(QStringLiteral("tries")));
    const QString id = startExecution(file, QStringLiteral(R"({"orderId":"F-7"})"));
    QVERIFY(!id.isEmpty());
    showPlace(1);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("execution:") + id), 10000);
    click(item(QStringLiteral("execution:") + id));
    QTRY_COMPARE(m_runs->property("selectedId").toString(), id);
    QObject *history = m_runs->property("history").value<QObject *>();

    // History ▸ Timeline.
    m_runs->property("detailTabs").value<QObject *>()->setProperty("currentIndex", 0);
    click(item(QStringLiteral("historyModeTimeline")));
    QObject *pane = m_runs->property("historyPane").value<QObject *>();
    QTRY_COMPARE(pane->property("mode").toInt(), 1);
    auto *timeline = pane->property("timeline")
                         .value<QObject *>()
                         ->property("timeline")
                         .value<QAbstractItemModel *>();
    QVERIFY(timeline);

    // The approval waits: its bar is an open, waiting approval.
    QTRY_COMPARE_WITH_TIMEOUT(
        history->property("stateStatus").toMap().value(QStringLiteral("manager-review")),
        QVariant(QStringLiteral("waiting")), 20000);
    QTRY_VERIFY(item(QStringLiteral("bar:manager-review:visit:0")));
    // (Let the wait show on the screenshot.)
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("bar:manager-review:visit:0"))->width() > 90,
                             10000);
    QMetaObject::invokeMethod(
        m_bridge, "approve", Q_ARG(QString, id), Q_ARG(QString, QStringLiteral("manager-review")),
        Q_ARG(QString, QStringLiteral("ok")), Q_ARG(QVariantMap, QVariantMap()));
    // The last task runs: its bar grows with the clock.
    QTRY_COMPARE_WITH_TIMEOUT(
        history->property("stateStatus").toMap().value(QStringLiteral("ship")),
        QVariant(QStringLiteral("running")), 10000);
    QQuickItem *shipBar = nullptr;
    QTRY_VERIFY((shipBar = item(QStringLiteral("bar:ship:visit:0"))));
    const qreal width = shipBar->width();
    QTRY_VERIFY_WITH_TIMEOUT(shipBar->width() > width || !shipBar->property("open").toBool(), 3000);
    shoot(QStringLiteral("timeline"));
    QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(), QStringLiteral("SUCCEEDED"),
                              20000);

    // Bars: one visit per state, three attempts and two backoffs for charge-card.
    QTRY_COMPARE(timeline->property("live").toBool(), false);
    QCOMPARE(timeline->property("lanes").toStringList(),
             (QStringList{"reserve-stock", "charge-card", "manager-review", "cool-down", "ship"}));
    QStringList charge;
    QString reviewKind, coolKind;
    const QHash<int, QByteArray> roles = timeline->roleNames();
    auto roleOf = [&](const char *name) {
        return roles.key(name);
    };
    for (int row = 0; row < timeline->rowCount(); ++row) {
        const QModelIndex i = timeline->index(row, 0);
        const QString state = i.data(roleOf("state")).toString();
        const QString bar = i.data(roleOf("bar")).toString();
        if (state == QLatin1String("charge-card"))
            charge.append(bar + QLatin1Char(':') + i.data(roleOf("status")).toString());
        if (bar == QLatin1String("visit") && state == QLatin1String("manager-review"))
            reviewKind = i.data(roleOf("kind")).toString();
        if (bar == QLatin1String("visit") && state == QLatin1String("cool-down"))
            coolKind = i.data(roleOf("kind")).toString();
    }
    QCOMPARE(charge, (QStringList{"visit:succeeded", "attempt:failed", "backoff:retrying",
                                  "attempt:failed", "backoff:retrying", "attempt:succeeded"}));
    QCOMPARE(reviewKind, QStringLiteral("approval"));
    QCOMPARE(coolKind, QStringLiteral("wait"));

    // Clicking a bar inspects its state; the filter narrows the lanes.
    click(item(QStringLiteral("bar:charge-card:attempt:3")));
    QTRY_COMPARE(m_runs->property("selectedState").toString(), QStringLiteral("charge-card"));
    QCOMPARE(m_runs->property("detailTabs").value<QObject *>()->property("currentIndex").toInt(),
             1);
    m_runs->property("detailTabs").value<QObject *>()->setProperty("currentIndex", 0);
    pane->setProperty("filter", QStringLiteral("charge"));
    QTRY_COMPARE(timeline->property("lanes").toStringList(), QStringList{"charge-card"});
    QTRY_VERIFY(!item(QStringLiteral("bar:ship:visit:0"))->isVisible());
    pane->setProperty("filter", QString());
    QTRY_COMPARE(timeline->property("lanes").toStringList().size(), 5);
    QMetaObject::invokeMethod(m_window, "setDarkTheme", Q_ARG(bool, true));
    shoot(QStringLiteral("timeline-dark"));
    QMetaObject::invokeMethod(m_window, "setDarkTheme", Q_ARG(bool, false));
    pane->setProperty("mode", 0);
}

void TestMonitorE2E::notificationWhenInactive()
{
    // Approvals that arrived while the window was active (the tests above) did not notify.
    QCOMPARE(m_notifier.shown.size(), 0);
    QCOMPARE(m_window->property("notifier").value<QObject *>(), &m_notifier);
    const QString example = workflowFile(QStringLiteral("order-approval.yaml"));
    QObject *approvals = m_approvals->property("approvals").value<QObject *>();
    showPlace(1);

    // While the window is active: no notification.
    QVERIFY(m_window->isActive());
    const QString first = startExecution(
        example, QStringLiteral(R"({"orderId":"N-9","amount":40,"requiresManualReview":true})"));
    QVERIFY(!first.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(approvals->property("count").toInt(), 1, 20000);
    QCOMPARE(m_notifier.shown.size(), 0);

    // Another window takes the focus; a new approval arrives and is notified.
    QWindow other;
    other.resize(200, 100);
    other.show();
    other.requestActivate();
    QTRY_VERIFY(!m_window->isActive());
    const QString id = startExecution(
        example, QStringLiteral(R"({"orderId":"N-10","amount":41,"requiresManualReview":true})"));
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_notifier.shown.size(), 1, 20000);
    const FakeNotifier::Shown shown = m_notifier.shown.first();
    QCOMPARE(shown.key, id + QStringLiteral("\nwait-for-review"));
    QCOMPARE(shown.title, QStringLiteral("Approval needed: wait-for-review"));
    QCOMPARE(shown.body, QStringLiteral("Order N-10 over 41 EUR was flagged for review "
                                        "(order-approval, execution %1)")
                             .arg(id.left(8)));

    // Clicking it brings the window up and opens that approval (the second in the inbox).
    emit m_notifier.activated(shown.key);
    QTRY_COMPARE(findByClass(m_window->contentItem(), "SideRail")->property("currentIndex").toInt(),
                 2);
    QTRY_COMPARE(m_approvals->property("currentRow").toInt(), 1);
    QTRY_COMPARE(item(QStringLiteral("approvalPrompt"))->property("text").toString(),
                 QStringLiteral("Order N-10 over 41 EUR was flagged for review"));
    QTRY_VERIFY(m_window->isActive());
    QCOMPARE(m_notifier.shown.size(), 1);
}

void TestMonitorE2E::runDialogRemembersInput()
{
    // Reopened, the Run dialog's form holds the input of the last run started from it.
    showPlace(0);
    QTRY_VERIFY(m_window->isActive());
    QTest::keyClick(m_window, Qt::Key_F5);
    QObject *runDialog = m_window->findChild<QObject *>(QStringLiteral("runDialog"));
    QTRY_VERIFY(runDialog->property("opened").toBool());
    QCOMPARE(runDialog->property("inputMode").toInt(), 0);
    QTRY_COMPARE(item(QStringLiteral("inputField:orderId"))->property("text").toString(),
                 QStringLiteral("A-1"));
    QCOMPARE(item(QStringLiteral("inputField:amount"))->property("text").toString(),
             QStringLiteral("120"));
    QVERIFY(item(QStringLiteral("inputField:requiresManualReview"))->property("checked").toBool());
    QVERIFY(item(QStringLiteral("runConfirm"))->isEnabled());
    QMetaObject::invokeMethod(runDialog, "close");
    QTRY_VERIFY(!runDialog->property("visible").toBool());
}

void TestMonitorE2E::runDialogNamesAreFresh()
{
    // Each run gets a fresh name: the name field is empty whenever the dialog opens, and a name
    // that is already used is refused with a message instead of showing the older execution.
    showPlace(0);
    QObject *runDialog = m_window->findChild<QObject *>(QStringLiteral("runDialog"));
    QObject *name = item(QStringLiteral("runName"));
    QVERIFY(runDialog && name);
    const QString named = QStringLiteral("order-fresh-1");
    QString first;
    for (int round = 0; round < 2; ++round) {
        QTRY_VERIFY(m_window->isActive());
        QTest::keyClick(m_window, Qt::Key_F5);
        QTRY_VERIFY(runDialog->property("opened").toBool());
        QCOMPARE(name->property("text").toString(), QString()); // fresh every time
        name->setProperty("text", named);
        const QString before = m_runs->property("selectedId").toString();
        click(item(QStringLiteral("runConfirm")));
        if (round == 0) {
            QTRY_VERIFY_WITH_TIMEOUT(m_runs->property("selectedId").toString() != before, 10000);
            first = m_runs->property("selectedId").toString();
            QTRY_VERIFY(!runDialog->property("visible").toBool());
            showPlace(0);
            continue;
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            runDialog->property("error").toString().contains(QStringLiteral("already used")),
            10000);
        QVERIFY(runDialog->property("visible").toBool());
        QCOMPARE(m_runs->property("selectedId").toString(), before);
        QMetaObject::invokeMethod(runDialog, "close");
        QTRY_VERIFY(!runDialog->property("visible").toBool());
    }
    QVERIFY(!first.isEmpty());
}

QTEST_MAIN(TestMonitorE2E)
#include "tst_monitor_e2e.moc"
