package app.tend.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.tend.api.Meters;
import app.tend.mqtt.MqttCallbackAdapter;
import app.tend.testkit.FreePorts;
import app.tend.testkit.MqttProbe;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker against real Paho clients: who gets in, what each role may publish and read, and the size
 * limit. The issue's attacks by an anonymous local client (fake samples, reading stress levels and prompts,
 * silencing the coach, turning do-not-disturb on) each fail here.
 */
@Timeout(120)
class BrokerGuardTest {

  private static final int LIMIT = 64 * 1024;

  @TempDir static Path folder;

  private static final Vertx vertx = Vertx.vertx();
  private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private static EmbeddedBroker broker;
  private static BrokerUsers users;
  private static MqttProbe hub;

  @BeforeAll
  static void start() throws Exception {
    users = BrokerUsers.resolve(folder.resolve("mqtt-users"), List.of("ana", "ben"), Optional.empty());
    broker = new EmbeddedBroker(vertx, new EmbeddedBroker.Settings("127.0.0.1", FreePorts.next(),
        folder.resolve("broker"), 1_000, LIMIT, users, false), meters);
    broker.start().await();
    hub = login("hub", "#");
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
    broker.stop().await();
    vertx.close().await();
  }

  @Test
  void anonymousClientsAndWrongPasswordsAreRefusedAndCounted() {
    double before = refused(Meters.REASON_BAD_CREDENTIALS);

    assertThatThrownBy(() -> connect(null, null)).isInstanceOf(MqttException.class)
        .extracting(e -> ((MqttException) e).getReasonCode()).isEqualTo(0x86);
    assertThatThrownBy(() -> connect("wearable-ana", "not-the-password")).isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> connect("mallory", "anything")).isInstanceOf(MqttException.class);

