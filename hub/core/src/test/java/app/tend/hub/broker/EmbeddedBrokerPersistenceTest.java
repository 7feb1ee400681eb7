package app.tend.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.testkit.FreePorts;
import app.tend.testkit.MqttProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker keeps retained messages and persistent sessions on disk, across a hub restart. */
@Timeout(90)
class EmbeddedBrokerPersistenceTest {

  private static final String HUB = "tend-hub-subscriber";

  private final Vertx vertx = Vertx.vertx();
  private EmbeddedBroker broker;

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.stop().await();
    }
    vertx.close().await();
  }

  @Test
  void queuedQos1SamplesAndRetainedStatesSurviveARestart(@TempDir Path folder) throws Exception {
    broker = started(folder);
    List<String> heard = new CopyOnWriteArrayList<>();
    MqttAsyncClient hub = subscriber(broker.url(), heard);
    hub.subscribe("tend/wearable/#", 1).waitForCompletion(5_000);
    hub.disconnect().waitForCompletion(5_000);
    hub.close();

    try (MqttProbe wearable = new MqttProbe(broker.url())) {
      for (int i = 0; i < 20; i++) {
        wearable.publish("tend/wearable/ana/watch/hr", "{\"t\":" + (1_700_000_000_000L + i * 1000) + ",\"v\":70}", false);
      }
      wearable.publish("tend/ha/ana/stress_score", "72", true);
    }
    broker.stop().await();

    broker = started(folder);
    MqttAsyncClient back = subscriber(broker.url(), heard);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() == 20);
      assertThat(heard).as("the samples queued for the hub's session, in order").first().asString()
          .contains("1700000000000");
      try (MqttProbe homeAssistant = new MqttProbe(broker.url(), "tend/ha/#")) {
        await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.last("tend/ha/ana/stress_score").isPresent());
        assertThat(homeAssistant.last("tend/ha/ana/stress_score").orElseThrow().payload()).isEqualTo("72");
      }
    } finally {
      back.disconnect().waitForCompletion(5_000);
      back.close();
    }
  }

  private EmbeddedBroker started(Path folder) {
    // Anonymous clients with every right: what is checked here is what the broker keeps, not who may connect.
    EmbeddedBroker started = new EmbeddedBroker(vertx, new EmbeddedBroker.Settings("127.0.0.1", FreePorts.next(), folder,
        1000, 64 * 1024, BrokerUsers.resolve(folder.resolve("users"), List.of(), Optional.empty()), true),
        new SimpleMeterRegistry());
    started.start().await();
    return started;
  }

  /** A persistent session, as wearable-mqtt keeps: it finds what was queued for it while it was away. */
  private static MqttAsyncClient subscriber(String url, List<String> heard) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, HUB, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        heard.add(new String(message.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    client.connect(options).waitForCompletion(5_000);
    return client;
  }
}
