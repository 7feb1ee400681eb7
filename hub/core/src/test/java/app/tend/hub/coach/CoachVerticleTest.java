package app.tend.hub.coach;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.Feedback;
import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.hub.Await;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.config.CoachConfig;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.store.LearnedEffect;
import app.tend.hub.store.Outcome;
import app.tend.hub.store.SqliteStore;
import app.tend.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coach on the bus with a real store: suggestions published once saved, outcomes measured and kept. */
class CoachVerticleTest {

  private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");
  private static final PersonConfig ALEX = new PersonConfig("Alex", "UTC", List.of("wrist"), "none", null, null, null);

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(T0);
  private SqliteStore store;

  @AfterEach
  void tearDown() {
    result(vertx.close());
  }

  @Test
  void measuresTheExerciseItSuggestedAndRemembersWhatItLearned() throws Exception {
    MessageCodecs.register(vertx.eventBus());
    BlockingQueue<Suggestion> suggestions = new LinkedBlockingQueue<>();
    vertx.eventBus().<Suggestion>consumer(Addresses.SUGGESTIONS.name(), m -> suggestions.add(m.body()));
    store = result(SqliteStore.open(vertx, dir.resolve("tend.db")));
    CoachVerticle coach = verticle(store);
    String deployment = result(vertx.deployVerticle(coach));

    for (int minute = 0; minute < 5; minute++) {
      clock.set(T0.plus(Duration.ofMinutes(minute)));
      publishBody(80, 95);
    }
    Suggestion suggestion = suggestions.poll(10, TimeUnit.SECONDS);
    assertThat(suggestion).isNotNull();
    assertThat(result(store.suggestions("alex", T0))).containsExactly(suggestion);

    clock.set(T0.plus(Duration.ofMinutes(5)));
    feedback(suggestion, Feedback.Kind.STARTED);
    clock.set(T0.plus(Duration.ofMinutes(8)));
    feedback(suggestion, Feedback.Kind.COMPLETED);
    for (int minute = 8; minute <= 18; minute++) {
      clock.set(T0.plus(Duration.ofMinutes(minute)));
      publishBody(60, 80);
    }
    Await.until(() -> {
      result(coach.tickNow());
      return !result(store.outcomes("alex", T0)).isEmpty();
    }, "the outcome measured and stored");

    Outcome outcome = result(store.outcomes("alex", T0)).get(0);
    assertThat(outcome.exerciseId()).isEqualTo(suggestion.exerciseId());
    assertThat(outcome.stressBefore()).isEqualTo(80.0);
    assertThat(outcome.stressAfter()).isEqualTo(60.0);
    assertThat(outcome.hrBefore()).isEqualTo(95.0);
    assertThat(outcome.hrAfter()).isEqualTo(80.0);
    assertThat(outcome.change()).isEqualTo(-20.0);
    assertThat(result(store.learnedEffects())).extracting(LearnedEffect::exerciseId, LearnedEffect::count, LearnedEffect::mean)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(suggestion.exerciseId(), 1, -20.0));

    result(vertx.undeploy(deployment));
    CoachVerticle restarted = verticle(store);
    result(vertx.deployVerticle(restarted));
    assertThat(result(restarted.learnedEffects("alex"))).extracting(LearnedEffect::mean).containsExactly(-20.0);
  }

  private CoachVerticle verticle(SqliteStore store) {
    Coach coach = new Coach(List.of("alex"), id -> ALEX, CoachConfig.defaults(), ExerciseCatalogue.load(""), clock,
        ChannelDirectory.BY_NAME, new Random(3), Coach.Held.NONE);
    return new CoachVerticle(coach, store, clock, new SimpleMeterRegistry());
  }

  private void publishBody(int score, double bpm) {
    vertx.eventBus().publish(Addresses.SAMPLES.name(), new Sample("alex", "strap", SignalKind.HR, clock.instant(), bpm));
    vertx.eventBus().publish(Addresses.STRESS.name(), new StressState("alex", clock.instant(), score,
        score >= 70 ? StressLevel.HIGH : StressLevel.ELEVATED, 0.9, Map.of(), "heart rate up"));
  }

  private void feedback(Suggestion suggestion, Feedback.Kind kind) {
    Feedback feedback = new Feedback("alex", suggestion.id(), suggestion.exerciseId(), kind, null, null, "wrist", clock.instant());
    vertx.eventBus().publish(Addresses.FEEDBACK.name(), feedback);
    Await.until(() -> result(store.feedback("alex", T0)).contains(feedback), "feedback stored");
  }

}
