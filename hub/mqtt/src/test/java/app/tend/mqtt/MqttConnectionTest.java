package app.tend.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.BrokerSettings;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MqttConnectionTest {

  @TempDir
  Path folder;

  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger connects = new AtomicInteger();

  @AfterEach
  void closeVertx() throws Exception {
    result(vertx.close());
  }

  @Test
  void theFirstConnectIsTriedAgainUntilTheBrokerAppears() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(folder.resolve("mosquitto"))) {
      broker.stop();
      MqttConnection connection = result(MqttConnection.create(vertx.getOrCreateContext(), "test",
          settings(broker), "tend-test", new MemoryPersistence(), MqttConnection.options(settings(broker)), counting()));
      connection.connect();

      Future<Void> early = connection.publish("tend/test", message("early"));
      assertThat(early.failed()).isTrue();
      assertThat(early.cause()).hasMessage("not connected to the MQTT broker " + broker.url());

      broker.restart();
      await().atMost(Duration.ofSeconds(20)).until(connection::connected);
      assertThat(connects).hasValue(1);
      try (MqttProbe probe = new MqttProbe(broker.url(), "tend/test")) {
        result(connection.publish("tend/test", message("hello")));
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.payloads().contains("hello"));
      }

      result(connection.close());
      assertThat(connection.client()).isNull();
      assertThat(connection.publish("tend/test", message("late")).failed()).isTrue();
    }
  }

  @Test
  void closingWhileTheBrokerIsAwayStopsTheAttempts() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(folder.resolve("mosquitto"))) {
      broker.stop();
      MqttConnection connection = result(MqttConnection.create(vertx.getOrCreateContext(), "test",
          settings(broker), "tend-test", new MemoryPersistence(), MqttConnection.options(settings(broker)), counting()));
      connection.connect();
      result(connection.close());

      broker.restart();
      Thread.sleep(3_000);
      assertThat(connects).as("no attempt after close").hasValue(0);
    }
  }

  @Test
  void aConnectionLeftDownIsReconnectedByTheWatchdog() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(folder.resolve("mosquitto"))) {
      MqttConnectionOptions options = MqttConnection.options(settings(broker));
      options.setAutomaticReconnectDelay(1, 1);
      options.setConnectionTimeout(1);
      MqttConnection connection = result(MqttConnection.create(vertx.getOrCreateContext(), "test",
          settings(broker), "tend-test", new MemoryPersistence(), options, counting()));
      connection.connect();
      await().atMost(Duration.ofSeconds(10)).until(connection::connected);

      // A disconnect Paho does not reconnect from by itself, as when its reconnect cycle has ended.
      connection.client().disconnect().waitForCompletion(5_000);
      assertThat(connection.connected()).isFalse();

      await().atMost(Duration.ofSeconds(20)).until(connection::connected);
      assertThat(connects).hasValue(2);
      result(connection.close());
    }
  }

  @Test
  void aLostConnectionIsReconnected() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(folder.resolve("mosquitto"))) {
      MqttConnectionOptions options = MqttConnection.options(settings(broker));
      options.setAutomaticReconnectDelay(1, 1);
      MqttConnection connection = result(MqttConnection.create(vertx.getOrCreateContext(), "test",
          settings(broker), "tend-test", new MemoryPersistence(), options, counting()));
      connection.connect();
      await().atMost(Duration.ofSeconds(10)).until(connection::connected);

      broker.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> !connection.connected());
      broker.restart();

      await().atMost(Duration.ofSeconds(20)).until(connection::connected);
      assertThat(connects).hasValue(2);
      result(connection.close());
    }
  }

  @Test
  void closingRightAfterConnectingLeavesNoClientThreadOrSocketBehind() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(folder.resolve("mosquitto"))) {
      for (int i = 0; i < 50; i++) {
        MqttConnection connection = result(MqttConnection.create(vertx.getOrCreateContext(), "test",
            settings(broker), "tend-test", new MemoryPersistence(), MqttConnection.options(settings(broker)), counting()));
        connection.connect();
        // Closed while Paho is still connecting: once "Connect already in progress", and the client lived on.
        result(connection.close());
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> pahoThreads().isEmpty() && connectionsTo(broker.port()) == 0);
      try (MqttProbe probe = new MqttProbe(broker.url())) {
        assertThat(connectionsTo(broker.port())).as("the probe alone").isEqualTo(1);
      }
    }
  }

  @Test
  void closingWhileTheBrokerIsAwayLeavesNoThreadBehind() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(folder.resolve("mosquitto"))) {
      MqttConnectionOptions options = MqttConnection.options(settings(broker));
      options.setAutomaticReconnectDelay(1, 1);
      MqttConnection connection = result(MqttConnection.create(vertx.getOrCreateContext(), "test",
          settings(broker), "tend-test", new MemoryPersistence(), options, counting()));
      connection.connect();
      await().atMost(Duration.ofSeconds(10)).until(connection::connected);
      broker.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> !connection.connected());

      result(connection.close());

      // Paho's own reconnect left a "MQTT Reconnect" timer thread that close could not stop.
      await().atMost(Duration.ofSeconds(10)).until(() -> pahoThreads().isEmpty());
      broker.restart();
      assertThat(connects).as("no reconnect after close").hasValue(1);
    }
  }

  /** Live threads Paho started (it names them "MQTT …"). */
  private static List<String> pahoThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("MQTT")).toList();
  }

  /** Established TCP connections on this machine whose far end is the port. */
  private static long connectionsTo(int port) throws IOException {
    String remote = ":" + String.format(Locale.ROOT, "%04X", port);
    long count = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try (Stream<String> lines = Files.lines(Path.of(table))) {
        count += lines.skip(1).map(l -> l.trim().split("\\s+"))
            .filter(f -> f.length > 3 && f[2].endsWith(remote) && f[3].equals("01")).count();
      }
    }
    return count;
  }

  private static BrokerSettings settings(MosquittoBroker broker) {
    return new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  private static MqttMessage message(String text) {
    return new MqttMessage(text.getBytes(StandardCharsets.UTF_8), 1, false, null);
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private MqttCallback counting() {
    return new MqttCallbackAdapter() {
      @Override
      public void connectComplete(boolean reconnect, String serverURI) {
        connects.incrementAndGet();
      }
    };
  }
}
