package app.tend.plugins.home.routines;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.BrokerSettings;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineAction;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP targets against a local Vert.x server that records every request it gets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpTargetsTest {

  private static final String TOKEN = "eyJhbGciOi.long-lived.s3cr3t";

  /** One request as the server saw it. */
  record Seen(String method, String path, String authorization, String apiKey, String contentType, String body) {}

  @TempDir Path temp;
  private final Vertx vertx = Vertx.vertx();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private String url;

  @BeforeEach
  void startServer() {
    server = done(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      seen.add(new Seen(request.method().name(), request.path(), request.getHeader("Authorization"),
          request.getHeader("X-Api-Key"), request.getHeader("Content-Type"), body.toString()));
      int status = request.path().startsWith("/broken") ? 500 : 200;
      request.response().setStatusCode(status).end(status == 500 ? "{\"message\": \"Service unavailable\"}" : "[]");
    })).listen(0, "127.0.0.1"));
    url = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterEach
  void tearDown() {
    done(vertx.close());
  }

  @Test
  void homeAssistantServiceIsCalledExactlyAsHomeAssistantDocumentsIt() throws Exception {
    HomeAssistantTarget target = started(new HomeAssistantTarget(context(new HomeRoutinesConfig(null,
        new HomeRoutinesConfig.Server(url + "/", null, tokenFile().toString()), null, null))));

    ActionOutcome outcome = done(target.execute(action("home-assistant", Map.of("service", "light.turn_on",
        "data", "{\"entity_id\":\"light.living_room\",\"brightness_pct\":30}")), false));

    assertThat(seen).containsExactly(new Seen("POST", "/api/services/light/turn_on", "Bearer " + TOKEN, null,
        "application/json", "{\"entity_id\":\"light.living_room\",\"brightness_pct\":30}"));
    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.detail()).isEqualTo("POST " + url + "/api/services/light/turn_on with Authorization: Bearer *** "
        + "and application/json body {\"entity_id\":\"light.living_room\",\"brightness_pct\":30} → 200");
  }

  @Test
  void dryRunSendsNothingAndShowsTheRequestWithoutTheToken() throws Exception {
    HomeAssistantTarget target = started(new HomeAssistantTarget(context(new HomeRoutinesConfig(null,
        new HomeRoutinesConfig.Server(url, null, tokenFile().toString()), null, null))));

    ActionOutcome outcome = done(target.execute(action("home-assistant", Map.of("service", "scene.turn_on",
        "data", "{\"entity_id\":\"scene.evening_calm\"}")), true));

    assertThat(seen).isEmpty();
    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.detail()).isEqualTo("would send POST " + url + "/api/services/scene/turn_on with Authorization: "
        + "Bearer *** and application/json body {\"entity_id\":\"scene.evening_calm\"}").doesNotContain(TOKEN);
  }

  @Test
  void anErrorAnswerIsAFailedOutcomeWithStatusAndBody() throws Exception {
    HomeAssistantTarget target = started(new HomeAssistantTarget(context(new HomeRoutinesConfig(null,
        new HomeRoutinesConfig.Server(url + "/broken", null, tokenFile().toString()), null, null))));

    ActionOutcome outcome = done(target.execute(action("home-assistant", Map.of("service", "scene.turn_on")), false));

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.detail()).endsWith("→ 500 Internal Server Error: {\"message\": \"Service unavailable\"}")
        .doesNotContain(TOKEN);
    assertThat(seen).singleElement().satisfies(s -> assertThat(s.body()).isEqualTo("{}"));
  }

  @Test
  void openHabItemGetsItsCommandAsPlainText() throws Exception {
    OpenHabTarget target = started(new OpenHabTarget(context(new HomeRoutinesConfig(null, null,
        new HomeRoutinesConfig.Server(url, null, tokenFile().toString()), null))));

    ActionOutcome outcome = done(target.execute(action("openhab", Map.of("item", "LivingRoom_Dimmer", "command", "30")), false));

    assertThat(outcome.ok()).isTrue();
    assertThat(seen).containsExactly(new Seen("POST", "/rest/items/LivingRoom_Dimmer", "Bearer " + TOKEN, null,
        "text/plain", "30"));
  }

  @Test
  void webhookSendsJsonWithItsOwnTokenHeader() throws Exception {
    WebhookTarget target = started(new WebhookTarget(context(HomeRoutinesConfig.defaults())));

    ActionOutcome outcome = done(target.execute(action("webhook", Map.of("url", url + "/node-red/after-session?room=1",
        "body", "{\"person\":\"alex\"}", "tokenFile", tokenFile().toString(), "tokenHeader", "X-Api-Key")), false));

    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.detail()).contains("X-Api-Key: ***").doesNotContain(TOKEN);
    assertThat(seen).containsExactly(new Seen("POST", "/node-red/after-session", null, TOKEN, "application/json",
        "{\"person\":\"alex\"}"));
  }

  @Test
  void badParamsAndMissingSettingsAreNamedInTheOutcome() throws Exception {
    HomeAssistantTarget unset = started(new HomeAssistantTarget(context(HomeRoutinesConfig.defaults())));
    HomeAssistantTarget target = started(new HomeAssistantTarget(context(new HomeRoutinesConfig(null,
        new HomeRoutinesConfig.Server(url, null, tokenFile().toString()), null, null))));
    WebhookTarget webhook = started(new WebhookTarget(context(HomeRoutinesConfig.defaults())));

    assertThat(done(unset.execute(action("home-assistant", Map.of("service", "light.turn_on")), false)).detail())
        .isEqualTo("plugins.home-routines.homeAssistant.url is not set");
    assertThat(done(target.execute(action("home-assistant", Map.of("service", "turn on the lights")), false)).detail())
        .isEqualTo("params.service: 'turn on the lights' is not valid: expected a service like light.turn_on");
    assertThat(done(target.execute(action("home-assistant", Map.of("service", "light.turn_on", "entity", "x")), false))
        .detail()).isEqualTo("params.entity is not a parameter of the home-assistant target (it takes service, data)");
    assertThat(done(webhook.execute(action("webhook", Map.of("url", "ftp://x/y")), false)).detail())
        .isEqualTo("params.url: 'ftp://x/y' is not valid: expected an http:// or https:// URL");
    assertThat(done(webhook.execute(action("webhook", Map.of("url", url, "tokenEnv", "TEND_TEST_UNSET_VARIABLE")), false))
        .detail()).isEqualTo("params.tokenEnv: 'TEND_TEST_UNSET_VARIABLE' is not valid: expected an environment variable "
            + "that is set and not empty");
    assertThat(seen).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private Path tokenFile() throws Exception {
    Path file = temp.resolve("ha-token");
    Files.writeString(file, TOKEN + "\n");
    return file;
  }

  private TestPluginContext context(HomeRoutinesConfig config) {
    return new TestPluginContext("home-routines", vertx, config, Clock.systemUTC(), temp.resolve("data"),
        new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(), Optional.empty(), false));
  }

  private <T extends HttpTarget> T started(T target) {
    done(target.start());
    return target;
  }

  private static RoutineAction action(String target, Map<String, String> params) {
    return new RoutineAction("after-session", target, params, 5);
  }

  private static <T> T done(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
