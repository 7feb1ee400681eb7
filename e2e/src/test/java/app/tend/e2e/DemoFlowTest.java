package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import app.tend.hub.boot.Hub;
import app.tend.hub.bus.SampleConsumers;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's path in one JVM: simulator → embedded broker → wearable-mqtt → event bus. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoFlowTest {

  @TempDir Path temp;

  @Test
  void simulatedWearableSamplesReachTheEventBusThroughTheEmbeddedBroker() throws Exception {
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          port: %d
        pluginFolder: %s
        plugins:
          wearable-mqtt:
            required: true
          wearable-simulator:
            persons: [ana, ben]
            speed: 120
        """.formatted(temp.resolve("data"), FreePorts.next(), HubProcess.ROOT.resolve("plugins")));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of());
    Hub hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", "t"));
    List<Sample> samples = new CopyOnWriteArrayList<>();
    try {
      SampleConsumers.register(hub.vertx().eventBus(), samples::add);
      hub.start().await(60, TimeUnit.SECONDS);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && simulatedSpan(samples).compareTo(Duration.ofMinutes(2)) < 0) {
        Thread.sleep(100);
      }

      assertThat(simulatedSpan(samples)).as("two simulated minutes pass").isGreaterThanOrEqualTo(Duration.ofMinutes(2));
      assertThat(samples.stream().map(Sample::person).collect(Collectors.toSet())).containsExactlyInAnyOrder("ana", "ben");
      Set<SignalKind> kinds = samples.stream().map(Sample::kind).collect(Collectors.toSet());
      assertThat(kinds).contains(SignalKind.HR, SignalKind.RR, SignalKind.EDA, SignalKind.SKIN_TEMP, SignalKind.MOTION);
      assertThat(samples).allSatisfy(s -> assertThat(s.time()).isBefore(Instant.now().plusSeconds(1)));
      assertThat(samples.stream().filter(s -> s.kind() == SignalKind.HR))
          .allSatisfy(s -> assertThat(s.value()).isBetween(40.0, 200.0));
    } finally {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  private static Duration simulatedSpan(List<Sample> samples) {
    if (samples.isEmpty()) {
      return Duration.ZERO;
    }
    Instant first = samples.stream().map(Sample::time).min(Instant::compareTo).orElseThrow();
    Instant last = samples.stream().map(Sample::time).max(Instant::compareTo).orElseThrow();
    return Duration.between(first, last);
  }
}
