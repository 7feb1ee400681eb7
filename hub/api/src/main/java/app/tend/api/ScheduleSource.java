package app.tend.api;

import app.tend.api.message.CalendarEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * A calendar: tells the hub when therapy sessions and other busy times are.
 *
 * <p>The schedule service asks for the events of a window and merges the answers of every source.
 */
public interface ScheduleSource extends TendExtension {

  /** Every event occurrence that overlaps {@code [from, to)}, recurring ones expanded. */
  Future<List<CalendarEvent>> events(Instant from, Instant to);
}
