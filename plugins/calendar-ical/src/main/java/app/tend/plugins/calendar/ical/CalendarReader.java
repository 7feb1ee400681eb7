package app.tend.plugins.calendar.ical;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Recur;

/**
 * Reads an iCalendar file into the events Tend uses. A bad event is skipped and named (line, UID, why); the
 * rest of the calendar is read. Only a text that holds no calendar at all fails as a whole.
 */
final class CalendarReader {

  private static final Pattern DURATION =
      Pattern.compile("([+-])?P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

  /** What was read. */
  record Calendar(List<IcsEvent> events, List<String> problems, int skipped) {}

  private CalendarReader() {}

  /**
   * Reads a calendar.
   *
   * @param content the bytes, UTF-8 (with or without a byte order mark) or else Latin-1
   * @param floating the zone of floating times
   * @throws IllegalArgumentException when the text holds no VCALENDAR, or is cut short
   */
  static Calendar read(byte[] content, ZoneId floating) {
    Ics.Parsed parsed = Ics.parse(decode(content));
    if (parsed.calendars().isEmpty()) {
      throw new IllegalArgumentException("not an iCalendar file: no BEGIN:VCALENDAR");
    }
    List<String> problems = new ArrayList<>(parsed.problems());
    Map<String, Ics.Component> vtimezones = new LinkedHashMap<>();
    List<Ics.Component> vevents = new ArrayList<>();
    for (Ics.Component calendar : parsed.calendars()) {
      for (Ics.Component component : calendar.children) {
        if (component.name.equals("VTIMEZONE")) {
          try {
            component.property("TZID").ifPresent(tzid -> vtimezones.putIfAbsent(Ics.unescape(tzid.value()).trim(), component));
          } catch (Ics.FormatException e) {
            problems.add("line " + component.line + ": VTIMEZONE skipped: " + e.getMessage());
          }
        } else if (component.name.equals("VEVENT")) {
          vevents.add(component);
        }
      }
    }
    Zones zones = new Zones(vtimezones, floating, problems);
    List<IcsEvent> events = new ArrayList<>();
    int skipped = 0;
    for (Ics.Component vevent : vevents) {
      String uid = vevent.property("UID").map(p -> Ics.unescape(p.value()).trim()).orElse("");
      int[] at = {vevent.line};
      try {
        events.add(event(vevent, uid, zones, at));
      } catch (RuntimeException e) {
        skipped++;
        problems.add("line " + at[0] + ", event " + (uid.isEmpty() ? "without UID" : uid) + ": skipped: " + e.getMessage());
      }
    }
    return new Calendar(List.copyOf(events), List.copyOf(problems), skipped);
  }

  private static String decode(byte[] content) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      text = new String(content, StandardCharsets.ISO_8859_1);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** One event; {@code at} follows the line being read, for the message if it fails. */
  private static IcsEvent event(Ics.Component vevent, String uid, Zones zones, int[] at) {
    Optional<Ics.Line> dtstart = vevent.property("DTSTART");
    Optional<Ics.Line> recurrenceIdLine = vevent.property("RECURRENCE-ID");
    if (dtstart.isEmpty() && recurrenceIdLine.isEmpty()) {
      throw new Ics.FormatException("no DTSTART");
    }
    IcsTime start = dtstart.map(line -> time(line, line.value(), zones, at)).orElse(null);
    IcsTime recurrenceId = recurrenceIdLine.map(line -> time(line, line.value(), zones, at)).orElse(null);
    boolean thisAndFuture = recurrenceIdLine
        .flatMap(line -> line.parameter("RANGE")).filter("THISANDFUTURE"::equalsIgnoreCase).isPresent();

    IcsEvent.Length length = null;
    Optional<Ics.Line> dtend = vevent.property("DTEND");
    Optional<Ics.Line> duration = vevent.property("DURATION");
    IcsTime anchor = start != null ? start : recurrenceId;
    if (dtend.isPresent()) {
      IcsTime end = time(dtend.get(), dtend.get().value(), zones, at);
      Duration exact = Duration.between(anchor.instant(), end.instant());
      // An end before the start (seen from some exporters) is read as an event without length.
      length = new IcsEvent.Length(Period.ZERO, exact.isNegative() ? Duration.ZERO : exact);
    } else if (duration.isPresent()) {
      at[0] = duration.get().number;
      length = duration(duration.get().value());
    } else if (anchor.dateOnly()) {
      length = new IcsEvent.Length(Period.ofDays(1), Duration.ZERO);
    }

    List<Recur<LocalDateTime>> rules = new ArrayList<>();
    for (Ics.Line rrule : vevent.all("RRULE")) {
      at[0] = rrule.number;
      try {
        rules.add(RecurrenceRules.parse(rrule.value(), anchor.rules()));
      } catch (IllegalArgumentException e) {
        throw new Ics.FormatException("RRULE '" + rrule.value() + "' cannot be read: " + e.getMessage());
      }
    }
    List<IcsEvent.RDate> rdates = new ArrayList<>();
    for (Ics.Line rdate : vevent.all("RDATE")) {
      for (String value : Ics.split(rdate.value())) {
        int slash = value.indexOf('/');
        if (slash < 0) {
          rdates.add(new IcsEvent.RDate(time(rdate, value, zones, at), null));
          continue;
        }
        IcsTime from = time(rdate, value.substring(0, slash), zones, at);
        String rest = value.substring(slash + 1);
        java.time.Instant end = rest.toUpperCase(Locale.ROOT).matches("[+-]?P.*")
            ? duration(rest).end(from.local(), from.rules()) : time(rdate, rest, zones, at).instant();
        rdates.add(new IcsEvent.RDate(from, end));
      }
    }
    List<IcsTime> exdates = new ArrayList<>();
    for (Ics.Line exdate : vevent.all("EXDATE")) {
      for (String value : Ics.split(exdate.value())) {
        exdates.add(time(exdate, value, zones, at));
      }
    }
    List<String> categories = new ArrayList<>();
    for (Ics.Line line : vevent.all("CATEGORIES")) {
      Ics.split(line.value()).forEach(c -> categories.add(Ics.unescape(c)));
    }
    String summary = vevent.property("SUMMARY").map(p -> Ics.unescape(p.value()).trim()).orElse("");
    boolean transparent = is(vevent, "TRANSP", "TRANSPARENT");
    boolean cancelled = is(vevent, "STATUS", "CANCELLED");
    return new IcsEvent(uid.isEmpty() ? "line-" + vevent.line : uid, vevent.line, summary, List.copyOf(categories),
        transparent, cancelled, start, length, List.copyOf(rules), List.copyOf(rdates), List.copyOf(exdates),
        recurrenceId, thisAndFuture);
  }

  private static boolean is(Ics.Component vevent, String property, String value) {
    return vevent.property(property).map(p -> p.value().trim()).filter(value::equalsIgnoreCase).isPresent();
  }

  private static IcsTime time(Ics.Line line, String value, Zones zones, int[] at) {
    at[0] = line.number;
    try {
      ZoneRules rules = line.parameter("TZID").map(tzid -> zones.of(tzid.trim(), line.number)).orElse(zones.floating());
      return IcsTime.parse(value, rules);
    } catch (Ics.FormatException e) {
      throw new Ics.FormatException(line.name + " " + e.getMessage());
    }
  }

  /** A DURATION; weeks and days may be mixed (Nextcloud writes P1W6DT15H), which RFC 5545 does not allow. */
  static IcsEvent.Length duration(String value) {
    Matcher m = DURATION.matcher(value.trim().toUpperCase(Locale.ROOT));
    if (!m.matches() || value.trim().length() < 3) {
      throw new Ics.FormatException("DURATION '" + value + "' is not a duration like PT50M");
    }
    int days = 7 * number(m.group(2)) + number(m.group(3));
    Duration time = Duration.ofHours(number(m.group(4))).plusMinutes(number(m.group(5))).plusSeconds(number(m.group(6)));
    if ("-".equals(m.group(1))) {
      throw new Ics.FormatException("DURATION '" + value + "' is negative");
    }
    return new IcsEvent.Length(Period.ofDays(days), time);
  }

  private static int number(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }
}
