package app.tend.hub.api;

import static app.tend.hub.Await.result;
import static app.tend.hub.api.TestHub.T0;
import static app.tend.hub.api.TestHub.error;
import static app.tend.hub.api.TestHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.PracticeSkipped;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.Await;
import app.tend.hub.store.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestHub.Extension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PersonsApiTest {

  private final TestHub test;

  PersonsApiTest(TestHub test) {
    this.test = test;
  }

  @Test
  void listHasTheConfiguredPersons() throws Exception {
    JsonNode persons = json(test.get("/api/persons"));

    assertThat(persons.findValuesAsText("id")).contains("ana", "ben", "finn", "gus");
    assertThat(persons.get(0).get("zone").asText()).isEqualTo("UTC");
    assertThat(persons.get(0).get("configured").asBoolean()).isTrue();
  }

  @Test
  void nowShowsStressScheduleAndTheSuggestionUntilItIsAnswered() throws Exception {
    Suggestion offer = suggestion("gus", "now-1");
    result(test.hub.store().saveSuggestion(offer, "test", null));
    test.hub.vertx().eventBus().publish(Addresses.SUGGESTIONS.name(), offer);
    test.hub.vertx().eventBus().publish(Addresses.STRESS.name(), new StressState("gus", T0, 61, StressLevel.ELEVATED, 0.9,
        Map.of(StressState.HEART_RATE, 101.0), "heart rate 30% above your calm level for 5 minutes"));
    Await.until(() -> now("gus").at("/suggestion/id").asText().equals("now-1") && now("gus").at("/stress/score").asInt() == 61,
        "the suggestion and stress are current");

    JsonNode now = now("gus");
    assertThat(now.at("/stress/reason").asText()).isEqualTo("heart rate 30% above your calm level for 5 minutes");
    assertThat(now.at("/schedule/state").asText()).isEqualTo("BETWEEN");
    assertThat(now.get("nextSession").isNull()).isTrue();

    test.post("/api/suggestions/now-1/feedback", "{\"kind\":\"snooze\"}");
    Await.until(() -> now("gus").get("suggestion").isNull(), "a snoozed suggestion is off the table");
  }

  @Test
  void aSpokenNoThanksTakesTheSuggestionOffTheTable() throws Exception {
    Suggestion offer = suggestion("gus", "now-2");
    result(test.hub.store().saveSuggestion(offer, "test", null));
    test.hub.vertx().eventBus().publish(Addresses.SUGGESTIONS.name(), offer);
    Await.until(() -> now("gus").at("/suggestion/id").asText().equals("now-2"), "the suggestion is on the table");

    test.hub.vertx().eventBus().publish(Addresses.INTENTS.name(),
        new Intent("gus", Intent.Kind.DECLINE, Map.of(), "voice-hermes", "kitchen", T0));

    Await.until(() -> now("gus").get("suggestion").isNull(), "a declined suggestion is off the table");
  }

  @Test
  void aPracticeReminderLetGoIsInNow() throws Exception {
    assertThat(now("gus").get("practiceSkipped").isNull()).isTrue();
    test.hub.vertx().eventBus().publish(Addresses.PRACTICE_SKIPPED.name(),
        new PracticeSkipped("gus", java.time.LocalTime.of(18, 0), PracticeSkipped.Reason.ALREADY_PRACTISED, T0));

    Await.until(() -> now("gus").at("/practiceSkipped/reason").asText().equals("ALREADY_PRACTISED"),
        "the skipped reminder is in now");
    assertThat(now("gus").at("/practiceSkipped/slot").asText()).isEqualTo("18:00:00");
  }

  @Test
  void nowOfAnUnknownPersonIs404() throws Exception {
    assertThat(error(test.get("/api/persons/nobody/now"), 404)).startsWith("no person 'nobody'");
    assertThat(error(test.get("/api/persons/NO/now"), 400)).contains("path parameter person");
  }

  @Test
  void exportAsJsonHasEveryTableAndAsCsvAZipOfTables() throws Exception {
    storeSomethingAbout("finn");

    HttpResponse<String> asJson = test.get("/api/persons/finn/export");
    assertThat(asJson.statusCode()).isEqualTo(200);
    assertThat(asJson.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"tend-finn-20261126T100000Z.json\"");
    JsonNode data = json(asJson);
    assertThat(data.get("person").asText()).isEqualTo("finn");
    assertThat(data.at("/preferences/zone").asText()).isEqualTo("UTC");
    assertThat(data.get("suggestions").findValuesAsText("id")).contains("finn-1");
    assertThat(data.get("feedback").findValuesAsText("kind")).contains("COMPLETED");
    assertThat(data.get("outcomes").findValuesAsText("exerciseId")).contains("walk");
    assertThat(data.get("addedSessions").findValuesAsText("summary")).contains("Therapy");
    assertThat(data.get("stressStates").findValuesAsText("reason")).contains("stored for export");

    HttpResponse<byte[]> asCsv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + test.hub.httpPort() + "/api/persons/finn/export?format=csv"))
        .header("Authorization", "Bearer " + TestHub.TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(asCsv.statusCode()).isEqualTo(200);
    assertThat(asCsv.headers().firstValue("Content-Type")).hasValue("application/zip");
    Map<String, String> files = unzip(asCsv.body());
    assertThat(files).containsKeys("sessions.csv", "added-sessions.csv", "stress-states.csv", "suggestions.csv", "feedback.csv",
        "outcomes.csv", "learned-effects.csv", "preferences.json", "coach-state.json");
    assertThat(files.get("stress-states.csv").lines().findFirst()).hasValue("time,score,level,confidence,hr,reason");
    assertThat(files.get("stress-states.csv")).containsPattern("2026-11-26T09:0\\d:00Z,55,ELEVATED,0.7,88.0,\"stored for export\"");
    assertThat(files.get("feedback.csv")).contains("finn,finn-1,walk,COMPLETED");
  }

  @Test
  void exportInAnUnknownFormatIs400() throws Exception {
    assertThat(error(test.get("/api/persons/finn/export?format=xml"), 400)).contains("query parameter format");
  }

  @Test
  void exportOfAnUnknownPersonIs404() throws Exception {
    assertThat(error(test.get("/api/persons/nobody/export?format=csv"), 404)).startsWith("no person 'nobody'");
  }

  @Test
  void eraseNeedsTheIdRepeatedThenLeavesNothingOfSomeoneNotConfigured() throws Exception {
    storeSomethingAbout("hal");
    String refusal = "query parameter confirm: must repeat the person's id (?confirm=hal) to erase everything stored "
        + "about hal; this cannot be undone";
    assertThat(error(test.delete("/api/persons/hal"), 400)).isEqualTo(refusal);
    assertThat(error(test.delete("/api/persons/hal?confirm=ana"), 400)).isEqualTo(refusal);
    assertThat(json(test.get("/api/persons/hal/export")).get("suggestions")).isNotEmpty();

    HttpResponse<String> erased = test.delete("/api/persons/hal?confirm=hal");

    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    assertThat(json(erased).at("/erased/suggestions").asInt()).isPositive();
    assertThat(json(erased).at("/erased/persons").asInt()).as("not configured: no preferences stored").isZero();
    assertThat(error(test.get("/api/persons/hal/export"), 404))
        .isEqualTo("no person 'hal': not in the config and nothing is stored about them");
    assertThat(json(test.get("/api/persons")).findValuesAsText("id")).as("no longer listed").doesNotContain("hal");
    assertThat(error(test.get("/api/persons/hal/stress"), 404)).startsWith("no person 'hal'");
    assertThat(json(test.get("/api/sessions?person=hal")).findValuesAsText("summary")).doesNotContain("Therapy");
  }

  @Test
  void erasingAnUnknownPersonIs404() throws Exception {
    assertThat(error(test.delete("/api/persons/nobody?confirm=nobody"), 404)).startsWith("no person 'nobody'");
  }

  @Test
  void withoutTokenIs401() throws Exception {
    for (String[] route : new String[][] {{"GET", "/api/persons"}, {"GET", "/api/persons/finn/now"},
        {"GET", "/api/persons/finn/export"}, {"DELETE", "/api/persons/finn?confirm=finn"}}) {
      assertThat(test.call(route[0], route[1], null, null).statusCode()).as(route[1]).isEqualTo(401);
    }
  }

  private static int stored;

  private void storeSomethingAbout(String person) throws Exception {
    // A new time each call: the recorder keeps one state a minute.
    java.time.Instant at = T0.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(2L * stored++));
    Suggestion s = suggestion(person, person + "-1");
    result(test.hub.store().saveSuggestion(s, "test", null));
    result(test.hub.store().saveFeedback(new Feedback(person, s.id(), "walk", Feedback.Kind.COMPLETED, null, null, "api",
        T0.minusSeconds(30)), null));
    result(test.hub.store().saveOutcome(new Outcome(person, "walk", s.id(), T0.minusSeconds(900), T0.minusSeconds(30),
        50.0, 30.0, 90.0, 80.0, null, null, -20.0), null, null));
    test.hub.vertx().eventBus().publish(Addresses.STRESS.name(), new StressState(person, at, 55,
        StressLevel.ELEVATED, 0.7, Map.of(StressState.HEART_RATE, 88.0), "stored for export"));
    assertThat(test.post("/api/sessions", "{\"person\":\"" + person + "\",\"start\":\"2026-11-27T09:00:00Z\",\"summary\":\"Therapy\"}")
        .statusCode()).isEqualTo(201);
    Await.until(() -> !result(test.hub.store().stressStates(person, at, at.plusSeconds(1))).isEmpty(),
        "the stress state is stored");
  }

  private static Suggestion suggestion(String person, String id) {
    return new Suggestion(id, person, "walk", "A short walk", "Would a short walk help?", "You seem tense.", Urgency.NORMAL,
        List.of("screen"), T0.minusSeconds(60), T0.plus(Duration.ofMinutes(30)));
  }

  private JsonNode now(String person) {
    try {
      return json(test.get("/api/persons/" + person + "/now"));
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
