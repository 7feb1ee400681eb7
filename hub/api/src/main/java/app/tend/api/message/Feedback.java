package app.tend.api.message;

import java.time.Instant;

/**
 * What a person did with a suggestion or an exercise, published on {@code tend.feedback}.
 *
 * @param person who
 * @param suggestionId the suggestion it answers, or empty when the person started an exercise themselves
 * @param exerciseId the exercise, or empty when it is about an offer that named none
 * @param kind what happened
 * @param distress the person's own rating of their distress, 0 (calm) to 10 (worst), or null
 * @param snoozeMinutes for {@link Kind#SNOOZED}: how long to stay quiet, else null
 * @param channel the channel it came through ({@code api}, {@code voice}, ...)
 * @param time when
 */
public record Feedback(
    String person,
    String suggestionId,
    String exerciseId,
    Kind kind,
    Integer distress,
    Integer snoozeMinutes,
    String channel,
    Instant time) {

  /** What the person did. */
  public enum Kind {
    /** Said yes to an offer. */
    ACCEPTED,
    /** "Not now": asked to be left alone for {@code snoozeMinutes}. */
    SNOOZED,
    /** Said no to this offer. */
    DISMISSED,
    /** Began the exercise. */
    STARTED,
    /** Finished the exercise. */
    COMPLETED,
    /** Stopped the exercise before its end. */
    ABANDONED,
    /** Gave a 0-10 distress rating ({@code distress}). */
    RATED
  }

  /** Checks every component. */
  public Feedback {
    Checks.person(person);
    suggestionId = suggestionId == null ? "" : suggestionId;
    exerciseId = exerciseId == null ? "" : exerciseId;
    Checks.notNull(kind, "kind");
    Checks.rating(distress, "distress");
    if (kind == Kind.RATED && distress == null) {
      throw new IllegalArgumentException("a RATED feedback needs a distress rating");
    }
    if (snoozeMinutes != null && (snoozeMinutes < 1 || snoozeMinutes > 24 * 60)) {
      throw new IllegalArgumentException("snoozeMinutes must be between 1 and 1440, got " + snoozeMinutes);
    }
    Checks.notBlank(channel, "channel");
    Checks.notNull(time, "time");
  }
}
