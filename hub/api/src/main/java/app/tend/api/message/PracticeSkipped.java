package app.tend.api.message;

import java.time.Instant;
import java.time.LocalTime;

/**
 * A practice reminder the coach did not make, and why, published on {@code tend.suggestions.practice-skipped}
 * once per reminder time, so a person can see that Tend did not forget them.
 *
 * @param person the person
 * @param slot the reminder's local time of day, as configured
 * @param reason why it was not made
 * @param time when the coach decided so
 */
public record PracticeSkipped(String person, LocalTime slot, Reason reason, Instant time) {

  /** Why a practice reminder was not made. */
  public enum Reason {
    /** The person already practised today. */
    ALREADY_PRACTISED,
    /** Its time passed more than the coach's window ago (the hub was off, or the person busy or in quiet hours). */
    MISSED
  }

  /** Checks every component. */
  public PracticeSkipped {
    Checks.person(person);
    Checks.notNull(slot, "slot");
    Checks.notNull(reason, "reason");
    Checks.notNull(time, "time");
  }

  /** In words, for a page or a log. */
  public String words() {
    return switch (reason) {
      case ALREADY_PRACTISED -> "Already practised today: the " + slot + " practice reminder was not needed.";
      case MISSED -> "The " + slot + " practice reminder was not made in time and was let go.";
    };
  }
}
