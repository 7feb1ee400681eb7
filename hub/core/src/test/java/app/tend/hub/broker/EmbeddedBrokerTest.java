package app.tend.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Meters;
import app.tend.testkit.FreePorts;
import app.tend.testkit.MqttProbe;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(60)
class EmbeddedBrokerTest {

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private EmbeddedBroker broker;

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.stop().await();
    }
    vertx.close().await();
  }

  @Test
  void messagesDroppedForAFullClientQueueAreCountedAndLoggedOnce(@TempDir Path folder) throws Exception {
    broker = new EmbeddedBroker(vertx, new EmbeddedBroker.Settings("127.0.0.1", FreePorts.next(), folder, 5,
        64 * 1024, BrokerUsers.resolve(folder.resolve("users"), List.of(), Optional.empty()), true), meters);
    broker.start().await();
    // A persistent session that goes away: the broker queues for it, up to five messages.
    MqttAsyncClient offline = new MqttAsyncClient(broker.url(), "offline-hub", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(600L);
    offline.connect(options).waitForCompletion(5_000);
    offline.subscribe("tend/wearable/#", 1).waitForCompletion(5_000);
    offline.disconnect().waitForCompletion(5_000);
    offline.close();

    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    ((Logger) LoggerFactory.getLogger(EmbeddedBroker.class)).addAppender(logged);
    try (MqttProbe wearable = new MqttProbe(broker.url())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> meters.get(Meters.BROKER_CONNECTIONS).gauge().value() == 1);
      for (int i = 0; i < 12; i++) {
        wearable.publish("tend/wearable/ana/watch/hr", "{\"t\":" + (1_700_000_000_000L + i * 1000) + ",\"v\":70}", false);
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> meters.get(Meters.BROKER_DROPPED).functionCounter().count() == 7);
      broker.logDrops();
      broker.logDrops();
    } finally {
      ((Logger) LoggerFactory.getLogger(EmbeddedBroker.class)).detachAppender(logged);
    }

    assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
        .contains("dropped 7 messages", "queue of 5 messages was full", "mqtt.maxQueueSize");

    broker.stop().await();
    broker = null;
    assertThat(meters.get(Meters.BROKER_DROPPED).functionCounter().count()).as("a counter never goes back").isEqualTo(7);
    assertThat(meters.get(Meters.BROKER_CONNECTIONS).gauge().value()).isZero();
  }
}
