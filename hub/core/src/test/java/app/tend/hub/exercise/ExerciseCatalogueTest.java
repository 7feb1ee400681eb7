package app.tend.hub.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.api.exercise.Exercise;
import app.tend.api.exercise.ExerciseKind;
import app.tend.api.exercise.Step;
import app.tend.hub.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseCatalogueTest {

  private static final Path SHIPPED = Path.of(System.getProperty("tend.project.root", "../.."), "config", "exercises.yaml");

  @Test
  void shippedCatalogueHasEveryExerciseTheIssueAsksFor() {
    ExerciseCatalogue catalogue = ExerciseCatalogue.load(SHIPPED.toString());
    assertThat(catalogue.all()).extracting(Exercise::id).contains(
        "grounding-54321", "box-breathing", "breathing-478", "resonant-breathing", "muscle-relaxation",
        "body-scan", "walk", "journal-after-session", "self-talk-check-in");
    Exercise walk = catalogue.find("walk").orElseThrow();
    assertThat(walk.durationSeconds()).isBetween(600, 1200);
    assertThat(catalogue.find("journal-after-session").orElseThrow().steps())
        .extracting(Step::say).anyMatch(s -> s.contains("What do I want to remember from today?"));
    for (Exercise exercise : catalogue.all()) {
      assertThat(exercise.steps()).allSatisfy(step -> assertThat(step.say()).isNotBlank());
    }
  }

  @Test
  void builtInCatalogueIsTheShippedOne() {
    assertThat(ExerciseCatalogue.load("").all()).isEqualTo(ExerciseCatalogue.load(SHIPPED.toString()).all());
  }

  @Test
  void badStepStopsLoadingNamingTheExerciseAndField() {
    String yaml = """
        exercises:
          - id: box-breathing
            title: Box breathing
            kind: BREATHING
            offer: Would box breathing help?
            why: It steadies you.
            steps:
              - {say: "In", seconds: 4}
              - {say: "Hold", seconds: -4}
        """;
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.yaml: exercise 'box-breathing': steps[1].seconds: -4 is not valid: "
            + "expected a whole number of seconds from 0 to 3600");
  }

  @Test
  void unknownFieldAndBadKindAreNamed() {
    assertThatThrownBy(() -> parse("""
        exercises:
          - id: walk
            title: Walk
            kind: JOGGING
            offer: Walk?
            why: It helps.
            steps: [{say: Go, seconds: 60}]
        """)).hasMessageStartingWith("test.yaml: exercise 'walk': kind: 'JOGGING' is not valid: expected one of");
    assertThatThrownBy(() -> parse("""
        exercises:
          - id: walk
            title: Walk
            kind: MOVEMENT
            offer: Walk?
            why: It helps.
            lenght: 3
            steps: [{say: Go, seconds: 60}]
        """)).hasMessageStartingWith("test.yaml: exercise 'walk': unknown key 'lenght'");
  }

  @Test
  void missingTitleAndDuplicateIdAreNamed() {
    assertThatThrownBy(() -> parse("""
        exercises:
          - id: walk
            kind: MOVEMENT
            offer: Walk?
            why: It helps.
            steps: [{say: Go, seconds: 60}]
        """)).hasMessageStartingWith("test.yaml: exercise 'walk': title:");
    String one = """
          - id: walk
            title: Walk
            kind: MOVEMENT
            offer: Walk?
            why: It helps.
            steps: [{say: Go, seconds: 60}]
        """;
    assertThatThrownBy(() -> parse("exercises:\n" + one + one))
        .hasMessage("test.yaml: exercise 'walk': id: 'walk' is used twice");
  }

  @Test
  void durationShorterThanTheStepsIsRefused() {
    assertThatThrownBy(() -> parse("""
        exercises:
          - id: walk
            title: Walk
            kind: MOVEMENT
            durationSeconds: 30
            offer: Walk?
            why: It helps.
            steps: [{say: Go, seconds: 60}]
        """)).hasMessage("test.yaml: exercise 'walk': durationSeconds: 30 is not valid: "
            + "expected at least the steps' total of 60 seconds and at most 14400");
  }

  @Test
  void pluginExercisesAreAddedUnlessTheirIdsClash() {
    ExerciseCatalogue catalogue = ExerciseCatalogue.load("");
    Exercise humming = new Exercise("humming", "Humming", ExerciseKind.BREATHING, null, "Hum with me?", "Humming slows the breath.",
        List.of(new Step("Hum on the out-breath.", 30)), null, null, null);
    catalogue.add("plugin hum", List.of(humming));
    assertThat(catalogue.find("humming")).contains(humming);
    Exercise clash = new Exercise("walk", "Walk", ExerciseKind.MOVEMENT, null, "Walk?", "It helps.",
        List.of(new Step("Go.", 60)), null, null, null);
    assertThatThrownBy(() -> catalogue.add("plugin other", List.of(clash)))
        .hasMessage("plugin other: exercise id 'walk' is already in the catalogue");
  }

  private static ExerciseCatalogue parse(String yaml) {
    return ExerciseCatalogue.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }
}
