package app.tend.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.FreePorts;
import app.tend.testkit.PluginJarBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-token";

  @TempDir static Path temp;
  private Hub hub;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startHub() throws Exception {
    Path plugins = temp.resolve("plugins");
    PluginJarBuilder.plugin("calm-plugin")
        .pluginClass("test.calm.ThePlugin")
        .source("test.calm.ThePlugin", """
            package test.calm;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
            }
            """)
        .buildInto(plugins);
    Path file = temp.resolve("tend.yaml");
    Files.writeString(file, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          port: %d
        pluginFolder: %s
        routines:
          evening:
            trigger: quiet-hours-start
            actions:
              - target: mqtt
                params: {topic: zigbee2mqtt/lamp/set, payload: {state: "OFF"}}
        """.formatted(temp.resolve("data"), FreePorts.next(), plugins));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(file, Map.of());
    hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", TOKEN));
    hub.start().await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  void stopHub() throws Exception {
    hub.stop().await(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> call(String method, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyOperationOfTheContractIsServedAndRefusedWithoutAToken() throws Exception {
    JsonNode contract = new ObjectMapper(new YAMLFactory())
        .readTree(getClass().getClassLoader().getResource(ApiRouter.CONTRACT));
    List<String> checked = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (path.getKey().equals("/api/events")) {
        continue;
      }
      String concrete = path.getKey().replace("{id}", path.getKey().startsWith("/api/routines/") ? "evening" : "calm-plugin");
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next().toUpperCase();
        HttpResponse<String> refused = call(method, concrete, null);
        assertThat(refused.statusCode()).as("%s %s without a token", method, concrete).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("Bearer");

        hub.plugins().enable("calm-plugin").await(30, TimeUnit.SECONDS);
        HttpResponse<String> served = call(method, concrete, TOKEN);
        assertThat(served.statusCode()).as("%s %s: %s", method, concrete, served.body()).isEqualTo(200);
        checked.add(method + " " + concrete);
      }
    }
    assertThat(checked).contains("GET /api/status", "GET /api/plugins", "POST /api/plugins/calm-plugin/restart",
        "GET /api/routines", "POST /api/routines/evening/fire", "GET /api/routines/evening/runs");
  }

  @Test
  void wrongTokenIsRefusedWithJson() throws Exception {
    HttpResponse<String> response = call("GET", "/api/status", "guess");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"tend\"");
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("wrong token");
  }

  @Test
  void statusShowsBrokerAndPlugins() throws Exception {
    JsonNode status = JSON.readTree(call("GET", "/api/status", TOKEN).body());

    assertThat(status.get("version").asText()).isEqualTo(Hub.VERSION);
    assertThat(status.at("/broker/embedded").asBoolean()).isTrue();
    assertThat(status.at("/broker/url").asText()).startsWith("tcp://127.0.0.1:");
    assertThat(status.at("/plugins/0/id").asText()).isEqualTo("calm-plugin");
  }

  @Test
  void badPluginIdIsRefusedWith400NamingTheParameter() throws Exception {
    HttpResponse<String> response = call("GET", "/api/plugins/Bad_Id", TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("id");
  }

  @Test
  void unknownPluginIs404() throws Exception {
    HttpResponse<String> response = call("POST", "/api/plugins/nope/restart", TOKEN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("no plugin 'nope'");
  }

  @Test
  void disableThenEnableAPlugin() throws Exception {
    JsonNode disabled = JSON.readTree(call("POST", "/api/plugins/calm-plugin/disable", TOKEN).body());
    assertThat(disabled.get("state").asText()).isEqualTo("DISABLED");

    JsonNode enabled = JSON.readTree(call("POST", "/api/plugins/calm-plugin/enable", TOKEN).body());

    assertThat(enabled.get("state").asText()).isEqualTo("STARTED");
  }

  @Test
  void unknownRoutineIs404AndABadLimitIs400() throws Exception {
    HttpResponse<String> unknown = call("POST", "/api/routines/nope/fire?dryRun=true", TOKEN);
    HttpResponse<String> badLimit = call("GET", "/api/routines/evening/runs?limit=0", TOKEN);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("no routine 'nope'");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badLimit.body()).get("error").asText()).contains("limit");
  }

  @Test
  void routineWhoseTargetIsNotRunningIsRecordedAsFailedWithoutAnAttempt() throws Exception {
    JsonNode run = JSON.readTree(call("POST", "/api/routines/evening/fire?person=ana", TOKEN).body());

    assertThat(run.get("ok").asBoolean()).isFalse();
    assertThat(run.get("trigger").asText()).isEqualTo("api");
    assertThat(run.get("person").asText()).isEqualTo("ana");
    assertThat(run.at("/outcomes/0/attempts").asInt()).isZero();
    assertThat(run.at("/outcomes/0/detail").asText()).contains("no running target of type 'mqtt'");
    JsonNode runs = JSON.readTree(call("GET", "/api/routines/evening/runs?limit=1", TOKEN).body());
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("person").asText()).isEqualTo("ana");
  }

  @Test
  void contractIsServedAsYaml() throws Exception {
    HttpResponse<String> response = call("GET", "/api/openapi.yaml", TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("openapi: 3.1.0").contains("operationId: listPlugins");
  }

  @Test
  void eventsStreamBusMessagesAsServerSentEvents() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/events"))
        .header("Authorization", "Bearer " + TOKEN).build();
    HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(reader.readLine()).isEqualTo(": tend events");
      StressState state = new StressState("ana", Instant.parse("2026-11-26T10:00:00Z"), 72, StressLevel.HIGH, 0.8,
          Map.of("hrDeltaPct", 22.0), "heart rate 22% above your calm level");
      hub.vertx().setPeriodic(200, id -> hub.vertx().eventBus().publish(Addresses.STRESS.name(), state));
      String line;
      do {
        line = reader.readLine();
      } while (line != null && !line.startsWith("event:"));
      assertThat(line).isEqualTo("event: stress");
      JsonNode data = JSON.readTree(reader.readLine().substring("data: ".length()));
      assertThat(data.get("person").asText()).isEqualTo("ana");
      assertThat(data.get("level").asText()).isEqualTo("HIGH");
      assertThat(data.get("time").asText()).isEqualTo("2026-11-26T10:00:00Z");
    }
  }
}
