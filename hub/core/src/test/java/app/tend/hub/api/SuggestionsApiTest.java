package app.tend.hub.api;

import static app.tend.hub.Await.result;
import static app.tend.hub.api.TestHub.T0;
import static app.tend.hub.api.TestHub.error;
import static app.tend.hub.api.TestHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.Feedback;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.Await;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestHub.Extension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SuggestionsApiTest {

  private final TestHub test;

  SuggestionsApiTest(TestHub test) {
    this.test = test;
  }

  @Test
  void doneWithARatingPublishesCompletedThenRatedAndTheListShowsTheAnswer() throws Exception {
    Suggestion s = saved("s-done", "box-breathing");
    try (var feedback = test.listen(Addresses.FEEDBACK)) {
      HttpResponse<String> response = test.post("/api/suggestions/s-done/feedback", "{\"kind\":\"done\",\"rating\":3}");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(json(response).get("feedback").findValuesAsText("kind")).containsExactly("COMPLETED", "RATED");
      Feedback done = feedback.next();
      assertThat(done.kind()).isEqualTo(Feedback.Kind.COMPLETED);
      assertThat(done.suggestionId()).isEqualTo(s.id());
      assertThat(done.exerciseId()).isEqualTo("box-breathing");
      assertThat(done.channel()).isEqualTo("api");
      assertThat(done.time()).isEqualTo(T0);
      Feedback rated = feedback.next();
      assertThat(rated.kind()).isEqualTo(Feedback.Kind.RATED);
      assertThat(rated.distress()).isEqualTo(3);
    }
    Await.until(() -> answerOf("s-done").equals("COMPLETED"), "the coach stored the feedback");
  }

  @Test
  void snoozeCarriesItsMinutes() throws Exception {
    saved("s-snooze", "grounding-54321");
    try (var feedback = test.listen(Addresses.FEEDBACK)) {
      test.post("/api/suggestions/s-snooze/feedback", "{\"kind\":\"snooze\",\"snoozeMinutes\":45}");

      Feedback snoozed = feedback.next();
      assertThat(snoozed.kind()).isEqualTo(Feedback.Kind.SNOOZED);
      assertThat(snoozed.snoozeMinutes()).isEqualTo(45);
    }
  }

  @Test
  void dismissIsPublished() throws Exception {
    saved("s-dismiss", "box-breathing");
    try (var feedback = test.listen(Addresses.FEEDBACK)) {
      assertThat(test.post("/api/suggestions/s-dismiss/feedback", "{\"kind\":\"dismiss\"}").statusCode()).isEqualTo(200);
      assertThat(feedback.next().kind()).isEqualTo(Feedback.Kind.DISMISSED);
    }
  }

  @Test
  void listShowsSuggestionsSinceATime() throws Exception {
    saved("s-old", "box-breathing", T0.minus(Duration.ofDays(3)));
    saved("s-new", "box-breathing", T0.minus(Duration.ofHours(1)));

    List<String> recent = json(test.get("/api/suggestions?person=cleo")).findValuesAsText("id");
    List<String> all = json(test.get("/api/suggestions?person=cleo&since=2026-11-20T00:00:00Z")).findValuesAsText("id");

    assertThat(recent).contains("s-new").doesNotContain("s-old");
    assertThat(all).contains("s-new", "s-old");
  }

  @Test
  void unknownSuggestionIs404() throws Exception {
    assertThat(error(test.post("/api/suggestions/nope/feedback", "{\"kind\":\"done\"}"), 404)).isEqualTo("no suggestion 'nope'");
  }

  @Test
  void badFeedbackIs400NamingTheField() throws Exception {
    saved("s-bad", "box-breathing");
    assertThat(error(test.post("/api/suggestions/s-bad/feedback", "{\"kind\":\"maybe\"}"), 400))
        .isEqualTo("body field kind: Instance does not match any of [\"done\",\"snooze\",\"dismiss\"]");
    assertThat(error(test.post("/api/suggestions/s-bad/feedback", "{\"kind\":\"done\",\"rating\":11}"), 400))
        .isEqualTo("body field rating: 11 is greater than 10");
    assertThat(error(test.post("/api/suggestions/s-bad/feedback", "{\"kind\":\"done\",\"snoozeMinutes\":5}"), 400))
        .isEqualTo("body field snoozeMinutes: only goes with kind snooze, not done");
    assertThat(error(test.post("/api/suggestions/s-bad/feedback", "{}"), 400)).isEqualTo("body field kind is required");
  }

  @Test
  void listNeedsAKnownPersonAndAnInstant() throws Exception {
    assertThat(error(test.get("/api/suggestions"), 400)).contains("query parameter person");
    assertThat(error(test.get("/api/suggestions?person=cleo&since=monday"), 400)).startsWith("query parameter since:");
    assertThat(error(test.get("/api/suggestions?person=nobody"), 404)).startsWith("no person 'nobody'");
  }

  @Test
  void withoutTokenIs401() throws Exception {
    assertThat(test.call("GET", "/api/suggestions?person=cleo", null, null).statusCode()).isEqualTo(401);
    assertThat(test.call("POST", "/api/suggestions/x/feedback", "{\"kind\":\"done\"}", null).statusCode()).isEqualTo(401);
  }

  private Suggestion saved(String id, String exercise) {
    return saved(id, exercise, T0.minusSeconds(60));
  }

  private Suggestion saved(String id, String exercise, java.time.Instant at) {
    Suggestion s = new Suggestion(id, "cleo", exercise, "Box breathing", "Would a minute of box breathing help?",
        "Your heart rate is up.", Urgency.NORMAL, List.of("screen"), at, at.plus(Duration.ofMinutes(30)));
    result(test.hub.store().saveSuggestion(s, "test", null));
    return s;
  }

  private String answerOf(String id) {
    try {
      for (JsonNode answered : json(test.get("/api/suggestions?person=cleo"))) {
        if (answered.at("/suggestion/id").asText().equals(id)) {
          return answered.get("answer").asText();
        }
      }
      return "";
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
