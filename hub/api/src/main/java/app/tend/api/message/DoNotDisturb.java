package app.tend.api.message;

import java.time.Instant;

/**
 * Whether the coach stays quiet for a person, published on {@code tend.suggestions.do-not-disturb}.
 *
 * <p>While it is on, the coach offers nothing of its own accord (no stress prompts, no decompress or
 * practice offers); what the person asks for ("I feel stressed") is still answered.
 *
 * @param person the person
 * @param on true while do-not-disturb is on
 * @param source where the change came from (a plugin id, {@code api} or {@code voice}; {@code coach} for the
 *     setting kept from before a restart)
 * @param time when it was set
 */
public record DoNotDisturb(String person, boolean on, String source, Instant time) {

  /** Checks every component. */
  public DoNotDisturb {
    Checks.person(person);
    Checks.notBlank(source, "source");
    Checks.notNull(time, "time");
  }
}
