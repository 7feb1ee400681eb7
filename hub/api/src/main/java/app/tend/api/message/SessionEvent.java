package app.tend.api.message;

import java.time.Instant;

/**
 * A therapy session started or ended, published on {@code tend.schedule.sessions}.
 *
 * @param person the person in therapy
 * @param sessionId a stable id of the session (a calendar UID plus occurrence, or one the hub made)
 * @param type whether it started or ended
 * @param time when it did
 * @param summary the session's title, e.g. "Therapy with Dr. Lee"
 * @param source where the event came from: a plugin id, {@code api} or {@code voice}
 */
public record SessionEvent(
    String person, String sessionId, Type type, Instant time, String summary, String source) {

  /** What happened to the session. */
  public enum Type {
    /** The session began. */
    STARTED,
    /** The session is over; the decompress window begins. */
    ENDED
  }

  /** Checks every component. */
  public SessionEvent {
    Checks.person(person);
    Checks.notBlank(sessionId, "sessionId");
    Checks.notNull(type, "type");
    Checks.notNull(time, "time");
    summary = summary == null ? "" : summary;
    Checks.notBlank(source, "source");
  }
}
