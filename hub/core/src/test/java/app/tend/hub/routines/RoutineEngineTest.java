package app.tend.hub.routines;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.RoutineTarget;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineAction;
import app.tend.api.message.RoutineRun;
import app.tend.api.message.SessionEvent;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.TendConfig;
import app.tend.hub.store.SqliteStore;
import app.tend.testkit.ManualClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The routine engine on a real bus and a real store, with targets that succeed, fail, hang or throw. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoutineEngineTest {

  /** 19:30 in Berlin. */
  private static final Instant EVENING = Instant.parse("2026-03-04T18:30:00Z");

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(EVENING);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final BlockingQueue<RoutineRun> published = new LinkedBlockingQueue<>();
  private final Recording lights = new Recording("lights");
  private final AtomicInteger flakyCalls = new AtomicInteger();
  private final AtomicInteger slowCalls = new AtomicInteger();
  private SqliteStore store;
  private RoutineEngine engine;

  @BeforeEach
  void setUp() {
    MessageCodecs.register(vertx.eventBus());
    vertx.eventBus().<RoutineRun>consumer(Addresses.ROUTINES.name(), m -> published.add(m.body()));
    store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
  }

  @AfterEach
  void tearDown() {
    result(store.close());
    result(vertx.close());
  }

  @Test
  void failingAndHangingTargetsAreRetriedThenRecordedAsFailedWhileTheOthersStillRun() throws Exception {
    start("""
        after-session:
          trigger: session-ended
          actions:
            - target: slow
              timeoutSeconds: 1
              retries: 1
              retryDelaySeconds: 0
            - target: flaky
              retries: 2
              retryDelaySeconds: 0
            - target: lights
              params: {topic: zigbee2mqtt/lamp/set, payload: {state: "ON", brightness: 80}}
        """);

    sessionEnded("alex");
    RoutineRun run = published.poll(20, TimeUnit.SECONDS);

    assertThat(run).isNotNull();
    assertThat(run.trigger()).isEqualTo("session-ended");
    assertThat(run.person()).isEqualTo("alex");
    assertThat(run.ok()).isFalse();
    assertThat(run.outcomes()).containsExactly(
        new ActionOutcome("slow", false, "no answer within 1 s", 2),
        new ActionOutcome("flaky", false, "HTTP 500 Internal Server Error", 3),
        new ActionOutcome("lights", true, "published", 1));
    assertThat(slowCalls).hasValue(2);
    assertThat(flakyCalls).hasValue(3);
    assertThat(lights.sent).singleElement().satisfies(action -> {
      assertThat(action.routine()).isEqualTo("after-session");
      assertThat(action.params()).containsOnly(
          Map.entry("topic", "zigbee2mqtt/lamp/set"), Map.entry("payload", "{\"state\":\"ON\",\"brightness\":80}"));
    });
    assertThat(result(store.routineRuns("after-session", 10))).containsExactly(run);
    assertThat(meters.counter("tend.routines.runs", "routine", "after-session", "result", "failed").count()).isEqualTo(1);
    assertThat(meters.counter("tend.routines.actions.failed", "target", "flaky").count()).isEqualTo(1);
  }

  @Test
  void conditionsPickThePersonAndTheHoursInTheirTimeZone() throws Exception {
    start("""
        evening-lights:
          trigger: session-ended
          conditions:
            persons: [alex, bo]
            hours: "18:00-23:00"
          actions:
            - target: lights
        """);

    sessionEnded("cy");
    sessionEnded("bo");
    sessionEnded("alex");
    RoutineRun run = published.poll(10, TimeUnit.SECONDS);

    assertThat(run.person()).as("cy is not among the persons; it is 13:30 in New York for bo").isEqualTo("alex");
    assertThat(lights.sent).hasSize(1);
    assertThat(result(store.routineRuns("evening-lights", 10))).containsExactly(run);
  }

  @Test
  void dryRunByHandAsksEachTargetOnceAndIsRecordedAsDry() throws Exception {
    start("""
        after-session:
          trigger: session-ended
          actions:
            - target: flaky
              retries: 3
            - target: lights
            - target: openhab
        """);

    RoutineRun run = result(engine.fire("after-session", "alex", true));

    assertThat(run.dryRun()).isTrue();
    assertThat(run.trigger()).isEqualTo(RoutineEngine.BY_HAND);
    assertThat(run.outcomes()).extracting(ActionOutcome::attempts).containsOnly(0);
    assertThat(run.outcomes().get(1).detail()).isEqualTo("would publish");
    assertThat(run.outcomes().get(2).detail()).startsWith("no running target of type 'openhab' (running: ");
    assertThat(flakyCalls).hasValue(1);
    assertThat(lights.sent).isEmpty();
    assertThat(lights.dry).hasValue(1);
    assertThat(result(store.routineRuns("after-session", 10))).containsExactly(run);
  }

  @Test
  void aTargetThatThrowsFailsItsActionOnly() throws Exception {
    start("""
        after-session:
          trigger: session-ended
          actions:
            - target: broken
              retries: 0
            - target: lights
        """);

    RoutineRun run = result(engine.fire("after-session", "", false));

    assertThat(run.outcomes().get(0).ok()).isFalse();
    assertThat(run.outcomes().get(0).detail()).contains("boom");
    assertThat(run.outcomes().get(1).ok()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------

  private void start(String routinesYaml) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    var tree = yaml.createObjectNode();
    tree.set("routines", yaml.readTree(routinesYaml));
    tree.set("persons", yaml.readTree("{alex: {zone: Europe/Berlin}, bo: {zone: America/New_York}}"));
    TendConfig config = new ConfigBinder(Map.of()).bind(tree, TendConfig.class, "");
    Map<String, RoutineTarget> all = Map.of("lights", lights, "flaky", target("flaky", dry -> {
      flakyCalls.incrementAndGet();
      return Future.succeededFuture(new ActionOutcome("flaky", false, "HTTP 500 Internal Server Error", 0));
    }), "slow", target("slow", dry -> {
      slowCalls.incrementAndGet();
      return Promise.<ActionOutcome>promise().future();
    }), "broken", target("broken", dry -> {
      throw new IllegalStateException("boom");
    }));
    engine = new RoutineEngine(config.routines(), config::person, 0.6, new MapTargets(all), store, clock, meters);
    result(vertx.deployVerticle(engine));
  }

  private void sessionEnded(String person) {
    vertx.eventBus().publish(Addresses.SESSIONS.name(),
        new SessionEvent(person, "s1", SessionEvent.Type.ENDED, clock.instant(), "Therapy", "calendar-ical"));
  }

  private interface Attempt {
    Future<ActionOutcome> call(boolean dryRun);
  }

  private static RoutineTarget target(String type, Attempt attempt) {
    return new RoutineTarget() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public Future<ActionOutcome> execute(RoutineAction action, boolean dryRun) {
        return attempt.call(dryRun);
      }
    };
  }

  /** A target that records what it was asked to send. */
  private static final class Recording implements RoutineTarget {
    final String type;
    final List<RoutineAction> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger dry = new AtomicInteger();

    Recording(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Future<ActionOutcome> execute(RoutineAction action, boolean dryRun) {
      if (dryRun) {
        dry.incrementAndGet();
        return Future.succeededFuture(new ActionOutcome(type, true, "would publish", 0));
      }
      sent.add(action);
      return Future.succeededFuture(new ActionOutcome(type, true, "published", 0));
    }
  }

  /** Targets by type, called the way the hub calls plugins: a throw becomes a failed future. */
  private record MapTargets(Map<String, RoutineTarget> byType) implements Targets {
    @Override
    public Optional<RoutineTarget> find(String type) {
      return Optional.ofNullable(byType.get(type));
    }

    @Override
    public List<String> types() {
      return byType.keySet().stream().sorted().toList();
    }

    @Override
    public Future<ActionOutcome> call(RoutineTarget target, RoutineAction action, boolean dryRun) {
      try {
        return target.execute(action, dryRun);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
  }
}
