package app.tend.plugins.calendar.ical;

import app.tend.api.message.CalendarEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads test calendars from this package's resources and expands them as the plugin does. */
final class Fixtures {

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CalendarReader.Calendar read(String name, String floatingZone) {
    return CalendarReader.read(bytes(name), ZoneId.of(floatingZone));
  }

  static CalendarReader.Calendar text(String text) {
    return CalendarReader.read(text.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Berlin"));
  }

  /** The occurrences in a window; fails the test if a series could not be expanded. */
  static List<CalendarEvent> between(CalendarReader.Calendar calendar, String from, String to) {
    List<String> problems = new ArrayList<>();
    List<CalendarEvent> events = new Occurrences("alex", Pattern.compile("(?i)therap"))
        .between(calendar, Instant.parse(from), Instant.parse(to), problems::add);
    if (!problems.isEmpty()) {
      throw new AssertionError("expansion problems: " + problems);
    }
    return events;
  }
}
