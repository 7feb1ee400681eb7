package app.tend.api.message;

import java.time.Instant;

/**
 * A person's schedule state, published on {@code tend.schedule.state} when it changes (and once per
 * person when the schedule service starts).
 *
 * @param person the person
 * @param state the state that applies now
 * @param quietHours true while the person's quiet hours last, whatever the state (no voice then)
 * @param session the session the state is about: the one running, the one just ended (DECOMPRESS) or the
 *     next one (BEFORE_SESSION); null in other states
 * @param until when the state is expected to end, or null when nothing known ends it
 * @param time the instant the status describes
 * @param next the next session starting after {@code time}, whatever the state, or null when none is known
 */
public record ScheduleStatus(
    String person, ScheduleState state, boolean quietHours, Session session, Instant until, Instant time,
    Session next) {

  /** A status that knows no next session. */
  public ScheduleStatus(String person, ScheduleState state, boolean quietHours, Session session, Instant until,
      Instant time) {
    this(person, state, quietHours, session, until, time, null);
  }

  /**
   * A therapy session as the schedule knows it.
   *
   * @param id a stable id (a calendar UID plus occurrence, or one the hub made for a session started by hand)
   * @param summary its title, e.g. "Therapy with Dr. Lee", or empty
   * @param start when it started or starts
   * @param end when it ended or ends
   */
  public record Session(String id, String summary, Instant start, Instant end) {

    /** Checks every component. */
    public Session {
      Checks.notBlank(id, "id");
      summary = summary == null ? "" : summary;
      Checks.notNull(start, "start");
      Checks.notNull(end, "end");
      if (end.isBefore(start)) {
        throw new IllegalArgumentException("session " + id + " ends before it starts");
      }
    }
  }

  /** Checks every component. */
  public ScheduleStatus {
    Checks.person(person);
    Checks.notNull(state, "state");
    Checks.notNull(time, "time");
  }

  /** True when nothing may be offered now, only deferred: in a session or busy. */
  public boolean deferring() {
    return state == ScheduleState.IN_SESSION || state == ScheduleState.BUSY;
  }
}
