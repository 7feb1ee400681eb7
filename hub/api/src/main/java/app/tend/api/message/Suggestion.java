package app.tend.api.message;

import java.time.Instant;
import java.util.List;

/**
 * The coach's offer of one exercise to one person, published on {@code tend.suggestions}.
 *
 * @param id a unique id, used by feedback to refer back
 * @param person who it is for
 * @param exerciseId the exercise from the library
 * @param title the exercise's title, e.g. "Box breathing"
 * @param words what to say or show, e.g. "Your session just ended. Would a short walk help?"
 * @param reason why now and why this exercise, readable by the person
 * @param urgency how pressing it is
 * @param channels the channels to offer it on, in order of preference (e.g. {@code voice}, {@code wrist})
 * @param createdAt when the coach made it
 * @param expiresAt after this it is no longer relevant and must not be offered
 */
public record Suggestion(
    String id,
    String person,
    String exerciseId,
    String title,
    String words,
    String reason,
    Urgency urgency,
    List<String> channels,
    Instant createdAt,
    Instant expiresAt) {

  /** Checks every component and copies the channel list. */
  public Suggestion {
    Checks.notBlank(id, "id");
    Checks.person(person);
    Checks.notBlank(exerciseId, "exerciseId");
    Checks.notBlank(title, "title");
    Checks.notBlank(words, "words");
    Checks.notBlank(reason, "reason");
    Checks.notNull(urgency, "urgency");
    channels = channels == null ? List.of() : List.copyOf(channels);
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("suggestion " + id + " expires before it is made");
    }
  }
}
