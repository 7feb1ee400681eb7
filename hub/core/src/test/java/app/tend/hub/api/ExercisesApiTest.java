package app.tend.hub.api;

import static app.tend.hub.api.TestHub.T0;
import static app.tend.hub.api.TestHub.error;
import static app.tend.hub.api.TestHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.Intent;
import java.net.http.HttpResponse;
import java.util.Map;
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
  void startPublishesAStartExerciseIntentOnTheNamedChannel() throws Exception {
    try (var intents = test.listen(Addresses.INTENTS)) {
      HttpResponse<String> response = test.post("/api/exercises/box-breathing/start", "{\"person\":\"dan\",\"channel\":\"screen\"}");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      Intent intent = intents.next();
      assertThat(intent.person()).isEqualTo("dan");
      assertThat(intent.kind()).isEqualTo(Intent.Kind.START_EXERCISE);
      assertThat(intent.slots()).isEqualTo(Map.of("exercise", "box-breathing", "channel", "screen"));
      assertThat(intent.source()).isEqualTo("api");
      assertThat(intent.time()).isEqualTo(T0);
      assertThat(json(response).at("/slots/channel").asText()).isEqualTo("screen");
    }
  }

  @Test
  void startWithoutChannelLeavesTheChoiceToTheRunner() throws Exception {
    try (var intents = test.listen(Addresses.INTENTS)) {
      assertThat(test.post("/api/exercises/walk/start", "{\"person\":\"dan\"}").statusCode()).isEqualTo(202);
      assertThat(intents.next().slots()).isEqualTo(Map.of("exercise", "walk"));
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
