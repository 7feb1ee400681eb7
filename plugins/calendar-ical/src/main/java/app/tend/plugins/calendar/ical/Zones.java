package app.tend.plugins.calendar.ical;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Recur;

/**
 * The zone a TZID means in one calendar. A TZID that names an IANA zone (also behind a prefix, as in
 * {@code /mozilla.org/20050126_1/America/New_York} or {@code posix/Europe/Vaduz}) or a Windows zone
 * ({@code Pacific Standard Time}, by Unicode CLDR) is that zone, kept up to date by the JDK's time zone data;
 * only other TZIDs are read from the calendar's own VTIMEZONE, which exporters often get wrong for the years
 * ahead (Windows Live, Outlook 12, Apple iCal's lists of past observances).
 */
final class Zones {

  /** How far ahead VTIMEZONE rules are expanded; later times keep the last offset. */
  private static final LocalDateTime RULES_END = LocalDateTime.of(2200, 1, 1, 0, 0);
  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2})(\\d{2})(\\d{2})?");

  private final Map<String, Ics.Component> vtimezones;
  private final ZoneId floatingZone;
  private final ZoneRules floating;
  private final List<String> problems;
  private final Map<String, ZoneRules> resolved = new HashMap<>();

  /**
   * @param vtimezones the calendar's VTIMEZONE components by TZID
   * @param floating the zone of floating times, and of TZIDs that cannot be resolved
   * @param problems where to note TZIDs that cannot be resolved
   */
  Zones(Map<String, Ics.Component> vtimezones, ZoneId floating, List<String> problems) {
    this.vtimezones = vtimezones;
    this.floatingZone = floating;
    this.floating = floating.getRules();
    this.problems = problems;
  }

  /** The rules of floating times. */
  ZoneRules floating() {
    return floating;
  }

  /** The rules a TZID stands for; the floating zone, with a problem noted once, when it stands for nothing. */
  ZoneRules of(String tzid, int line) {
    return resolved.computeIfAbsent(tzid, id -> {
      Optional<ZoneId> named = named(id);
      if (named.isPresent()) {
        return named.get().getRules();
      }
      Ics.Component vtimezone = vtimezones.get(id);
      if (vtimezone == null) {
        problems.add("line " + line + ": TZID '" + id + "' is neither a known zone nor defined in the calendar;"
            + " read in " + floatingZone + " instead");
        return floating;
      }
      try {
        return rules(vtimezone);
      } catch (RuntimeException e) {
        problems.add("line " + vtimezone.line + ": VTIMEZONE '" + id + "' cannot be read (" + e.getMessage()
            + "); read in " + floatingZone + " instead");
        return floating;
      }
    });
  }

  /** The IANA zone a TZID names, directly, behind a prefix, or as a Windows zone name. */
  static Optional<ZoneId> named(String tzid) {
    String id = tzid.trim();
    Optional<ZoneId> zone = region(id);
    for (int slash = id.indexOf('/'); zone.isEmpty() && slash >= 0; slash = id.indexOf('/', slash + 1)) {
      String rest = id.substring(slash + 1);
      if (rest.contains("/")) {
        zone = region(rest);
      }
    }
    return zone.isPresent() ? zone : WindowsZones.iana(id).flatMap(Zones::region);
  }

  private static Optional<ZoneId> region(String id) {
    if (id.isEmpty() || id.startsWith("+") || id.startsWith("-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(id));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** One onset of an observance: from this instant on, the offset is {@code to}. */
  private record Onset(Instant at, ZoneOffset to) {}

  /**
   * A VTIMEZONE as java.time rules: every onset of every STANDARD and DAYLIGHT observance (its DTSTART, RDATEs
   * and RRULE, on the wall clock of its TZOFFSETFROM) in time order, whatever the order or number of observances.
   */
  static ZoneRules rules(Ics.Component vtimezone) {
    List<Onset> onsets = new ArrayList<>();
    ZoneOffset first = null;
    Instant firstAt = null;
    for (Ics.Component observance : vtimezone.children) {
      if (!observance.name.equals("STANDARD") && !observance.name.equals("DAYLIGHT")) {
        continue;
      }
      ZoneOffset from = offset(observance, "TZOFFSETFROM");
      ZoneOffset to = offset(observance, "TZOFFSETTO");
      ZoneRules fromRules = from.getRules();
      LocalDateTime start = IcsTime.parse(require(observance, "DTSTART").value(), fromRules).local();
      List<LocalDateTime> locals = new ArrayList<>();
      locals.add(start);
      for (Ics.Line rdate : observance.all("RDATE")) {
        for (String value : Ics.split(rdate.value())) {
          locals.add(IcsTime.parse(value.contains("/") ? value.substring(0, value.indexOf('/')) : value, fromRules).local());
        }
      }
      for (Ics.Line rrule : observance.all("RRULE")) {
        Recur<LocalDateTime> recur = RecurrenceRules.parse(rrule.value(), fromRules);
        locals.addAll(recur.getDates(start, start, RULES_END));
      }
      for (LocalDateTime local : locals) {
        Instant at = local.toInstant(from);
        onsets.add(new Onset(at, to));
        if (firstAt == null || at.isBefore(firstAt)) {
          firstAt = at;
          first = from;
        }
      }
    }
    if (first == null) {
      throw new Ics.FormatException("no STANDARD or DAYLIGHT observance");
    }
    onsets.sort(Comparator.comparing(Onset::at));
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    ZoneOffset current = first;
    for (Onset onset : onsets) {
      if (!onset.to().equals(current)) {
        transitions.add(ZoneOffsetTransition.of(IcsTime.local(onset.at(), current.getRules()), current, onset.to()));
        current = onset.to();
      }
    }
    return ZoneRules.of(first, first, List.of(), transitions, List.of());
  }

  private static Ics.Line require(Ics.Component component, String name) {
    return component.property(name)
        .orElseThrow(() -> new Ics.FormatException(component.name + " at line " + component.line + " has no " + name));
  }

  private static ZoneOffset offset(Ics.Component observance, String name) {
    String value = require(observance, name).value().trim();
    Matcher m = OFFSET.matcher(value);
    if (!m.matches()) {
      throw new Ics.FormatException(name + " '" + value + "' is not an offset like +0100");
    }
    int sign = m.group(1).equals("-") ? -1 : 1;
    return ZoneOffset.ofHoursMinutesSeconds(sign * Integer.parseInt(m.group(2)), sign * Integer.parseInt(m.group(3)),
        m.group(4) == null ? 0 : sign * Integer.parseInt(m.group(4)));
  }
}
