package app.tend.hub.stress;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.Sample;
import app.tend.api.message.SampleBatch;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.config.StressConfig;
import app.tend.hub.store.SqliteStore;
import app.tend.hub.store.StoredBaselines;
import io.vertx.core.Future;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StressServiceTest {

  private static final long START_MS = 1_700_000_000_000L;

  @TempDir
  Path dataDir;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<StressState> states = new CopyOnWriteArrayList<>();
  private SqliteStore store;

  @BeforeEach
  void codecsAndListener(Vertx vertx) {
    MessageCodecs.register(vertx.eventBus());
    vertx.eventBus().<StressState>consumer(Addresses.STRESS.name(), message -> states.add(message.body()));
  }

  /** Services save at stop, so they go before the store closes. */
  @AfterEach
  void closeStore(Vertx vertx) throws Exception {
    for (String deployment : vertx.deploymentIDs()) {
      await(vertx.undeploy(deployment));
    }
    if (store != null) {
      await(store.close());
    }
  }

  private String deploy(Vertx vertx) throws Exception {
    return deploy(vertx, StressConfig.defaults());
  }

  private String deploy(Vertx vertx, StressConfig config) throws Exception {
    StressService service = new StressService(config, StressModel.shipped(), baselines(vertx), meters);
    return await(vertx.deployVerticle(service));
  }

  /** The real store's baselines, in one SQLite file per test, opened once. */
  private StoredBaselines baselines(Vertx vertx) throws Exception {
    if (store == null) {
      store = await(SqliteStore.open(vertx, dataDir.resolve("tend.db")));
    }
    return new StoredBaselines(store, Clock.systemUTC());
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Publishes {@code seconds} of a phase for a person on the samples address, from a Vert.x thread. */
  private static long publish(Vertx vertx, String person, long startMs, SyntheticWearable.Phase phase, int seconds)
      throws Exception {
    return await(vertx.executeBlocking(() -> {
      SyntheticWearable wearable = new SyntheticWearable(startMs, (kind, timeMs, value) -> vertx.eventBus()
          .publish(Addresses.SAMPLES.name(), new Sample(person, "wrist-1", kind, Instant.ofEpochMilli(timeMs), value)));
      wearable.run(phase, seconds);
      return wearable.timeMs();
    }));
  }

  /** Waits until the bus has delivered a state for which {@code done} holds. */
  private StressState awaitState(Vertx vertx, java.util.function.Predicate<StressState> done) throws Exception {
    io.vertx.core.Promise<StressState> found = io.vertx.core.Promise.promise();
    long timer = vertx.setPeriodic(10, id -> states.stream().filter(done).findFirst().ifPresent(found::tryComplete));
    try {
      return await(found.future());
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  @Test
  void publishesEachPersonsStateOnTheBusAndCountsUpdates(Vertx vertx) throws Exception {
    deploy(vertx);

    publish(vertx, "ana", START_MS, SyntheticWearable.Phase.calm(), 120);
    publish(vertx, "bo", START_MS, SyntheticWearable.Phase.exercise(), 120);
    Instant nearEnd = Instant.ofEpochMilli(START_MS + 113_000);
    awaitState(vertx, s -> s.person().equals("ana") && !s.time().isBefore(nearEnd));
    awaitState(vertx, s -> s.person().equals("bo") && !s.time().isBefore(nearEnd));

    List<StressState> ana = states.stream().filter(s -> s.person().equals("ana")).toList();
    assertThat(ana.get(ana.size() - 1).level()).isEqualTo(StressLevel.CALM);
    assertThat(states.stream().filter(s -> s.person().equals("bo")).reduce((a, b) -> b).orElseThrow().level())
        .isEqualTo(StressLevel.ACTIVE);
    // Sample time drives publishing: a state every 5 s of sample time unless the level changes.
    for (int i = 1; i < ana.size(); i++) {
      long gap = ana.get(i).time().getEpochSecond() - ana.get(i - 1).time().getEpochSecond();
      assertThat(gap >= 5 || ana.get(i).level() != ana.get(i - 1).level()).isTrue();
    }
    assertThat(ana.size()).isBetween(20, 40);
    assertThat(meters.counter(Meters.STRESS_UPDATES).count()).isEqualTo(states.size());
  }

  @Test
  void samplesInBatchesCountLikeSamplesAlone(Vertx vertx) throws Exception {
    deploy(vertx, EVERY_SECOND);

    List<Sample> batch = new java.util.ArrayList<>();
    long end = await(vertx.executeBlocking(() -> {
      SyntheticWearable wearable = new SyntheticWearable(START_MS, (kind, timeMs, value) -> {
        batch.add(new Sample("cy", "wrist-1", kind, Instant.ofEpochMilli(timeMs), value));
        if (batch.size() == 50) {
          vertx.eventBus().publish(Addresses.SAMPLE_BATCHES.name(), new SampleBatch(batch));
          batch.clear();
        }
      });
      wearable.run(SyntheticWearable.Phase.calm(), 60);
      return wearable.timeMs();
    }));
    StressState last = awaitState(vertx, s -> s.person().equals("cy") && s.time().getEpochSecond() >= end / 1000 - 5);

    assertThat(last.level()).isEqualTo(StressLevel.CALM);
  }

  /** Publishes every judged second, so a test can wait for the last one. */
  private static final StressConfig EVERY_SECOND = new StressConfig(1, null, null, null, null, null, null, null);

  @Test
  void baselinesSurviveARestart(Vertx vertx) throws Exception {
    String first = deploy(vertx, EVERY_SECOND);
    long end = publish(vertx, "ana", START_MS, SyntheticWearable.Phase.calm(), 6 * 60);
    awaitState(vertx, s -> s.time().equals(Instant.ofEpochMilli(end - 2000)));
    await(vertx.undeploy(first));

    assertThat(await(store.baselines())).containsKey("ana");
    assertThat(await(store.baselines()).get("ana").stats()).containsKey("hrZ");

    states.clear();
    deploy(vertx, EVERY_SECOND);
    long laterMs = end + 3_600_000;
    publish(vertx, "ana", laterMs, SyntheticWearable.Phase.calm(), 40);
    StressState state = awaitState(vertx, s -> s.time().equals(Instant.ofEpochMilli(laterMs + 38_000)));

    assertThat(state.level()).isEqualTo(StressLevel.CALM);
    assertThat(state.reason()).isEqualTo("close to your calm level");
  }

  @Test
  void aPersonSilentForIdleMinutesIsPutAwayAndComesBackWithTheirBaseline(Vertx vertx) throws Exception {
    StressService service = new StressService(new StressConfig(1, null, null, null, null, null, null, 1),
        StressModel.shipped(), baselines(vertx), meters);
    await(vertx.deployVerticle(service));
    long anaEnd = publish(vertx, "ana", START_MS, SyntheticWearable.Phase.calm(), 6 * 60);
    long boEnd = publish(vertx, "bo", START_MS, SyntheticWearable.Phase.calm(), 8 * 60);
    awaitState(vertx, s -> s.person().equals("bo") && s.time().equals(Instant.ofEpochMilli(boEnd - 2000)));
    assertThat(meters.get(Meters.STRESS_PERSONS).gauge().value()).isEqualTo(2);

    await(service.saveNow());

    assertThat(meters.get(Meters.STRESS_PERSONS).gauge().value()).as("ana, silent for 2 minutes, is put away")
        .isEqualTo(1);
    assertThat(await(store.baselines())).containsKey("ana");
    states.clear();
    long backMs = anaEnd + 3 * 60_000;
    publish(vertx, "ana", backMs, SyntheticWearable.Phase.calm(), 40);
    StressState state = awaitState(vertx, s -> s.person().equals("ana")
        && s.time().equals(Instant.ofEpochMilli(backMs + 38_000)));

    assertThat(state.reason()).as("her baseline came back from the store").isEqualTo("close to your calm level");
    assertThat(meters.get(Meters.STRESS_PERSONS).gauge().value()).isEqualTo(2);
    assertThat(meters.counter(Meters.STRESS_SAMPLES_DROPPED).count()).isZero();
  }

  @Test
  void aBacklogSentAfterNewerSamplesIsCountedAsLateAndTheStateGoesOn(Vertx vertx) throws Exception {
    deploy(vertx, EVERY_SECOND);
    long end = publish(vertx, "ana", START_MS, SyntheticWearable.Phase.calm(), 60);
    long[] backlog = new long[1];
    await(vertx.executeBlocking(() -> {
      new SyntheticWearable(START_MS - 120_000, (kind, timeMs, value) -> {
        backlog[0]++;
        vertx.eventBus().publish(Addresses.SAMPLES.name(),
            new Sample("ana", "wrist-1", kind, Instant.ofEpochMilli(timeMs), value));
      }).run(SyntheticWearable.Phase.calm(), 60);
      return null;
    }));
    long later = publish(vertx, "ana", end, SyntheticWearable.Phase.calm(), 10);
    StressState last = awaitState(vertx, s -> s.time().equals(Instant.ofEpochMilli(later - 2000)));

    assertThat(meters.get(Meters.STRESS_SAMPLES_LATE).functionCounter().count()).isEqualTo(backlog[0]);
    assertThat(last.level()).isEqualTo(StressLevel.CALM);
  }

  @Test
  void forgettingAPersonDropsTheirEngineSoNoSaveBringsThemBack(Vertx vertx) throws Exception {
    String first = deploy(vertx, EVERY_SECOND);
    long end = publish(vertx, "ana", START_MS, SyntheticWearable.Phase.calm(), 6 * 60);
    publish(vertx, "bo", START_MS, SyntheticWearable.Phase.calm(), 6 * 60);
    awaitState(vertx, s -> s.person().equals("bo") && s.time().equals(Instant.ofEpochMilli(end - 2000)));
    await(vertx.undeploy(first));
    assertThat(await(store.baselines())).containsKeys("ana", "bo");

    StressService again = new StressService(EVERY_SECOND, StressModel.shipped(), baselines(vertx), meters);
    String second = await(vertx.deployVerticle(again));
    await(again.forget("ana"));
    await(store.erase("ana"));
    await(vertx.undeploy(second));

    assertThat(await(store.baselines())).containsOnlyKeys("bo");
    states.clear();
    deploy(vertx, EVERY_SECOND);
    long laterMs = end + 3_600_000;
    publish(vertx, "ana", laterMs, SyntheticWearable.Phase.calm(), 30);
    StressState state = awaitState(vertx, s -> s.time().equals(Instant.ofEpochMilli(laterMs + 28_000)));
    assertThat(state.reason()).as("ana starts afresh").endsWith("(still learning your calm level)");
  }

  @Test
  void baselinesThatCannotBeLoadedLeaveTheServiceStartingAfresh(Vertx vertx) throws Exception {
    BaselineStore broken = new BaselineStore() {
      @Override
      public Future<java.util.Optional<BaselineSnapshot>> load(String person) {
        return Future.failedFuture("disk gone");
      }

      @Override
      public Future<Void> saveAll(Map<String, BaselineSnapshot> baselines) {
        return Future.succeededFuture();
      }
    };
    await(vertx.deployVerticle(new StressService(EVERY_SECOND, StressModel.shipped(), broken, meters)));
    publish(vertx, "ana", START_MS, SyntheticWearable.Phase.calm(), 30);
    StressState state = awaitState(vertx, s -> s.time().equals(Instant.ofEpochMilli(START_MS + 28_000)));

    assertThat(state.reason()).endsWith("(still learning your calm level)");
  }
}
