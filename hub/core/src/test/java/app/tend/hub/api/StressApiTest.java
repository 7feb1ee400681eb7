package app.tend.hub.api;

import static app.tend.hub.Await.result;
import static app.tend.hub.api.TestHub.T0;
import static app.tend.hub.api.TestHub.error;
import static app.tend.hub.api.TestHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.Await;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestHub.Extension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StressApiTest {

  private final TestHub test;

  StressApiTest(TestHub test) {
    this.test = test;
  }

  @Test
  void noStressStateYetIs404SayingSo() throws Exception {
    assertThat(error(test.get("/api/persons/gus/stress"), 404)).isEqualTo(
        "no stress state for 'gus' yet: the stress engine publishes one once their wearable has sent enough samples");
  }

  @Test
  void currentStateIsTheNewestPublished() throws Exception {
    publish(state("ben", T0.minusSeconds(60), 40, StressLevel.ELEVATED, 80.0));
    publish(state("ben", T0, 72, StressLevel.HIGH, 96.0));
    publish(state("ben", T0.minusSeconds(30), 50, StressLevel.ELEVATED, 85.0));

    Await.until(() -> status("/api/persons/ben/stress") == 200 && body("/api/persons/ben/stress").get("score").asInt() == 72,
        "the newest state is current");
    JsonNode current = body("/api/persons/ben/stress");
    assertThat(current.get("level").asText()).isEqualTo("HIGH");
    assertThat(current.get("reason").asText()).isEqualTo("heart rate 96 bpm");
    assertThat(current.at("/features/hrBpm").asDouble()).isEqualTo(96.0);
  }

  @Test
  void historyIsDownsampledToAtMostTheAskedPointsWithHeartRate() throws Exception {
    Instant from = T0.minus(Duration.ofHours(8));
    for (int minute = 0; minute < 400; minute++) {
      StressLevel level = minute == 200 ? StressLevel.HIGH : StressLevel.CALM;
      publish(state("ben", from.plus(Duration.ofMinutes(minute)), minute == 200 ? 90 : 20, level, 60.0 + minute % 10));
    }
    Await.until(() -> result(test.hub.store().stressStates("ben", from, from.plus(Duration.ofMinutes(400)))).size() == 400,
        "400 states stored");

    HttpResponse<String> response = test.get("/api/persons/ben/stress/history?from=" + from + "&to="
        + from.plus(Duration.ofMinutes(400)) + "&points=40");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode history = json(response);
    assertThat(history.get("bucketSeconds").asLong()).isEqualTo(600);
    JsonNode points = history.get("points");
    assertThat(points.size()).isEqualTo(40);
    int states = 0;
    for (JsonNode point : points) {
      states += point.get("states").asInt();
      assertThat(point.get("hr").asDouble()).isEqualTo(64.5);
    }
    assertThat(states).isEqualTo(400);
    assertThat(points.get(20).get("level").asText()).as("a bucket shows its most stressed state").isEqualTo("HIGH");
    assertThat(points.get(20).get("score").asInt()).isEqualTo(27);
  }

  @Test
  void historyDefaultsToTheLastDayAndEveryStoredStateWhenFew() throws Exception {
    JsonNode history = body("/api/persons/gus/stress/history");

    assertThat(history.get("from").asText()).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(history.get("to").asText()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(history.get("bucketSeconds").asLong()).isZero();
    assertThat(history.get("points")).isEmpty();
  }

  @Test
  void badInstantIs400NamingTheParameter() throws Exception {
    assertThat(error(test.get("/api/persons/ben/stress/history?from=yesterday"), 400))
        .isEqualTo("query parameter from: 'yesterday' is not an ISO-8601 instant such as 2026-11-26T10:00:00Z");
  }

  @Test
  void fromAfterToIs400() throws Exception {
    assertThat(error(test.get("/api/persons/ben/stress/history?from=2026-11-26T10:00:00Z&to=2026-11-26T09:00:00Z"), 400))
        .isEqualTo("query parameter from (2026-11-26T10:00:00Z) must be before to (2026-11-26T09:00:00Z)");
  }

  @Test
  void spanOverAMonthIs400() throws Exception {
    assertThat(error(test.get("/api/persons/ben/stress/history?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"), 400))
        .contains("span more than 31 days");
  }

  @Test
  void tooFewPointsIs400NamingTheParameter() throws Exception {
    assertThat(error(test.get("/api/persons/ben/stress/history?points=1"), 400)).contains("query parameter points");
  }

  @Test
  void badPersonIdIs400NamingTheParameter() throws Exception {
    assertThat(error(test.get("/api/persons/Ben!/stress"), 400)).contains("path parameter person");
  }

  @Test
  void unknownPersonIs404() throws Exception {
    assertThat(error(test.get("/api/persons/nobody/stress"), 404)).startsWith("no person 'nobody'");
    assertThat(error(test.get("/api/persons/nobody/stress/history"), 404)).startsWith("no person 'nobody'");
  }

  @Test
  void withoutTokenIs401() throws Exception {
    assertThat(test.call("GET", "/api/persons/ben/stress", null, null).statusCode()).isEqualTo(401);
    assertThat(test.call("GET", "/api/persons/ben/stress/history", null, null).statusCode()).isEqualTo(401);
  }

  private static StressState state(String person, Instant time, int score, StressLevel level, double hr) {
    return new StressState(person, time, score, level, 0.8, Map.of(StressState.HEART_RATE, hr),
        "heart rate " + Math.round(hr) + " bpm");
  }

  private void publish(StressState state) {
    test.hub.vertx().eventBus().publish(Addresses.STRESS.name(), state);
  }

  private int status(String path) {
    try {
      return test.get(path).statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode body(String path) {
    try {
      return json(test.get(path));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
