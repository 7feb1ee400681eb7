package app.tend.plugins.wearable.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.BrokerSettings;
import app.tend.api.message.SignalKind;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.TestPluginContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against a real Mosquitto: what a subscriber sees on Tend's topics. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WearableSimulatorTest {

  private static final JsonFactory JSON = new JsonFactory();

  private record Received(String topic, long t, double v, Set<String> fields, long receivedAt) {}

  @TempDir
  Path temp;

  @Test
  void publishesEveryKindInTendFormatWithinRangeAndNeverAheadOfTheClock(Vertx vertx) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(temp.resolve("mosquitto"))) {
      List<Received> received = new CopyOnWriteArrayList<>();
      MqttClient listener = new MqttClient(broker.url(), "test-listener", new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      listener.setCallback(new ListeningCallback((topic, payload) -> received.add(parse(topic, payload))));
      listener.connect(options);
      listener.subscribe("tend/wearable/#", 1);

      WearableSimulatorConfig config = new WearableSimulatorConfig(List.of("ana", "ben"), "band", 600.0, false, 1L, 1,
          null, null, List.of(new WearableSimulatorConfig.Phase("calm", 1.0), new WearableSimulatorConfig.Phase("walk", 1.0)));
      TestPluginContext context = new TestPluginContext("wearable-simulator", vertx, config, Clock.systemUTC(),
          temp.resolve("data"), new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(), false));
      WearableSimulator simulator = new WearableSimulator(context);
      done(simulator.start());

      Set<String> expected = Set.of("hr", "rr", "eda", "skin_temp", "motion", "steps").stream()
          .flatMap(kind -> Set.of("ana", "ben").stream().map(p -> "tend/wearable/" + p + "/band/" + kind))
          .collect(Collectors.toSet());
      await().atMost(Duration.ofSeconds(60))
          .until(() -> received.stream().map(Received::topic).collect(Collectors.toSet()).containsAll(expected));
      done(simulator.stop());
      listener.disconnect();
      listener.close();

      assertThat(received).allSatisfy(r -> {
        assertThat(r.fields()).containsExactlyInAnyOrder("t", "v");
        assertThat(r.t()).as(r.topic()).isLessThanOrEqualTo(r.receivedAt());
        SignalKind kind = SignalKind.fromWireName(r.topic().substring(r.topic().lastIndexOf('/') + 1)).orElseThrow();
        double[] range = RANGES.get(kind);
        assertThat(r.v()).as(r.topic()).isBetween(range[0], range[1]);
      });
      assertThat(context.failures()).isEmpty();
    }
  }

  private static final Map<SignalKind, double[]> RANGES = Map.of(
      SignalKind.HR, new double[] {25, 240}, SignalKind.RR, new double[] {250, 2500},
      SignalKind.EDA, new double[] {0, 100}, SignalKind.SKIN_TEMP, new double[] {15, 45},
      SignalKind.MOTION, new double[] {0, 16}, SignalKind.STEPS, new double[] {0, 100});

  private static Received parse(String topic, byte[] payload) throws Exception {
    long receivedAt = System.currentTimeMillis();
    long t = Long.MIN_VALUE;
    double v = Double.NaN;
    Set<String> fields = new java.util.HashSet<>();
    try (JsonParser parser = JSON.createParser(payload)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        fields.add(field);
        JsonToken token = parser.nextToken();
        if (field.equals("t")) {
          assertThat(token).isEqualTo(JsonToken.VALUE_NUMBER_INT);
          t = parser.getLongValue();
        } else if (field.equals("v")) {
          v = parser.getDoubleValue();
        }
      }
    }
    return new Received(topic, t, v, fields, receivedAt);
  }

  private static <T> T done(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
