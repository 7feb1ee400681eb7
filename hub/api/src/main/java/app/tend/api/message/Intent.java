package app.tend.api.message;

import java.time.Instant;
import java.util.Map;

/**
 * Something a person asked for, by voice, a button or the API, published on {@code tend.intents}.
 *
 * @param person who asked
 * @param kind what they asked for
 * @param slots named values that came with it, e.g. {@code exercise=box-breathing} or {@code rating=4}
 * @param source the plugin id or {@code api} it came through
 * @param siteId where it was said (a speaker's site id), or empty
 * @param time when
 */
public record Intent(
    String person, Kind kind, Map<String, String> slots, String source, String siteId, Instant time) {

  /** The intents the hub understands. */
  public enum Kind {
    /** "Start a grounding exercise", optionally naming one in slot {@code exercise}. */
    START_EXERCISE,
    /** "I feel anxious" / "I'm stressed": the coach picks an exercise. */
    FEELING_STRESSED,
    /** "Yes": accept the offer on the table. */
    ACCEPT,
    /** "No thanks": dismiss the offer on the table. */
    DECLINE,
    /** "Not now": be quiet for slot {@code minutes} (or the default). */
    SNOOZE,
    /** Stop the running exercise. */
    STOP,
    /** Pause the running exercise. */
    PAUSE,
    /** Resume the paused exercise. */
    RESUME,
    /** "My session is starting". */
    SESSION_STARTED,
    /** "I'm back from therapy". */
    SESSION_OVER,
    /** A 0-10 distress rating in slot {@code rating}. */
    RATE_DISTRESS,
    /** "Do not disturb": the coach offers nothing of its own accord until {@link #DO_NOT_DISTURB_OFF}. */
    DO_NOT_DISTURB_ON,
    /** The coach may offer again. */
    DO_NOT_DISTURB_OFF,
    /**
     * Not the person's words but a channel's report: the question it asked (slot {@code prompt}, the prompt's
     * id) got no usable answer and the dialogue is over, so nobody should wait for one. The runner ends a
     * check-in on it without a rating.
     */
    NO_ANSWER
  }

  /** Checks every component and copies the slots. */
  public Intent {
    Checks.person(person);
    Checks.notNull(kind, "kind");
    slots = slots == null ? Map.of() : Map.copyOf(slots);
    Checks.notBlank(source, "source");
    siteId = siteId == null ? "" : siteId;
    Checks.notNull(time, "time");
  }
}
