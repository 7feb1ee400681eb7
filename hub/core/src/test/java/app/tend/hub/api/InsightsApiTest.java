package app.tend.hub.api;

import static app.tend.hub.Await.result;
import static app.tend.hub.api.TestHub.T0;
import static app.tend.hub.api.TestHub.error;
import static app.tend.hub.api.TestHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.Feedback;
import app.tend.hub.store.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestHub.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InsightsApiTest {

  private final TestHub test;

  InsightsApiTest(TestHub test) {
    this.test = test;
  }

  @BeforeAll
  void eveHasPractised() {
    outcome("box-breathing", 60, 40.0, 25.0, 90.0, 80.0);
    outcome("box-breathing", 50, 50.0, 40.0, 85.0, 81.0);
    outcome("walk", 40, 30.0, 35.0, null, null);
    practice("box-breathing", Feedback.Kind.COMPLETED, T0.minus(Duration.ofHours(2)));
    practice("box-breathing", Feedback.Kind.STARTED, T0.minus(Duration.ofDays(2)));
    practice("walk", Feedback.Kind.COMPLETED, T0.minus(Duration.ofDays(2)));
    practice("walk", Feedback.Kind.COMPLETED, T0.minus(Duration.ofDays(10)));
  }

  @Test
  void effectsAreMeanChangesPerExerciseMostHelpfulFirst() throws Exception {
    JsonNode effects = json(test.get("/api/persons/eve/effects"));

    assertThat(effects.findValuesAsText("exercise")).containsExactly("box-breathing", "walk");
    JsonNode box = effects.get(0);
    assertThat(box.get("title").asText()).isEqualTo("Box breathing");
    assertThat(box.get("count").asInt()).isEqualTo(2);
    assertThat(box.get("stressChange").asDouble()).isEqualTo(-12.5);
    assertThat(box.get("hrChange").asDouble()).isEqualTo(-7.0);
    assertThat(box.get("hrCount").asInt()).isEqualTo(2);
    JsonNode walk = effects.get(1);
    assertThat(walk.get("stressChange").asDouble()).isEqualTo(5.0);
    assertThat(walk.get("hrChange").isNull()).isTrue();
    assertThat(walk.get("hrCount").asInt()).isZero();
  }

  @Test
  void practiceShowsAWeekDayByDayInThePersonsZone() throws Exception {
    JsonNode week = json(test.get("/api/persons/eve/practice"));

    JsonNode days = week.get("days");
    assertThat(days.findValuesAsText("date")).containsExactly("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23",
        "2026-11-24", "2026-11-25", "2026-11-26");
    assertThat(days.get(6).at("/exercises/0/exercise").asText()).isEqualTo("box-breathing");
    assertThat(days.get(6).at("/exercises/0/completed").asInt()).isEqualTo(1);
    assertThat(days.get(4).get("exercises").findValuesAsText("exercise")).containsExactly("box-breathing", "walk");
    assertThat(days.get(4).at("/exercises/0/started").asInt()).isEqualTo(1);
    assertThat(days.get(4).at("/exercises/0/completed").asInt()).isZero();
    assertThat(week.get("events").findValuesAsText("kind")).containsExactly("STARTED", "COMPLETED", "COMPLETED");
  }

  @Test
  void practiceTakesAnotherNumberOfDays() throws Exception {
    assertThat(json(test.get("/api/persons/eve/practice?days=14")).get("days").size()).isEqualTo(14);
    assertThat(error(test.get("/api/persons/eve/practice?days=0"), 400)).contains("query parameter days");
  }

  @Test
  void unknownPersonIs404() throws Exception {
    assertThat(error(test.get("/api/persons/nobody/effects"), 404)).startsWith("no person 'nobody'");
    assertThat(error(test.get("/api/persons/nobody/practice"), 404)).startsWith("no person 'nobody'");
  }

  @Test
  void badPersonIdIs400NamingTheParameter() throws Exception {
    assertThat(error(test.get("/api/persons/Eve/effects"), 400)).contains("path parameter person");
    assertThat(error(test.get("/api/persons/Eve/practice"), 400)).contains("path parameter person");
  }

  @Test
  void withoutTokenIs401() throws Exception {
    assertThat(test.call("GET", "/api/persons/eve/effects", null, null).statusCode()).isEqualTo(401);
    assertThat(test.call("GET", "/api/persons/eve/practice", null, null).statusCode()).isEqualTo(401);
  }

  private void outcome(String exercise, int minutesAgo, Double stressBefore, Double stressAfter, Double hrBefore, Double hrAfter) {
    Instant end = T0.minus(Duration.ofMinutes(minutesAgo));
    result(test.hub.store().saveOutcome(new Outcome("eve", exercise, "", end.minusSeconds(300), end, stressBefore,
        stressAfter, hrBefore, hrAfter, null, null, stressAfter - stressBefore), null, null));
  }

  private void practice(String exercise, Feedback.Kind kind, Instant at) {
    result(test.hub.store().saveFeedback(new Feedback("eve", "", exercise, kind, null, null, "voice", at), null));
  }
}
