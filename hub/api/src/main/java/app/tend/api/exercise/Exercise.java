package app.tend.api.exercise;

import app.tend.api.InvalidConfigException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One exercise of the library.
 *
 * @param id a stable id, {@code [a-z0-9-]{1,64}}, e.g. {@code box-breathing}
 * @param title a short title, e.g. "Box breathing"
 * @param kind what sort of practice it is
 * @param durationSeconds how long it takes in all; default the sum of its steps, never less
 * @param offer the words that offer it, e.g. "Would a minute of box breathing help?"
 * @param why one sentence on why it helps, e.g. "Slow, even breaths tell your body it is safe to settle."
 * @param steps the steps, in order; at least one
 * @param needs what it needs (voice, outdoors, daylight, privacy); default nothing
 * @param fits when it fits; default {@link Fit#defaults()}
 * @param prior the library's expectation of its effect; default {@link Prior#defaults()}
 */
public record Exercise(
    String id,
    String title,
    ExerciseKind kind,
    Integer durationSeconds,
    String offer,
    String why,
    List<Step> steps,
    Set<Need> needs,
    Fit fits,
    Prior prior) {

  /** Exercise ids: lower-case letters, digits and dashes. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** Checks every component and applies the defaults. */
  public Exercise {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidConfigException("id", id, "an id of lower-case letters, digits and dashes, e.g. box-breathing");
    }
    if (title == null || title.isBlank()) {
      throw new InvalidConfigException("title", title, "a short title, e.g. Box breathing");
    }
    if (kind == null) {
      throw new InvalidConfigException("kind", null, "one of " + List.of(ExerciseKind.values()));
    }
    if (offer == null || offer.isBlank()) {
      throw new InvalidConfigException("offer", offer, "the words that offer it, e.g. Would a minute of box breathing help?");
    }
    if (why == null || why.isBlank()) {
      throw new InvalidConfigException("why", why, "one sentence on why it helps");
    }
    if (steps == null || steps.isEmpty()) {
      throw new InvalidConfigException("steps", steps == null ? null : "[]", "at least one step with say and seconds");
    }
    steps = List.copyOf(steps);
    int total = steps.stream().mapToInt(Step::seconds).sum();
    if (durationSeconds == null) {
      durationSeconds = total;
    } else if (durationSeconds < total || durationSeconds > 4 * 3600) {
      throw new InvalidConfigException("durationSeconds", durationSeconds,
          "at least the steps' total of " + total + " seconds and at most 14400");
    }
    if (durationSeconds < 1) {
      throw new InvalidConfigException("durationSeconds", durationSeconds, "at least 1 second in all");
    }
    needs = needs == null ? Set.of() : Set.copyOf(needs);
    fits = fits == null ? Fit.defaults() : fits;
    prior = prior == null ? Prior.defaults() : prior;
  }

  /** The duration in whole minutes, at least 1, for the words ("a 3-minute exercise"). */
  public int minutes() {
    return Math.max(1, (int) Math.round(durationSeconds / 60.0));
  }
}
