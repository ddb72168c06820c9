// wait_for_event: approvals (who, comment, form fields validated against the form; reject raises
// Approval.Rejected which catch handles), named events with payloads, deadlines, and the pending
// waits table the approvals inbox reads.
#include "enginetesthelpers.h"

#include "signalbox/clock.h"

#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

static const char *reviewYaml
    = "\n"
      "workflow:\n"
      "  name: review\n"
      "  start_at: review\n"
      "  states:\n"
      "    review:\n"
      "      type: wait_for_event\n"
      "      prompt: \"Approve order {{$.order}} of {{$.amount}} EUR?\"\n"
      "      assignee: finance\n"
      "      timeout_seconds: 3600\n"
      "      form:\n"
      "        - {name: reason, type: string, required: true}\n"
      "        - {name: limit, type: number}\n"
      "        - {name: urgent, type: boolean}\n"
      "        - {name: channel, type: choice, options: [mail, phone]}\n"
      "      result_path: $.review\n"
      "      catch:\n"
      "        - {errors: [Approval.Rejected], next: rejected, result_path: $.rejection}\n"
      "        - {errors: [States.Timeout], next: expired}\n"
      "      next: approved\n"
      "    approved: {type: succeed}\n"
      "    rejected: {type: succeed}\n"
      "    expired: {type: fail, error: Review.Expired}\n";

class TestEngineApprovals : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;

    std::string start(const std::string &yaml, const Json &input)
    {
        OperationResult r
            = m_engine->start(definition(yaml), yaml, m_dir.filePath("wf.yaml"), input);
        if (!r.ok)
            qWarning("start failed: %s", r.error.c_str());
        m_engine->flush();
        return r.executionId;
    }

