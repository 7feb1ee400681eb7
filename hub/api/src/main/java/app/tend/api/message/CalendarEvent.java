package app.tend.api.message;

import java.time.Instant;

/**
 * One occurrence of a calendar event, as a {@link app.tend.api.ScheduleSource} reports it.
 *
 * @param person whose calendar it is
 * @param id a stable id of this occurrence (e.g. the iCalendar UID and the recurrence id)
 * @param summary its title
 * @param start when it starts
 * @param end when it ends, after {@code start}
 * @param kind a therapy session, or something else that makes the person busy
 */
public record CalendarEvent(
    String person, String id, String summary, Instant start, Instant end, Kind kind) {

  /** What the event means to the coach. */
  public enum Kind {
    /** A therapy session: never prompt during it; offer to decompress after it. */
    THERAPY,
    /** Anything else in the calendar: defer prompts until it is over. */
    BUSY
  }

  /** Checks every component and that the event does not end before it starts. */
  public CalendarEvent {
    Checks.person(person);
    Checks.notBlank(id, "id");
    summary = summary == null ? "" : summary;
    Checks.notNull(start, "start");
    Checks.notNull(end, "end");
    Checks.notNull(kind, "kind");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("event " + id + " ends (" + end + ") before it starts (" + start + ")");
    }
  }
}
