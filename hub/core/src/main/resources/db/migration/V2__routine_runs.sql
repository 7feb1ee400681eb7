-- Every run of a home routine, by a trigger or by hand, dry runs too. Times are UTC epoch milliseconds.
-- outcomes is the JSON list of what each action did: target, ok, detail (what was sent, never a secret), attempts.
CREATE TABLE routine_runs (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  routine  TEXT    NOT NULL,
  trigger  TEXT    NOT NULL,
  person   TEXT    NOT NULL,
  dry_run  INTEGER NOT NULL,
  ok       INTEGER NOT NULL,
  outcomes TEXT    NOT NULL,
  time     INTEGER NOT NULL
);
CREATE INDEX routine_runs_by_time ON routine_runs (routine, time);
