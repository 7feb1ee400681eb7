package app.tend.hub.config;

import app.tend.api.DailyWindow;
import app.tend.api.InvalidConfigException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a person (or their therapist) chose to practise between sessions, and when to be reminded.
 *
 * @param exercises exercise ids to practise, from the catalogue; the coach rotates through them
 * @param times local times of day for a reminder, {@code HH:mm}
 * @param days the days of the week reminders come on; default every day
 */
public record PracticeConfig(List<String> exercises, List<String> times, Set<DayOfWeek> days) {

  public PracticeConfig {
    exercises = exercises == null ? List.of() : List.copyOf(exercises);
    times = times == null ? List.of() : List.copyOf(times);
    for (int i = 0; i < times.size(); i++) {
      DailyWindow.parseTime("times[" + i + "]", times.get(i));
    }
    if (!times.isEmpty() && exercises.isEmpty()) {
      throw new InvalidConfigException("exercises", "[]", "at least one exercise id to practise when times are set");
    }
    days = days == null || days.isEmpty() ? Set.copyOf(EnumSet.allOf(DayOfWeek.class)) : Set.copyOf(days);
  }

  /** No practice plan. */
  public static PracticeConfig none() {
    return new PracticeConfig(null, null, null);
  }

  /** {@link #times()} as local times, sorted. */
  public List<LocalTime> localTimes() {
    return times.stream().map(t -> DailyWindow.parseTime("times", t)).sorted().toList();
  }
}
