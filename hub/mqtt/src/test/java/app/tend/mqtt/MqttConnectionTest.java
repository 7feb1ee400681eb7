package app.tend.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.BrokerSettings;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
