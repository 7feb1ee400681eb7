package app.tend.api.message;

import java.time.Instant;
import java.util.List;

/**
 * One run of a home routine, published on {@code tend.routines} when it has finished.
 *
 * @param routine the routine id
 * @param trigger what fired it (e.g. {@code session-ended}, {@code api})
 * @param person the person it ran for, or empty
 * @param dryRun true when nothing was sent and the outcomes only say what would have been
 * @param outcomes one per action, in order
 * @param time when it started
 */
public record RoutineRun(
    String routine, String trigger, String person, boolean dryRun, List<ActionOutcome> outcomes, Instant time) {

  /** Checks every component and copies the outcomes. */
  public RoutineRun {
    Checks.notBlank(routine, "routine");
    Checks.notBlank(trigger, "trigger");
    person = person == null ? "" : person;
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    Checks.notNull(time, "time");
  }

  /** True when every action succeeded. */
  public boolean ok() {
    return outcomes.stream().allMatch(ActionOutcome::ok);
  }
}
