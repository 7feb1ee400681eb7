-- The heart rate the stress engine judged from (feature hrBpm), kept with each stored stress state so the
-- dashboard can draw heart rate and stress together; null when the state carried none.
ALTER TABLE stress_states ADD COLUMN hr REAL;

-- Therapy sessions added through the API: the schedule treats them like calendar events (source "api").
CREATE TABLE added_sessions (
  person     TEXT    NOT NULL,
  id         TEXT    NOT NULL PRIMARY KEY,
  summary    TEXT    NOT NULL,
  start_at   INTEGER NOT NULL,
  end_at     INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX added_sessions_by_time ON added_sessions (person, end_at);
