// Tests of the durable store: every API, history integrity (no gaps, no duplicates), atomicity
// under injected write faults, schema versioning and refusal of files that are not ours.
#include "signalbox/store.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <cstdio>

using namespace Signalbox;

// QCOMPARE cannot print nlohmann values; this shows both sides as JSON on failure.
#define JSON_COMPARE(actual, expected)                                                             \
    do {                                                                                           \
        const Json a_ = (actual), e_ = (expected);                                                 \
        QVERIFY2(a_ == e_, qPrintable(QStringLiteral("%1 != %2")                                   \
                                          .arg(QString::fromStdString(a_.dump()),                  \
                                               QString::fromStdString(e_.dump()))));               \
    } while (false)

namespace {
ExecutionRecord makeExecution(const std::string &id, qint64 startedAt = 1000,
                              ExecutionStatus status = ExecutionStatus::Running,
                              const std::string &workflow = "order-approval")
{
    ExecutionRecord r;
    r.id = id;
    r.workflow = workflow;
    r.definitionHash = "hash-1";
    r.sourcePath = "/tmp/order.yaml";
    r.status = status;
    r.input = Json{{"amount", 10}};
    r.startedAtMs = startedAt;
    r.positions = Json::array({"validate-order"});
    return r;
}

HistoryEvent makeEvent(qint64 seq, EventType type = EventType::StateEntered)
{
    HistoryEvent e;
    e.seq = seq;
    e.type = type;
    e.atMs = 1000 + seq;
    e.state = "s" + std::to_string(seq);
    e.data = Json{{"n", seq}};
    return e;
}

std::vector<HistoryEvent> events(qint64 from, qint64 to)
{
    std::vector<HistoryEvent> result;
    for (qint64 s = from; s <= to; ++s)
        result.push_back(makeEvent(s));
    return result;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Runs SQL on a database file outside the Store (fixtures, foreign databases).
bool rawExec(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open(QFile::encodeName(path).constData(), &db) == SQLITE_OK
              && sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok)
        qWarning() << sqlite3_errmsg(db);
    sqlite3_close(db);
    return ok;
}
// Child mode (`tst_store --write-forever DB`): commits batches like the engine does (new events
// and the projection in one transaction) and prints the number of acknowledged batches after
// each commit, until it is killed.
int writeForever(const QString &path)
{
    QString error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    for (qint64 batch = 1;; ++batch) {
        const std::string id = "e" + std::to_string(batch % 3);
        std::optional<ExecutionRecord> rec = store->execution(id);
        if (!store->begin())
            return 2;
        if (!rec) {
            rec = makeExecution(id);
            if (!store->insertExecution(*rec))
                return 3;
        }
        const qint64 next = rec->lastSeq + 1;
        rec->lastSeq = next + 1;
        rec->positions = Json::array({"s" + std::to_string(next + 1)});
        if (!store->appendEvents(id, events(next, next + 1)) || !store->updateExecution(*rec)
            || !store->commit())
            return 4;
        std::printf("%lld\n", static_cast<long long>(batch));
        std::fflush(stdout);
    }
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString dbPath(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    std::unique_ptr<Store> openFresh(const char *name)
    {
        QString error;
        auto store = Store::open(dbPath(name), Store::Mode::ReadWrite, &error);
        if (!store)
            qWarning() << error;
        return store;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void createsSchemaAndReopens()
    {
        QString error;
        const QString path = dbPath("create.db");
        {
            auto store = Store::open(path, Store::Mode::ReadWrite, &error);
            QVERIFY2(store, qPrintable(error));
            QCOMPARE(store->databaseSchemaVersion(), Store::schemaVersion);
            QVERIFY(store->insertExecution(makeExecution("e1")));
            QVERIFY(QFile::exists(path + "-wal")); // WAL mode
        }
        auto again = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(again, qPrintable(error));
        QVERIFY(again->execution("e1"));
        // The file says what it is.
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(stmt, 0), Store::schemaVersion);
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    }

    void memoryDatabase()
    {
        QString error;
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(store->insertExecution(makeExecution("m1")));
        QVERIFY(store->execution("m1"));
        QVERIFY(!Store::open(":memory:", Store::Mode::ReadOnly, &error));
        QVERIFY(error.contains("read-only"));
    }

    void definitions()
    {
        auto store = openFresh("definitions.db");
        QVERIFY(store);
        StoredDefinition def{"abc123", "order-approval", "workflow: {}", "yaml", "/w/o.yaml"};
        QVERIFY(store->putDefinition(def));
        // Content-addressed: storing the same hash again keeps the first.
        StoredDefinition other = def;
        other.source = "changed";
        QVERIFY(store->putDefinition(other));
        const auto read = store->definition("abc123");
        QVERIFY(read);
        QCOMPARE(read->source, def.source);
        QCOMPARE(read->name, def.name);
        QCOMPARE(read->format, def.format);
        QCOMPARE(read->sourcePath, def.sourcePath);
        QVERIFY(!store->definition("nope"));
    }

    void executionRoundTrip()
    {
        auto store = openFresh("executions.db");
        QVERIFY(store);
        ExecutionRecord rec = makeExecution("e1");
        rec.name = "order-42";
        rec.cache = Json{{"frames", Json::array({1, 2})}};
        rec.simulated = true;
        QVERIFY(store->insertExecution(rec));

        auto byId = store->execution("e1");
        QVERIFY(byId);
        QCOMPARE(byId->name, rec.name);
        QCOMPARE(byId->workflow, rec.workflow);
        QCOMPARE(byId->definitionHash, rec.definitionHash);
        QCOMPARE(byId->sourcePath, rec.sourcePath);
        QCOMPARE(byId->status, ExecutionStatus::Running);
        JSON_COMPARE(byId->input, rec.input);
        JSON_COMPARE(byId->positions, rec.positions);
        JSON_COMPARE(byId->cache, rec.cache);
        QVERIFY(byId->simulated);
        QVERIFY(byId->output.is_null());
        auto byName = store->execution("order-42");
        QVERIFY(byName);
        QCOMPARE(byName->id, std::string("e1"));

        rec.status = ExecutionStatus::Failed;
        rec.error = "States.TaskFailed";
        rec.cause = "boom";
        rec.endedAtMs = 5000;
        rec.output = Json{{"x", 1}};
        rec.positions = Json::array();
        QVERIFY(store->updateExecution(rec));
        auto updated = store->execution("e1");
        QCOMPARE(updated->status, ExecutionStatus::Failed);
        QCOMPARE(updated->error, rec.error);
        QCOMPARE(updated->cause, rec.cause);
        QCOMPARE(updated->endedAtMs, qint64(5000));
        JSON_COMPARE(updated->output, rec.output);

        // Unnamed executions do not collide; names are unique; ids are unique.
        QVERIFY(store->insertExecution(makeExecution("e2")));
        QVERIFY(store->insertExecution(makeExecution("e3")));
        ExecutionRecord dupName = makeExecution("e4");
        dupName.name = "order-42";
        QVERIFY(!store->insertExecution(dupName));
        QVERIFY2(store->lastError().contains("named 'order-42' already exists"),
                 qPrintable(store->lastError()));
        QVERIFY(!store->insertExecution(makeExecution("e2")));
        QVERIFY(store->lastError().contains("id 'e2' already exists"));
        QVERIFY(!store->updateExecution(makeExecution("ghost")));
        QVERIFY(store->lastError().contains("no execution 'ghost'"));
        QVERIFY(!store->execution("ghost"));
    }

    void invalidUtf8NeverThrows()
    {
        auto store = openFresh("utf8.db");
        QVERIFY(store);
        ExecutionRecord rec = makeExecution("u1");
        rec.input = Json{{"bad", std::string("\xff\xfe ok")}};
        QVERIFY(store->insertExecution(rec));
        auto read = store->execution("u1");
        QVERIFY(read);
        QVERIFY(read->input["bad"].get<std::string>().find(" ok") != std::string::npos);
    }

    void appendEventsContinues()
    {
        auto store = openFresh("events.db");
        QVERIFY(store);
        QVERIFY(store->insertExecution(makeExecution("e1")));
        QVERIFY(store->appendEvents("e1", events(1, 3)));
        QVERIFY(store->appendEvents("e1", events(4, 4)));
        QVERIFY(store->appendEvents("e1", {}));
        const auto all = store->history("e1");
        QCOMPARE(all.size(), std::size_t(4));
        for (std::size_t i = 0; i < all.size(); ++i) {
            QCOMPARE(all[i].seq, qint64(i + 1));
            QCOMPARE(all[i].type, EventType::StateEntered);
            QCOMPARE(all[i].atMs, qint64(1001 + i));
            JSON_COMPARE(all[i].data, Json({{"n", i + 1}}));
        }
        QCOMPARE(all[2].state, std::string("s3"));
        const auto tail = store->history("e1", 2);
        QCOMPARE(tail.size(), std::size_t(2));
        QCOMPARE(tail.front().seq, qint64(3));
        QCOMPARE(store->execution("e1")->lastSeq, qint64(4));
        // A stale projection never moves last_seq backwards.
        ExecutionRecord stale = makeExecution("e1");
        stale.lastSeq = 1;
        QVERIFY(store->updateExecution(stale));
        QCOMPARE(store->execution("e1")->lastSeq, qint64(4));
    }

    void appendEventsRefuses_data()
    {
        QTest::addColumn<QList<qint64>>("seqs");
        QTest::addColumn<QString>("message");
        QTest::newRow("gap at start") << QList<qint64>{4} << "gap";
        QTest::newRow("gap inside batch") << QList<qint64>{3, 5} << "gap";
        QTest::newRow("duplicate of stored") << QList<qint64>{2} << "duplicate";
        QTest::newRow("duplicate inside batch") << QList<qint64>{3, 3} << "duplicate";
        QTest::newRow("going back") << QList<qint64>{3, 4, 1} << "duplicate";
        QTest::newRow("zero") << QList<qint64>{0} << "duplicate";
    }

    void appendEventsRefuses()
    {
        QFETCH(QList<qint64>, seqs);
        QFETCH(QString, message);
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        QVERIFY(store);
        QVERIFY(store->insertExecution(makeExecution("e1")));
        QVERIFY(store->appendEvents("e1", events(1, 2)));
        std::vector<HistoryEvent> batch;
        for (qint64 s : seqs)
            batch.push_back(makeEvent(s));
        QVERIFY(!store->appendEvents("e1", batch));
        QVERIFY2(store->lastError().contains(message), qPrintable(store->lastError()));
        // All or nothing: nothing of the refused batch was stored.
        QCOMPARE(store->history("e1").size(), std::size_t(2));
        QCOMPARE(store->execution("e1")->lastSeq, qint64(2));
    }

    void appendEventsNeedsExecutionAndKnownType()
    {
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        QVERIFY(!store->appendEvents("ghost", events(1, 1)));
        QVERIFY(store->lastError().contains("no execution 'ghost'"));
        QVERIFY(store->insertExecution(makeExecution("e1")));
        HistoryEvent bad = makeEvent(1);
        bad.type = EventType(999);
        QVERIFY(!store->appendEvents("e1", {bad}));
        QVERIFY(store->lastError().contains("unknown type 999"));
        QVERIFY(store->history("e1").empty());
    }

    void transactions()
    {
        auto store = openFresh("tx.db");
        QVERIFY(store);
        QVERIFY(store->begin());
        QVERIFY(store->insertExecution(makeExecution("gone")));
        QVERIFY(store->appendEvents("gone", events(1, 2)));
        store->rollback();
        QVERIFY(!store->execution("gone"));
        QVERIFY(store->begin());
        QVERIFY(store->insertExecution(makeExecution("kept")));
        QVERIFY(store->appendEvents("kept", events(1, 2)));
        QVERIFY(store->commit());
        QCOMPARE(store->history("kept").size(), std::size_t(2));
        store->rollback(); // harmless without a transaction
    }

    // The engine's batch: several writes in one transaction; the Nth write fails.
    void injectedFaultRollsBack_data()
    {
        QTest::addColumn<int>("failingWrite");
        // Writes: insert e2 (1), 2 events (2, 3) + last_seq (4), update e2 (5), timer (6),
        // wait (7), commit (8).
        for (int n = 1; n <= 8; ++n)
            QTest::addRow("write %d", n) << n;
    }

    void injectedFaultRollsBack()
    {
        QFETCH(int, failingWrite);
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        QVERIFY(store->insertExecution(makeExecution("e1")));
        QVERIFY(store->appendEvents("e1", events(1, 1)));

        store->failAfterWrites(failingWrite);
        bool ok = store->begin();
        QVERIFY(ok);
        ExecutionRecord rec = makeExecution("e2");
        ok = ok && store->insertExecution(rec);
        ok = ok && store->appendEvents("e2", events(1, 2));
        rec.status = ExecutionStatus::Waiting;
        ok = ok && store->updateExecution(rec);
        ok = ok && store->putTimer({"t1", "e2", 5000, Json::object()});
        ok = ok && store->putWait({"e2", "", "review", "review", "approval", 1, 0, nullptr});
        ok = ok && store->commit();
        QVERIFY(!ok);
        QVERIFY2(store->lastError().contains("injected fault"), qPrintable(store->lastError()));
        store->rollback();

        // Nothing of the batch is visible; what was there before is intact.
        QVERIFY(!store->execution("e2"));
        QVERIFY(store->timers().empty());
        QVERIFY(store->pendingWaits().empty());
        QCOMPARE(store->history("e1").size(), std::size_t(1));
        // The fault fires once; the engine can retry the batch.
        QVERIFY(store->begin());
        QVERIFY(store->insertExecution(rec));
        QVERIFY(store->appendEvents("e2", events(1, 2)));
        QVERIFY(store->commit());
        QCOMPARE(store->history("e2").size(), std::size_t(2));
    }

    void injectedFaultOutsideTransactionIsAtomic()
    {
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        QVERIFY(store->insertExecution(makeExecution("e1")));
        store->failAfterWrites(3); // the third of three event inserts
        QVERIFY(!store->appendEvents("e1", events(1, 3)));
        QVERIFY(store->history("e1").empty());
        QVERIFY(store->appendEvents("e1", events(1, 3)));
        QCOMPARE(store->history("e1").size(), std::size_t(3));
    }

    // appendEvents writes long batches in multi-row chunks: every row keeps its fields and
    // order, and fault injection still counts (and fails) one write per event row.
    void longBatchesKeepEveryEvent()
    {
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        QVERIFY(store->insertExecution(makeExecution("e1")));
        std::vector<HistoryEvent> batch = events(1, 70);
        for (HistoryEvent &e : batch) {
            e.frame = "f" + std::to_string(e.seq % 3);
            e.state = "s" + std::to_string(e.seq);
            e.data = {{"seq", e.seq}, {"text", std::string(std::size_t(e.seq), 'x')}};
        }
        store->failAfterWrites(40); // a row in the second chunk
        QVERIFY(!store->appendEvents("e1", batch));
        QVERIFY(store->history("e1").empty());
        QVERIFY(store->appendEvents("e1", batch));
        const std::vector<HistoryEvent> stored = store->history("e1");
        QCOMPARE(stored.size(), batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            QCOMPARE(stored[i].seq, batch[i].seq);
            QCOMPARE(int(stored[i].type), int(batch[i].type));
            QCOMPARE(stored[i].atMs, batch[i].atMs);
            QCOMPARE(stored[i].frame, batch[i].frame);
            QCOMPARE(stored[i].state, batch[i].state);
            QVERIFY(stored[i].data == batch[i].data);
        }
        QCOMPARE(store->execution("e1")->lastSeq, qint64(70));
        QVERIFY(store->appendEvents("e1", events(71, 71)));
        QVERIFY(!store->appendEvents("e1", events(71, 71))); // still refuses a duplicate
    }

    void timers()
    {
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        QVERIFY(store->insertExecution(makeExecution("e1")));
        QVERIFY(store->putTimer({"late", "e1", 9000, Json{{"kind", "wait"}}}));
        QVERIFY(store->putTimer({"early", "e1", 2000, Json{{"kind", "retry"}}}));
        auto all = store->timers();
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[0].id, std::string("early")); // by due time
        JSON_COMPARE(all[0].payload, Json({{"kind", "retry"}}));
        QVERIFY(store->putTimer({"early", "e1", 10000, Json{{"kind", "moved"}}})); // replaces
        all = store->timers();
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[1].id, std::string("early"));
        QCOMPARE(all[1].dueAtMs, qint64(10000));
        QVERIFY(store->deleteTimer("late"));
        QVERIFY(store->deleteTimer("late")); // idempotent
        QCOMPARE(store->timers().size(), std::size_t(1));
        QVERIFY(!store->putTimer({"orphan", "ghost", 1, nullptr})); // needs its execution
    }

