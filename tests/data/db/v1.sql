-- A schema-1 Signalbox database as version 0.1 wrote it (sqlite3 .dump plus the header
-- PRAGMAs, which .dump omits). tst_store builds a database from it and opens it with the
-- current Store: later schemas must upgrade it without losing data. Never edit; add vN.sql.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE definitions (
    hash        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    source      TEXT NOT NULL,
    format      TEXT NOT NULL,
    source_path TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
INSERT INTO definitions VALUES('9f2c1e','order-approval',replace('workflow:\n  name: order-approval\n  start_at: validate-order\n  states:\n    validate-order: {type: task, next: needs-review}\n    needs-review:\n      type: choice\n      when:\n        requiresManualReview: wait-for-review\n      default: charge-payment\n    wait-for-review: {type: wait_for_event, next: charge-payment}\n    charge-payment:\n      type: task\n      retry: {attempts: 3, backoff: exponential}\n      next: create-shipment\n    create-shipment: {type: task, end: true}\n','\n',char(10)),'yaml','/home/user/order-approval.yaml',1764000000000);
CREATE TABLE executions (
    id              TEXT PRIMARY KEY,
    name            TEXT UNIQUE,
    workflow        TEXT NOT NULL,
    definition_hash TEXT NOT NULL,
    source_path     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    input           TEXT NOT NULL DEFAULT 'null',
    output          TEXT NOT NULL DEFAULT 'null',
    error           TEXT NOT NULL DEFAULT '',
    cause           TEXT NOT NULL DEFAULT '',
    started_at      INTEGER NOT NULL,
    ended_at        INTEGER NOT NULL DEFAULT 0,
    positions       TEXT NOT NULL DEFAULT '[]',
    last_seq        INTEGER NOT NULL DEFAULT 0,
    cache           TEXT NOT NULL DEFAULT 'null',
    simulated       INTEGER NOT NULL DEFAULT 0
);
INSERT INTO executions VALUES('0d5c6a1e-v1','order-7','order-approval','9f2c1e','/home/user/order-approval.yaml','WAITING','{"amount":1200,"requiresManualReview":true}','null','','',1764000000100,0,'["wait-for-review"]',3,'null',0);
INSERT INTO executions VALUES('5b1d0f2a-v1',NULL,'order-approval','9f2c1e','/home/user/order-approval.yaml','SUCCEEDED','{"amount":5}','{"amount":5,"shipped":true}','','',1763990000000,1763990004000,'[]',0,'null',1);
CREATE TABLE events (
    execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    type         INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    frame        TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL DEFAULT '',
    data         TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (execution_id, seq)
) WITHOUT ROWID;
INSERT INTO events VALUES('0d5c6a1e-v1',1,1,1764000000100,'','','{"input":{"amount":1200,"requiresManualReview":true},"definition_hash":"9f2c1e","workflow":"order-approval","name":"order-7"}');
INSERT INTO events VALUES('0d5c6a1e-v1',2,2,1764000000200,'','wait-for-review','{"input":{"amount":1200,"requiresManualReview":true}}');
INSERT INTO events VALUES('0d5c6a1e-v1',3,14,1764000000300,'','wait-for-review','{"event":"wait-for-review","kind":"approval","prompt":"","form":[],"assignee":""}');
CREATE TABLE timers (
    id           TEXT PRIMARY KEY,
    execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    due_at       INTEGER NOT NULL,
    payload      TEXT NOT NULL DEFAULT 'null'
);
CREATE TABLE waits (
    execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    frame        TEXT NOT NULL,
    state        TEXT NOT NULL,
    event        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    since        INTEGER NOT NULL,
    deadline     INTEGER NOT NULL DEFAULT 0,
    data         TEXT NOT NULL DEFAULT 'null',
    PRIMARY KEY (execution_id, frame, state)
);
INSERT INTO waits VALUES('0d5c6a1e-v1','','wait-for-review','wait-for-review','approval',1764000000300,0,'{"prompt":"","form":[],"assignee":"","input":{"amount":1200}}');
CREATE TABLE task_logs (
    execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    frame        TEXT NOT NULL,
    state        TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    exit_code    INTEGER NOT NULL DEFAULT 0,
    stdout       TEXT NOT NULL DEFAULT '',
    stderr       TEXT NOT NULL DEFAULT '',
    truncated    INTEGER NOT NULL DEFAULT 0,
    started_at   INTEGER NOT NULL DEFAULT 0,
    ended_at     INTEGER NOT NULL DEFAULT 0,
    extra        TEXT NOT NULL DEFAULT 'null',
    PRIMARY KEY (execution_id, frame, state, attempt)
);
INSERT INTO task_logs VALUES('5b1d0f2a-v1','','validate-order',1,0,'{"amount":5}','',0,1763990000500,1763990001000,'null');
CREATE INDEX executions_started ON executions (started_at DESC, id);
CREATE INDEX executions_status ON executions (status, started_at DESC);
CREATE INDEX executions_workflow ON executions (workflow, started_at DESC);
CREATE INDEX timers_due ON timers (due_at);
CREATE INDEX timers_execution ON timers (execution_id);
CREATE INDEX waits_since ON waits (since);
COMMIT;
PRAGMA application_id = 1397178968;
PRAGMA user_version = 1;
