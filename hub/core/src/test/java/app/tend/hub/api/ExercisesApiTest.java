package app.tend.hub.api;

import static app.tend.hub.api.TestHub.T0;
import static app.tend.hub.api.TestHub.error;
import static app.tend.hub.api.TestHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.Feedback;
import app.tend.api.message.Prompt;
import app.tend.hub.runner.ExerciseRunner;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestHub.Extension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExercisesApiTest {

  private final TestHub test;

  ExercisesApiTest(TestHub test) {
    this.test = test;
  }

  @Test
  void listIsTheLibrary() throws Exception {
    HttpResponse<String> response = test.get("/api/exercises");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).findValuesAsText("id")).contains("box-breathing", "grounding-54321", "walk");
    assertThat(json(response).get(0).has("steps")).isTrue();
  }

  @Test
  void startGuidesTheExerciseOnTheNamedChannelAndAnswers202WithTheRun() throws Exception {
    try (var feedback = test.listen(Addresses.FEEDBACK); var prompts = test.listen(Addresses.PROMPTS)) {
      HttpResponse<String> response = test.post("/api/exercises/box-breathing/start",
          "{\"person\":\"dan\",\"channel\":\"screen\"}");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      JsonNode run = json(response);
      assertThat(run.get("person").asText()).isEqualTo("dan");
      assertThat(run.get("exerciseId").asText()).isEqualTo("box-breathing");
      assertThat(run.get("channel").asText()).isEqualTo("screen");
      assertThat(run.get("step").asInt()).isEqualTo(1);
      assertThat(run.get("startedAt").asText()).isEqualTo(T0.toString());
      Feedback started = feedback.next();
      assertThat(started.kind()).isEqualTo(Feedback.Kind.STARTED);
      assertThat(started.person()).isEqualTo("dan");
      Prompt first = prompts.next();
      assertThat(first.kind()).isEqualTo(Prompt.Kind.STEP);
      assertThat(first.channel()).isEqualTo("screen");
    }
  }

  @Test
  void startWhileAnExerciseRunsIs409NamingItAndLogsOneLine() throws Exception {
    try (var feedback = test.listen(Addresses.FEEDBACK)) {
      String joy = "{\"person\":\"joy\",\"channel\":\"screen\"}";
      assertThat(test.post("/api/exercises/walk/start", joy).statusCode()).isEqualTo(202);
      assertThat(feedback.next().kind()).isEqualTo(Feedback.Kind.STARTED);
    }
    String why = "not starting box-breathing: joy is doing walk already (at step 1 of 3 on screen)";
    try (var logged = new LogLines(ExerciseRunner.class)) {
      String again = "{\"person\":\"joy\",\"channel\":\"screen\"}";
      assertThat(error(test.post("/api/exercises/box-breathing/start", again), 409)).isEqualTo(why);
      assertThat(logged.lines()).containsExactly("INFO Cannot guide an exercise: " + why);
    }
  }

  @Test
  void startWhenNoneOfThePersonsChannelsRunsIs409() throws Exception {
    String why = "not starting walk: none of ivy's channels [voice, wrist, page] is running";
    try (var logged = new LogLines(ExerciseRunner.class)) {
      assertThat(error(test.post("/api/exercises/walk/start", "{\"person\":\"ivy\"}"), 409)).isEqualTo(why);
      assertThat(logged.lines()).containsExactly("WARN Cannot guide an exercise: " + why);
    }
  }

  @Test
  void unknownExerciseIs404() throws Exception {
    assertThat(error(test.post("/api/exercises/juggling/start", "{\"person\":\"dan\"}"), 404))
        .isEqualTo("no exercise 'juggling' in the library; GET /api/exercises lists them");
  }

  @Test
  void unknownPersonOrChannelIs400NamingTheField() throws Exception {
    assertThat(error(test.post("/api/exercises/walk/start", "{\"person\":\"nobody\"}"), 400))
        .startsWith("body field person: no person 'nobody'");
    assertThat(error(test.post("/api/exercises/walk/start", "{\"person\":\"dan\",\"channel\":\"voice\"}"), 400))
        .isEqualTo("body field channel: no running plugin serves the channel 'voice' (running: screen)");
    assertThat(error(test.post("/api/exercises/walk/start", "{}"), 400)).isEqualTo("body field person is required");
    assertThat(error(test.post("/api/exercises/Walk!/start", "{\"person\":\"dan\"}"), 400)).contains("path parameter id");
  }

  @Test
  void withoutTokenIs401() throws Exception {
    assertThat(test.call("GET", "/api/exercises", null, null).statusCode()).isEqualTo(401);
    assertThat(test.call("POST", "/api/exercises/walk/start", "{\"person\":\"dan\"}", null).statusCode()).isEqualTo(401);
  }
}