    void waits()
    {
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        QVERIFY(store->insertExecution(makeExecution("e1")));
        QVERIFY(store->insertExecution(makeExecution("e2")));
        const Json data{{"prompt", "Approve 10?"}, {"form", Json::array()}};
        QVERIFY(store->putWait({"e1", "", "review", "review", "approval", 300, 900, data}));
        QVERIFY(store->putWait({"e2", "par[1]", "ask", "go", "event", 100, 0, nullptr}));
        auto all = store->pendingWaits();
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[0].executionId, std::string("e2")); // oldest first
        QCOMPARE(all[0].frame, std::string("par[1]"));
        QCOMPARE(all[0].kind, std::string("event"));
        const auto mine = store->pendingWaits("e1");
        QCOMPARE(mine.size(), std::size_t(1));
        QCOMPARE(mine[0].event, std::string("review"));
        QCOMPARE(mine[0].deadlineMs, qint64(900));
        JSON_COMPARE(mine[0].data, data);
        QVERIFY(store->deleteWait("e2", "par[1]", "ask"));
        QCOMPARE(store->pendingWaits().size(), std::size_t(1));
    }

    void taskLogsAreBounded_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("truncated");
        QTest::newRow("small") << 100 << false;
        QTest::newRow("exactly the limit") << int(Store::maxLogBytes) << false;
        QTest::newRow("one byte over") << int(Store::maxLogBytes) + 1 << true;
        QTest::newRow("a megabyte") << 1024 * 1024 << true;
    }

    void taskLogsAreBounded()
    {
        QFETCH(int, size);
        QFETCH(bool, truncated);
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        QVERIFY(store->insertExecution(makeExecution("e1")));
        // Multi-byte characters so a cut in the middle of one would show.
        std::string text = "HEAD";
        while (text.size() + 2 <= std::size_t(size) - 4)
            text += "\xc3\xa9"; // é
        if (text.size() < std::size_t(size) - 4)
            text += 'x';
        text += "TAIL";
        QCOMPARE(text.size(), std::size_t(size));
        TaskLog log;
        log.executionId = "e1";
        log.state = "charge";
        log.attempt = 2;
        log.exitCode = 3;
        log.stdoutText = text;
        log.stderrText = "warning";
        log.extra = Json{{"pid", 7}};
        QVERIFY(store->putTaskLog(log));
        const auto logs = store->taskLogs("e1");
        QCOMPARE(logs.size(), std::size_t(1));
        const TaskLog &read = logs.front();
        QCOMPARE(read.truncated, truncated);
        QVERIFY(read.stdoutText.size() <= Store::maxLogBytes);
        QVERIFY(read.stdoutText.rfind("HEAD", 0) == 0);
        QVERIFY(read.stdoutText.size() >= 4
                && read.stdoutText.compare(read.stdoutText.size() - 4, 4, "TAIL") == 0);
        QVERIFY(QString::fromUtf8(read.stdoutText).toUtf8().toStdString() == read.stdoutText);
        if (truncated)
            QVERIFY(read.stdoutText.find("bytes truncated") != std::string::npos);
        QCOMPARE(read.stderrText, std::string("warning"));
        QCOMPARE(read.exitCode, 3);
        JSON_COMPARE(read.extra, Json({{"pid", 7}}));
        // Same (execution, frame, state, attempt) replaces.
        log.stdoutText = "again";
        QVERIFY(store->putTaskLog(log));
        QCOMPARE(store->taskLogs("e1").size(), std::size_t(1));
        QCOMPARE(store->taskLogs("e1").front().stdoutText, std::string("again"));
    }

    void listExecutions_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("workflow");
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QStringList>("expected"); // newest first
        QTest::addColumn<int>("count");
        const QStringList all{"e5", "e4", "e3", "e2", "e1"};
        QTest::newRow("all") << ""
                             << ""
                             << "" << 100 << 0 << all << 5;
        QTest::newRow("page 1") << ""
                                << ""
                                << "" << 2 << 0 << QStringList{"e5", "e4"} << 5;
        QTest::newRow("page 2") << ""
                                << ""
                                << "" << 2 << 2 << QStringList{"e3", "e2"} << 5;
        QTest::newRow("page 3") << ""
                                << ""
                                << "" << 2 << 4 << QStringList{"e1"} << 5;
        QTest::newRow("past end") << ""
                                  << ""
                                  << "" << 2 << 6 << QStringList{} << 5;
        QTest::newRow("no limit") << ""
                                  << ""
                                  << "" << 0 << 0 << all << 5;
        QTest::newRow("failed") << "FAILED"
                                << ""
                                << "" << 100 << 0 << QStringList{"e4", "e2"} << 2;
        QTest::newRow("workflow") << ""
                                  << "billing"
                                  << "" << 100 << 0 << QStringList{"e5", "e3"} << 2;
        QTest::newRow("status and workflow") << "FAILED"
                                             << "billing"
                                             << "" << 100 << 0 << QStringList{} << 0;
        QTest::newRow("search name") << ""
                                     << ""
                                     << "nightly" << 100 << 0 << QStringList{"e3"} << 1;
        QTest::newRow("search id") << ""
                                   << ""
                                   << "e4" << 100 << 0 << QStringList{"e4"} << 1;
        QTest::newRow("search input") << ""
                                      << ""
                                      << "alice" << 100 << 0 << QStringList{"e2"} << 1;
        QTest::newRow("search case-insensitive") << ""
                                                 << ""
                                                 << "ALICE" << 100 << 0 << QStringList{"e2"} << 1;
        QTest::newRow("search percent is literal") << ""
                                                   << ""
                                                   << "50%" << 100 << 0 << QStringList{"e1"} << 1;
        QTest::newRow("search underscore is literal") << ""
                                                      << ""
                                                      << "a_b" << 100 << 0 << QStringList{} << 0;
    }

    void listExecutions()
    {
        QFETCH(QString, status);
        QFETCH(QString, workflow);
        QFETCH(QString, search);
        QFETCH(int, limit);
        QFETCH(int, offset);
        QFETCH(QStringList, expected);
        QFETCH(int, count);
        auto store = Store::open(":memory:", Store::Mode::ReadWrite, nullptr);
        auto e1 = makeExecution("e1", 100, ExecutionStatus::Succeeded);
        e1.input = Json{{"discount", "50%"}};
        auto e2 = makeExecution("e2", 200, ExecutionStatus::Failed);
        e2.input = Json{{"customer", "alice"}, {"code", "axb"}};
        auto e3 = makeExecution("e3", 300, ExecutionStatus::Running, "billing");
        e3.name = "nightly-run";
        auto e4 = makeExecution("e4", 400, ExecutionStatus::Failed);
        auto e5 = makeExecution("e5", 500, ExecutionStatus::Waiting, "billing");
        for (const auto &r : {e1, e2, e3, e4, e5})
            QVERIFY(store->insertExecution(r));

        ExecutionFilter filter;
        if (!status.isEmpty())
            filter.status = executionStatusFromName(status.toStdString());
        filter.workflow = workflow.toStdString();
        filter.search = search.toStdString();
        filter.limit = limit;
        filter.offset = offset;
        QStringList ids;
        for (const auto &r : store->listExecutions(filter))
            ids << QString::fromStdString(r.id);
        QCOMPARE(ids, expected);
        QCOMPARE(store->countExecutions(filter), count);

        QStringList unfinished;
        for (const auto &r : store->unfinishedExecutions())
            unfinished << QString::fromStdString(r.id);
        QCOMPARE(unfinished, (QStringList{"e3", "e5"}));
    }

    void refusesNewerSchema()
    {
        const QString path = dbPath("newer.db");
        QVERIFY(rawExec(path, "CREATE TABLE executions (id TEXT); PRAGMA application_id = "
                                  + QByteArray::number(0x53474258)
                                  + "; PRAGMA user_version = 99;"));
        const QByteArray before = readFile(path);
        for (Store::Mode mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
            QString error;
            QVERIFY(!Store::open(path, mode, &error));
            QCOMPARE(error, path
                                + QStringLiteral(" was written by a newer Signalbox (schema 99, "
                                                 "this build knows %1); upgrade Signalbox")
                                      .arg(Store::schemaVersion));
        }
        QCOMPARE(readFile(path), before);
    }

    void refusesFilesThatAreNotOurs_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("text") << QByteArray("workflow:\n  name: not a database\n")
                              << "is not a readable Signalbox database";
        QByteArray noise(8192, '\0');
        for (int i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 7919 + 13) % 251);
        QTest::newRow("noise") << noise << "is not a readable Signalbox database";
        QByteArray header = QByteArray("SQLite format 3") + '\0' + noise;
        QTest::newRow("sqlite header, garbage after")
            << header << "is not a readable Signalbox database";
    }

    void refusesFilesThatAreNotOurs()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = dbPath("notours.db");
        QFile::remove(path);
        QVERIFY(writeFile(path, content));
        for (Store::Mode mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
            QString error;
            QVERIFY(!Store::open(path, mode, &error));
            QVERIFY2(error.startsWith(path), qPrintable(error));
            QVERIFY2(error.contains(message), qPrintable(error));
        }
        QCOMPARE(readFile(path), content); // never overwritten
        QVERIFY(!QFile::exists(path + "-wal"));
    }

    void refusesForeignSqliteDatabase()
    {
        const QString path = dbPath("foreign.db");
        QVERIFY(rawExec(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT);"
                              "INSERT INTO photos (file) VALUES ('cat.jpg');"));
        const QByteArray before = readFile(path);
        for (Store::Mode mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
            QString error;
            QVERIFY(!Store::open(path, mode, &error));
            QCOMPARE(error, path
                                + " is an SQLite database but not a Signalbox database; the "
                                  "file was left unchanged");
        }
        QCOMPARE(readFile(path), before);
    }

    void missingFileAndFolder()
    {
        QString error;
        const QString missing = dbPath("missing.db");
        QVERIFY(!Store::open(missing, Store::Mode::ReadOnly, &error));
        QVERIFY2(error.contains("no such database") && error.contains("signalbox serve --db"),
                 qPrintable(error));
        QVERIFY(!QFile::exists(missing));
        const QString nested = dbPath("no/such/folder/x.db");
        QVERIFY(!Store::open(nested, Store::Mode::ReadWrite, &error));
        QVERIFY2(error.contains("does not exist"), qPrintable(error));
        QVERIFY(!Store::open(m_dir.path(), Store::Mode::ReadWrite, &error));
        QVERIFY(error.contains("is a folder"));
    }

    void readOnlyOnEmptyFileAsksForHost()
    {
        const QString path = dbPath("empty.db");
        QVERIFY(writeFile(path, QByteArray()));
        QString error;
        QVERIFY(!Store::open(path, Store::Mode::ReadOnly, &error));
        QVERIFY2(error.contains("run the host once"), qPrintable(error));
        // The host turns an empty file into a database.
        QVERIFY(Store::open(path, Store::Mode::ReadWrite, &error));
        QVERIFY(Store::open(path, Store::Mode::ReadOnly, &error));
    }

    void readOnlyWhileWriterActive()
    {
        const QString path = dbPath("shared.db");
        QString error;
        auto writer = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(writer, qPrintable(error));
        QVERIFY(writer->insertExecution(makeExecution("committed")));
        QVERIFY(writer->appendEvents("committed", events(1, 2)));

        auto reader = Store::open(path, Store::Mode::ReadOnly, &error);
        QVERIFY2(reader, qPrintable(error));
        QCOMPARE(reader->mode(), Store::Mode::ReadOnly);
        QVERIFY(reader->execution("committed"));

        // The writer holds an open write transaction: the reader is not blocked and sees only
        // committed data.
        QVERIFY(writer->begin());
        QVERIFY(writer->insertExecution(makeExecution("pending")));
        QVERIFY(writer->appendEvents("committed", events(3, 3)));
        QVERIFY(reader->execution("committed"));
        QVERIFY(!reader->execution("pending"));
        QCOMPARE(reader->history("committed").size(), std::size_t(2));
        QVERIFY(writer->commit());
        QVERIFY(reader->execution("pending"));
        QCOMPARE(reader->history("committed").size(), std::size_t(3));

        // Readers never write.
        QVERIFY(!reader->insertExecution(makeExecution("sneaky")));
        QVERIFY(!reader->appendEvents("committed", events(4, 4)));
        QVERIFY(!writer->execution("sneaky"));
    }

    void readOnlyAfterWriterClosed()
    {
        const QString path = dbPath("closed.db");
        {
            auto writer = Store::open(path, Store::Mode::ReadWrite, nullptr);
            QVERIFY(writer->insertExecution(makeExecution("e1")));
        }
        QString error;
        auto reader = Store::open(path, Store::Mode::ReadOnly, &error);
        QVERIFY2(reader, qPrintable(error));
        QVERIFY(reader->execution("e1"));
    }

    // tests/data/db/v1.sql is a schema-1 database as Signalbox 0.1 wrote it. Every later build
    // must open it (upgrading it) and read its data back.
    void opensVersion1Fixture()
    {
        const QString path = dbPath("v1.db");
        QFile fixture(QStringLiteral(SIGNALBOX_TEST_DATA "/db/v1.sql"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        QVERIFY(rawExec(path, fixture.readAll()));
        QString error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->databaseSchemaVersion(), Store::schemaVersion);
        const auto exec = store->execution("order-7");
        QVERIFY(exec);
        QCOMPARE(exec->id, std::string("0d5c6a1e-v1"));
        QCOMPARE(exec->status, ExecutionStatus::Waiting);
        JSON_COMPARE(exec->input, Json({{"amount", 1200}, {"requiresManualReview", true}}));
        JSON_COMPARE(exec->positions, Json::array({"wait-for-review"}));
        const auto hist = store->history(exec->id);
        QCOMPARE(hist.size(), std::size_t(3));
        QCOMPARE(hist[2].type, EventType::EventAwaited);
        QCOMPARE(store->pendingWaits(exec->id).size(), std::size_t(1));
        QVERIFY(store->definition(exec->definitionHash));
        QVERIFY(store->appendEvents(exec->id, {makeEvent(4, EventType::ApprovalGranted)}));
        QCOMPARE(store->history(exec->id).size(), std::size_t(4));
        // Schema 2 keys the events by executions.key: a new execution gets its own key and
        // the histories never mix.
        QVERIFY(store->insertExecution(makeExecution("after-upgrade")));
        QVERIFY(store->appendEvents("after-upgrade", {makeEvent(1, EventType::ExecutionStarted)}));
        QCOMPARE(store->history("after-upgrade").size(), std::size_t(1));
        QCOMPARE(store->history(exec->id).size(), std::size_t(4));
        QVERIFY(!store->appendEvents("no-such-execution", {makeEvent(1, EventType::ExecutionStarted)}));
        QVERIFY(store->lastError().contains(QStringLiteral("no execution 'no-such-execution'")));
    }

    // kill -9 while a writer commits: every acknowledged batch is there, no batch is half there,
    // and the projection matches the history.
    void survivesKillDuringWrites()
    {
        const QString path = dbPath("killed.db");
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {"--write-forever", path});
        QVERIFY(child.waitForStarted(60000));
        qint64 acknowledged = 0;
        while (acknowledged < 200) {
            if (!child.canReadLine() && !child.waitForReadyRead(60000))
                break;
            while (child.canReadLine())
                acknowledged = child.readLine().trimmed().toLongLong();
        }
        QVERIFY2(acknowledged >= 200, child.readAllStandardError().constData());
        child.kill();
        QVERIFY(child.waitForFinished(60000));

        QString error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        qint64 totalEvents = 0;
        for (const ExecutionRecord &r : store->listExecutions({})) {
            const auto hist = store->history(r.id);
            QCOMPARE(qint64(hist.size()), r.lastSeq); // projection and history agree
            QVERIFY(hist.size() % 2 == 0);            // batches are whole
            for (std::size_t i = 0; i < hist.size(); ++i)
                QCOMPARE(hist[i].seq, qint64(i + 1));
            if (!hist.empty())
                JSON_COMPARE(r.positions, Json::array({"s" + std::to_string(hist.size())}));
            totalEvents += qint64(hist.size());
        }
        QVERIFY2(totalEvents / 2 >= acknowledged,
                 qPrintable(QStringLiteral("%1 batches stored, %2 acknowledged")
                                .arg(totalEvents / 2)
                                .arg(acknowledged)));
        // And the writer can go on.
        QVERIFY(store->appendEvents("e1", events(store->execution("e1")->lastSeq + 1,
                                                 store->execution("e1")->lastSeq + 1)));
    }

    void historyNames_data()
    {
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("name");
        QTest::newRow("first") << 1 << "ExecutionStarted";
        QTest::newRow("approval") << 16 << "ApprovalGranted";
        QTest::newRow("last") << 28 << "TimerCancelled";
    }

    void historyNames()
    {
        QFETCH(int, value);
        QFETCH(QString, name);
        QVERIFY(isValidEventType(value));
        QCOMPARE(QString::fromLatin1(eventTypeName(EventType(value))), name);
        QCOMPARE(eventTypeFromName(name.toStdString()), std::optional(EventType(value)));
        QVERIFY(!isValidEventType(0));
        QVERIFY(!isValidEventType(29));
        QVERIFY(!eventTypeFromName("Nope"));
        QCOMPARE(executionStatusFromName("failed"), std::optional(ExecutionStatus::Failed));
        QCOMPARE(QString::fromLatin1(executionStatusName(ExecutionStatus::TimedOut)),
                 QStringLiteral("TIMED_OUT"));
        HistoryEvent e = makeEvent(3, EventType(value));
        e.atMs = 1700000000123;
        const Json j = eventToJson(e);
        QCOMPARE(j["type"].get<std::string>(), name.toStdString());
        QCOMPARE(j["at"].get<std::string>(), std::string("2023-11-14T22:13:20.123Z"));
        QCOMPARE(j["seq"].get<int>(), 3);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--write-forever") == 0)
        return writeForever(QString::fromLocal8Bit(argv[2]));
    TestStore test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_store.moc"
