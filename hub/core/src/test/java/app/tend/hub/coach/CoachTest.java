package app.tend.hub.coach;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.exercise.ExerciseKind;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.PracticeSkipped;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.config.CoachConfig;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.PracticeConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.testkit.ManualClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoachTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ExerciseCatalogue CATALOGUE = ExerciseCatalogue.load("");

  private final ManualClock clock = new ManualClock(at(4, 9, 0));
  private final List<String> held = new ArrayList<>();
  private final List<Suggestion> made = new ArrayList<>();
  private final List<PracticeSkipped> skipped = new ArrayList<>();
  private PersonConfig alex = new PersonConfig("Alex", "Europe/Berlin", List.of("voice", "wrist"), "22:00-07:00", null,
      null, null);
  private Coach coach = coach(Map.of());

  @Test
  void suggestsGroundingOrWalkAfterSessionWhenStressHigh() {
    clock.set(at(4, 15, 0));
    schedule(ScheduleState.DECOMPRESS, session(at(4, 14, 10), at(4, 15, 0)));
    everyMinuteUntil(at(4, 15, 19));
    assertThat(made).as("the gentle offer after the session").hasSize(1);
    assertThat(made.get(0).urgency()).isEqualTo(Urgency.LOW);

    clock.set(at(4, 15, 20));
    stress(StressLevel.HIGH, 0.9);

    assertThat(made).hasSize(2);
    Suggestion suggestion = made.get(1);
    assertThat(kindOf(suggestion)).isIn(ExerciseKind.GROUNDING, ExerciseKind.MOVEMENT);
    assertThat(suggestion.urgency()).isEqualTo(Urgency.HIGH);
    assertThat(suggestion.reason()).contains("Your therapy session ended 20 minutes ago")
        .contains("heart rate 25% above your calm level");
    assertThat(suggestion.words()).contains("Your session just ended");
  }

  @Test
  void saysNothingDuringTheSessionAndOffersOnceWhenItEnds() {
    clock.set(at(4, 14, 20));
    schedule(ScheduleState.IN_SESSION, session(at(4, 14, 0), at(4, 14, 50)));
    stress(StressLevel.HIGH, 0.9);
    clock.set(at(4, 14, 30));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).isEmpty();
    assertThat(held).containsExactly("in-session", "in-session");

    clock.set(at(4, 14, 50));
    stress(StressLevel.HIGH, 0.9);
    schedule(ScheduleState.DECOMPRESS, session(at(4, 14, 0), at(4, 14, 50)));
    assertThat(made).hasSize(1);
    assertThat(made.get(0).reason()).contains("while you were in your therapy session");
    assertThat(made.get(0).urgency()).isEqualTo(Urgency.NORMAL);

    everyMinuteUntil(at(4, 16, 20));
    assertThat(made).as("no second offer after the session").hasSize(1);
  }

  @Test
  void deferredPromptIsDroppedWhenStressPassedBeforeTheSessionEnded() {
    clock.set(at(4, 14, 20));
    schedule(ScheduleState.IN_SESSION, session(at(4, 14, 0), at(4, 14, 50)));
    stress(StressLevel.HIGH, 0.9);
    clock.set(at(4, 14, 45));
    stress(StressLevel.CALM, 0.9);
    clock.set(at(4, 14, 50));
    schedule(ScheduleState.DECOMPRESS, session(at(4, 14, 0), at(4, 14, 50)));
    assertThat(made).isEmpty();
    assertThat(held).contains("no-longer-relevant");
  }

  @Test
  void threeHighEpisodesInTwentyMinutesGiveOnePrompt() {
    clock.set(at(4, 10, 0));
    stress(StressLevel.HIGH, 0.9);
    clock.set(at(4, 10, 5));
    stress(StressLevel.CALM, 0.9);
    clock.set(at(4, 10, 8));
    stress(StressLevel.HIGH, 0.9);
    clock.set(at(4, 10, 12));
    stress(StressLevel.CALM, 0.9);
    clock.set(at(4, 10, 18));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).hasSize(1);
    assertThat(held).containsExactly("cooldown", "cooldown");
  }

  @Test
  void quietHoursLeaveOutTheVoiceChannel() {
    clock.set(at(4, 22, 30));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).hasSize(1);
    assertThat(made.get(0).channels()).containsExactly("wrist");
    assertThat(CATALOGUE.find(made.get(0).exerciseId()).orElseThrow().needs())
        .doesNotContain(app.tend.api.exercise.Need.VOICE, app.tend.api.exercise.Need.OUTDOORS);

    clock.set(at(5, 7, 30));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).hasSize(2);
    assertThat(made.get(1).channels()).containsExactly("voice", "wrist");
  }

  @Test
  void snoozeOfThirtyMinutesIsRespected() {
    coach = coach(Map.of("cooldownMinutes", 5));
    clock.set(at(4, 10, 0));
    stress(StressLevel.HIGH, 0.9);
    clock.set(at(4, 10, 1));
    intent(Intent.Kind.SNOOZE, Map.of("minutes", "30"));
    clock.set(at(4, 10, 20));
    stress(StressLevel.HIGH, 0.9);
    clock.set(at(4, 10, 30));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).hasSize(1);
    assertThat(held).containsExactly("snoozed", "snoozed");

    clock.set(at(4, 10, 31));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).hasSize(2);
  }

  @Test
  void dailyCapIsRespectedAndResetsTheNextDay() {
    coach = coach(Map.of("cooldownMinutes", 5, "dailyLimit", 2));
    for (int hour = 9; hour <= 12; hour++) {
      clock.set(at(4, hour, 0));
      stress(StressLevel.HIGH, 0.9);
    }
    assertThat(made).hasSize(2);
    assertThat(held).containsExactly("daily-cap", "daily-cap");

    clock.set(at(5, 9, 0));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).hasSize(3);
  }

  @Test
  void dismissedPromptIsNotRepeated() {
    coach = coach(Map.of("cooldownMinutes", 5));
    clock.set(at(4, 10, 0));
    stress(StressLevel.HIGH, 0.9);
    String dismissed = made.get(0).exerciseId();
    clock.set(at(4, 10, 1));
    intent(Intent.Kind.DECLINE, Map.of());
    for (int minute = 10; minute <= 50; minute += 10) {
      clock.set(at(4, 10, minute));
      stress(StressLevel.HIGH, 0.9);
    }
    assertThat(made).as("no nagging while the same stress lasts").hasSize(1);

    clock.set(at(4, 11, 30));
    stress(StressLevel.CALM, 0.9);
    clock.set(at(4, 12, 30));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).as("a new episode after calm may be offered").hasSize(2);
    assertThat(made.get(1).exerciseId()).as("but not the dismissed exercise, today").isNotEqualTo(dismissed);
  }

  @Test
  void noPromptWhenUnknownActiveOrUnsure() {
    clock.set(at(4, 10, 0));
    stress(StressLevel.UNKNOWN, 0.9);
    stress(StressLevel.ACTIVE, 0.9);
    stress(StressLevel.ELEVATED, 0.9);
    stress(StressLevel.HIGH, 0.4);
    assertThat(made).isEmpty();
    assertThat(held).containsExactly("low-confidence");
  }

  @Test
  void dislikedExercisesAreNeverSuggested() {
    alex = new PersonConfig("Alex", "Europe/Berlin", List.of("voice", "wrist"), "22:00-07:00", 100,
        List.of("grounding-54321", "box-breathing"), null);
    coach = coach(Map.of("cooldownMinutes", 1));
    clock.set(at(4, 9, 0));
    for (int i = 0; i < 40; i++) {
      clock.advance(Duration.ofMinutes(2));
      stress(StressLevel.HIGH, 0.9);
    }
    assertThat(made).hasSize(40)
        .noneMatch(s -> s.exerciseId().equals("grounding-54321") || s.exerciseId().equals("box-breathing"));
  }

  @Test
  void afterASessionHighStressGetsOnlyGroundingOrAWalk() {
    coach = coach(Map.of("cooldownMinutes", 1, "dailyLimit", 100, "decompressOffer", false));
    clock.set(at(4, 15, 0));
    schedule(ScheduleState.DECOMPRESS, session(at(4, 14, 10), at(4, 15, 0)));
    for (int i = 0; i < 40; i++) {
      clock.advance(Duration.ofMinutes(2));
      stress(StressLevel.HIGH, 0.9);
    }
    assertThat(made).hasSize(40).allSatisfy(s -> assertThat(kindOf(s)).isIn(ExerciseKind.GROUNDING, ExerciseKind.MOVEMENT));
  }

  @Test
  void offersToDecompressOnceAfterASessionEvenWithoutStress() {
    clock.set(at(4, 15, 0));
    schedule(ScheduleState.DECOMPRESS, session(at(4, 14, 10), at(4, 15, 0)));
    everyMinuteUntil(at(4, 15, 9));
    assertThat(made).isEmpty();
    everyMinuteUntil(at(4, 16, 30));
    assertThat(made).hasSize(1);
    Suggestion offer = made.get(0);
    assertThat(offer.exerciseId()).isIn("walk", "journal-after-session");
    assertThat(offer.urgency()).isEqualTo(Urgency.LOW);
    assertThat(offer.reason()).startsWith("Your therapy session ended 10 minutes ago.");
  }

  @Test
  void practiceRemindersComeAtTheChosenTimeAndCountStreaksKindly() {
    alex = new PersonConfig("Alex", "Europe/Berlin", List.of("wrist"), "22:00-07:00", null, null,
        new PracticeConfig(List.of("box-breathing"), List.of("08:30"), null));
    coach = coach(Map.of());
    clock.set(at(4, 8, 29));
    tick();
    assertThat(made).isEmpty();
    clock.set(at(4, 8, 30));
    tick();
    tick();
    assertThat(made).hasSize(1);
    assertThat(made.get(0).exerciseId()).isEqualTo("box-breathing");
    assertThat(made.get(0).reason()).contains("You chose to practise box breathing at 08:30");
    complete("box-breathing", at(4, 8, 40));

    clock.set(at(5, 8, 30));
    tick();
    assertThat(made).hasSize(2);
    assertThat(made.get(1).words()).contains("You practised yesterday too.");
    complete("box-breathing", at(5, 8, 35));

    clock.set(at(6, 8, 30));
    tick();
    assertThat(made.get(2).words()).contains("You have practised 2 days in a row.");

    clock.set(at(8, 8, 30));
    tick();
    assertThat(made).hasSize(4);
    assertThat(made.get(3).words()).doesNotContain("row", "missed", "yesterday");
  }

  @Test
  void practiceReminderNotNeededOrTooLateIsLetGoAndSaidSoOnce() {
    alex = new PersonConfig("Alex", "Europe/Berlin", List.of("wrist"), "22:00-07:00", null, null,
        new PracticeConfig(List.of("box-breathing"), List.of("08:30", "18:00"), null));
    coach = coach(Map.of());
    clock.set(at(4, 8, 10));
    complete("box-breathing", at(4, 8, 10));
    clock.set(at(4, 8, 30));
    tick();
    tick();
    assertThat(made).isEmpty();
    assertThat(skipped).singleElement().satisfies(s -> {
      assertThat(s.person()).isEqualTo("alex");
      assertThat(s.slot()).isEqualTo(java.time.LocalTime.of(8, 30));
      assertThat(s.reason()).isEqualTo(PracticeSkipped.Reason.ALREADY_PRACTISED);
      assertThat(s.words()).contains("Already practised today");
    });

    clock.set(at(5, 8, 0));
    schedule(ScheduleState.BUSY, null);
    clock.set(at(5, 10, 31));
    schedule(ScheduleState.BETWEEN, null);
    tick();
    assertThat(made).isEmpty();
    assertThat(skipped).hasSize(2);
    assertThat(skipped.get(1).reason()).isEqualTo(PracticeSkipped.Reason.MISSED);
    assertThat(skipped.get(1).slot()).isEqualTo(java.time.LocalTime.of(8, 30));
  }

  @Test
  void practiceReminderWaitsForABusyTimeToEnd() {
    alex = new PersonConfig("Alex", "Europe/Berlin", List.of("wrist"), "22:00-07:00", null, null,
        new PracticeConfig(List.of("box-breathing"), List.of("08:30"), null));
    coach = coach(Map.of());
    clock.set(at(4, 8, 0));
    schedule(ScheduleState.BUSY, null);
    clock.set(at(4, 8, 30));
    tick();
    assertThat(made).isEmpty();
    clock.set(at(4, 9, 0));
    schedule(ScheduleState.BETWEEN, null);
    tick();
    assertThat(made).hasSize(1);
  }

  @Test
  void memorySurvivesASnapshotAndRestore() {
    clock.set(at(4, 10, 0));
    stress(StressLevel.HIGH, 0.9);
    intent(Intent.Kind.SNOOZE, Map.of("minutes", "60"));
    var snapshot = coach.snapshot("alex");

    coach = coach(Map.of());
    coach.restore(snapshot);
    clock.set(at(4, 10, 50));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).hasSize(1);
    assertThat(held).containsExactly("snoozed");
  }

  @Test
  void doNotDisturbSilencesHighStressAndOffersUntilTurnedOffAndSurvivesARestart() {
    clock.set(at(4, 10, 0));
    Coach.Effects on = coach.onIntent(new Intent("alex", Intent.Kind.DO_NOT_DISTURB_ON, Map.of(), "home-assistant", "",
        clock.instant()));
    assertThat(on.doNotDisturb()).singleElement().satisfies(d -> {
      assertThat(d.on()).isTrue();
      assertThat(d.source()).isEqualTo("home-assistant");
    });
    assertThat(on.changed()).containsExactly("alex");
    stress(StressLevel.HIGH, 0.9);
    schedule(ScheduleState.DECOMPRESS, session(at(4, 9, 0), at(4, 9, 50)));
    everyMinuteUntil(at(4, 10, 20));
    assertThat(made).isEmpty();
    assertThat(held).containsExactly("do-not-disturb");

    var snapshot = coach.snapshot("alex");
    coach = coach(Map.of());
    coach.restore(snapshot);
    assertThat(coach.doNotDisturb("alex")).isTrue();
    clock.set(at(4, 10, 30));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).isEmpty();

    intent(Intent.Kind.DO_NOT_DISTURB_OFF, Map.of());
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).hasSize(1);
    assertThat(coach.doNotDisturb("alex")).isFalse();
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void picksAnExerciseWhenAskedForOneWithoutAKnownName() {
    clock.set(at(4, 11, 0));
    intent(Intent.Kind.START_EXERCISE, Map.of("exercise", "box breathing"));
    assertThat(made).as("a named exercise is the runner's to start").isEmpty();

    intent(Intent.Kind.START_EXERCISE, Map.of());
    assertThat(made).hasSize(1);
    assertThat(made.get(0).reason()).startsWith("You asked for an exercise.");
  }

  @Test
  void noSuggestionWhileAnExerciseIsGoingOn() {
    clock.set(at(4, 10, 0));
    record(coach.onFeedback(new Feedback("alex", "", "box-breathing", Feedback.Kind.STARTED, null, null, "voice",
        clock.instant())));
    clock.set(at(4, 10, 2));
    stress(StressLevel.HIGH, 0.9);

    assertThat(made).isEmpty();
    assertThat(held).containsExactly("exercising");
  }

  @Test
  void afterStopNothingIsOfferedUntilTheCooldownHasPassed() {
    clock.set(at(4, 10, 0));
    record(coach.onFeedback(new Feedback("alex", "", "box-breathing", Feedback.Kind.STARTED, null, null, "voice",
        clock.instant())));
    clock.set(at(4, 10, 1));
    record(coach.onFeedback(new Feedback("alex", "", "box-breathing", Feedback.Kind.ABANDONED, null, null, "voice",
        clock.instant())));
    clock.set(at(4, 10, 1).plusMillis(500));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).as("half a second after the goodbye").isEmpty();
    assertThat(held).containsExactly("cooldown");

    clock.set(at(4, 12, 0));
    stress(StressLevel.HIGH, 0.9);
    assertThat(made).as("once the cooldown is over").hasSize(1);
  }

  @Test
  void leavesRatingsAndStopToTheExerciseRunner() {
    clock.set(at(4, 11, 0));
    assertThat(coach.onIntent(new Intent("alex", Intent.Kind.RATE_DISTRESS, Map.of("rating", "4"), "voice-hermes", "",
        clock.instant())).feedback()).isEmpty();
    assertThat(coach.onIntent(new Intent("alex", Intent.Kind.STOP, Map.of(), "voice-hermes", "", clock.instant()))
        .feedback()).isEmpty();
  }

  private Coach coach(Map<String, Object> settings) {
    ObjectMapper mapper = new ObjectMapper();
    CoachConfig config = new ConfigBinder(Map.of()).bind(mapper.valueToTree(settings), CoachConfig.class, "coach");
    held.clear();
    return new Coach(List.of("alex"), id -> alex, config, CATALOGUE, clock, ChannelDirectory.BY_NAME, new Random(7),
        (person, reason) -> held.add(reason));
  }

  private void stress(StressLevel level, double confidence) {
    record(coach.onStress(new StressState("alex", clock.instant(), level == StressLevel.HIGH ? 80 : 30, level, confidence,
        Map.of(), "heart rate 25% above your calm level")));
  }

  private void schedule(ScheduleState state, ScheduleStatus.Session session) {
    record(coach.onSchedule(new ScheduleStatus("alex", state, false, session, null, clock.instant())));
  }

  private void intent(Intent.Kind kind, Map<String, String> slots) {
    record(coach.onIntent(new Intent("alex", kind, slots, "voice-hermes", "", clock.instant())));
  }

  private void complete(String exercise, Instant at) {
    record(coach.onFeedback(new Feedback("alex", "", exercise, Feedback.Kind.COMPLETED, null, null, "wrist", at)));
  }

  private void tick() {
    record(coach.tick());
  }

  private void everyMinuteUntil(Instant end) {
    while (!clock.instant().isAfter(end)) {
      tick();
      clock.advance(Duration.ofMinutes(1));
    }
    clock.set(end);
  }

  private void record(Coach.Effects fx) {
    made.addAll(fx.suggestions());
    skipped.addAll(fx.practiceSkipped());
  }

  private static ExerciseKind kindOf(Suggestion s) {
    return CATALOGUE.find(s.exerciseId()).orElseThrow().kind();
  }

  private static ScheduleStatus.Session session(Instant start, Instant end) {
    return new ScheduleStatus.Session("s1", "Therapy with Dr. Lee", start, end);
  }

  static Instant at(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 3, day, hour, minute).atZone(BERLIN).toInstant();
  }
}
