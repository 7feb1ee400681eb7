package app.tend.hub.store;

import app.tend.api.message.ActionOutcome;
import app.tend.api.message.CalendarEvent;
import app.tend.api.message.Feedback;
import app.tend.api.message.RoutineRun;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.files.OwnerOnly;
import app.tend.hub.json.Json;
import app.tend.hub.stress.BaselineSnapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store in one SQLite file (xerial sqlite-jdbc), its schema migrated by Flyway from
 * {@code db/migration}. One connection, used from one worker thread, so writes are serialised and never
 * touch an event loop. WAL journal with {@code synchronous=FULL}: a committed write survives a crash of
 * the process and of the machine. The file and its journals are readable by the hub's user only.
 *
 * <p>A write that fails leaves nothing behind. When writes fail because the database or its disk cannot take
 * them (a full disk), {@link #writable()} is false and a probe write is tried every {@value #PROBE_EVERY_MS} ms
 * until one works; reads go on working meanwhile.
 */
public final class SqliteStore implements Store {

  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<ActionOutcome>> OUTCOMES = new TypeReference<>() {};
  /** Every table that holds rows about one person: what {@link #erase} clears. */
  private static final List<String> PERSON_TABLES = List.of("persons", "sessions", "added_sessions", "stress_states",
      "suggestions", "feedback", "outcomes", "baselines", "coach_state", "learned_effects", "routine_runs");
  /** While the store cannot write, how often it tries again. */
  static final long PROBE_EVERY_MS = 5_000;

  private final Path file;
  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final Connection connection;
  private volatile boolean writable = true;
  private volatile boolean closed;
  private volatile long probeTimer = -1;

  private SqliteStore(Path file, Vertx vertx, WorkerExecutor worker, Connection connection) {
    this.file = file;
    this.vertx = vertx;
    this.worker = worker;
    this.connection = connection;
  }

  /** Opens (creating if needed) and migrates the database file, on a worker thread of its own. */
  public static Future<SqliteStore> open(Vertx vertx, Path file) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("tend-store-" + file.toAbsolutePath(), 1);
    return worker.executeBlocking(() -> {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        OwnerOnly.createDirectories(parent);
      }
      if (!Files.exists(file)) {
        // SQLite gives the -wal and -shm journals the permissions of the database file.
        OwnerOnly.createFile(file);
      }
      tighten(file);
      SQLiteDataSource source = dataSource(file);
      var result = Flyway.configure()
          .dataSource(source)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      if (result.migrationsExecuted > 0) {
        log.info("Store {}: schema migrated to version {}", file, result.targetSchemaVersion);
      }
      Connection connection = source.getConnection();
      log.info("Store: {}", file);
      return new SqliteStore(file, vertx, worker, connection);
    }).onFailure(e -> worker.close());
  }

  /** Makes the database and its journals owner-only, saying so if one was not. */
  private static void tighten(Path file) throws IOException {
    List<Path> changed = new ArrayList<>();
    for (String suffix : List.of("", "-wal", "-shm")) {
      changed.addAll(OwnerOnly.tighten(file.resolveSibling(file.getFileName() + suffix)));
    }
    if (!changed.isEmpty()) {
      log.warn("Store: {} could be read by other users of this machine; now only by this one", changed);
    }
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return source;
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public Future<Void> savePerson(String person, String preferencesJson, Instant at) {
    return write(() -> {
      update("INSERT INTO persons (id, preferences, updated_at) VALUES (?, ?, ?) "
          + "ON CONFLICT (id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at",
          person, preferencesJson, at);
    });
  }

  @Override
  public Future<Void> saveSessionEvent(SessionEvent event) {
    return write(() -> {
      if (event.type() == SessionEvent.Type.STARTED) {
        update("INSERT INTO sessions (person, id, summary, source, started_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (person, id) DO UPDATE SET started_at = excluded.started_at, summary = excluded.summary",
            event.person(), event.sessionId(), event.summary(), event.source(), event.time());
      } else {
        update("INSERT INTO sessions (person, id, summary, source, ended_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (person, id) DO UPDATE SET ended_at = excluded.ended_at",
            event.person(), event.sessionId(), event.summary(), event.source(), event.time());
      }
    });
  }

  @Override
  public Future<Void> saveStressState(StressState state) {
    return write(() -> update(
        "INSERT OR REPLACE INTO stress_states (person, time, score, level, confidence, reason, hr) VALUES (?, ?, ?, ?, ?, ?, ?)",
        state.person(), state.time(), state.score(), state.level().name(), state.confidence(), state.reason(),
        state.heartRate()));
  }

  @Override
  public Future<Void> saveSuggestion(Suggestion s, String trigger, CoachSnapshot state) {
    return write(() -> {
      update("INSERT INTO suggestions (id, person, exercise_id, title, words, reason, urgency, channels, trigger, "
          + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          s.id(), s.person(), s.exerciseId(), s.title(), s.words(), s.reason(), s.urgency().name(),
          json(s.channels()), trigger, s.createdAt(), s.expiresAt());
      saveState(state);
    });
  }

  @Override
  public Future<Void> saveFeedback(Feedback f, CoachSnapshot state) {
    return write(() -> {
      update("INSERT INTO feedback (person, suggestion_id, exercise_id, kind, distress, snooze_minutes, channel, time) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          f.person(), f.suggestionId(), f.exerciseId(), f.kind().name(), f.distress(), f.snoozeMinutes(), f.channel(), f.time());
      saveState(state);
    });
  }

  @Override
  public Future<Void> saveOutcome(Outcome o, LearnedEffect effect, CoachSnapshot state) {
    return write(() -> {
      update("INSERT INTO outcomes (person, exercise_id, suggestion_id, started_at, ended_at, stress_before, stress_after, "
          + "hr_before, hr_after, distress_before, distress_after, change) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          o.person(), o.exerciseId(), o.suggestionId(), o.startedAt(), o.endedAt(), o.stressBefore(), o.stressAfter(),
          o.hrBefore(), o.hrAfter(), o.distressBefore(), o.distressAfter(), o.change());
      if (effect != null) {
        update("INSERT INTO learned_effects (person, exercise_id, count, mean, m2, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (person, exercise_id) DO UPDATE SET count = excluded.count, mean = excluded.mean, "
            + "m2 = excluded.m2, updated_at = excluded.updated_at",
            effect.person(), effect.exerciseId(), effect.count(), effect.mean(), effect.m2(), effect.updatedAt());
      }
      saveState(state);
    });
  }

  @Override
  public Future<Void> saveCoachState(CoachSnapshot state) {
    return write(() -> saveState(state));
  }

  private void saveState(CoachSnapshot state) throws SQLException {
    if (state != null) {
      update("INSERT INTO coach_state (person, state, updated_at) VALUES (?, ?, ?) "
          + "ON CONFLICT (person) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
          state.person(), state.json(), state.updatedAt());
    }
  }

  @Override
  public Future<List<CoachSnapshot>> coachStates() {
    return read(() -> query("SELECT person, state, updated_at FROM coach_state ORDER BY person",
        rs -> new CoachSnapshot(rs.getString(1), rs.getString(2), instant(rs, 3))));
  }

  @Override
  public Future<Void> saveBaselines(Map<String, BaselineSnapshot> baselines, Instant at) {
    return write(() -> {
      for (Map.Entry<String, BaselineSnapshot> person : baselines.entrySet()) {
        update("DELETE FROM baselines WHERE person = ?", person.getKey());
        for (Map.Entry<String, BaselineSnapshot.Stat> feature : person.getValue().stats().entrySet()) {
          BaselineSnapshot.Stat stat = feature.getValue();
          if (Double.isFinite(stat.center())) {
            update("INSERT INTO baselines (person, feature, value, spread, samples, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                person.getKey(), feature.getKey(), stat.center(), Double.isFinite(stat.spread()) ? stat.spread() : null,
                stat.count(), at);
          }
        }
      }
    });
  }

  @Override
  public Future<Map<String, BaselineSnapshot>> baselines() {
    return read(() -> baselinesWhere("", new Object[0]));
  }

  @Override
  public Future<Optional<BaselineSnapshot>> baseline(String person) {
    return read(() -> Optional.ofNullable(baselinesWhere("WHERE person = ? ", new Object[] {person}).get(person)));
  }

  private Map<String, BaselineSnapshot> baselinesWhere(String where, Object[] params) throws SQLException {
    Map<String, Map<String, BaselineSnapshot.Stat>> stats = new LinkedHashMap<>();
    query("SELECT person, feature, value, spread, samples FROM baselines " + where + "ORDER BY person, feature", rs -> {
      double spread = rs.getDouble(4);
      if (rs.wasNull()) {
        spread = Double.NaN;
      }
      stats.computeIfAbsent(rs.getString(1), p -> new LinkedHashMap<>()).put(rs.getString(2),
          new BaselineSnapshot.Stat(rs.getDouble(3), spread, rs.getLong(5)));
      return null;
    }, params);
    Map<String, BaselineSnapshot> baselines = new LinkedHashMap<>();
    stats.forEach((person, features) -> baselines.put(person, new BaselineSnapshot(features)));
    return baselines;
  }

  @Override
  public Future<List<LearnedEffect>> learnedEffects() {
    return read(() -> query("SELECT person, exercise_id, count, mean, m2, updated_at FROM learned_effects "
        + "ORDER BY person, exercise_id",
        rs -> new LearnedEffect(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5),
            instant(rs, 6))));
  }

  @Override
  public Future<String> preferences(String person) {
    return read(() -> {
      List<String> found = query("SELECT preferences FROM persons WHERE id = ?", rs -> rs.getString(1), person);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  @Override
  public Future<List<Suggestion>> suggestions(String person, Instant since) {
    return read(() -> query("SELECT id, person, exercise_id, title, words, reason, urgency, channels, created_at, "
        + "expires_at FROM suggestions WHERE person = ? AND created_at >= ? ORDER BY created_at, id",
        SqliteStore::suggestion, person, since));
  }

  private static Suggestion suggestion(ResultSet rs) throws SQLException {
    return new Suggestion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), Urgency.valueOf(rs.getString(7)), strings(rs.getString(8)), instant(rs, 9), instant(rs, 10));
  }

  @Override
  public Future<List<Feedback>> feedback(String person, Instant since) {
    return read(() -> query("SELECT person, suggestion_id, exercise_id, kind, distress, snooze_minutes, channel, time "
        + "FROM feedback WHERE person = ? AND time >= ? ORDER BY time, id",
        rs -> new Feedback(rs.getString(1), rs.getString(2), rs.getString(3), Feedback.Kind.valueOf(rs.getString(4)),
            integer(rs, 5), integer(rs, 6), rs.getString(7), instant(rs, 8)),
        person, since));
  }

  @Override
  public Future<List<Outcome>> outcomes(String person, Instant since) {
    return read(() -> query("SELECT person, exercise_id, suggestion_id, started_at, ended_at, stress_before, stress_after, "
        + "hr_before, hr_after, distress_before, distress_after, change FROM outcomes WHERE person = ? AND ended_at >= ? "
        + "ORDER BY ended_at, id",
        rs -> new Outcome(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
            decimal(rs, 6), decimal(rs, 7), decimal(rs, 8), decimal(rs, 9), integer(rs, 10), integer(rs, 11),
            decimal(rs, 12)),
        person, since));
  }

  @Override
  public Future<List<StressState>> stressStates(String person, Instant from, Instant to) {
    return read(() -> query("SELECT person, time, score, level, confidence, reason, hr FROM stress_states "
        + "WHERE person = ? AND time >= ? AND time < ? ORDER BY time",
        rs -> {
          Double hr = decimal(rs, 7);
          return new StressState(rs.getString(1), instant(rs, 2), rs.getInt(3), StressLevel.valueOf(rs.getString(4)),
              rs.getDouble(5), hr == null ? Map.of() : Map.of(StressState.HEART_RATE, hr), rs.getString(6));
        },
        person, from, to));
  }

  @Override
  public Future<Void> saveAddedSession(CalendarEvent session, Instant at) {
    return write(() -> update("INSERT INTO added_sessions (person, id, summary, start_at, end_at, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)",
        session.person(), session.id(), session.summary(), session.start(), session.end(), at));
  }

  @Override
  public Future<List<CalendarEvent>> addedSessions(Instant endingAfter) {
    return read(() -> query("SELECT person, id, summary, start_at, end_at FROM added_sessions WHERE end_at > ? "
        + "ORDER BY start_at, id",
        rs -> new CalendarEvent(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
            CalendarEvent.Kind.THERAPY),
        endingAfter));
  }

  @Override
  public Future<Void> saveOffer(String suggestionId, String offer, Instant at) {
    return write(() -> update("UPDATE suggestions SET offer = ?, offered_at = ? WHERE id = ?", offer, at, suggestionId));
  }

  @Override
  public Future<List<Suggestion>> unofferedSuggestions(Instant now) {
    return read(() -> query("SELECT id, person, exercise_id, title, words, reason, urgency, channels, created_at, "
        + "expires_at FROM suggestions WHERE offer IS NULL AND expires_at > ? ORDER BY created_at, id",
        SqliteStore::suggestion, now));
  }

  @Override
  public Future<Optional<Suggestion>> suggestion(String id) {
    return read(() -> query("SELECT id, person, exercise_id, title, words, reason, urgency, channels, created_at, "
        + "expires_at FROM suggestions WHERE id = ?", SqliteStore::suggestion, id).stream().findFirst());
  }

  @Override
  public Future<List<String>> persons() {
    StringBuilder sql = new StringBuilder("SELECT id FROM persons");
    for (String table : PERSON_TABLES) {
      if (!table.equals("persons")) {
        sql.append(" UNION SELECT person FROM ").append(table);
      }
    }
    // A routine run fired for no one in particular is stored with an empty person.
    return read(() -> query("SELECT * FROM (" + sql + ") WHERE id <> '' ORDER BY 1", rs -> rs.getString(1)));
  }

  @Override
  public Future<Map<String, Integer>> erase(String person) {
    return writeReturning(() -> {
      Map<String, Integer> deleted = new LinkedHashMap<>();
      for (String table : PERSON_TABLES) {
        deleted.put(table, update("DELETE FROM " + table + " WHERE " + (table.equals("persons") ? "id" : "person") + " = ?",
            person));
      }
      return deleted;
    }).onSuccess(deleted -> log.info("Store: erased everything about {} ({})", person, deleted));
  }

  @Override
  public Future<List<StoredSession>> sessions(String person, Instant from, Instant to) {
    return read(() -> query("SELECT person, id, summary, source, started_at, ended_at FROM sessions WHERE person = ? "
        + "AND coalesce(started_at, ended_at) >= ? AND coalesce(started_at, ended_at) < ? "
        + "ORDER BY coalesce(started_at, ended_at)",
        rs -> new StoredSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            instant(rs, 5), instant(rs, 6)),
        person, from, to));
  }

  @Override
  public Future<Void> saveRoutineRun(RoutineRun run) {
    return write(() -> update("INSERT INTO routine_runs (routine, trigger, person, dry_run, ok, outcomes, time) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
        run.routine(), run.trigger(), run.person(), run.dryRun() ? 1 : 0, run.ok() ? 1 : 0,
        Json.MAPPER.writeValueAsString(run.outcomes()), run.time()));
  }

  @Override
  public Future<List<RoutineRun>> routineRuns(String routine, int limit) {
    return read(() -> query("SELECT routine, trigger, person, dry_run, outcomes, time FROM routine_runs "
        + "WHERE routine = ? ORDER BY time DESC, id DESC LIMIT ?",
        rs -> new RoutineRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
            outcomes(rs.getString(5)), instant(rs, 6)),
        routine, limit));
  }

  @Override
  public Future<Integer> purgeBefore(Instant cutoff) {
    return writeReturning(() -> {
      int deleted = 0;
      deleted += update("DELETE FROM stress_states WHERE time < ?", cutoff);
      deleted += update("DELETE FROM feedback WHERE time < ?", cutoff);
      deleted += update("DELETE FROM outcomes WHERE ended_at < ?", cutoff);
      deleted += update("DELETE FROM suggestions WHERE created_at < ?", cutoff);
      deleted += update("DELETE FROM sessions WHERE coalesce(ended_at, started_at) < ?", cutoff);
      deleted += update("DELETE FROM routine_runs WHERE time < ?", cutoff);
      deleted += update("DELETE FROM added_sessions WHERE end_at < ?", cutoff);
      return deleted;
    });
  }

  @Override
  public boolean writable() {
    return writable;
  }

  /**
   * Runs {@code PRAGMA <pragma>} on the store's connection, on its worker. For tests: a lowered
   * {@code max_page_count} makes writes fail with SQLITE_FULL as on a full disk, without root or a small file system.
   */
  Future<Void> pragma(String pragma) {
    return worker.executeBlocking(() -> {
      execute("PRAGMA " + pragma);
      return null;
    });
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(probeTimer);
    return worker.<Void>executeBlocking(() -> {
      connection.close();
      return null;
    }).eventually(worker::close);
  }

  // ---------------------------------------------------------------------------------------------

  private interface Work {
    void run() throws Exception;
  }

  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Future<Void> write(Work work) {
    return writeReturning(() -> {
      work.run();
      return null;
    });
  }

  private <T> Future<T> writeReturning(Callable<T> work) {
    return worker.executeBlocking(() -> {
      try {
        T result = inTransaction(work);
        writeWorked();
        return result;
      } catch (Exception e) {
        // A refused row (a constraint) is no reason to say the store cannot write; a probe that fails too is.
        if (writable && !probe()) {
          writable = false;
          log.error("Store {}: cannot write ({}); the failed writes left nothing; trying again every {} s",
              file, e.getMessage(), PROBE_EVERY_MS / 1000);
          probeLater();
        }
        throw e;
      }
    });
  }

  /**
   * Runs {@code work} in a transaction the store begins and ends itself. SQLite rolls a transaction back on its own
   * after SQLITE_FULL (and some I/O errors); the JDBC driver's transactions then never began again, so every later
   * statement committed alone while its request failed, and every commit and rollback after it failed.
   */
  private <T> T inTransaction(Callable<T> work) throws Exception {
    try {
      execute("BEGIN IMMEDIATE");
      T result = work.call();
      execute("COMMIT");
      return result;
    } catch (Exception e) {
      try {
        execute("ROLLBACK");
      } catch (SQLException alreadyRolledBack) {
        e.addSuppressed(alreadyRolledBack);
      }
      throw e;
    }
  }

  /** A write that needs a new page and leaves nothing behind: whether the database and its disk take writes now. */
  private boolean probe() {
    try {
      inTransaction(() -> {
        execute("CREATE TABLE store_probe (x)");
        execute("DROP TABLE store_probe");
        return null;
      });
      return true;
    } catch (Exception stillFailing) {
      return false;
    }
  }

  private void probeLater() {
    if (closed) {
      return;
    }
    probeTimer = vertx.setTimer(PROBE_EVERY_MS, id -> worker.executeBlocking(() -> {
      if (!closed && !writable) {
        if (probe()) {
          writeWorked();
        } else {
          probeLater();
        }
      }
      return null;
    }));
  }

  private void writeWorked() {
    if (!writable) {
      writable = true;
      log.info("Store {}: writes work again", file);
    }
  }

  /** Reads run without a transaction of their own: each query is one, so a failed read leaves nothing open. */
  private <T> Future<T> read(Callable<T> work) {
    return worker.executeBlocking(work);
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private int update(String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      return statement.executeUpdate();
    }
  }

  private <T> List<T> query(String sql, Row<T> row, Object... params) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      List<T> found = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          found.add(row.map(rs));
        }
      }
      return found;
    }
  }

  private static void bind(PreparedStatement statement, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int at = i + 1;
      if (p == null) {
        statement.setNull(at, Types.NULL);
      } else if (p instanceof Instant instant) {
        statement.setLong(at, instant.toEpochMilli());
      } else if (p instanceof Integer n) {
        statement.setInt(at, n);
      } else if (p instanceof Long n) {
        statement.setLong(at, n);
      } else if (p instanceof Double d) {
        statement.setDouble(at, d);
      } else {
        statement.setString(at, p.toString());
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static Integer integer(ResultSet rs, int column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Double decimal(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static String json(List<String> values) {
    try {
      return Json.MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<ActionOutcome> outcomes(String json) throws SQLException {
    try {
      return Json.MAPPER.readValue(json, OUTCOMES);
    } catch (IOException e) {
      throw new SQLException("not a JSON list of action outcomes: " + json, e);
    }
  }

  private static List<String> strings(String json) throws SQLException {
    try {
      return Json.MAPPER.readValue(json, STRINGS);
    } catch (IOException e) {
      throw new SQLException("not a JSON list of strings: " + json, e);
    }
  }
}
