package app.tend.hub.boot;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import app.tend.api.message.StressState;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.HttpConfig;
import app.tend.hub.config.MqttConfig;
import app.tend.hub.config.StressConfig;
import app.tend.hub.config.TendConfig;
import app.tend.hub.store.SqliteStore;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HubStressTest {

  @TempDir
  Path folder;

  @Test
  void hubTurnsSamplesIntoStressStatesAndKeepsBaselinesWhenStopped() throws Exception {
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    TendConfig config = new TendConfig(folder.resolve("data").toString(), new HttpConfig(null, 0),
        new MqttConfig(null, null, 0, null, null, null, null, null, null), plugins.toString(), Map.of(),
        null, null, null, null, null, null, null, new StressConfig(1, null, null, null, null, null, null, null));
    Hub hub = Hub.create(config, new ConfigBinder(Map.of()), Clock.systemUTC(), Map.of("TEND_API_TOKEN", "t"));
    hub.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      CompletableFuture<StressState> state = new CompletableFuture<>();
      hub.vertx().eventBus().<StressState>consumer(Addresses.STRESS.name(), message -> state.complete(message.body()));
      long start = 1_700_000_000_000L;
      for (int s = 0; s < 90; s++) {
        Instant time = Instant.ofEpochMilli(start + s * 1000L);
        hub.vertx().eventBus().publish(Addresses.SAMPLES.name(), new Sample("ana", "wrist", SignalKind.HR, time, 70));
        hub.vertx().eventBus().publish(Addresses.SAMPLES.name(), new Sample("ana", "wrist", SignalKind.EDA, time, 1.5));
      }

      StressState first = state.get(30, TimeUnit.SECONDS);
      assertThat(first.person()).isEqualTo("ana");
      assertThat(first.time()).isEqualTo(Instant.ofEpochMilli(start));
    } finally {
      hub.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    Vertx vertx = Vertx.vertx();
    try {
      SqliteStore store = result(SqliteStore.open(vertx, config.databasePath()));
      assertThat(result(store.baselines())).as("saved in the store at stop").containsKey("ana");
      result(store.close());
    } finally {
      result(vertx.close());
    }
  }
}
