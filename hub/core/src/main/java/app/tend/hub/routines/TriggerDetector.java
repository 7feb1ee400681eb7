package app.tend.hub.routines;

import app.tend.api.message.Feedback;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.config.RoutineTrigger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what happens on the bus into routine triggers, per person: session ended, the decompress
 * window over, stress became high, an exercise started or finished, quiet hours began or ended. Changes
 * of state count, not states: the first status or stress state seen of a person starts nothing. Not
 * thread-safe: one event loop owns it.
 */
final class TriggerDetector {

  /** A trigger that fired for a person. */
  record Fired(RoutineTrigger trigger, String person) {}

  private final double minConfidence;
  private final Map<String, ScheduleStatus> lastStatus = new HashMap<>();
  private final Map<String, String> decompressOverFor = new HashMap<>();
  private final Map<String, Boolean> highStress = new HashMap<>();

  /** @param minConfidence stress states less sure than this (0-1) do not count as high */
  TriggerDetector(double minConfidence) {
    this.minConfidence = minConfidence;
  }

  List<Fired> onSession(SessionEvent event) {
    return event.type() == SessionEvent.Type.ENDED
        ? List.of(new Fired(RoutineTrigger.SESSION_ENDED, event.person())) : List.of();
  }

  List<Fired> onSchedule(ScheduleStatus status) {
    String person = status.person();
    ScheduleStatus before = lastStatus.put(person, status);
    List<Fired> fired = new ArrayList<>();
    if (before == null) {
      return fired;
    }
    if (before.state() == ScheduleState.DECOMPRESS && before.session() != null) {
      String session = before.session().id();
      boolean stillThatWindow = status.state() == ScheduleState.DECOMPRESS && status.session() != null
          && status.session().id().equals(session);
      // A window interrupted by busy time and taken up again ends only once.
      if (!stillThatWindow && !session.equals(decompressOverFor.get(person))) {
        decompressOverFor.put(person, session);
        fired.add(new Fired(RoutineTrigger.DECOMPRESS_OVER, person));
      }
    }
    if (!before.quietHours() && status.quietHours()) {
      fired.add(new Fired(RoutineTrigger.QUIET_HOURS_START, person));
    } else if (before.quietHours() && !status.quietHours()) {
      fired.add(new Fired(RoutineTrigger.QUIET_HOURS_END, person));
    }
    return fired;
  }

  List<Fired> onStress(StressState state) {
    boolean high = state.level() == StressLevel.HIGH && state.confidence() >= minConfidence;
    Boolean before = highStress.put(state.person(), high);
    return high && Objects.equals(before, Boolean.FALSE)
        ? List.of(new Fired(RoutineTrigger.STRESS_HIGH, state.person())) : List.of();
  }

  List<Fired> onFeedback(Feedback feedback) {
    return switch (feedback.kind()) {
      case STARTED -> List.of(new Fired(RoutineTrigger.EXERCISE_STARTED, feedback.person()));
      case COMPLETED -> List.of(new Fired(RoutineTrigger.EXERCISE_COMPLETED, feedback.person()));
      default -> List.of();
    };
  }
}
