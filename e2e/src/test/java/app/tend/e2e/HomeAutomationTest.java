package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.DoNotDisturb;
import app.tend.api.message.Intent;
import app.tend.api.message.RoutineRun;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The hub with the home-routines and home-assistant plugin jars, a real Mosquitto (with Zigbee2MQTT and
 * Home Assistant played by an MQTT client) and Home Assistant's REST API played by a local Vert.x server.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class HomeAutomationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "llat-9f8e7d6c5b4a-s3cr3t-token";
  private static final String LAMP = "zigbee2mqtt/Living room lamp/set";

  /** One request as the fake Home Assistant saw it. */
  record Seen(String method, String path, String authorization, String contentType, String body) {}

  @TempDir Path temp;
  private final Vertx server = Vertx.vertx();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level rootLevel;
  private MosquittoBroker broker;
  private MqttProbe homeAssistant;
  private Hub hub;
  private String haUrl;

  @BeforeEach
  void start() throws Exception {
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);

    broker = MosquittoBroker.start(temp.resolve("mosquitto"));
    HttpServer fake = server.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      seen.add(new Seen(request.method().name(), request.path(), request.getHeader("Authorization"),
          request.getHeader("Content-Type"), body.toString()));
      if (request.path().equals("/slow")) {
        return;
      }
      int status = request.path().equals("/broken") ? 500 : 200;
      request.response().setStatusCode(status).end(status == 200 ? "[]" : "Internal error");
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    String ha = "http://127.0.0.1:" + fake.actualPort();
    haUrl = ha;
    Path tokenFile = temp.resolve("ha-token");
    Files.writeString(tokenFile, TOKEN + "\n");

    homeAssistant = new MqttProbe(broker.url(), "zigbee2mqtt/#", "homeassistant/#", "tend/ha/#", "test/done");

    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          url: %s
        pluginFolder: %s
        plugins:
          wearable-simulator:
            enabled: false
          home-routines:
            homeAssistant:
              url: %s
              tokenFile: %s
          home-assistant:
            persons: [alex]
        persons:
          alex:
            zone: UTC
            quietHours: none
            channels: [wrist]
        routines:
          after-session:
            trigger: session-ended
            conditions:
              persons: [alex]
            actions:
              - target: mqtt
                params:
                  topic: %s
                  payload: {state: "ON", brightness: 50}
              - target: home-assistant
                params:
                  service: media_player.play_media
                  data:
                    entity_id: media_player.living_room
                    media_content_id: "media-source://media_source/local/calm.mp3"
                    media_content_type: music
              - target: webhook
                params: {url: "%s/broken"}
                retries: 2
                retryDelaySeconds: 0
              - target: webhook
                params: {url: "%s/slow"}
                timeoutSeconds: 1
                retries: 1
                retryDelaySeconds: 0
        """.formatted(temp.resolve("data"), broker.url(), HubProcess.ROOT.resolve("plugins"), ha, tokenFile, LAMP, ha, ha));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of());
    hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", "api-token"));
    hub.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertThat(hub.plugins().plugin("home-routines").orElseThrow().state().name()).isEqualTo("STARTED");
    assertThat(hub.plugins().plugin("home-assistant").orElseThrow().state().name()).isEqualTo("STARTED");
    until(() -> mqtt().stream().filter(m -> m.startsWith("homeassistant/") && m.contains("tend_alex")).count() >= 8,
        "Home Assistant sees Tend's entities");
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (hub != null) {
        hub.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      homeAssistant.close();
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      broker.close();
    } finally {
      root.detachAppender(logs);
      root.setLevel(rootLevel);
    }
  }

  @Test
  void sessionEndTurnsOnTheLampAndCallsHomeAssistantWhileFailingTargetsAreRetriedAndRecorded() throws Exception {
    BlockingQueue<RoutineRun> runs = consume(Addresses.ROUTINES.name());
    waitForRoutineTargets();

    hub.vertx().eventBus().publish(Addresses.SESSIONS.name(), new SessionEvent("alex", "s1", SessionEvent.Type.ENDED,
        Instant.now(), "Therapy with Dr. Lee", "calendar-ical"));
    RoutineRun run = runs.poll(30, TimeUnit.SECONDS);

    assertThat(run).isNotNull();
    assertThat(run.trigger()).isEqualTo("session-ended");
    assertThat(run.person()).isEqualTo("alex");
    assertThat(run.outcomes()).extracting(ActionOutcome::target, ActionOutcome::ok, ActionOutcome::attempts).containsExactly(
        org.assertj.core.groups.Tuple.tuple("mqtt", true, 1),
        org.assertj.core.groups.Tuple.tuple("home-assistant", true, 1),
        org.assertj.core.groups.Tuple.tuple("webhook", false, 3),
        org.assertj.core.groups.Tuple.tuple("webhook", false, 2));
    assertThat(run.outcomes().get(2).detail()).endsWith("→ 500 Internal Server Error: Internal error");
    assertThat(run.outcomes().get(3).detail()).isEqualTo("no answer within 1 s");
    assertThat(mqtt()).contains(LAMP + " {\"state\":\"ON\",\"brightness\":50}");
    assertThat(seen).filteredOn(s -> s.path().startsWith("/api/")).containsExactly(new Seen("POST",
        "/api/services/media_player/play_media", "Bearer " + TOKEN, "application/json",
        "{\"entity_id\":\"media_player.living_room\",\"media_content_id\":\"media-source://media_source/local/calm.mp3\","
            + "\"media_content_type\":\"music\"}"));
    assertThat(seen).filteredOn(s -> s.path().equals("/broken")).hasSize(3);
    assertThat(seen).filteredOn(s -> s.path().equals("/slow")).hasSize(2);

    // Fired by hand as a dry run: nothing is sent, and what would be sent is shown without the token.
    int requests = seen.size();
    long lampMessages = mqtt().stream().filter(m -> m.startsWith(LAMP)).count();
    HttpResponse<String> dry = api("POST", "/api/routines/after-session/fire?dryRun=true&person=alex");
    settleMqtt();
    assertThat(dry.statusCode()).isEqualTo(200);
    JsonNode dryRun = JSON.readTree(dry.body());
    assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
    assertThat(dryRun.at("/outcomes/1/detail").asText()).isEqualTo("would send POST " + haUrl
        + "/api/services/media_player/play_media with Authorization: Bearer *** and application/json body "
        + "{\"entity_id\":\"media_player.living_room\",\"media_content_id\":\"media-source://media_source/local/calm.mp3\","
        + "\"media_content_type\":\"music\"}");
    assertThat(dryRun.at("/outcomes/0/detail").asText()).startsWith("would publish to " + LAMP);
    assertThat(seen).hasSize(requests);
    assertThat(mqtt().stream().filter(m -> m.startsWith(LAMP)).count()).isEqualTo(lampMessages);

    // The secret is nowhere a person or a log could see it.
    List<String> outputs = new ArrayList<>();
    outputs.add(dry.body());
    outputs.add(api("GET", "/api/routines").body());
    outputs.add(api("GET", "/api/routines/after-session/runs").body());
    outputs.add(api("GET", "/api/plugins").body());
    outputs.add(api("GET", "/api/status").body());
    assertThat(JSON.readTree(outputs.get(2))).hasSize(2);
    assertThat(outputs).allSatisfy(body -> assertThat(body).doesNotContain(TOKEN));
    hub.store().routineRuns("after-session", 10).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .forEach(r -> assertThat(r.toString()).doesNotContain(TOKEN));
    try (Stream<Path> files = Files.list(temp.resolve("data"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("tend.db")).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(TOKEN);
      }
    }
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).allSatisfy(event -> {
      assertThat(event.getFormattedMessage()).doesNotContain(TOKEN);
      if (event.getThrowableProxy() != null) {
        assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).doesNotContain(TOKEN);
      }
    });
  }

  @Test
  void theSwitchSilencesTheCoachAndTheButtonStartsAnExercise() throws Exception {
    BlockingQueue<DoNotDisturb> quiet = consume(Addresses.DO_NOT_DISTURB.name());
    BlockingQueue<Suggestion> suggestions = consume(Addresses.SUGGESTIONS.name());
    BlockingQueue<Intent> intents = consume(Addresses.INTENTS.name());

    publish("tend/ha/alex/do_not_disturb/set", "ON");
    DoNotDisturb on = quiet.poll(10, TimeUnit.SECONDS);
    assertThat(on).isNotNull();
    assertThat(on.on()).isTrue();
    until(() -> mqtt().contains("tend/ha/alex/do_not_disturb ON"), "the switch shows ON");

    highStress();
    until(() -> hub.registry().counter("tend.suggestions.held", "reason", "do-not-disturb").count() >= 1,
        "the coach held back because of do-not-disturb");
    assertThat(suggestions).isEmpty();

    publish("tend/ha/alex/do_not_disturb/set", "OFF");
    assertThat(quiet.poll(10, TimeUnit.SECONDS).on()).isFalse();
    highStress();
    Suggestion suggestion = suggestions.poll(10, TimeUnit.SECONDS);
    assertThat(suggestion).as("with the switch off, high stress gets a suggestion").isNotNull();
    assertThat(suggestion.person()).isEqualTo("alex");
    until(() -> mqtt().contains("tend/ha/alex/last_suggestion " + suggestion.title()), "the last suggestion is shown");

    intents.clear();
    publish("tend/ha/alex/start_grounding/press", "PRESS");
    Intent start = intents.poll(10, TimeUnit.SECONDS);
    assertThat(start).isNotNull();
    assertThat(start.kind()).isEqualTo(Intent.Kind.START_EXERCISE);
    assertThat(start.slots()).containsEntry("exercise", "grounding-54321");
  }

  @Test
  void everyEntityShowsTheCurrentStateSoonAfterTheStartAndAfterTheBridgeIsEnabledAgain() throws Exception {
    until(() -> mqtt().containsAll(List.of("tend/ha/alex/do_not_disturb OFF", "tend/ha/alex/in_session OFF",
        "tend/ha/alex/decompress OFF")), "do-not-disturb and the schedule are shown from the start");
    publish("tend/ha/alex/do_not_disturb/set", "ON");
    highStress();
    until(() -> mqtt().containsAll(List.of("tend/ha/alex/do_not_disturb ON", "tend/ha/alex/stress_score 85")),
        "the switch and the score are shown");

    assertThat(api("POST", "/api/plugins/home-assistant/disable").statusCode()).isEqualTo(200);
    settleMqtt();
    homeAssistant.clear();
    assertThat(api("POST", "/api/plugins/home-assistant/enable").statusCode()).isEqualTo(200);

    until(() -> mqtt().containsAll(List.of("tend/ha/alex/do_not_disturb ON", "tend/ha/alex/stress_score 85",
        "tend/ha/alex/stress_level high", "tend/ha/alex/in_session OFF", "tend/ha/alex/decompress OFF")),
        "every state is on its topic again, with nothing new from the hub");
  }

  // ---------------------------------------------------------------------------------------------

  private void highStress() {
    hub.vertx().eventBus().publish(Addresses.STRESS.name(), new StressState("alex", Instant.now(), 85, StressLevel.HIGH,
        0.9, Map.of("hrDeltaPct", 30.0), "heart rate 30% above your calm level"));
  }

  /** The mqtt target connects in the background: a dry run says nothing of that, so wait for its client. */
  private void waitForRoutineTargets() {
    until(() -> logs.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("Routine target mqtt connected")),
        "the mqtt target is connected");
  }

  private void publish(String topic, String payload) throws Exception {
    homeAssistant.publish(topic, payload, false);
  }

  /** Every message the probe received, as "topic payload". */
  private List<String> mqtt() {
    return homeAssistant.received().stream().map(r -> r.topic() + " " + r.payload()).toList();
  }

  /** Anything published before this has reached the probe. */
  private void settleMqtt() throws Exception {
    String marker = "done-" + System.nanoTime();
    publish("test/done", marker);
    until(() -> mqtt().contains("test/done " + marker), "the probe's own message comes back");
  }

  private HttpResponse<String> api(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
        .header("Authorization", "Bearer api-token")
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private <T> BlockingQueue<T> consume(String address) {
    BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    hub.vertx().eventBus().<T>consumer(address, m -> queue.add(m.body()));
    return queue;
  }

  private static void until(java.util.function.BooleanSupplier check, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!check.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what, e);
      }
    }
  }
}
