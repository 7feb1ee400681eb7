package app.tend.plugins.calendar.ical;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DATE or DATE-TIME value: the wall-clock time as written and the rules of the zone it is read in (its
 * TZID's, UTC for a trailing Z, the configured zone for a floating time).
 *
 * @param local the time as written; midnight for a date
 * @param dateOnly true for a DATE (an all-day value)
 * @param rules the zone's rules
 */
record IcsTime(LocalDateTime local, boolean dateOnly, ZoneRules rules) {

  private static final Pattern DATE_TIME = Pattern.compile("(\\d{8})(?:T(\\d{4}|\\d{6}))?([Zz])?");
  static final ZoneRules UTC = ZoneOffset.UTC.getRules();

  /**
   * Reads a value; {@code zone} is used unless the value ends in Z.
   *
   * @throws Ics.FormatException when it is not a DATE or DATE-TIME
   */
  static IcsTime parse(String value, ZoneRules zone) {
    Matcher m = DATE_TIME.matcher(value.trim());
    if (!m.matches()) {
      throw new Ics.FormatException("'" + value + "' is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)");
    }
    try {
      LocalDate date = LocalDate.of(Integer.parseInt(m.group(1).substring(0, 4)),
          Integer.parseInt(m.group(1).substring(4, 6)), Integer.parseInt(m.group(1).substring(6, 8)));
      if (m.group(2) == null) {
        return new IcsTime(date.atStartOfDay(), true, zone);
      }
      String time = m.group(2);
      LocalDateTime local = date.atTime(Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
          time.length() == 6 ? Math.min(59, Integer.parseInt(time.substring(4, 6))) : 0);
      return new IcsTime(local, false, m.group(3) != null ? UTC : zone);
    } catch (java.time.DateTimeException | NumberFormatException e) {
      throw new Ics.FormatException("'" + value + "' is not a valid date or time: " + e.getMessage());
    }
  }

  /** The instant. */
  Instant instant() {
    return instant(local, rules);
  }

  /** The same instant on the wall clock of other rules; a date stays as it is. */
  LocalDateTime localIn(ZoneRules other) {
    if (dateOnly || other.equals(rules)) {
      return local;
    }
    return local(instant(), other);
  }

  /**
   * The instant of a wall-clock time. RFC 5545 (3.3.5): a time in a gap (clocks going forward) is read with the
   * offset before the gap, and a time that occurs twice (clocks going back) is the first of the two.
   */
  static Instant instant(LocalDateTime local, ZoneRules rules) {
    List<ZoneOffset> valid = rules.getValidOffsets(local);
    if (valid.size() == 1) {
      return local.toInstant(valid.get(0));
    }
    ZoneOffsetTransition transition = rules.getTransition(local);
    return local.toInstant(transition.getOffsetBefore());
  }

  /** The wall-clock time of an instant under some rules. */
  static LocalDateTime local(Instant instant, ZoneRules rules) {
    return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), rules.getOffset(instant));
  }
}
