package app.tend.hub.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.tend.api.message.Feedback;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.hub.config.CoachConfig;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.store.LearnedEffect;
import app.tend.testkit.ManualClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The closed loop against a simulated body: exercise A lowers stress by 15 points, B by 3. */
class CoachLearningTest {

  private static final Map<String, Double> TRUE_EFFECT = Map.of("exercise-a", -15.0, "exercise-b", -3.0);
  private static final int BASELINE = 78;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
  private final Random body = new Random(43);

  @Test
  void learnsWhichExerciseLowersStressMostAndReportsItsEffect() throws IOException {
    Coach coach = coach();
    List<String> chosen = new ArrayList<>();
    for (int trial = 0; trial < 80; trial++) {
      chosen.add(trial(coach));
    }

    List<String> afterThirty = chosen.subList(30, chosen.size());
    long a = afterThirty.stream().filter("exercise-a"::equals).count();
    assertThat((double) a / afterThirty.size()).as("share of A after 30 trials").isGreaterThanOrEqualTo(0.8);

    List<LearnedEffect> effects = coach.learnedEffects("alex");
    LearnedEffect effectA = effects.stream().filter(e -> e.exerciseId().equals("exercise-a")).findFirst().orElseThrow();
    LearnedEffect effectB = effects.stream().filter(e -> e.exerciseId().equals("exercise-b")).findFirst().orElseThrow();
    System.out.printf("A chosen %d of %d times after 30 trials; learned %s%n", a, afterThirty.size(), effects);
    assertThat(effectA.count() + effectB.count()).isEqualTo(80);
    assertThat(effectA.mean()).isCloseTo(-15.0, within(2.0));
    assertThat(effectB.count()).isGreaterThanOrEqualTo(2);
    assertThat(effectB.mean()).isCloseTo(-3.0, within(3.5));
  }

  @Test
  void aDoneTappedRightAfterTheStartIsKeptButNotLearnedFrom() throws IOException {
    Coach coach = coach();
    Instant t = clock.instant();
    for (int minute = 0; minute < 5; minute++) {
      clock.set(t.plus(Duration.ofMinutes(minute)));
      coach.onStress(state(BASELINE));
    }
    coach.onFeedback(new Feedback("alex", "", "exercise-a", Feedback.Kind.STARTED, null, null, "wrist", clock.instant()));
    clock.set(clock.instant().plusSeconds(5));
    coach.onFeedback(new Feedback("alex", "", "exercise-a", Feedback.Kind.COMPLETED, null, null, "wrist", clock.instant()));
    Instant done = clock.instant();
    for (int minute = 0; minute <= 11; minute++) {
      clock.set(done.plus(Duration.ofMinutes(minute)));
      coach.onStress(state(BASELINE - 20));
    }

    Coach.Effects measured = coach.tick();

    assertThat(measured.measured()).singleElement().satisfies(m -> {
      assertThat(m.outcome().change()).isNull();
      assertThat(m.effect()).isNull();
    });
    assertThat(coach.learnedEffects("alex")).isEmpty();
  }

  /** One episode: stress rises, the coach suggests, the person does it, the body responds as simulated. */
  private String trial(Coach coach) {
    Instant t = clock.instant();
    List<Suggestion> made = new ArrayList<>();
    for (int minute = 0; minute < 5; minute++) {
      clock.set(t.plus(Duration.ofMinutes(minute)));
      made.addAll(coach.onStress(state(BASELINE)).suggestions());
    }
    assertThat(made).as("one suggestion per episode").hasSize(1);
    Suggestion s = made.get(0);
    clock.set(t.plus(Duration.ofMinutes(5)));
    coach.onFeedback(new Feedback("alex", s.id(), "", Feedback.Kind.ACCEPTED, null, null, "wrist", clock.instant()));
    clock.set(t.plus(Duration.ofMinutes(7)));
    coach.onFeedback(new Feedback("alex", s.id(), s.exerciseId(), Feedback.Kind.COMPLETED, null, null, "wrist", clock.instant()));
    for (int minute = 7; minute <= 17; minute++) {
      clock.set(t.plus(Duration.ofMinutes(minute)));
      coach.onStress(state(BASELINE + TRUE_EFFECT.get(s.exerciseId())));
    }
    Coach.Effects measured = coach.tick();
    assertThat(measured.measured()).hasSize(1);
    clock.set(t.plus(Duration.ofMinutes(30)));
    return s.exerciseId();
  }

  private StressState state(double mean) {
    int score = (int) Math.round(Math.max(0, Math.min(100, mean + 4 * body.nextGaussian())));
    StressLevel level = score >= 70 ? StressLevel.HIGH : score >= 50 ? StressLevel.ELEVATED : StressLevel.CALM;
    return new StressState("alex", clock.instant(), score, level, 0.9, Map.of(), "simulated");
  }

  private Coach coach() throws IOException {
    Path catalogue = dir.resolve("exercises.yaml");
    Files.writeString(catalogue, """
        exercises:
          - id: exercise-a
            title: Exercise A
            kind: BREATHING
            offer: Try A?
            why: A helps.
            fits: {levels: [HIGH], states: [BETWEEN]}
            prior: {meanChange: -8, sdChange: 8, weight: 2}
            steps: [{say: Do A, seconds: 120}]
          - id: exercise-b
            title: Exercise B
            kind: GROUNDING
            offer: Try B?
            why: B helps.
            fits: {levels: [HIGH], states: [BETWEEN]}
            prior: {meanChange: -8, sdChange: 8, weight: 2}
            steps: [{say: Do B, seconds: 120}]
        """);
    CoachConfig config = new ConfigBinder(Map.of()).bind(new ObjectMapper().valueToTree(
        Map.of("cooldownMinutes", 10, "dailyLimit", 100, "decompressOffer", false)), CoachConfig.class, "coach");
    PersonConfig alex = new PersonConfig("Alex", "UTC", List.of("wrist"), "none", null, null, null);
    return new Coach(List.of("alex"), id -> alex, config, ExerciseCatalogue.load(catalogue.toString()), clock,
        ChannelDirectory.BY_NAME, new Random(42), Coach.Held.NONE);
  }
}