    assertThat(refused(Meters.REASON_BAD_CREDENTIALS) - before).isEqualTo(3);
  }

  @Test
  void aWearablePublishesItsOwnSamplesButIsDisconnectedForAnotherPersons() throws Exception {
    double before = refused(Meters.REASON_NOT_AUTHORIZED);
    MqttAsyncClient ana = connect("wearable-ana", password("wearable-ana"));

    publish(ana, "tend/wearable/ana/watch/hr", "{\"t\":1767225600000,\"v\":71}");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.last("tend/wearable/ana/watch/hr").isPresent());

    tryPublish(ana, "tend/wearable/ben/watch/hr", "{\"t\":1767225600000,\"v\":180}");
    await().atMost(Duration.ofSeconds(10)).until(() -> !ana.isConnected());
    await().atMost(Duration.ofSeconds(10)).until(() -> refused(Meters.REASON_NOT_AUTHORIZED) - before == 1);
    marker();
    assertThat(hub.last("tend/wearable/ben/watch/hr")).as("the fake sample never reached the hub").isEmpty();
    ana.close(true);
  }

  @Test
  void aWearableReadsOnlyItsOwnPromptsNotStressLevelsNorOthersPrompts() throws Exception {
    hub.publish("tend/ha/ana/stress_level", "HIGH", true);
    MqttAsyncClient ana = connect("wearable-ana", password("wearable-ana"));
    List<String> received = new CopyOnWriteArrayList<>();
    ana.setCallback(new MqttCallbackAdapter() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
      }
    });

    assertThat(subscribe(ana, "tend/ha/#")).as("Home Assistant's entities").isGreaterThanOrEqualTo(0x80);
    assertThat(subscribe(ana, "#")).as("everything").isGreaterThanOrEqualTo(0x80);
    assertThat(subscribe(ana, "tend/wearable/+/+/prompt")).as("everyone's prompts").isGreaterThanOrEqualTo(0x80);
    assertThat(subscribe(ana, "tend/wearable/ben/watch/prompt")).as("Ben's prompts").isGreaterThanOrEqualTo(0x80);
    assertThat(subscribe(ana, "hermes/tts/say")).as("what the speakers say").isGreaterThanOrEqualTo(0x80);
    assertThat(subscribe(ana, "tend/wearable/ana/+/prompt")).as("her own prompts").isLessThan(0x80);

    hub.publish("tend/wearable/ben/watch/prompt", "{\"text\":\"for Ben\"}", false);
    hub.publish("tend/wearable/ana/watch/prompt", "{\"text\":\"for Ana\"}", false);
    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    assertThat(received).containsExactly("tend/wearable/ana/watch/prompt {\"text\":\"for Ana\"}");
    ana.disconnect().waitForCompletion(5_000);
    ana.close(true);
  }

  @Test
  void wearablesAndBridgesCannotSilenceTheCoachNorTurnOnDoNotDisturb() throws Exception {
    hub.clear();
    for (String user : List.of("wearable-ana", "bridge")) {
      for (String topic : List.of("hermes/intent/TendSessionStarted", "tend/ha/ana/do_not_disturb/set",
          "tend/wearable/ana/watch/prompt")) {
        MqttAsyncClient client = connect(user, password(user));
        tryPublish(client, topic, "ON");
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
        client.close(true);
      }
    }
    marker();
    assertThat(hub.received()).noneMatch(m -> m.topic().startsWith("hermes/") || m.topic().startsWith("tend/ha/ana/do")
        || m.topic().equals("tend/wearable/ana/watch/prompt"));
  }

  @Test
  void eachRoleHasItsOwnTopics() throws Exception {
    MqttAsyncClient bridge = connect("bridge", password("bridge"));
    publish(bridge, "tend/wearable/ben/strap/hr", "{\"t\":1767225600000,\"v\":64}");
    publish(bridge, "/ble/data/e8:1a:0c:55:10:02/180d/2a37", "[22,72,0,3]");
    MqttAsyncClient home = connect("home", password("home"));
    publish(home, "tend/ha/ana/do_not_disturb/set", "ON");
    MqttAsyncClient voice = connect("voice", password("voice"));
    publish(voice, "hermes/intent/TendSessionStarted", "{}");

    await().atMost(Duration.ofSeconds(10)).until(() -> hub.last("hermes/intent/TendSessionStarted").isPresent()
        && hub.last("tend/ha/ana/do_not_disturb/set").isPresent() && hub.last("tend/wearable/ben/strap/hr").isPresent()
        && hub.last("/ble/data/e8:1a:0c:55:10:02/180d/2a37").isPresent());
    assertThat(subscribe(home, "tend/wearable/#")).as("Home Assistant reads no samples").isGreaterThanOrEqualTo(0x80);
    assertThat(subscribe(voice, "tend/ha/#")).as("a speaker reads no stress levels").isGreaterThanOrEqualTo(0x80);
    for (MqttAsyncClient client : List.of(bridge, home, voice)) {
      client.disconnect().waitForCompletion(5_000);
      client.close(true);
    }
  }

  @Test
  void aMessageOverTheLimitIsRefusedAndCountedWhileSamplesKeepFlowing() throws Exception {
    double before = refused(Meters.REASON_TOO_LARGE);
    MqttAsyncClient ana = connect("wearable-ana", password("wearable-ana"));

    tryPublish(ana, "tend/wearable/ana/watch/hr", "x".repeat(LIMIT + 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> !ana.isConnected());
    await().atMost(Duration.ofSeconds(10)).until(() -> refused(Meters.REASON_TOO_LARGE) - before == 1);
    ana.close(true);

    MqttAsyncClient again = connect("wearable-ana", password("wearable-ana"));
    publish(again, "tend/wearable/ana/watch/eda", "{\"t\":1767225600000,\"v\":2.5}");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.last("tend/wearable/ana/watch/eda").isPresent());
    assertThat(hub.received()).noneMatch(m -> m.payload().length() > LIMIT);
    again.disconnect().waitForCompletion(5_000);
    again.close(true);
  }

  @Test
  void refusalsAreLoggedOncePerPeriodWithWhatToDo() throws Exception {
    broker.logRefusals();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    ((Logger) LoggerFactory.getLogger(EmbeddedBroker.class)).addAppender(logged);
    try {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> connect("wearable-ben", "guess")).isInstanceOf(MqttException.class);
      }
      broker.logRefusals();
      broker.logRefusals();
    } finally {
      ((Logger) LoggerFactory.getLogger(EmbeddedBroker.class)).detachAppender(logged);
    }
    assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
        .contains("refused 3 connections", "user 'wearable-ben' from 127.0.0.1 gave a wrong password",
            users.folder().toString())
        .doesNotContain("guess");
  }

  @Test
  void anonymousClientsGetInOnlyWhenAllowedAndPasswordsAreStillChecked(@TempDir Path other) throws Exception {
    EmbeddedBroker open = new EmbeddedBroker(vertx, new EmbeddedBroker.Settings("127.0.0.1", FreePorts.next(),
        other.resolve("broker"), 1_000, LIMIT, users, true), new SimpleMeterRegistry());
    open.start().await();
    try {
      MqttAsyncClient anonymous = new MqttAsyncClient(open.url(), "anonymous", new MemoryPersistence());
      anonymous.connect(new MqttConnectionOptions()).waitForCompletion(5_000);
      assertThat(subscribe(anonymous, "#")).isLessThan(0x80);
      anonymous.disconnect().waitForCompletion(5_000);
      anonymous.close(true);

      MqttAsyncClient wrong = new MqttAsyncClient(open.url(), "wrong", new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setUserName("bridge");
      options.setPassword("wrong".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> wrong.connect(options).waitForCompletion(5_000)).isInstanceOf(MqttException.class);
      wrong.close(true);
    } finally {
      open.stop().await();
    }
  }

  private static MqttProbe login(String user, String... filters) throws Exception {
    return MqttProbe.login(broker.url(), user, password(user), filters);
  }

  private static String password(String user) {
    return users.all().get(user).password();
  }

  private static MqttAsyncClient connect(String user, String password) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(broker.url(), "test-" + UUID.randomUUID().toString().substring(0, 8),
        new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    try {
      client.connect(options).waitForCompletion(5_000);
    } catch (MqttException e) {
      client.close(true);
      throw e;
    }
    return client;
  }

  private static void publish(MqttAsyncClient client, String topic, String payload) throws MqttException {
    client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null))
        .waitForCompletion(5_000);
  }

  /** Publishes what the broker will refuse: the publish fails or the connection ends, whichever comes first. */
  private static void tryPublish(MqttAsyncClient client, String topic, String payload) {
    try {
      publish(client, topic, payload);
    } catch (MqttException refused) {
      // The broker answers with "not authorized" or "packet too large" and disconnects.
    }
  }

  /** The subscription's reason code: the granted QoS, or 0x80 and above when refused. */
  private static int subscribe(MqttAsyncClient client, String filter) throws MqttException {
    try {
      IMqttToken token = client.subscribe(new String[] {filter}, new int[] {1});
      token.waitForCompletion(5_000);
      return token.getReasonCodes()[0];
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  /** Waits until a message published after everything before has come back, so what was refused had its chance. */
  private static void marker() throws Exception {
    String marker = UUID.randomUUID().toString();
    hub.publish("test/marker", marker, false);
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.last("test/marker").map(m -> m.payload().equals(marker))
        .orElse(false));
  }

  private static double refused(String reason) {
    return meters.get(Meters.BROKER_REFUSED).tag(Meters.TAG_REASON, reason).functionCounter().count();
  }
}
