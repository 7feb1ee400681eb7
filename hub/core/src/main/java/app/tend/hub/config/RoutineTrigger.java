package app.tend.hub.config;

import app.tend.api.InvalidConfigException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What starts a home routine; written in tend.yaml by its {@link #wireName()}, e.g. {@code session-ended}. */
public enum RoutineTrigger {
  /** A therapy session ended (from a calendar or said by the person). */
  SESSION_ENDED("session-ended"),
  /** The decompress window after a session is over. */
  DECOMPRESS_OVER("decompress-over"),
  /** The person's stress became high (a HIGH state the coach would trust, after one that was not HIGH). */
  STRESS_HIGH("stress-high"),
  /** The person started an exercise. */
  EXERCISE_STARTED("exercise-started"),
  /** The person finished an exercise. */
  EXERCISE_COMPLETED("exercise-completed"),
  /** The person's quiet hours began. */
  QUIET_HOURS_START("quiet-hours-start"),
  /** The person's quiet hours ended. */
  QUIET_HOURS_END("quiet-hours-end");

  private final String wireName;

  RoutineTrigger(String wireName) {
    this.wireName = wireName;
  }

  /** The name in tend.yaml, in recorded runs and in the API. */
  public String wireName() {
    return wireName;
  }

  /**
   * The trigger with this name.
   *
   * @throws InvalidConfigException naming {@code key} and listing the triggers when there is none
   */
  public static RoutineTrigger parse(String key, String name) {
    for (RoutineTrigger trigger : values()) {
      if (trigger.wireName.equals(name)) {
        return trigger;
      }
    }
    throw new InvalidConfigException(key, name, "one of "
        + Arrays.stream(values()).map(RoutineTrigger::wireName).collect(Collectors.joining(", ")));
  }
}
