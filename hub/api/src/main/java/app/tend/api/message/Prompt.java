package app.tend.api.message;

/**
 * Something a {@link app.tend.api.PromptChannel} should say, show or buzz now.
 *
 * <p>An exercise is guided as a series of prompts: one {@link Kind#STEP} per step, each to be held for
 * {@code stepSeconds} after it has been said, then a {@link Kind#CHECK_IN} asking for a 0-10 rating.
 *
 * @param id a unique id of this prompt
 * @param person who it is for
 * @param channel the channel it is meant for
 * @param kind what kind of prompt it is
 * @param suggestionId the suggestion it belongs to, or empty
 * @param exerciseId the exercise it belongs to, or empty
 * @param title a short title (for a watch face or a notification)
 * @param text the words to say or show
 * @param step the 1-based step number for {@link Kind#STEP}, else 0
 * @param steps the number of steps of the exercise, else 0
 * @param stepSeconds how long the step lasts after it has been said (a pause to breathe), else 0
 */
public record Prompt(
    String id,
    String person,
    String channel,
    Kind kind,
    String suggestionId,
    String exerciseId,
    String title,
    String text,
    int step,
    int steps,
    int stepSeconds) {

  /** What a prompt asks of the channel. */
  public enum Kind {
    /** Offer a suggestion; the person may accept, snooze or dismiss it. */
    OFFER,
    /** One step of a guided exercise. */
    STEP,
    /** Ask how the person feels now, 0 (calm) to 10 (worst). */
    CHECK_IN,
    /** Say something that needs no answer ("an exercise is already running"). */
    NOTICE
  }

  /** Checks every component. */
  public Prompt {
    Checks.notBlank(id, "id");
    Checks.person(person);
    Checks.notBlank(channel, "channel");
    Checks.notNull(kind, "kind");
    suggestionId = suggestionId == null ? "" : suggestionId;
    exerciseId = exerciseId == null ? "" : exerciseId;
    title = title == null ? "" : title;
    Checks.notBlank(text, "text");
    if (step < 0 || steps < 0 || step > steps || stepSeconds < 0) {
      throw new IllegalArgumentException(
          "step " + step + " of " + steps + " lasting " + stepSeconds + " s is not a valid step");
    }
  }
}
