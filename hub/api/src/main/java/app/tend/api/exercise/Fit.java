package app.tend.api.exercise;

import app.tend.api.DailyWindow;
import app.tend.api.InvalidConfigException;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.StressLevel;
import java.util.EnumSet;
import java.util.Set;

/**
 * When an exercise fits: the stress levels, schedule states and time of day it suits.
 *
 * @param levels the stress levels it suits; default ELEVATED and HIGH
 * @param states the schedule states it suits; default every state but IN_SESSION and BUSY
 * @param hours the local times of day it suits, {@code HH:mm-HH:mm}; default all day
 */
public record Fit(Set<StressLevel> levels, Set<ScheduleState> states, String hours) {

  /** Applies the defaults and checks the hours. */
  public Fit {
    levels = levels == null || levels.isEmpty()
        ? Set.copyOf(EnumSet.of(StressLevel.ELEVATED, StressLevel.HIGH)) : Set.copyOf(levels);
    if (levels.contains(StressLevel.UNKNOWN)) {
      throw new InvalidConfigException("levels", "UNKNOWN", "levels the coach prompts for: CALM, ELEVATED, HIGH or ACTIVE");
    }
    states = states == null || states.isEmpty()
        ? Set.copyOf(EnumSet.complementOf(EnumSet.of(ScheduleState.IN_SESSION, ScheduleState.BUSY)))
        : Set.copyOf(states);
    hours = hours == null || hours.isBlank() ? DailyWindow.ALL_DAY.toString() : hours.trim();
    DailyWindow.parse("hours", hours);
  }

  /** Every default: ELEVATED and HIGH, all states but in session and busy, all day. */
  public static Fit defaults() {
    return new Fit(null, null, null);
  }

  /** {@link #hours()} as a window. */
  public DailyWindow window() {
    return DailyWindow.parse("hours", hours);
  }
}
