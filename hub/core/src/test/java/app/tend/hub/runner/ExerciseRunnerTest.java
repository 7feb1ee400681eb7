package app.tend.hub.runner;

import static app.tend.hub.Await.result;
import static app.tend.hub.runner.RunnerHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.api.Addresses;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.Prompt;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.channels.SuggestionClaims.Claim;
import app.tend.hub.coach.ChannelDirectory;
import app.tend.hub.coach.Coach;
import app.tend.hub.config.CoachConfig;
import app.tend.hub.config.PersonConfig;
import java.util.Random;
import app.tend.hub.channels.TestChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExerciseRunnerTest {

  @TempDir Path dir;
  private RunnerHarness h;

  @BeforeEach
  void setUp() {
    h = new RunnerHarness(dir);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void guidesEachStepOnlyAfterItWasSaidAndItsTimeThenChecksIn() throws Exception {
    RunInfo started = result(h.runner.start("alex", "calm-steps", "voice", null));
    assertThat(started.step()).isEqualTo(1);
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);

    Prompt first = h.voice.next();
    assertThat(first.kind()).isEqualTo(Prompt.Kind.STEP);
    assertThat(first.text()).isEqualTo("Feet on the floor.");
    assertThat(List.of(first.step(), first.steps(), first.stepSeconds())).containsExactly(1, 3, 10);
    h.timers.advance(Duration.ofSeconds(30));
    assertThat(h.voice.poll()).as("nothing new while the first step is still being said").isNull();

    h.voice.finish();
    h.timers.advance(Duration.ofMillis(9_999));
    assertThat(h.voice.poll()).as("the step's 10 seconds are not over").isNull();
    h.timers.advance(Duration.ofMillis(1));
    assertThat(h.voice.next().text()).isEqualTo("Name five things you see.");
    h.voice.finish();
    h.timers.advance(Duration.ofSeconds(20));
    assertThat(h.voice.next().step()).isEqualTo(3);
    h.voice.finish();
    h.timers.advance(Duration.ofSeconds(5));

    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.COMPLETED);
    Prompt checkIn = h.voice.next();
    assertThat(checkIn.kind()).isEqualTo(Prompt.Kind.CHECK_IN);
    assertThat(checkIn.text()).contains("0").contains("10");
    h.voice.finish();

    h.say(Intent.Kind.RATE_DISTRESS, Map.of("rating", "3"));
    Feedback rated = h.nextFeedback();
    assertThat(rated.kind()).isEqualTo(Feedback.Kind.RATED);
    assertThat(rated.distress()).isEqualTo(3);
    assertThat(rated.exerciseId()).isEqualTo("calm-steps");
    assertThat(rated.channel()).isEqualTo("voice");
    assertThat(result(h.runner.current("alex"))).isEmpty();
    assertThat(h.sent("voice")).isEqualTo(4);
  }

  @Test
  void aChannelThatCannotSayTheFirstStepHandsTheRunToTheNextThatReachesThePerson() throws Exception {
    h.voice.mode(TestChannel.Mode.FAIL);
    h.vertx.eventBus().publish(Addresses.INTENTS.name(), new Intent("alex", Intent.Kind.START_EXERCISE,
        Map.of("exercise", "calm-steps"), "home-assistant", "", RunnerHarness.T0));

    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(h.wrist.next().text()).as("the wrist, next of alex's channels").isEqualTo("Feet on the floor.");
    assertThat(result(h.runner.current("alex")).orElseThrow().channel()).isEqualTo("wrist");
    assertThat(h.feedback.poll()).as("not abandoned").isNull();
  }

  @Test
  void aSpokenExerciseIsNeverHandedToAChannelWithoutAVoice() throws Exception {
    h.voice.mode(TestChannel.Mode.FAIL);
    result(h.runner.start("alex", "listen-in", "voice", null));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(h.nextFeedback().kind()).as("the wrist cannot speak it").isEqualTo(Feedback.Kind.ABANDONED);
    assertThat(h.wrist.poll()).isNull();

    h.voice.mode(TestChannel.Mode.DELIVER);
    h.vertx.eventBus().publish(Addresses.INTENTS.name(), new Intent("alex", Intent.Kind.START_EXERCISE,
        Map.of("exercise", "listen-in", "channel", "wrist"), "api", "", RunnerHarness.T0));
    assertThat(h.voice.next().text()).as("asked for on the wrist, guided where it can be heard")
        .isEqualTo("Close your eyes and notice your feet.");
  }

  @Test
  void breathingStepKeepsItsRhythmHoweverLongTheWordsTook() throws Exception {
    result(h.runner.start("alex", "square", "voice", null));
    h.voice.next();
    h.timers.advance(Duration.ofMillis(1_500));
    h.voice.finish();

    h.timers.advance(Duration.ofMillis(2_499));
    assertThat(h.voice.poll()).as("four counts from when the breath began, not after the words").isNull();
    h.timers.advance(Duration.ofMillis(1));
    assertThat(h.voice.next().text()).startsWith("Breathe out");
  }

  @Test
  void pauseHoldsTheStepAndResumeSaysItAgain() throws Exception {
    result(h.runner.start("alex", "calm-steps", "voice", null));
    h.voice.next();
    h.voice.finish();
    h.timers.advance(Duration.ofSeconds(4));

    h.say(Intent.Kind.PAUSE, Map.of());
    Prompt paused = h.voice.next();
    assertThat(paused.kind()).isEqualTo(Prompt.Kind.NOTICE);
    assertThat(paused.text()).contains("Paused");
    h.voice.finish();
    h.timers.advance(Duration.ofMinutes(5));
    assertThat(h.voice.poll()).as("no step while paused").isNull();
    assertThat(result(h.runner.current("alex")).orElseThrow().paused()).isTrue();

    h.say(Intent.Kind.RESUME, Map.of());
    Prompt again = h.voice.next();
    assertThat(again.step()).isEqualTo(1);
    h.voice.finish();
    h.timers.advance(Duration.ofSeconds(10));
    assertThat(h.voice.next().step()).isEqualTo(2);
  }

  @Test
  void pausedTooLongIsAbandoned() throws Exception {
    result(h.runner.start("alex", "calm-steps", "wrist", null));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    h.say(Intent.Kind.PAUSE, Map.of());
    h.wrist.next();
    assertThat(h.wrist.next().kind()).isEqualTo(Prompt.Kind.NOTICE);
    assertThat(result(h.runner.current("alex")).orElseThrow().paused()).isTrue();

    h.timers.advance(Duration.ofMinutes(10));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.ABANDONED);
    assertThat(result(h.runner.current("alex"))).isEmpty();
  }

  @Test
  void stopAbandonsTheExerciseAndSaysSo() throws Exception {
    result(h.runner.start("alex", "calm-steps", "voice", null));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    h.voice.next();

    h.say(Intent.Kind.STOP, Map.of());
    Feedback abandoned = h.nextFeedback();
    assertThat(abandoned.kind()).isEqualTo(Feedback.Kind.ABANDONED);
    assertThat(abandoned.exerciseId()).isEqualTo("calm-steps");
    assertThat(h.voice.next().text()).contains("stop here");

    h.voice.finish();
    h.timers.advance(Duration.ofMinutes(1));
    assertThat(h.voice.poll()).as("the step that was being said leads nowhere").isNull();
    assertThat(result(h.runner.current("alex"))).isEmpty();
    assertThat(h.meters.get(app.tend.api.Meters.EXERCISES_FINISHED).tag("outcome", "abandoned").counter().count())
        .isEqualTo(1);
  }

  @Test
  void secondRequestIsRefusedPolitelyWhileAnExerciseRuns() throws Exception {
    result(h.runner.start("alex", "calm-steps", "voice", null));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    h.voice.next();

    h.say(Intent.Kind.START_EXERCISE, Map.of("exercise", "square breathing"));
    result(h.runner.current("alex"));
    assertThat(h.voice.poll()).as("not said over the step being said").isNull();
    h.voice.finish();
    Prompt notice = h.voice.next();
    assertThat(notice.kind()).isEqualTo(Prompt.Kind.NOTICE);
    assertThat(notice.text()).contains("middle of Calm steps");
    assertThatThrownBy(() -> result(h.runner.start("alex", "square", "wrist", null)))
        .hasRootCauseInstanceOf(StartRefusedException.class)
        .rootCause().extracting(e -> ((StartRefusedException) e).reason())
        .isEqualTo(StartRefusedException.Reason.ALREADY_RUNNING);
    assertThat(h.feedback).isEmpty();
    assertThat(result(h.runner.current("alex")).orElseThrow().exerciseId()).isEqualTo("calm-steps");
  }

  @Test
  void aNoticeInAStepsHoldIsSaidThereAndTheNextStepWaitsForIt() throws Exception {
    result(h.runner.start("alex", "calm-steps", "voice", null));
    h.voice.next();
    h.voice.finish();

    h.say(Intent.Kind.START_EXERCISE, Map.of("exercise", "square breathing"));
    assertThat(h.voice.next().kind()).as("said in the hold").isEqualTo(Prompt.Kind.NOTICE);
    h.timers.advance(Duration.ofSeconds(30));
    assertThat(h.voice.poll()).as("the next step waits until the notice has been said").isNull();

    h.voice.finish();
    assertThat(h.voice.next().text()).isEqualTo("Name five things you see.");
  }

  @Test
  void startNamingAnExerciseByTitleRunsItOnTheChannelThatHeardIt() throws Exception {
    h.say(Intent.Kind.START_EXERCISE, Map.of("exercise", "Square Breathing"));
    Feedback started = h.nextFeedback();
    assertThat(started.kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(started.exerciseId()).isEqualTo("square");
    assertThat(started.suggestionId()).isEmpty();
    assertThat(h.voice.next().text()).startsWith("Breathe in");
  }

  @Test
  void startFromTheApiRunsOnTheChannelItsSlotNames() throws Exception {
    h.vertx.eventBus().publish(Addresses.INTENTS.name(), new Intent("alex", Intent.Kind.START_EXERCISE,
        Map.of("exercise", "square", "channel", "wrist"), "api", "", h.clock.instant()));

    Feedback started = h.nextFeedback();
    assertThat(started.kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(started.channel()).isEqualTo("wrist");
    assertThat(h.wrist.next().step()).isEqualTo(1);
    assertThat(h.voice.poll()).isNull();
  }

  @Test
  void feelingStressedRunsTheCoachsPickInsteadOfOfferingIt() throws Exception {
    h.say(Intent.Kind.FEELING_STRESSED, Map.of());
    // The runner heard the intent before the coach's answer can arrive.
    result(h.runner.current("alex"));
    Suggestion pick = suggestion("calm-steps", List.of("wrist", "voice"), Duration.ofMinutes(15));

    assertThat(result(h.runner.claim(pick))).isEqualTo(Claim.TAKEN);
    Feedback started = h.nextFeedback();
    assertThat(started.kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(started.suggestionId()).isEqualTo(pick.id());
    assertThat(h.voice.next().step()).as("guided where the person spoke").isEqualTo(1);
    assertThat(result(h.runner.claim(suggestion("square", List.of("wrist"), Duration.ofMinutes(15)))))
        .as("no offer in the middle of an exercise").isEqualTo(Claim.HOLD);
  }

  @Test
  void noPickFromTheCoachIsSaidAfterAWhile() throws Exception {
    h.say(Intent.Kind.FEELING_STRESSED, Map.of());
    result(h.runner.current("alex"));
    h.timers.advance(Duration.ofSeconds(20));
    Prompt notice = h.voice.next();
    assertThat(notice.kind()).isEqualTo(Prompt.Kind.NOTICE);
    assertThat(notice.text()).contains("couldn't find");
  }

  @Test
  void yesToTheOfferOnTheTableStartsItWhereItWasOffered() throws Exception {
    Suggestion offer = suggestion("calm-steps", List.of("wrist"), Duration.ofMinutes(15));
    assertThat(result(h.runner.claim(offer))).isEqualTo(Claim.OFFER);
    h.vertx.eventBus().publish(Addresses.PROMPTS.name(), new Prompt("p1", "alex", "wrist", Prompt.Kind.OFFER,
        offer.id(), offer.exerciseId(), offer.title(), offer.words(), 0, 0, 0));

    h.vertx.eventBus().publish(Addresses.INTENTS.name(),
        new Intent("alex", Intent.Kind.ACCEPT, Map.of(), "api", "", h.clock.instant()));
    Feedback started = h.nextFeedback();
    assertThat(started.kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(started.suggestionId()).isEqualTo(offer.id());
    assertThat(started.channel()).isEqualTo("wrist");
    assertThat(h.wrist.next().kind()).isEqualTo(Prompt.Kind.STEP);
  }

  @Test
  void yesToAnExpiredOfferStartsNothing() throws Exception {
    Suggestion offer = suggestion("calm-steps", List.of("wrist"), Duration.ofMinutes(15));
    result(h.runner.claim(offer));
    h.clock.advance(Duration.ofMinutes(16));

    h.say(Intent.Kind.ACCEPT, Map.of());
    h.say(Intent.Kind.RATE_DISTRESS, Map.of("rating", "6"));
    Feedback next = h.nextFeedback();
    assertThat(next.kind()).as("the rating, and nothing started before it").isEqualTo(Feedback.Kind.RATED);
    assertThat(next.exerciseId()).isEmpty();
  }

  @Test
  void startRefusesAnUnknownPersonExerciseOrChannelClearly() {
    assertThat(refusal(() -> h.runner.start("sam", "calm-steps", "voice", null)))
        .isEqualTo(StartRefusedException.Reason.UNKNOWN_PERSON);
    assertThat(refusal(() -> h.runner.start("alex", "juggling", "voice", null)))
        .isEqualTo(StartRefusedException.Reason.UNKNOWN_EXERCISE);
    assertThat(refusal(() -> h.runner.start("alex", "calm-steps", "tv", null)))
        .isEqualTo(StartRefusedException.Reason.UNKNOWN_CHANNEL);
  }

  @Test
  void channelThatFailsMidExerciseAbandonsIt() throws Exception {
    result(h.runner.start("alex", "calm-steps", "wrist", null));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    h.wrist.mode(TestChannel.Mode.FAIL);
    h.timers.advance(Duration.ofSeconds(10));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.ABANDONED);
    assertThat(result(h.runner.current("alex"))).isEmpty();
  }

  @Test
  void checkInWithoutAnAnswerEndsQuietly() throws Exception {
    result(h.runner.start("alex", "square", "wrist", null));
    h.timers.advance(Duration.ofSeconds(8));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.COMPLETED);
    assertThat(result(h.runner.current("alex"))).isPresent();
    h.timers.advance(Duration.ofMinutes(5));
    assertThat(result(h.runner.current("alex"))).isEmpty();
    assertThat(h.feedback).isEmpty();
  }

  @Test
  void onAChannelThatPacesItselfCompletedWaitsUntilTheCheckInHasBeenSaid() throws Exception {
    result(h.runner.start("alex", "square", "speaker", null));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    h.speaker.finish();
    h.timers.advance(Duration.ZERO);
    h.speaker.finish();
    h.timers.advance(Duration.ZERO);
    assertThat(h.speaker.next().step()).isEqualTo(1);
    assertThat(h.speaker.next().step()).isEqualTo(2);
    assertThat(h.speaker.next().kind()).isEqualTo(Prompt.Kind.CHECK_IN);
    assertThat(h.feedback).as("the channel took the steps, but is still saying them").isEmpty();

    h.clock.advance(Duration.ofSeconds(12));
    h.speaker.finish();
    Feedback completed = h.nextFeedback();
    assertThat(completed.kind()).isEqualTo(Feedback.Kind.COMPLETED);
    assertThat(completed.time()).as("when the channel had said it all").isEqualTo(T0.plusSeconds(12));
  }

  @Test
  void ratingBeforeASelfPacedCheckInIsSaidCompletesThenRates() throws Exception {
    result(h.runner.start("alex", "square", "speaker", null));
    h.speaker.finish();
    h.timers.advance(Duration.ZERO);
    h.speaker.finish();
    h.timers.advance(Duration.ZERO);
    h.clock.advance(Duration.ofSeconds(5));

    h.say(Intent.Kind.RATE_DISTRESS, Map.of("rating", "4"));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    Feedback completed = h.nextFeedback();
    assertThat(completed.kind()).isEqualTo(Feedback.Kind.COMPLETED);
    assertThat(completed.time()).isEqualTo(T0.plusSeconds(5));
    assertThat(h.nextFeedback().distress()).isEqualTo(4);
    h.speaker.finish();
    assertThat(result(h.runner.current("alex"))).isEmpty();
    assertThat(h.feedback).as("COMPLETED once").isEmpty();
  }

  @Test
  void noAnswerFromTheChannelEndsTheCheckInAtOnceWithoutARating() throws Exception {
    result(h.runner.start("alex", "square", "wrist", null));
    h.timers.advance(Duration.ofSeconds(8));
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(h.nextFeedback().kind()).isEqualTo(Feedback.Kind.COMPLETED);
    h.wrist.next();
    h.wrist.next();
    Prompt checkIn = h.wrist.next();
    assertThat(checkIn.kind()).isEqualTo(Prompt.Kind.CHECK_IN);
    Throwable refused = h.runner.start("alex", "calm-steps", "wrist", null).toCompletionStage().toCompletableFuture()
        .handle((ok, e) -> e instanceof CompletionException c ? c.getCause() : e).join();
    assertThat(refused).hasMessage("not starting calm-steps: alex is doing square already (waiting for the rating "
        + "at its check-in on wrist)");

    h.say(Intent.Kind.NO_ANSWER, Map.of("prompt", "some-other-question"));
    assertThat(result(h.runner.current("alex"))).as("another question's end is not this check-in's").isPresent();
    h.say(Intent.Kind.NO_ANSWER, Map.of("prompt", checkIn.id()));
    assertThat(result(h.runner.current("alex"))).as("long before checkInMinutes").isEmpty();
    assertThat(h.feedback).as("no rating, nothing abandoned").isEmpty();
    assertThat(result(h.runner.start("alex", "calm-steps", "wrist", null)).exerciseId()).isEqualTo("calm-steps");
  }

  @Test
  void coachMeasuresTheGuidedExerciseFromTheRunnersFeedback() throws Exception {
    Coach coach = new Coach(List.of("alex"), id -> PersonConfig.defaults(), CoachConfig.defaults(), h.catalogue, h.clock,
        ChannelDirectory.BY_NAME, new Random(1), Coach.Held.NONE);
    h.say(Intent.Kind.RATE_DISTRESS, Map.of("rating", "7"));
    coach.onFeedback(h.nextFeedback());
    result(h.runner.start("alex", "square", "wrist", null));
    h.timers.advance(Duration.ofSeconds(8));
    h.say(Intent.Kind.RATE_DISTRESS, Map.of("rating", "2"));
    List<Feedback.Kind> kinds = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Feedback f = h.nextFeedback();
      kinds.add(f.kind());
      coach.onFeedback(f);
    }
    assertThat(kinds).containsExactly(Feedback.Kind.STARTED, Feedback.Kind.COMPLETED, Feedback.Kind.RATED);

    h.clock.advance(Duration.ofMinutes(CoachConfig.defaults().measureAfterMinutes() + 1));
    List<Coach.Measured> measured = coach.tick().measured();
    assertThat(measured).hasSize(1);
    assertThat(measured.get(0).outcome().exerciseId()).isEqualTo("square");
    assertThat(measured.get(0).outcome().distressBefore()).isEqualTo(7);
    assertThat(measured.get(0).outcome().distressAfter()).isEqualTo(2);
    assertThat(measured.get(0).outcome().change()).isEqualTo(-50.0);
  }

  private StartRefusedException.Reason refusal(java.util.function.Supplier<io.vertx.core.Future<RunInfo>> start) {
    Throwable failure = start.get().toCompletionStage().toCompletableFuture()
        .handle((ok, e) -> e instanceof CompletionException c ? c.getCause() : e).join();
    assertThat(failure).isInstanceOf(StartRefusedException.class);
    return ((StartRefusedException) failure).reason();
  }

  private Suggestion suggestion(String exercise, List<String> channels, Duration valid) {
    return new Suggestion(java.util.UUID.randomUUID().toString(), "alex", exercise, "Calm steps", "Would it help?",
        "You seem stressed.", Urgency.NORMAL, channels, h.clock.instant(), h.clock.instant().plus(valid));
  }
}
