-- Signalbox schema 2: the event history keyed by a small integer per execution instead of its
-- 36-character id, and without a foreign-key lookup per event row. Event inserts are the
-- engine's hottest write: every key comparison and every index page got smaller, and the
-- parent check moved to Store::appendEvents (once per call, not per row). Applied in one
-- transaction by Store::migrate(); never edit, add 0003_*.sql instead.

-- The key: assigned by Store::insertExecution (max + 1), never reused, never changed.
ALTER TABLE executions ADD COLUMN key INTEGER;
UPDATE executions SET key = rowid;
CREATE UNIQUE INDEX executions_key ON executions (key);

CREATE TABLE events_v2 (
    execution_key INTEGER NOT NULL, -- executions.key
    seq           INTEGER NOT NULL,
    type          INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    frame         TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT '',
    data          TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (execution_key, seq)
) WITHOUT ROWID;
INSERT INTO events_v2 (execution_key, seq, type, at, frame, state, data)
    SELECT x.key, e.seq, e.type, e.at, e.frame, e.state, e.data
    FROM events e JOIN executions x ON x.id = e.execution_id;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
