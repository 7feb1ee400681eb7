package app.tend.hub.store;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.message.CalendarEvent;
import app.tend.api.message.Feedback;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.stress.BaselineSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

  private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

  @TempDir Path dir;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    result(vertx.close());
  }

  @Test
  void keepsEverythingAcrossReopening() {
    Path file = dir.resolve("tend.db");
    SqliteStore store = result(SqliteStore.open(vertx, file));
    Suggestion suggestion = suggestion("s1", T0);
    result(store.saveSuggestion(suggestion, "stress", new CoachSnapshot("alex", "{\"v\":1}", T0)));
    Feedback snoozed = new Feedback("alex", "s1", "box-breathing", Feedback.Kind.SNOOZED, null, 30, "voice", T0.plusSeconds(60));
    result(store.saveFeedback(snoozed, new CoachSnapshot("alex", "{\"v\":2}", T0.plusSeconds(60))));
    Outcome outcome = new Outcome("alex", "box-breathing", "s1", T0, T0.plusSeconds(240), 70.0, 55.0, 90.0, 80.0, 7, 4, -15.0);
    LearnedEffect effect = LearnedEffect.none("alex", "box-breathing").plus(-15, T0.plusSeconds(840));
    result(store.saveOutcome(outcome, effect, null));
    result(store.savePerson("alex", "{\"name\":\"Alex\"}", T0));
    result(store.close());

    SqliteStore reopened = result(SqliteStore.open(vertx, file));
    assertThat(result(reopened.suggestions("alex", T0))).containsExactly(suggestion);
    assertThat(result(reopened.feedback("alex", T0))).containsExactly(snoozed);
    assertThat(result(reopened.outcomes("alex", T0))).containsExactly(outcome);
    assertThat(result(reopened.learnedEffects())).containsExactly(effect);
    assertThat(result(reopened.coachStates())).extracting(CoachSnapshot::json).containsExactly("{\"v\":2}");
    assertThat(result(reopened.preferences("alex"))).isEqualTo("{\"name\":\"Alex\"}");
    result(reopened.close());
  }

  @Test
  void migratesToTheSchemaWithEveryTable() throws Exception {
    Path file = dir.resolve("tend.db");
    result(result(SqliteStore.open(vertx, file)).close());
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        var rs = connection.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      List<String> tables = new java.util.ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
      assertThat(tables).contains("persons", "sessions", "stress_states", "suggestions", "feedback", "outcomes",
          "baselines", "coach_state", "learned_effects", "flyway_schema_history");
    }
  }

  @Test
  void sessionRowIsCompletedWhenItEnds() {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    result(store.saveSessionEvent(new SessionEvent("alex", "uid-1", SessionEvent.Type.STARTED, T0, "Therapy", "calendar-ical")));
    result(store.saveSessionEvent(new SessionEvent("alex", "uid-1", SessionEvent.Type.ENDED, T0.plusSeconds(3000), "Therapy", "calendar-ical")));
    assertThat(result(store.sessions("alex", T0.minusSeconds(1), T0.plusSeconds(1))))
        .containsExactly(new StoredSession("alex", "uid-1", "Therapy", "calendar-ical", T0, T0.plusSeconds(3000)));
    result(store.close());
  }

  @Test
  void purgeRemovesOnlyWhatIsOlderThanTheCutoff() {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    Instant old = T0.minus(Duration.ofDays(400));
    result(store.saveStressState(new StressState("alex", old, 80, StressLevel.HIGH, 0.9, Map.of(), "old")));
    result(store.saveStressState(new StressState("alex", T0, 30, StressLevel.CALM, 0.9, Map.of(), "new")));
    result(store.saveSuggestion(suggestion("old", old), "stress", null));
    result(store.saveSuggestion(suggestion("new", T0), "stress", null));

    assertThat(result(store.purgeBefore(T0.minus(Duration.ofDays(365))))).isEqualTo(2);
    assertThat(result(store.stressStates("alex", Instant.EPOCH, T0.plusSeconds(1)))).extracting(StressState::reason)
        .containsExactly("new");
    assertThat(result(store.suggestions("alex", Instant.EPOCH))).extracting(Suggestion::id).containsExactly("new");
    result(store.close());
  }

  @Test
  void downsamplerKeepsOnePerPeriodAndEveryChangeOfLevel() {
    StressDownsampler downsampler = new StressDownsampler(Duration.ofSeconds(60));
    assertThat(downsampler.keep(state(0, StressLevel.CALM))).isTrue();
    assertThat(downsampler.keep(state(10, StressLevel.CALM))).isFalse();
    assertThat(downsampler.keep(state(20, StressLevel.HIGH))).isTrue();
    assertThat(downsampler.keep(state(50, StressLevel.HIGH))).isFalse();
    assertThat(downsampler.keep(state(80, StressLevel.HIGH))).isTrue();
  }

  private static StressState state(int seconds, StressLevel level) {
    return new StressState("alex", T0.plusSeconds(seconds), 50, level, 0.9, Map.of(), "");
  }

  @Test
  void eraseRemovesEveryRowAboutOnePersonAndNoOneElse() {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    for (String person : List.of("alex", "sam")) {
      result(store.savePerson(person, "{}", T0));
      result(store.saveSuggestion(new Suggestion(person + "-s", person, "walk", "Walk", "Walk?", "Because.", Urgency.LOW,
          List.of(), T0, T0.plusSeconds(600)), "stress", new CoachSnapshot(person, "{}", T0)));
      result(store.saveFeedback(new Feedback(person, person + "-s", "walk", Feedback.Kind.COMPLETED, null, null, "api", T0), null));
      result(store.saveOutcome(new Outcome(person, "walk", person + "-s", T0, T0.plusSeconds(60), 50.0, 40.0, null, null, null,
          null, -10.0), LearnedEffect.none(person, "walk").plus(-10, T0), null));
      result(store.saveStressState(new StressState(person, T0, 30, StressLevel.CALM, 1, Map.of(), "")));
      result(store.saveSessionEvent(new SessionEvent(person, "x", SessionEvent.Type.STARTED, T0, "", "api")));
      result(store.saveAddedSession(new CalendarEvent(person, person + "-added", "Therapy", T0, T0.plusSeconds(3000),
          CalendarEvent.Kind.THERAPY), T0));
      result(store.saveBaselines(Map.of(person, new BaselineSnapshot(Map.of("hrZ", new BaselineSnapshot.Stat(70, 4, 300)))), T0));
    }
    assertThat(result(store.persons())).containsExactly("alex", "sam");

    Map<String, Integer> erased = result(store.erase("alex"));

    assertThat(erased).containsEntry("persons", 1).containsEntry("suggestions", 1).containsEntry("feedback", 1)
        .containsEntry("outcomes", 1).containsEntry("stress_states", 1).containsEntry("sessions", 1)
        .containsEntry("added_sessions", 1).containsEntry("coach_state", 1).containsEntry("learned_effects", 1)
        .containsEntry("baselines", 1);
    assertThat(result(store.baselines())).containsOnlyKeys("sam");
    assertThat(result(store.persons())).containsExactly("sam");
    assertThat(result(store.suggestion("alex-s"))).isEmpty();
    assertThat(result(store.suggestion("sam-s"))).isPresent();
    assertThat(result(store.addedSessions(Instant.EPOCH))).extracting(CalendarEvent::person).containsExactly("sam");
  }

  @Test
  void baselinesAreReplacedPerPersonAndSurviveReopening() {
    Path file = dir.resolve("tend.db");
    SqliteStore store = result(SqliteStore.open(vertx, file));
    BaselineSnapshot.Stat hr = new BaselineSnapshot.Stat(68.5, 4.2, 900);
    result(store.saveBaselines(Map.of(
        "alex", new BaselineSnapshot(Map.of("hrZ", new BaselineSnapshot.Stat(75, 5, 60), "edaZ", new BaselineSnapshot.Stat(2, 0.5, 60))),
        "sam", new BaselineSnapshot(Map.of("hrZ", hr))), T0));
    BaselineSnapshot alexLater = new BaselineSnapshot(Map.of("hrZ", hr, "calmMotion", new BaselineSnapshot.Stat(0.01, Double.NaN, 40)));
    result(store.saveBaselines(Map.of("alex", alexLater), T0.plusSeconds(900)));
    result(store.close());

    SqliteStore reopened = result(SqliteStore.open(vertx, file));
    Map<String, BaselineSnapshot> baselines = result(reopened.baselines());
    assertThat(baselines).containsOnlyKeys("alex", "sam");
    assertThat(baselines.get("alex").stats()).as("the later save replaced alex's rows, edaZ included")
        .containsOnlyKeys("hrZ", "calmMotion").containsEntry("hrZ", hr);
    assertThat(baselines.get("alex").stats().get("calmMotion").spread()).as("no spread stored as NULL").isNaN();
    assertThat(baselines.get("sam").stats()).containsExactly(Map.entry("hrZ", hr));
    result(reopened.close());
  }

  @Test
  void stressStateKeepsItsHeartRate() {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    StressState withHr = new StressState("alex", T0, 60, StressLevel.ELEVATED, 0.8,
        Map.of(StressState.HEART_RATE, 91.5, "lnRmssd", 3.1), "up");

    result(store.saveStressState(withHr));

    assertThat(result(store.stressStates("alex", T0, T0.plusSeconds(1))).get(0).features())
        .as("the heart rate is kept; other features are not").isEqualTo(Map.of(StressState.HEART_RATE, 91.5));
  }

  @Test
  void storeWritesAndReadsAgainWithoutReopeningOnceTheDiskHasSpace() {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    result(store.pragma(FULL));
    Full full = addUntilFull(store);
    assertThat(full.cause()).hasMessageContaining("SQLITE_FULL");

    result(store.pragma(SPACE_AGAIN));
    boolean retried = succeeded(store.saveAddedSession(added(full.saved()), T0));

    assertThat(result(store.addedSessions(Instant.EPOCH))).as("what is stored: the writes that succeeded, each once")
        .hasSize(full.saved() + (retried ? 1 : 0)).extracting(CalendarEvent::id).doesNotHaveDuplicates();
    assertThat(retried).as("the retried write works without reopening the store").isTrue();
    result(store.saveStressState(state(0, StressLevel.CALM)));
    assertThat(result(store.stressStates("alex", T0, T0.plusSeconds(1)))).hasSize(1);
  }

  @Test
  void storeReadsWhileTheDiskIsFull() {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    result(store.pragma(FULL));
    Full full = addUntilFull(store);

    assertThat(result(store.addedSessions(Instant.EPOCH))).hasSize(full.saved());
    assertThat(result(store.persons())).containsExactly("alex");
  }

  @Test
  void storeSaysItCannotWriteFromAFailedWriteUntilItCanAgain() {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    assertThat(store.writable()).isTrue();
    result(store.pragma(FULL));
    addUntilFull(store);
    assertThat(store.writable()).isFalse();

    result(store.pragma(SPACE_AGAIN));

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .alias("the store finds out by itself, without a write asking").until(store::writable);
  }

  @Test
  void refusedRowLeavesTheStoreWritable() {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    result(store.saveAddedSession(added(0), T0));

    assertThat(succeeded(store.saveAddedSession(added(0), T0))).as("the same session id twice").isFalse();
    assertThat(store.writable()).isTrue();
  }

  @Test
  void databaseAndItsJournalsAreOwnerOnly() throws Exception {
    Path file = dir.resolve("new").resolve("tend.db");
    SqliteStore store = result(SqliteStore.open(vertx, file));
    result(store.saveStressState(state(0, StressLevel.CALM)));

    assertThat(permissions(file.getParent())).isEqualTo("rwx------");
    for (String suffix : List.of("", "-wal", "-shm")) {
      assertThat(permissions(file.resolveSibling("tend.db" + suffix))).as("tend.db" + suffix).isEqualTo("rw-------");
    }
  }

  @Test
  void databaseOthersCouldReadIsMadeOwnerOnlyWhenOpened() throws Exception {
    Path file = dir.resolve("tend.db");
    result(result(SqliteStore.open(vertx, file)).close());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    result(SqliteStore.open(vertx, file));

    assertThat(permissions(file)).isEqualTo("rw-------");
  }

  private static String permissions(Path path) throws java.io.IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** The database may not grow past the pages it has: SQLite answers SQLITE_FULL, as on a full disk. */
  private static final String FULL = "max_page_count = 1";
  private static final String SPACE_AGAIN = "max_page_count = 1073741823";

  /** How many sessions were added before one was refused, and why it was. */
  private record Full(int saved, Throwable cause) {}

  private static Full addUntilFull(SqliteStore store) {
    for (int i = 0; i < 1000; i++) {
      Future<Void> write = store.saveAddedSession(added(i), T0);
      if (!succeeded(write)) {
        return new Full(i, write.cause());
      }
    }
    throw new AssertionError("1000 sessions fitted in a full database");
  }

  private static CalendarEvent added(int i) {
    Instant start = T0.plus(Duration.ofDays(i));
    return new CalendarEvent("alex", "api-" + i, "x".repeat(200), start, start.plusSeconds(3000),
        CalendarEvent.Kind.THERAPY);
  }

  /** Waits for a write that may fail; whether it succeeded. */
  private static boolean succeeded(Future<Void> write) {
    return result(write.map(ok -> true).otherwise(false));
  }

  private static Suggestion suggestion(String id, Instant at) {
    return new Suggestion(id, "alex", "box-breathing", "Box breathing", "Would box breathing help?",
        "Your stress is high.", Urgency.HIGH, List.of("voice", "wrist"), at, at.plusSeconds(900));
  }
}
