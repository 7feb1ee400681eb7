package app.tend.hub.schedule;

import app.tend.api.message.CalendarEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where the schedule gets calendar events: every running {@link app.tend.api.ScheduleSource}. */
@FunctionalInterface
public interface CalendarFeed {

  /** Nothing: no calendars. */
  CalendarFeed NONE = (from, to) -> Map.of();

  /**
   * Asks every calendar for its events in {@code [from, to)}.
   *
   * @return one future per source, keyed by its plugin id; a failed source fails only its own future
   */
  Map<String, Future<List<CalendarEvent>>> events(Instant from, Instant to);
}
