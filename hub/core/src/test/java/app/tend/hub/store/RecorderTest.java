package app.tend.hub.store;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.Await;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.config.StoreConfig;
import app.tend.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {

  private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    result(vertx.close());
  }

  @Test
  void keepsStressStatesDownsampledAndPurgesOldDataAtStartAndDaily() {
    MessageCodecs.register(vertx.eventBus());
    SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    result(store.saveStressState(state(T0.minus(Duration.ofDays(40)), StressLevel.CALM)));
    ManualClock clock = new ManualClock(T0);
    Recorder recorder = new Recorder(store, clock, new StoreConfig(null, 30, 60), new SimpleMeterRegistry());
    result(vertx.deployVerticle(recorder));
    assertThat(result(store.stressStates("alex", Instant.EPOCH, T0))).as("older than 30 days, purged at start").isEmpty();

    for (int second = 0; second < 180; second += 10) {
      vertx.eventBus().publish(Addresses.STRESS.name(),
          state(T0.plusSeconds(second), second == 30 ? StressLevel.HIGH : StressLevel.CALM));
    }
    Await.until(() -> result(store.stressStates("alex", T0, T0.plusSeconds(200))).size() == 5, "five states kept");
    assertThat(result(store.stressStates("alex", T0, T0.plusSeconds(200)))).extracting(StressState::time).containsExactly(
        T0, T0.plusSeconds(30), T0.plusSeconds(40), T0.plusSeconds(100), T0.plusSeconds(160));

    clock.advance(Duration.ofDays(31));
    assertThat(result(recorder.purgeIfDue())).isEqualTo(5);
    assertThat(result(recorder.purgeIfDue())).as("once a day").isZero();
  }

  private static StressState state(Instant at, StressLevel level) {
    return new StressState("alex", at, level == StressLevel.HIGH ? 80 : 20, level, 0.9, Map.of(), "");
  }
}
