package app.tend.plugins.home.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.message.DoNotDisturb;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bridge against a real Mosquitto, with Home Assistant played by an MQTT client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscoveryBridgeTest {

  /**
   * Keys Home Assistant documents for MQTT discovery payloads of these components (integrations mqtt,
   * sensor.mqtt, binary_sensor.mqtt, button.mqtt, switch.mqtt); the bridge must use no other.
   */
  private static final Set<String> COMMON = Set.of("name", "unique_id", "icon", "availability_topic",
      "payload_available", "payload_not_available", "qos", "device", "origin");
  private static final Map<String, Set<String>> DOCUMENTED = Map.of(
      "sensor", union(COMMON, "state_topic", "unit_of_measurement", "state_class", "device_class", "options",
          "json_attributes_topic", "availability", "availability_mode"),
      "binary_sensor", union(COMMON, "state_topic", "payload_on", "payload_off", "device_class"),
      "button", union(COMMON, "command_topic", "payload_press"),
      "switch", union(COMMON, "command_topic", "state_topic", "payload_on", "payload_off", "state_on", "state_off"));
  private static final Map<String, String> REQUIRED = Map.of(
      "sensor", "state_topic", "binary_sensor", "state_topic", "button", "command_topic", "switch", "command_topic");
  private static final Set<String> DEVICE_KEYS = Set.of("identifiers", "name", "manufacturer", "model");
  private static final Pattern DISCOVERY_TOPIC =
      Pattern.compile("homeassistant/(sensor|binary_sensor|button|switch)/[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+/config");

  @TempDir Path temp;
  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private MosquittoBroker broker;

  @BeforeEach
  void startBroker() {
    broker = MosquittoBroker.start(temp.resolve("mosquitto"));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    done(vertx.close());
    broker.close();
  }

  @Test
  void discoveryConfigsUseHomeAssistantsDocumentedKeysAndAreRetained() throws Exception {
    started(HomeAssistantConfig.of(List.of("alice")));

    MqttProbe homeAssistant = probe("homeassistant/#", "tend/ha/status");
    await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.configs().size() == 8);

    assertThat(homeAssistant.last("tend/ha/status")).hasValue(new MqttProbe.Received("tend/ha/status", "online", true));
    for (MqttProbe.Received config : homeAssistant.configs()) {
      assertThat(config.retained()).as("%s retained", config.topic()).isTrue();
      assertThat(config.topic()).matches(DISCOVERY_TOPIC);
      String component = config.topic().split("/")[1];
      JsonObject payload = new JsonObject(config.payload());
      assertThat(DOCUMENTED.get(component)).as("keys of %s", config.topic()).containsAll(payload.fieldNames());
      assertThat(payload.getString(REQUIRED.get(component))).isNotBlank();
      assertThat(payload.getString("unique_id")).isEqualTo("tend_alice_" + config.topic().split("/")[3]);
      if (config.topic().contains("/next_session/")) {
        assertThat(payload.fieldNames()).doesNotContain("availability_topic", "payload_available", "payload_not_available");
        assertThat(payload.getString("availability_mode")).isEqualTo("all");
        assertThat(payload.getJsonArray("availability")).containsExactly(
            new JsonObject().put("topic", "tend/ha/status").put("payload_available", "online")
                .put("payload_not_available", "offline"),
            new JsonObject().put("topic", "tend/ha/alice/next_session/availability").put("payload_available", "online")
                .put("payload_not_available", "offline"));
      } else {
        assertThat(payload.getString("availability_topic")).isEqualTo("tend/ha/status");
        assertThat(payload.getString("payload_available")).isEqualTo("online");
        assertThat(payload.getString("payload_not_available")).isEqualTo("offline");
      }
      JsonObject device = payload.getJsonObject("device");
      assertThat(DEVICE_KEYS).containsAll(device.fieldNames());
      assertThat(device.getJsonArray("identifiers")).containsExactly("tend_alice");
      assertThat(payload.getJsonObject("origin").getString("name")).isEqualTo("Tend");
    }
    assertThat(homeAssistant.configs()).extracting(MqttProbe.Received::topic).containsExactlyInAnyOrder(
        "homeassistant/sensor/tend_alice/stress_score/config",
        "homeassistant/sensor/tend_alice/stress_level/config",
        "homeassistant/binary_sensor/tend_alice/in_session/config",
        "homeassistant/binary_sensor/tend_alice/decompress/config",
        "homeassistant/sensor/tend_alice/next_session/config",
        "homeassistant/sensor/tend_alice/last_suggestion/config",
        "homeassistant/button/tend_alice/start_grounding/config",
        "homeassistant/switch/tend_alice/do_not_disturb/config");
    JsonObject score = config(homeAssistant, "sensor", "stress_score");
    assertThat(score.getString("state_class")).isEqualTo("measurement");
    assertThat(score.getString("unit_of_measurement")).isEqualTo("%");
    JsonObject level = config(homeAssistant, "sensor", "stress_level");
    assertThat(level.getString("device_class")).isEqualTo("enum");
    assertThat(level.getJsonArray("options")).containsExactly("calm", "elevated", "high", "active", "unknown");
    assertThat(config(homeAssistant, "sensor", "next_session").getString("device_class")).isEqualTo("timestamp");
    JsonObject dnd = config(homeAssistant, "switch", "do_not_disturb");
    assertThat(dnd.getString("command_topic")).isEqualTo("tend/ha/alice/do_not_disturb/set");
    assertThat(dnd.getString("state_topic")).isEqualTo("tend/ha/alice/do_not_disturb");
    assertThat(config(homeAssistant, "button", "start_grounding").getString("command_topic"))
        .isEqualTo("tend/ha/alice/start_grounding/press");
  }

  @Test
  void announcesAgainWhenHomeAssistantSaysItIsOnline() throws Exception {
    MqttProbe homeAssistant = probe("homeassistant/+/+/+/config");
    started(HomeAssistantConfig.of(List.of("alice")));
    await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.configs().size() == 8);
    homeAssistant.clear();

    homeAssistant.publish("homeassistant/status", "online", false);

    await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.configs().size() == 8);
    homeAssistant.clear();
    homeAssistant.publish("homeassistant/status", "offline", false);
    homeAssistant.publish("homeassistant/status", "online", false);
    await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.configs().size() == 8);
  }

  @Test
  void theButtonStartsAGroundingExercise() throws Exception {
    TestPluginContext context = started(HomeAssistantConfig.of(List.of("alice")));
    BlockingQueue<Intent> intents = intents();
    MqttProbe homeAssistant = probe();

    homeAssistant.publish("tend/ha/alice/start_grounding/press", "PRESS", false);

    Intent intent = intents.poll(10, TimeUnit.SECONDS);
    assertThat(intent).isNotNull();
    assertThat(intent.person()).isEqualTo("alice");
    assertThat(intent.kind()).isEqualTo(Intent.Kind.START_EXERCISE);
    assertThat(intent.slots()).containsExactly(Map.entry("exercise", "grounding-54321"));
    assertThat(intent.source()).isEqualTo("home-assistant");
    assertThat(context.registry().counter("tend.home.commands", "command", "start_grounding").count()).isEqualTo(1);
  }

  @Test
  void theSwitchAsksTheCoachForQuietAndShowsWhatTheCoachDid() throws Exception {
    TestPluginContext context = started(HomeAssistantConfig.of(List.of("alice")));
    BlockingQueue<Intent> intents = intents();
    MqttProbe homeAssistant = probe("tend/ha/alice/do_not_disturb");

    homeAssistant.publish("tend/ha/alice/do_not_disturb/set", "ON", false);
    Intent on = intents.poll(10, TimeUnit.SECONDS);
    homeAssistant.publish("tend/ha/alice/do_not_disturb/set", "maybe", false);
    homeAssistant.publish("tend/ha/alice/do_not_disturb/set", "OFF", false);
    Intent off = intents.poll(10, TimeUnit.SECONDS);

    assertThat(on.kind()).isEqualTo(Intent.Kind.DO_NOT_DISTURB_ON);
    assertThat(off.kind()).as("'maybe' is neither ON nor OFF").isEqualTo(Intent.Kind.DO_NOT_DISTURB_OFF);
    assertThat(homeAssistant.last("tend/ha/alice/do_not_disturb")).as("nothing shown before the coach answers").isEmpty();

    context.publish(Addresses.DO_NOT_DISTURB, new DoNotDisturb("alice", true, "home-assistant", Instant.now()));
    await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.last("tend/ha/alice/do_not_disturb").isPresent());
    assertThat(homeAssistant.last("tend/ha/alice/do_not_disturb").orElseThrow().payload()).isEqualTo("ON");
  }

  @Test
  void statesFollowTheBusAndStayRetained() throws Exception {
    TestPluginContext context = started(HomeAssistantConfig.of(List.of("alice")));
    Instant next = Instant.parse("2026-03-05T14:00:00Z");
    Instant now = Instant.parse("2026-03-04T10:00:00Z");

    context.publish(Addresses.STRESS, new StressState("alice", now, 72, StressLevel.HIGH, 0.9, Map.of(), "heart rate up"));
    context.publish(Addresses.STRESS, new StressState("zoe", now, 10, StressLevel.CALM, 0.9, Map.of(), ""));
    context.publish(Addresses.SCHEDULE, new ScheduleStatus("alice", ScheduleState.DECOMPRESS, false, null, null, now,
        new ScheduleStatus.Session("s2", "Therapy", next, next.plusSeconds(3000))));
    context.publish(Addresses.SUGGESTIONS, new Suggestion("s-1", "alice", "box-breathing", "Box breathing",
        "Shall we breathe together?", "Your heart rate is up.", Urgency.HIGH, List.of("wrist"), now, now.plusSeconds(900)));

    MqttProbe live = probe("tend/ha/alice/#");
    await().atMost(Duration.ofSeconds(10)).until(() -> live.received().size() >= 8);
    MqttProbe homeAssistant = settled(probe("tend/ha/alice/#", "test/done"));
    assertThat(homeAssistant.received()).filteredOn(r -> r.topic().startsWith("tend/ha/")).hasSize(8)
        .allSatisfy(r -> assertThat(r.retained()).isTrue());
    assertThat(payload(homeAssistant, "tend/ha/alice/stress_score")).isEqualTo("72");
    assertThat(payload(homeAssistant, "tend/ha/alice/stress_level")).isEqualTo("high");
    assertThat(payload(homeAssistant, "tend/ha/alice/in_session")).isEqualTo("OFF");
    assertThat(payload(homeAssistant, "tend/ha/alice/decompress")).isEqualTo("ON");
    assertThat(payload(homeAssistant, "tend/ha/alice/next_session")).isEqualTo("2026-03-05T14:00:00+00:00");
    assertThat(payload(homeAssistant, "tend/ha/alice/next_session/availability")).isEqualTo("online");
    assertThat(payload(homeAssistant, "tend/ha/alice/last_suggestion")).isEqualTo("Box breathing");
    JsonObject attributes = new JsonObject(payload(homeAssistant, "tend/ha/alice/last_suggestion/attributes"));
    assertThat(attributes.getString("reason")).isEqualTo("Your heart rate is up.");
    assertThat(attributes.getString("urgency")).isEqualTo("high");
    assertThat(homeAssistant.received()).noneMatch(r -> r.topic().contains("zoe"));
  }

  @Test
  void theLastSuggestionSaysWhatThePersonDidWithIt() throws Exception {
    TestPluginContext context = started(HomeAssistantConfig.of(List.of("alice")));
    MqttProbe live = probe("tend/ha/alice/#");
    Instant now = Instant.parse("2026-03-04T10:00:00Z");
    context.publish(Addresses.SUGGESTIONS, new Suggestion("s-1", "alice", "box-breathing", "Box breathing",
        "Shall we breathe together?", "Your heart rate is up.", Urgency.HIGH, List.of("wrist"), now, now.plusSeconds(900)));
    await().atMost(Duration.ofSeconds(10)).until(() -> answer(live).equals("open"));

    context.publish(Addresses.FEEDBACK, new Feedback("alice", "other", "walk", Feedback.Kind.DISMISSED, null, null,
        "api", now.plusSeconds(30)));
    context.publish(Addresses.INTENTS, new Intent("alice", Intent.Kind.DECLINE, Map.of(), "voice-hermes", "kitchen",
        now.plusSeconds(60)));
    await().atMost(Duration.ofSeconds(10)).until(() -> answer(live).equals("dismissed"));

    JsonObject attributes = new JsonObject(live.last("tend/ha/alice/last_suggestion/attributes").orElseThrow().payload());
    assertThat(attributes.getString("answered")).isEqualTo("2026-03-04T10:01:00+00:00");
    assertThat(attributes.getString("reason")).isEqualTo("Your heart rate is up.");
    assertThat(live.received()).as("another suggestion's answer changed nothing")
        .filteredOn(r -> r.topic().endsWith("/attributes")).hasSize(2);
    assertThat(live.last("tend/ha/alice/last_suggestion").orElseThrow().payload()).isEqualTo("Box breathing");
  }

  private static String answer(MqttProbe probe) {
    return probe.last("tend/ha/alice/last_suggestion/attributes")
        .map(r -> new JsonObject(r.payload()).getString("answer")).orElse("");
  }

  @Test
  void withNoSessionPlannedTheNextSessionIsUnavailableNotAStateHomeAssistantCannotParse() throws Exception {
    TestPluginContext context = started(HomeAssistantConfig.of(List.of("alice")));
    MqttProbe live = probe("tend/ha/alice/#");
    Instant now = Instant.parse("2026-03-04T10:00:00Z");
    Instant next = Instant.parse("2026-03-05T14:00:00Z");

    context.publish(Addresses.SCHEDULE, new ScheduleStatus("alice", ScheduleState.BEFORE_SESSION, false, null, null, now,
        new ScheduleStatus.Session("s2", "Therapy", next, next.plusSeconds(3000))));
    await().atMost(Duration.ofSeconds(10)).until(() -> live.last("tend/ha/alice/next_session/availability")
        .map(r -> r.payload().equals("online")).orElse(false));
    context.publish(Addresses.SCHEDULE, new ScheduleStatus("alice", ScheduleState.BETWEEN, false, null, null, now, null));
    await().atMost(Duration.ofSeconds(10)).until(() -> live.last("tend/ha/alice/next_session/availability")
        .map(r -> r.payload().equals("offline")).orElse(false));

    assertThat(live.received()).filteredOn(r -> r.topic().equals("tend/ha/alice/next_session"))
        .extracting(MqttProbe.Received::payload).containsExactly("2026-03-05T14:00:00+00:00");
    MqttProbe homeAssistant = settled(probe("tend/ha/alice/#", "test/done"));
    assertThat(payload(homeAssistant, "tend/ha/alice/next_session/availability")).isEqualTo("offline");
  }

  @Test
  void removingEntitiesClearsTheirStatesOnlyAfterEveryConfigIsGone() throws Exception {
    TestPluginContext context = context(HomeAssistantConfig.of(List.of("alice")));
    DiscoveryBridge bridge = new DiscoveryBridge(context);
    done(bridge.start());
    awaitOnline();
    Instant now = Instant.now();
    context.publish(Addresses.SUGGESTIONS, new Suggestion("s-1", "alice", "box-breathing", "Box breathing",
        "Shall we breathe together?", "Your heart rate is up.", Urgency.HIGH, List.of("wrist"), now, now.plusSeconds(900)));
    MqttProbe homeAssistant = probe("homeassistant/#", "tend/ha/alice/#");
    await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.last("tend/ha/alice/last_suggestion/attributes")
        .isPresent());
    homeAssistant.clear();

    done(bridge.disabling());
    context.publish(Addresses.STRESS, new StressState("alice", now, 72, StressLevel.HIGH, 0.9, Map.of(), "late"));
    done(bridge.stop());

    List<MqttProbe.Received> removal = homeAssistant.received();
    int lastConfig = lastIndex(removal, r -> r.topic().startsWith("homeassistant/"));
    int firstState = firstIndex(removal, r -> r.topic().startsWith("tend/ha/alice"));
    assertThat(lastConfig).as("every config is removed").isGreaterThanOrEqualTo(7);
    assertThat(firstState).as("states are cleared after the last config, so Home Assistant no longer reads them")
        .isGreaterThan(lastConfig);
    assertThat(removal).filteredOn(r -> r.topic().startsWith("tend/ha/alice")).allMatch(r -> r.payload().isEmpty());
    MqttProbe later = settled(probe("tend/ha/#", "test/done"));
    assertThat(later.received()).as("a stress update after disabling puts nothing back")
        .noneMatch(r -> r.topic().startsWith("tend/ha/alice"));
  }

  @Test
  void aPersonTakenOutOfTheConfigLosesTheirEntities() throws Exception {
    DiscoveryBridge first = bridge(HomeAssistantConfig.of(List.of("alice", "bob")));
    MqttProbe before = probe("homeassistant/#");
    await().atMost(Duration.ofSeconds(10)).until(() -> before.configs().size() == 16);
    await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(temp.resolve("data/announced-persons"))
        && java.nio.file.Files.readString(temp.resolve("data/announced-persons")).contains("bob"));
    done(first.stop());

    started(HomeAssistantConfig.of(List.of("alice")));
    await().atMost(Duration.ofSeconds(10)).until(() -> before.received().stream()
        .filter(r -> r.topic().contains("tend_bob") && r.payload().isEmpty()).count() == 8);

    MqttProbe after = probe("homeassistant/#");
    await().atMost(Duration.ofSeconds(10)).until(() -> after.configs().size() == 8);
    assertThat(after.configs()).noneMatch(r -> r.topic().contains("tend_bob"));
  }

  @Test
  void disablingThePluginRemovesEveryEntity() throws Exception {
    DiscoveryBridge bridge = bridge(HomeAssistantConfig.of(List.of("alice")));
    MqttProbe homeAssistant = probe("homeassistant/#");
    await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.configs().size() == 8);

    done(bridge.disabling());
    done(bridge.stop());

    assertThat(homeAssistant.configs().stream().filter(r -> r.payload().isEmpty()).count()).isEqualTo(8);
    MqttProbe later = settled(probe("homeassistant/#", "tend/ha/#", "test/done"));
    assertThat(later.configs()).as("no retained config is left").isEmpty();
    assertThat(later.received()).noneMatch(r -> r.topic().startsWith("tend/ha/alice"));
    assertThat(later.last("tend/ha/status").map(MqttProbe.Received::payload)).hasValue("offline");
  }

  // ---------------------------------------------------------------------------------------------

  private TestPluginContext started(HomeAssistantConfig config) {
    TestPluginContext context = context(config);
    DiscoveryBridge bridge = new DiscoveryBridge(context);
    done(bridge.start());
    closing.add(() -> done(bridge.stop()));
    awaitOnline();
    return context;
  }

  private DiscoveryBridge bridge(HomeAssistantConfig config) {
    DiscoveryBridge bridge = new DiscoveryBridge(context(config));
    done(bridge.start());
    awaitOnline();
    return bridge;
  }

  private TestPluginContext context(HomeAssistantConfig config) {
    return new TestPluginContext("home-assistant", vertx, config, Clock.systemUTC(), temp.resolve("data"),
        new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(), false));
  }

  /** Waits until the bridge said it is online, i.e. it is connected and has subscribed. */
  private void awaitOnline() {
    try (MqttProbe status = probe("tend/ha/status")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> status.last("tend/ha/status")
          .map(r -> r.payload().equals("online")).orElse(false));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Waits until a probe subscribed to {@code test/done} got its own message there: the broker sends the
   * retained messages of a subscription before it handles the client's next publish.
   */
  private static MqttProbe settled(MqttProbe probe) throws Exception {
    probe.publish("test/done", "x", false);
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.last("test/done").isPresent());
    return probe;
  }

  private BlockingQueue<Intent> intents() {
    BlockingQueue<Intent> intents = new LinkedBlockingQueue<>();
    vertx.eventBus().<Intent>consumer(Addresses.INTENTS.name(), m -> intents.add(m.body()));
    return intents;
  }

  private MqttProbe probe(String... filters) throws Exception {
    MqttProbe probe = new MqttProbe(broker.url(), filters);
    closing.add(0, probe);
    return probe;
  }

  private static JsonObject config(MqttProbe probe, String component, String object) {
    return new JsonObject(probe.last("homeassistant/" + component + "/tend_alice/" + object + "/config").orElseThrow().payload());
  }

  private static String payload(MqttProbe probe, String topic) {
    return probe.last(topic).orElseThrow(() -> new AssertionError("nothing on " + topic)).payload();
  }

  private static int firstIndex(List<MqttProbe.Received> received, java.util.function.Predicate<MqttProbe.Received> test) {
    for (int i = 0; i < received.size(); i++) {
      if (test.test(received.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndex(List<MqttProbe.Received> received, java.util.function.Predicate<MqttProbe.Received> test) {
    for (int i = received.size() - 1; i >= 0; i--) {
      if (test.test(received.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static Set<String> union(Set<String> base, String... more) {
    Set<String> all = new java.util.HashSet<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  private static <T> T done(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
