-- Tend's store. Times are UTC epoch milliseconds; person ids as in samples.

-- Persons and their preferences (from tend.yaml, as JSON), saved at every start.
CREATE TABLE persons (
  id          TEXT    NOT NULL PRIMARY KEY,
  preferences TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Therapy sessions as they happened (from calendars or said by the person).
CREATE TABLE sessions (
  person     TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  summary    TEXT    NOT NULL,
  source     TEXT    NOT NULL,
  started_at INTEGER,
  ended_at   INTEGER,
  PRIMARY KEY (person, id)
);
CREATE INDEX sessions_by_time ON sessions (person, started_at);

-- Stress states, downsampled (one per person per store.stressEverySeconds, and every change of level).
CREATE TABLE stress_states (
  person     TEXT    NOT NULL,
  time       INTEGER NOT NULL,
  score      INTEGER NOT NULL,
  level      TEXT    NOT NULL,
  confidence REAL    NOT NULL,
  reason     TEXT    NOT NULL,
  PRIMARY KEY (person, time)
);

-- Every suggestion the coach made.
CREATE TABLE suggestions (
  id          TEXT    NOT NULL PRIMARY KEY,
  person      TEXT    NOT NULL,
  exercise_id TEXT    NOT NULL,
  title       TEXT    NOT NULL,
  words       TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  urgency     TEXT    NOT NULL,
  channels    TEXT    NOT NULL,
  trigger     TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX suggestions_by_time ON suggestions (person, created_at);

-- What people did with suggestions and exercises.
CREATE TABLE feedback (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  person         TEXT    NOT NULL,
  suggestion_id  TEXT    NOT NULL,
  exercise_id    TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  distress       INTEGER,
  snooze_minutes INTEGER,
  channel        TEXT    NOT NULL,
  time           INTEGER NOT NULL
);
CREATE INDEX feedback_by_time ON feedback (person, time);

-- The measured effect of each exercise done (closed loop).
CREATE TABLE outcomes (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  person          TEXT    NOT NULL,
  exercise_id     TEXT    NOT NULL,
  suggestion_id   TEXT    NOT NULL,
  started_at      INTEGER NOT NULL,
  ended_at        INTEGER NOT NULL,
  stress_before   REAL,
  stress_after    REAL,
  hr_before       REAL,
  hr_after        REAL,
  distress_before INTEGER,
  distress_after  INTEGER,
  change          REAL
);
CREATE INDEX outcomes_by_time ON outcomes (person, ended_at);

-- The stress engine's personal baselines, one row per person and feature.
CREATE TABLE baselines (
  person     TEXT    NOT NULL,
  feature    TEXT    NOT NULL,
  value      REAL    NOT NULL,
  spread     REAL,
  samples    INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (person, feature)
);

-- The coach's memory of each person (cooldown, snooze, daily count, deferred and pending work), as JSON.
CREATE TABLE coach_state (
  person     TEXT    NOT NULL PRIMARY KEY,
  state      TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
);

-- What the coach learned: per person and exercise, the measured change of the stress score
-- (count, mean and Welford's sum of squared deviations).
CREATE TABLE learned_effects (
  person      TEXT    NOT NULL,
  exercise_id TEXT    NOT NULL,
  count       INTEGER NOT NULL,
  mean        REAL    NOT NULL,
  m2          REAL    NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (person, exercise_id)
);
