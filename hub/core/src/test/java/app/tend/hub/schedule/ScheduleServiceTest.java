package app.tend.hub.schedule;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.CalendarEvent;
import app.tend.api.message.Intent;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.SessionEvent;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.ScheduleConfig;
import app.tend.hub.config.StoreConfig;
import app.tend.hub.store.Recorder;
import app.tend.hub.store.SqliteStore;
import app.tend.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleServiceTest {

  private static final Instant T0 = Instant.parse("2026-03-04T09:00:00Z");
  private static final PersonConfig ALEX = new PersonConfig("Alex", "UTC", null, "none", null, null, null);

  @TempDir Path dir;
  private Vertx vertx;
  private final ManualClock clock = new ManualClock(T0);
  private final BlockingQueue<SessionEvent> sessions = new LinkedBlockingQueue<>();
  private final BlockingQueue<ScheduleStatus> statuses = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    MessageCodecs.register(vertx.eventBus());
    vertx.eventBus().<SessionEvent>consumer(Addresses.SESSIONS.name(), m -> sessions.add(m.body()));
    vertx.eventBus().<ScheduleStatus>consumer(Addresses.SCHEDULE.name(), m -> statuses.add(m.body()));
  }

  @AfterEach
  void tearDown() {
    result(vertx.close());
  }

  @Test
  void sessionSaidByVoiceIsPublishedStoredAndSurvivesARestart() throws Exception {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    result(vertx.deployVerticle(new Recorder(store, clock, StoreConfig.defaults(), new SimpleMeterRegistry())));
    String first = result(vertx.deployVerticle(service(store, CalendarFeed.NONE)));
    assertThat(next(statuses).state()).isEqualTo(ScheduleState.BETWEEN);

    vertx.eventBus().publish(Addresses.INTENTS.name(),
        new Intent("alex", Intent.Kind.SESSION_STARTED, Map.of(), "voice-hermes", "", T0));
    SessionEvent started = next(sessions);
    assertThat(started.type()).isEqualTo(SessionEvent.Type.STARTED);
    assertThat(started.source()).isEqualTo("voice-hermes");
    assertThat(next(statuses).state()).isEqualTo(ScheduleState.IN_SESSION);
    awaitStored(store, started.sessionId());

    result(vertx.undeploy(first));
    clock.advance(Duration.ofMinutes(20));
    result(vertx.deployVerticle(service(store, CalendarFeed.NONE)));
    ScheduleStatus afterRestart = next(statuses);
    assertThat(afterRestart.state()).isEqualTo(ScheduleState.IN_SESSION);
    assertThat(afterRestart.session().id()).isEqualTo(started.sessionId());
  }

  @Test
  void failingCalendarKeepsItsLastEvents() throws Exception {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    CalendarEvent session = new CalendarEvent("alex", "s1", "Therapy", T0.plusSeconds(600), T0.plusSeconds(3600),
        CalendarEvent.Kind.THERAPY);
    boolean[] failing = {false};
    CalendarFeed feed = (from, to) -> Map.of("calendar-ical",
        failing[0] ? Future.failedFuture("server down") : Future.succeededFuture(List.of(session)));
    ScheduleService service = service(store, feed);
    result(vertx.deployVerticle(service));
    assertThat(next(statuses).state()).isEqualTo(ScheduleState.BEFORE_SESSION);

    failing[0] = true;
    clock.advance(Duration.ofMinutes(11));
    result(service.refresh());
    assertThat(next(sessions).type()).isEqualTo(SessionEvent.Type.STARTED);
    assertThat(next(statuses).state()).isEqualTo(ScheduleState.IN_SESSION);
  }

  @Test
  void sessionAddedByApiIsKeptAcrossARestartAndStartsAndEndsByHand() throws Exception {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    ScheduleService before = service(store, CalendarFeed.NONE);
    String first = result(vertx.deployVerticle(before));
    assertThat(next(statuses).state()).isEqualTo(ScheduleState.BETWEEN);
    ScheduledSession added = result(before.add("alex", "Therapy", T0.plusSeconds(3600), T0.plusSeconds(6600)));
    assertThat(added.source()).isEqualTo(Schedules.API);

    result(vertx.undeploy(first));
    clock.advance(Duration.ofMinutes(10));
    ScheduleService after = service(store, CalendarFeed.NONE);
    result(vertx.deployVerticle(after));
    assertThat(next(statuses).state()).isEqualTo(ScheduleState.BETWEEN);
    assertThat(result(after.sessions("alex"))).containsExactly(added);

    ScheduledSession started = result(after.start(null, added.id()));
    assertThat(started.start()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(next(sessions).type()).isEqualTo(SessionEvent.Type.STARTED);
    assertThat(nextOtherThan(statuses, ScheduleState.BETWEEN).state()).isEqualTo(ScheduleState.IN_SESSION);

    clock.advance(Duration.ofMinutes(5));
    ScheduledSession ended = result(after.end("alex", added.id()));
    assertThat(ended.end()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(next(sessions).type()).isEqualTo(SessionEvent.Type.ENDED);
    assertThat(nextOtherThan(statuses, ScheduleState.IN_SESSION).state()).isEqualTo(ScheduleState.DECOMPRESS);
  }

  @Test
  void startingAnUnknownOrRunningSessionIsRefusedSayingWhy() throws Exception {
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    ScheduleService service = service(store, CalendarFeed.NONE);
    result(vertx.deployVerticle(service));
    ScheduledSession added = result(service.add("alex", "Therapy", T0.minusSeconds(60), T0.plusSeconds(3000)));

    assertThat(service.start("alex", "nope").toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingRootCause()
        .isInstanceOf(SessionRefusedException.class).withMessage("no session 'nope' of alex in the schedule");
    assertThat(service.start("alex", added.id()).toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingRootCause()
        .withMessage("session '" + added.id() + "' is already running (since 2026-03-04T08:59:00Z)");
  }

  private ScheduleService service(SqliteStore store, CalendarFeed feed) {
    Schedules schedules = new Schedules(List.of("alex"), id -> ALEX, ScheduleConfig.defaults());
    return new ScheduleService(schedules, feed, store, clock, ScheduleConfig.defaults(), new SimpleMeterRegistry());
  }

  private static void awaitStored(SqliteStore store, String sessionId) {
    app.tend.hub.Await.until(() -> result(store.sessions("alex", T0.minusSeconds(1), T0.plusSeconds(1))).stream()
        .anyMatch(s -> s.id().equals(sessionId)), "session " + sessionId + " stored");
  }

  /** The next status in another state: a status is also republished when only the next session changed. */
  private static ScheduleStatus nextOtherThan(BlockingQueue<ScheduleStatus> queue, ScheduleState state)
      throws InterruptedException {
    ScheduleStatus status = next(queue);
    while (status.state() == state) {
      status = next(queue);
    }
    return status;
  }

  private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
    T item = queue.poll(10, TimeUnit.SECONDS);
    assertThat(item).as("a message within 10 s").isNotNull();
    return item;
  }
}
