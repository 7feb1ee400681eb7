package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.api.Meters;
import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import app.tend.hub.boot.Hub;
import app.tend.hub.bus.SampleConsumers;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's path in one JVM: simulator → embedded broker → wearable-mqtt → event bus; and that the broker keeps
 * out strangers and huge messages while it runs.
 */
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

  @Test
  void theBrokerRefusesStrangersAndOversizedMessagesWhileSamplesFlowAndTheHubStaysHealthy() throws Exception {
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          port: %d
        pluginFolder: %s
        persons:
          ana:
            name: Ana
        plugins:
          wearable-mqtt:
            required: true
          wearable-simulator:
            persons: [ben]
            speed: 120
        """.formatted(temp.resolve("data"), FreePorts.next(), HubProcess.ROOT.resolve("plugins")));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of());
    Hub hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", "t"));
    List<Sample> samples = new CopyOnWriteArrayList<>();
    try {
      SampleConsumers.register(hub.vertx().eventBus(), samples::add);
      hub.start().await(60, TimeUnit.SECONDS);
      until(() -> samples.size() > 10, "the simulator's samples flow");
      String password = Files.readString(temp.resolve("data/mqtt-users/wearable-ana")).strip();

      assertThatThrownBy(() -> connect(hub, null, null)).as("an anonymous client").isInstanceOf(MqttException.class);
      MqttAsyncClient ana = connect(hub, "wearable-ana", password);
      try {
        ana.publish("tend/wearable/ana/watch/hr", new MqttMessage(new byte[300 * 1024], 1, false, null))
            .waitForCompletion(10_000);
      } catch (MqttException refused) {
        // The broker disconnects her for it.
      }
      until(() -> !ana.isConnected(), "the broker disconnects a client that sends a message over 256 KiB");
      ana.close(true);
      until(() -> hub.registry().get(Meters.BROKER_REFUSED).tag(Meters.TAG_REASON, Meters.REASON_TOO_LARGE)
          .functionCounter().count() == 1, "the refusal is counted");

      MqttAsyncClient again = connect(hub, "wearable-ana", password);
      again.publish("tend/wearable/ana/watch/hr", new MqttMessage(
          ("{\"t\":" + System.currentTimeMillis() + ",\"v\":72}").getBytes(StandardCharsets.UTF_8), 1, false, null))
          .waitForCompletion(10_000);
      again.disconnect().waitForCompletion(5_000);
      again.close(true);
      until(() -> samples.stream().anyMatch(s -> s.person().equals("ana")), "her next sample arrives");
      int before = samples.size();
      until(() -> samples.size() > before + 10, "the simulator's samples keep flowing");
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + hub.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    } finally {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  private static MqttAsyncClient connect(Hub hub, String user, String password) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(hub.broker().url(), "test-" + System.nanoTime(),
        new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    try {
      client.connect(options).waitForCompletion(10_000);
      return client;
    } catch (MqttException e) {
      client.close(true);
      throw e;
    }
  }

  private static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
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
