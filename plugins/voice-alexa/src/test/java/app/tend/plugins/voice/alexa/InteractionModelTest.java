package app.tend.plugins.voice.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.hub.exercise.ExerciseCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The interaction model shipped with the plugin names every intent the skill answers and every exercise. */
class InteractionModelTest {

  @Test
  void modelHasEveryIntentTheSkillMapsAndAnExerciseValueForEachExercise() throws Exception {
    JsonNode model = new ObjectMapper().readTree(Path.of("interaction-model.json").toFile())
        .path("interactionModel").path("languageModel");
    Set<String> intents = new HashSet<>();
    model.path("intents").forEach(intent -> intents.add(intent.path("name").asText()));
    assertThat(intents).containsAll(Conversations.INTENTS.keySet()).contains("ContinueIntent", "AMAZON.HelpIntent",
        "AMAZON.FallbackIntent", "AMAZON.NavigateHomeIntent");

    Set<String> ids = new HashSet<>();
    model.path("types").get(0).path("values").forEach(value -> ids.add(value.path("id").asText()));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(
        ExerciseCatalogue.load("").all().stream().map(e -> e.id()).toList());
  }
}
