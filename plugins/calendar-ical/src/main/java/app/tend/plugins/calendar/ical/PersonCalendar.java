package app.tend.plugins.calendar.ical;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One person's calendar.
 *
 * @param source an {@code .ics} file path, or an {@code http(s)://} URL
 * @param sessionPattern a regular expression; events whose summary or a category matches it are therapy
 *     sessions, all others are busy time; default {@code (?i)therap} (Therapy, therapist, ...)
 * @param zone the time zone of events with floating times (no TZID); default the machine's
 */
public record PersonCalendar(String source, String sessionPattern, String zone) {

  public PersonCalendar {
    if (source == null || source.isBlank()) {
      throw new InvalidConfigException("source", source, "an .ics file path or an http(s):// URL");
    }
    source = source.trim();
    if (source.matches("(?i)https?:.*")) {
      try {
        URI uri = URI.create(source);
        if (uri.getHost() == null) {
          throw new IllegalArgumentException("no host");
        }
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException("source", source, "an http(s):// URL with a host");
      }
    }
    sessionPattern = ConfigChecks.orDefault(sessionPattern, "(?i)therap");
    try {
      Pattern.compile(sessionPattern);
    } catch (PatternSyntaxException e) {
      throw new InvalidConfigException("sessionPattern", sessionPattern, "a regular expression (" + e.getDescription() + ")");
    }
    zone = ConfigChecks.orDefault(zone, ZoneId.systemDefault().getId());
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new InvalidConfigException("zone", zone, "a time zone id like Europe/Berlin");
    }
  }

  /** True when the source is a URL, not a file. */
  public boolean remote() {
    return source.matches("(?i)https?:.*");
  }

  /** {@link #sessionPattern()} compiled. */
  public Pattern pattern() {
    return Pattern.compile(sessionPattern);
  }

  /** {@link #zone()} as a zone id. */
  public ZoneId zoneId() {
    return ZoneId.of(zone);
  }
}
