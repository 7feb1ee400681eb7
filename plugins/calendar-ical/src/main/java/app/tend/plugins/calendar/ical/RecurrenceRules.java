package app.tend.plugins.calendar.ical;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.model.Recur;

/**
 * RRULE values for ical4j's {@link Recur}, expanded on the wall clock of the event's zone. ical4j needs UNTIL
 * of the same kind as the start, so a UTC UNTIL (RFC 5545 requires one with a TZID start) is moved onto that
 * wall clock, and a date UNTIL with a date-time start means the end of that day.
 */
final class RecurrenceRules {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);

  private RecurrenceRules() {}

  /**
   * One rule, to expand from a start on the wall clock of {@code rules}.
   *
   * @throws IllegalArgumentException when ical4j cannot read it
   */
  static Recur<LocalDateTime> parse(String value, ZoneRules rules) {
    List<String> parts = new ArrayList<>();
    // Exchange folds BYDAY lists after the comma and some re-exports keep the space.
    for (String part : value.replaceAll("\\s", "").split(";")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.toUpperCase(Locale.ROOT).startsWith("UNTIL=")) {
        String until = part.substring("UNTIL=".length());
        IcsTime time = IcsTime.parse(until, rules);
        LocalDateTime local = time.dateOnly() ? time.local().toLocalDate().atTime(23, 59, 59) : time.localIn(rules);
        part = "UNTIL=" + LOCAL.format(local);
      }
      parts.add(part);
    }
    return new Recur<>(String.join(";", parts));
  }
}
