package app.tend.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.boot.Hub;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(TestHub.Extension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = TestHub.TOKEN;

  private final TestHub test;
  private final Hub hub;

  ApiTest(TestHub test) {
    this.test = test;
    this.hub = test.hub;
  }

  private HttpResponse<String> call(String method, String path, String token) throws Exception {
    return test.call(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}", token);
  }

  @Test
  void everyOperationOfTheContractIsRefusedWithoutAToken() throws Exception {
    JsonNode contract = new ObjectMapper(new YAMLFactory())
        .readTree(getClass().getClassLoader().getResource(ApiRouter.CONTRACT));
    List<String> checked = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      String id = path.getKey().startsWith("/api/routines/") ? "evening" : "calm-plugin";
      String concrete = path.getKey().replace("{id}", id).replace("{person}", "ana");
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next().toUpperCase();
        HttpResponse<String> refused = call(method, concrete, null);
        assertThat(refused.statusCode()).as("%s %s without a token", method, concrete).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("Bearer");
        checked.add(method + " " + concrete);
      }
    }
    assertThat(checked).contains("GET /api/status", "GET /api/plugins", "POST /api/plugins/calm-plugin/restart",
        "GET /api/persons", "DELETE /api/persons/ana", "POST /api/exercises/calm-plugin/start", "GET /api/events",
        "GET /api/routines", "POST /api/routines/evening/fire", "GET /api/routines/evening/runs");
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
  void pluginRoutesAnswerWithAToken() throws Exception {
    for (String[] route : new String[][] {{"GET", "/api/plugins"}, {"GET", "/api/plugins/calm-plugin"},
        {"POST", "/api/plugins/calm-plugin/restart"}, {"GET", "/api/status"}, {"GET", "/api/openapi.yaml"}}) {
      hub.plugins().enable("calm-plugin").await(30, TimeUnit.SECONDS);
      HttpResponse<String> served = call(route[0], route[1], TOKEN);
      assertThat(served.statusCode()).as("%s %s: %s", route[0], route[1], served.body()).isEqualTo(200);
    }
  }

  @Test
  void aTooLargeBodyAnywhereIs413AndLogsNoError() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logged);
    try {
      String tenMegabytes = "x".repeat(10 * 1024 * 1024);
      for (String path : List.of("/", "/index.html", "/plugins/calm-plugin/x", "/api/sessions", "/nowhere")) {
        HttpResponse<String> refused = test.call("POST", path, tenMegabytes, TOKEN);
        assertThat(refused.statusCode()).as("POST %s", path).isEqualTo(413);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("the request body is too large");
      }
    } finally {
      root.detachAppender(logged);
    }
    assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
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
    assertThat(status.at("/plugins").findValuesAsText("id")).contains("calm-plugin", "screen-plugin");
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
  void contractIsServedAsYaml() throws Exception {
    HttpResponse<String> response = call("GET", "/api/openapi.yaml", TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("openapi: 3.1.0").contains("operationId: listPlugins");
  }

  @Test
  void eventsStreamBusMessagesAsServerSentEvents() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/events"))
        .header("Authorization", "Bearer " + TOKEN).build();
    HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    StressState state = new StressState("zed", Instant.parse("2026-11-26T10:00:00Z"), 72, StressLevel.HIGH, 0.8,
        Map.of("hrBpm", 96.0), "heart rate 22% above your calm level");
    long timer = -1;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(reader.readLine()).isEqualTo(": tend events");
      // Published until the stream shows it, since the stream's consumers register a moment after its first line.
      timer = hub.vertx().setPeriodic(200, id -> hub.vertx().eventBus().publish(Addresses.STRESS.name(), state));
      String line;
      do {
        line = reader.readLine();
      } while (line != null && !line.startsWith("event:"));
      assertThat(line).isEqualTo("event: stress");
      JsonNode data = JSON.readTree(reader.readLine().substring("data: ".length()));
      assertThat(data.get("person").asText()).isEqualTo("zed");
      assertThat(data.get("level").asText()).isEqualTo("HIGH");
      assertThat(data.get("time").asText()).isEqualTo("2026-11-26T10:00:00Z");
      assertThat(data.at("/features/hrBpm").asDouble()).isEqualTo(96.0);
    } finally {
      hub.vertx().cancelTimer(timer);
    }
  }
}
