-- Signalbox schema 1: the first version. Applied in one transaction by Store::migrate();
-- PRAGMA user_version is set by the migration runner, not here. Never edit a released
-- migration: add 0002_*.sql instead. Times are milliseconds since the Unix epoch (UTC);
-- JSON columns hold compact JSON text.

-- Workflow definitions, content-addressed: an execution pins the hash it started with.
CREATE TABLE definitions (
    hash        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    source      TEXT NOT NULL,
    format      TEXT NOT NULL,
    source_path TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

-- One row per execution: a projection of its history, written in the same transaction as the
-- events. `name` is NULL when the user gave none (UNIQUE allows many NULLs).
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
CREATE INDEX executions_started ON executions (started_at DESC, id);
CREATE INDEX executions_status ON executions (status, started_at DESC);
CREATE INDEX executions_workflow ON executions (workflow, started_at DESC);

-- The append-only history, the truth about an execution. `type` is EventType's stable integer.
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

-- Durable timers (waits, retry backoff, timeouts), fired by due time.
CREATE TABLE timers (
    id           TEXT PRIMARY KEY,
    execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    due_at       INTEGER NOT NULL,
    payload      TEXT NOT NULL DEFAULT 'null'
);
CREATE INDEX timers_due ON timers (due_at);
CREATE INDEX timers_execution ON timers (execution_id);

-- Pending wait_for_event states: the approvals inbox and `send-event` targets.
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
CREATE INDEX waits_since ON waits (since);

-- Captured task output, each stream bounded to Store::maxLogBytes.
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
