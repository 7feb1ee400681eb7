package app.tend.hub.config;

import app.tend.api.DailyWindow;
import app.tend.api.InvalidConfigException;
import java.util.List;
import java.util.Optional;

/**
 * One home routine, {@code routines.<id>}: what starts it, when it may run, and what it does.
 *
 * @param trigger what starts it: a {@link RoutineTrigger} name such as {@code session-ended}
 * @param conditions when it may run; left out, always
 * @param actions what it does, each sent to the {@code RoutineTarget} of its type; at least one
 */
public record RoutineConfig(String trigger, Conditions conditions, List<RoutineActionConfig> actions) {

  public RoutineConfig {
    RoutineTrigger.parse("trigger", trigger);
    conditions = conditions == null ? Conditions.NONE : conditions;
    if (actions == null || actions.isEmpty()) {
      throw new InvalidConfigException("actions", actions == null ? null : "[]", "a list of at least one action");
    }
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) == null) {
        throw new InvalidConfigException("actions[" + i + "]", null, "an action with a target and params");
      }
    }
    actions = List.copyOf(actions);
  }

  /** {@link #trigger()} as the enum. */
  public RoutineTrigger triggerKind() {
    return RoutineTrigger.parse("trigger", trigger);
  }

  /**
   * When a routine may run; every condition given must hold.
   *
   * @param persons only for these persons; empty, for everyone
   * @param hours only in this local window of the person's time zone, {@code HH:mm-HH:mm} (may span midnight); empty, all day
   */
  public record Conditions(List<String> persons, String hours) {

    /** No conditions. */
    public static final Conditions NONE = new Conditions(null, null);

    public Conditions {
      persons = persons == null ? List.of() : List.copyOf(persons);
      for (int i = 0; i < persons.size(); i++) {
        String person = persons.get(i);
        if (person == null || !person.matches("[a-z0-9_-]{1,64}")) {
          throw new InvalidConfigException("persons[" + i + "]", person, "a person id of lower-case letters, digits, _ and -");
        }
      }
      hours = hours == null ? "" : hours.trim();
      if (!hours.isEmpty()) {
        DailyWindow.parse("hours", hours);
      }
    }

    /** {@link #hours()} as a window, or empty for all day. */
    public Optional<DailyWindow> window() {
      return hours.isEmpty() ? Optional.empty() : Optional.of(DailyWindow.parse("hours", hours));
    }
  }
}
