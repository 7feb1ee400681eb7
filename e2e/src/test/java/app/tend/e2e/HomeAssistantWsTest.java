package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home-assistant-ws jar in the hub: its three extensions share one WebSocket connection under the hub's
 * plugin runtime, an offer reaches the phone, and its Start button guides the exercise on the speaker. A minimal
 * Home Assistant answers over the WebSocket API (the plugin's own tests check the wire formats in detail).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HomeAssistantWsTest {

  private static final String TOKEN = "e2e-long-lived-token";

  @TempDir Path temp;
  private final ObjectMapper json = new ObjectMapper();
  private final Vertx server = Vertx.vertx();
  private final BlockingQueue<JsonNode> calls = new LinkedBlockingQueue<>();
  private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
  private final Map<ServerWebSocket, Long> buttonSubscriptions = new java.util.concurrent.ConcurrentHashMap<>();
  private Hub hub;

  @BeforeEach
  void start() throws Exception {
    HttpServer ha = server.createHttpServer().webSocketHandler(this::session)
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Path tokenFile = temp.resolve("ha-token");
    Files.writeString(tokenFile, TOKEN);
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          port: %d
        pluginFolder: %s
        plugins:
          wearable-simulator:
            enabled: false
          home-assistant-ws:
            url: http://127.0.0.1:%d
            tokenFile: %s
            tts: tts.piper
            assist: false
            persons:
              alex: {speaker: media_player.kitchen, phone: mobile_app_pixel_8}
        persons:
          alex:
            zone: UTC
            quietHours: none
            channels: [ha-phone, ha-speaker]
        """.formatted(temp.resolve("data"), FreePorts.next(), HubProcess.ROOT.resolve("plugins"), ha.actualPort(),
        tokenFile));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of());
    hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", "api-token"));
    hub.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (hub != null) {
      hub.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anOfferOnThePhoneStartsTheExerciseOnTheSpeakerOverOneConnection() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (buttonSubscriptions.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(hub.plugins().plugin("home-assistant-ws").orElseThrow().state().name()).isEqualTo("STARTED");
    assertThat(sockets).as("the extensions share one connection").hasSize(1);

    Suggestion suggestion = new Suggestion(UUID.randomUUID().toString(), "alex", "box-breathing", "Box breathing",
        "Would a minute of box breathing help?", "Your heart rate is up.", Urgency.NORMAL, List.of("ha-phone"),
        Instant.now(), Instant.now().plus(Duration.ofMinutes(15)));
    hub.vertx().eventBus().publish(Addresses.SUGGESTIONS.name(), suggestion);

    JsonNode offer = nextCall("notify");
    String start = offer.path("service_data").path("data").path("actions").get(0).path("action").asText();
    assertThat(start).startsWith("TEND_START_");

    ServerWebSocket socket = sockets.get(0);
    ObjectNode event = json.createObjectNode().put("id", buttonSubscriptions.get(socket)).put("type", "event");
    ObjectNode body = event.putObject("event").put("event_type", "mobile_app_notification_action");
    body.putObject("data").put("action", start);
    socket.writeTextMessage(json.writeValueAsString(event));

    JsonNode spoken = nextCall("tts");
    assertThat(spoken.path("service_data").path("media_player_entity_id").asText()).isEqualTo("media_player.kitchen");
    assertThat(spoken.path("service_data").path("message").asText()).isNotBlank();
  }

  private JsonNode nextCall(String domain) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonNode call = calls.poll(1, TimeUnit.SECONDS);
      if (call != null && call.path("domain").asText().equals(domain)) {
        return call;
      }
    }
    throw new AssertionError("no " + domain + " call within 30 s");
  }

  /** Home Assistant's authentication phase, then a successful result for every command. */
  private void session(ServerWebSocket ws) {
    sockets.add(ws);
    ws.textMessageHandler(text -> {
      try {
        JsonNode message = json.readTree(text);
        String type = message.path("type").asText();
        if (type.equals("auth")) {
          boolean ok = message.path("access_token").asText().equals(TOKEN);
          ws.writeTextMessage(ok ? "{\"type\":\"auth_ok\",\"ha_version\":\"2025.6.0\"}"
              : "{\"type\":\"auth_invalid\",\"message\":\"Invalid access token or password\"}");
          return;
        }
        long id = message.path("id").asLong();
        if (type.equals("subscribe_events") && message.path("event_type").asText().equals("mobile_app_notification_action")) {
          buttonSubscriptions.put(ws, id);
        }
        if (type.equals("call_service")) {
          calls.add(message);
        }
        ws.writeTextMessage(type.equals("ping") ? "{\"id\":" + id + ",\"type\":\"pong\"}"
            : "{\"id\":" + id + ",\"type\":\"result\",\"success\":true,\"result\":null}");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    ws.writeTextMessage("{\"type\":\"auth_required\",\"ha_version\":\"2025.6.0\"}");
  }
}