private slots:
    void init()
    {
        m_clock = std::make_unique<ManualClock>();
        m_engine = std::make_unique<Engine>(m_clock.get());
        QString error;
        QVERIFY2(
            m_engine->open(
                m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())), &error),
            qPrintable(error));
    }
    void cleanup()
    {
        if (m_engine && m_engine->store()) {
            m_engine->flush();
            QString why;
            QVERIFY2(allHistoriesReplay(m_engine->store(), &why), qPrintable(why));
        }
        m_engine.reset();
        m_clock.reset();
    }

    void approveWithForm()
    {
        QSignalSpy approvals(m_engine.get(), &Engine::approvalsChanged);
        const std::string id = start(reviewYaml, Json{{"order", 42}, {"amount", 99.5}});
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Waiting);
        JCOMPARE(approvals.count(), 1);
        const std::vector<PendingWait> waits = m_engine->store()->pendingWaits(id);
        JCOMPARE(waits.size(), std::size_t(1));
        JCOMPARE(waits[0].kind, std::string("approval"));
        JCOMPARE(waits[0].data["prompt"], Json("Approve order 42 of 99.5 EUR?"));
        JCOMPARE(waits[0].data["assignee"], Json("finance"));
        JCOMPARE(waits[0].deadlineMs, m_clock->nowMs() + 3600 * 1000);

        // Form validation: each problem is refused with a clear message and nothing changes.
        OperationResult r = m_engine->approve(id, "review", "ann", "ok", Json::object());
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("'reason' is required") != std::string::npos, r.error.c_str());
        r = m_engine->approve(id, "review", "ann", "ok", Json{{"reason", "x"}, {"limit", "lots"}});
        QVERIFY2(!r.ok && r.error.find("number") != std::string::npos, r.error.c_str());
        r = m_engine->approve(id, "review", "ann", "ok", Json{{"reason", "x"}, {"channel", "fax"}});
        QVERIFY2(!r.ok && r.error.find("mail, phone") != std::string::npos, r.error.c_str());
        r = m_engine->approve(id, "review", "ann", "ok", Json{{"reason", "x"}, {"colour", "red"}});
        QVERIFY2(!r.ok && r.error.find("colour") != std::string::npos, r.error.c_str());
        r = m_engine->approve(id, "elsewhere", "ann", "ok", Json{{"reason", "x"}});
        QVERIFY(!r.ok);

        r = m_engine->approve(
            id, "", "ann", "fine by me",
            Json{{"reason", "known customer"}, {"limit", "500"}, {"urgent", "true"}});
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["review"]["approved"], Json(true));
        JCOMPARE(rec.output["review"]["by"], Json("ann"));
        JCOMPARE(rec.output["review"]["comment"], Json("fine by me"));
        JCOMPARE(rec.output["review"]["fields"]["limit"], Json(500.0));
        JCOMPARE(rec.output["review"]["fields"]["urgent"], Json(true));
        QVERIFY(m_engine->store()->pendingWaits(id).empty());
        QVERIFY(m_engine->store()->timers().empty()); // the deadline timer is gone
        const auto granted = eventsOf(m_engine->store(), id, EventType::ApprovalGranted);
        JCOMPARE(granted.size(), std::size_t(1));
        JCOMPARE(granted[0].data["by"], Json("ann"));
        QVERIFY(granted[0].data.contains("at"));
        // A second decision is refused: nothing waits any more.
        QVERIFY(!m_engine->approve(id, "", "bob", "").ok);
        VERIFY_REPLAY(*m_engine, id);
    }

    void rejectIsCaught()
    {
        const std::string id = start(reviewYaml, Json{{"order", 1}});
        OperationResult r = m_engine->reject(id, "review", "bob", "too expensive");
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["rejection"],
                 (Json{{"error", "Approval.Rejected"}, {"cause", "too expensive"}}));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::ApprovalRejected), 1);
        VERIFY_REPLAY(*m_engine, id);
    }

    void deadlinePasses()
    {
        const std::string id = start(reviewYaml, Json{{"order", 1}});
        m_clock->advance(3600 * 1000 - 1);
        m_engine->flush();
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Waiting);
        m_clock->advance(1);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("Review.Expired"));
        QVERIFY(m_engine->store()->pendingWaits(id).empty());
        VERIFY_REPLAY(*m_engine, id);
    }

    void namedEventWithPayload()
    {
        const std::string yaml = "\n"
                                 "workflow:\n"
                                 "  name: events\n"
                                 "  start_at: paid\n"
                                 "  states:\n"
                                 "    paid: {type: wait_for_event, kind: event, event: "
                                 "payment-received, result_path: $.payment, next: done}\n"
                                 "    done: {type: succeed}\n";
        const std::string id = start(yaml, Json{{"order", 5}});
        OperationResult wrong = m_engine->sendEvent(id, "other-event", Json());
        QVERIFY(!wrong.ok);
        QVERIFY2(wrong.error.find("payment-received") != std::string::npos, wrong.error.c_str());
        // Approval commands do not resolve events.
        QVERIFY(!m_engine->approve(id, "", "x", "").ok);
        QVERIFY(m_engine->sendEvent(id, "payment-received", Json{{"amount", 12}}).ok);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.output, (Json{{"order", 5}, {"payment", {{"amount", 12}}}}));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::EventReceived), 1);
        VERIFY_REPLAY(*m_engine, id);
    }

    void approvalsInMapIterationsByPosition()
    {
        const std::string yaml
            = "workflow:\n  name: perItem\n  start_at: each\n  states:\n"
              "    each:\n      type: map\n      items_path: $.items\n"
              "      processor:\n        start_at: ok\n        states:\n"
              "          ok: {type: wait_for_event, result_path: $.r, end: true}\n"
              "      end: true\n";
        const std::string id = start(yaml, Json{{"items", Json::parse("[{\"n\":1},{\"n\":2}]")}});
        OperationResult r = m_engine->approve(id, "ok", "x", "");
        QVERIFY(!r.ok); // the same state waits in two iterations
        QVERIFY2(r.error.find("each[1]/ok") != std::string::npos, r.error.c_str());
        QVERIFY(m_engine->approve(id, "each[1]/ok", "x", "second").ok);
        m_engine->flush();
        JCOMPARE(record(*m_engine, id).positions, Json::array({"each[0]/ok"}));
        QVERIFY(m_engine->approve(id, "ok", "y", "first").ok);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.output[0]["r"]["comment"], Json("first"));
        JCOMPARE(rec.output[1]["r"]["comment"], Json("second"));
        VERIFY_REPLAY(*m_engine, id);
    }

    void approvalsInParallelNeedAState()
    {
        const std::string yaml
            = "\n"
              "workflow:\n"
              "  name: two\n"
              "  start_at: both\n"
              "  states:\n"
              "    both:\n"
              "      type: parallel\n"
              "      branches:\n"
              "        - {start_at: legal, states: {legal: {type: wait_for_event, end: true}}}\n"
              "        - {start_at: finance, states: {finance: {type: wait_for_event, end: "
              "true}}}\n"
              "      end: true\n";
        const std::string id = start(yaml, Json::object());
        OperationResult r = m_engine->approve(id, "", "x", "");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("name one of them") != std::string::npos, r.error.c_str());
        QVERIFY(m_engine->approve(id, "legal", "x", "").ok);
        m_engine->flush();
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Waiting);
        QVERIFY(m_engine->approve(id, "", "y", "").ok); // only one left
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Succeeded);
        VERIFY_REPLAY(*m_engine, id);
    }
};

QTEST_GUILESS_MAIN(TestEngineApprovals)
#include "tst_engine_approvals.moc"
