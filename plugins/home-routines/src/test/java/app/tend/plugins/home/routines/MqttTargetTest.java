package app.tend.plugins.home.routines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.BrokerSettings;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineAction;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The mqtt target against a real Mosquitto, with a Zigbee2MQTT bridge played by an MQTT client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MqttTargetTest {

  @TempDir Path temp;
  private final Vertx vertx = Vertx.vertx();
  private MosquittoBroker broker;
  private MqttTarget target;
  private MqttProbe zigbee2mqtt;

  @BeforeEach
  void start() throws Exception {
    broker = MosquittoBroker.start(temp.resolve("mosquitto"));
    target = new MqttTarget(new TestPluginContext("home-routines", vertx, HomeRoutinesConfig.defaults(), Clock.systemUTC(),
        temp.resolve("data"), new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(), false)));
    done(target.start());
    zigbee2mqtt = new MqttProbe(broker.url(), "zigbee2mqtt/#", "test/done");
  }

  @AfterEach
  void tearDown() throws Exception {
    zigbee2mqtt.close();
    done(target.stop());
    done(vertx.close());
    broker.close();
  }

  @Test
  void publishesTheZigbee2MqttSetMessage() {
    Map<String, String> params = Map.of("topic", "zigbee2mqtt/Living room lamp/set",
        "payload", "{\"state\":\"ON\",\"brightness\":80}");
    // The target connects in the background; until then an attempt fails (and the engine would retry it).
    ActionOutcome outcome = await().atMost(Duration.ofSeconds(10)).until(() -> published(params, false), ActionOutcome::ok);

    assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).startsWith("published to zigbee2mqtt/Living room lamp/set (QoS 1) on " + broker.url());
    await().atMost(Duration.ofSeconds(10)).until(() -> zigbee2mqtt.last("zigbee2mqtt/Living room lamp/set").isPresent());
    assertThat(zigbee2mqtt.last("zigbee2mqtt/Living room lamp/set").orElseThrow())
        .isEqualTo(new MqttProbe.Received("zigbee2mqtt/Living room lamp/set", "{\"state\":\"ON\",\"brightness\":80}", false));
  }

  @Test
  void dryRunPublishesNothing() throws Exception {
    ActionOutcome outcome = published(Map.of("topic", "zigbee2mqtt/Hall/set", "payload", "{\"state\":\"OFF\"}",
        "retain", "true"), true);

    zigbee2mqtt.publish("test/done", "x", false);
    await().atMost(Duration.ofSeconds(10)).until(() -> zigbee2mqtt.last("test/done").isPresent());
    assertThat(zigbee2mqtt.received()).extracting(MqttProbe.Received::topic).containsExactly("test/done");
    assertThat(outcome.detail()).startsWith("would publish to zigbee2mqtt/Hall/set (QoS 1, retained) on ")
        .endsWith(": {\"state\":\"OFF\"}");
  }

  @Test
  void aBadTopicOrABrokerThatIsAwayIsAFailedOutcome() {
    assertThat(published(Map.of("topic", "zigbee2mqtt/+/set"), false).detail())
        .startsWith("params.topic: 'zigbee2mqtt/+/set' is not valid: expected a topic without wildcards");
    assertThat(published(Map.of("topic", "x", "qos", "5"), false).detail())
        .isEqualTo("params.qos: '5' is not valid: expected 0, 1 or 2");

    broker.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> !published(Map.of("topic", "zigbee2mqtt/Hall/set"), false).ok());
    assertThat(published(Map.of("topic", "zigbee2mqtt/Hall/set"), false).detail())
        .contains("not connected to the MQTT broker " + broker.url());
  }

  private ActionOutcome published(Map<String, String> params, boolean dryRun) {
    return done(target.execute(new RoutineAction("after-session", "mqtt", params, 5), dryRun));
  }

  private static <T> T done(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
