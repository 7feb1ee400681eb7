package app.tend.hub.routines;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.Feedback;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.config.RoutineTrigger;
import app.tend.hub.routines.TriggerDetector.Fired;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerDetectorTest {

  private static final Instant T = Instant.parse("2026-03-04T15:00:00Z");
  private static final ScheduleStatus.Session S1 = new ScheduleStatus.Session("s1", "Therapy", T.minusSeconds(3600), T);
  private final TriggerDetector detector = new TriggerDetector(0.6);

  @Test
  void sessionEndedFiresOnTheEndOnly() {
    assertThat(detector.onSession(new SessionEvent("alex", "s1", SessionEvent.Type.STARTED, T, "", "api"))).isEmpty();
    assertThat(detector.onSession(new SessionEvent("alex", "s1", SessionEvent.Type.ENDED, T, "", "api")))
        .containsExactly(new Fired(RoutineTrigger.SESSION_ENDED, "alex"));
  }

  @Test
  void decompressOverFiresOnceWhenTheWindowIsLeftEvenIfBusyTimeInterruptedIt() {
    assertThat(detector.onSchedule(status(ScheduleState.DECOMPRESS, false, S1))).as("first status seen").isEmpty();
    assertThat(detector.onSchedule(status(ScheduleState.BUSY, false, null)))
        .containsExactly(new Fired(RoutineTrigger.DECOMPRESS_OVER, "alex"));
    assertThat(detector.onSchedule(status(ScheduleState.DECOMPRESS, false, S1))).isEmpty();
    assertThat(detector.onSchedule(status(ScheduleState.BETWEEN, false, null))).isEmpty();
  }

  @Test
  void quietHoursStartAndEndAreChangesNotStates() {
    assertThat(detector.onSchedule(status(ScheduleState.QUIET_HOURS, true, null))).isEmpty();
    assertThat(detector.onSchedule(status(ScheduleState.BETWEEN, false, null)))
        .containsExactly(new Fired(RoutineTrigger.QUIET_HOURS_END, "alex"));
    assertThat(detector.onSchedule(status(ScheduleState.QUIET_HOURS, true, null)))
        .containsExactly(new Fired(RoutineTrigger.QUIET_HOURS_START, "alex"));
    assertThat(detector.onSchedule(status(ScheduleState.IN_SESSION, true, S1))).isEmpty();
  }

  @Test
  void stressHighFiresWhenATrustedHighFollowsAnythingElse() {
    assertThat(detector.onStress(stress(StressLevel.HIGH, 0.9))).as("first state seen").isEmpty();
    assertThat(detector.onStress(stress(StressLevel.CALM, 0.9))).isEmpty();
    assertThat(detector.onStress(stress(StressLevel.HIGH, 0.3))).as("unsure").isEmpty();
    assertThat(detector.onStress(stress(StressLevel.HIGH, 0.9))).containsExactly(new Fired(RoutineTrigger.STRESS_HIGH, "alex"));
    assertThat(detector.onStress(stress(StressLevel.HIGH, 0.9))).as("still high").isEmpty();
  }

  @Test
  void exerciseStartedAndCompletedComeFromFeedback() {
    assertThat(detector.onFeedback(feedback(Feedback.Kind.STARTED))).containsExactly(new Fired(RoutineTrigger.EXERCISE_STARTED, "alex"));
    assertThat(detector.onFeedback(feedback(Feedback.Kind.COMPLETED))).containsExactly(new Fired(RoutineTrigger.EXERCISE_COMPLETED, "alex"));
    assertThat(detector.onFeedback(feedback(Feedback.Kind.ACCEPTED))).isEmpty();
  }

  private static ScheduleStatus status(ScheduleState state, boolean quiet, ScheduleStatus.Session session) {
    return new ScheduleStatus("alex", state, quiet, session, null, T);
  }

  private static StressState stress(StressLevel level, double confidence) {
    return new StressState("alex", T, level == StressLevel.HIGH ? 80 : 20, level, confidence, Map.of(), "");
  }

  private static Feedback feedback(Feedback.Kind kind) {
    return new Feedback("alex", "", "box-breathing", kind, null, null, "api", T);
  }
}
