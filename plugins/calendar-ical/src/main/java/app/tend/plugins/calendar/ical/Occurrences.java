package app.tend.plugins.calendar.ical;

import app.tend.api.message.CalendarEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Recur;

/**
 * Turns a calendar into the occurrences in a window, as RFC 5545 and the big clients mean them: recurring
 * events expanded on their own zone's wall clock (RRULE by ical4j, RDATE also as PERIODs, EXDATE), moved or
 * changed occurrences (RECURRENCE-ID) in place of the ones they replace, RANGE=THISANDFUTURE applied to every
 * later occurrence, cancelled ones left out. A moved occurrence without DTEND or DURATION keeps the series'
 * length (Google writes them so). All-day events are left out: they mark days, not busy hours. Transparent
 * (free) events are left out unless they are sessions.
 */
final class Occurrences {

  /** Most occurrences one rule may give for one window (a FREQ=SECONDLY typo must not eat the heap). */
  private static final int MAX_PER_RULE = 10_000;
  private static final Duration MARGIN = Duration.ofDays(2);

  private final String person;
  private final Pattern sessions;

  Occurrences(String person, Pattern sessions) {
    this.person = person;
    this.sessions = sessions;
  }

  /**
   * Every occurrence overlapping {@code [from, to)}, sorted by start.
   *
   * @param problems told of each series that could not be expanded (it is left out; the rest is not)
   */
  List<CalendarEvent> between(CalendarReader.Calendar calendar, Instant from, Instant to, Consumer<String> problems) {
    Map<String, List<IcsEvent>> byUid = new LinkedHashMap<>();
    for (IcsEvent event : calendar.events()) {
      byUid.computeIfAbsent(event.uid(), u -> new ArrayList<>()).add(event);
    }
    Map<String, CalendarEvent> found = new LinkedHashMap<>();
    byUid.forEach((uid, events) -> {
      List<IcsEvent> masters = events.stream().filter(e -> e.recurrenceId() == null).toList();
      List<IcsEvent> overrides = events.stream().filter(e -> e.recurrenceId() != null).toList();
      IcsEvent.Length seriesLength = masters.stream().map(IcsEvent::length).filter(l -> l != null).findFirst()
          .orElse(IcsEvent.Length.ZERO);
      Set<Instant> replaced = new HashSet<>();
      for (IcsEvent override : overrides) {
        Instant original = override.recurrenceId().instant();
        replaced.add(original);
        IcsTime start = override.start() != null ? override.start() : override.recurrenceId();
        if (override.cancelled() || start.dateOnly()) {
          continue;
        }
        IcsEvent.Length length = override.length() != null ? override.length() : seriesLength;
        add(found, override, uid + "@" + original, start.instant(), length.end(start.local(), start.rules()), from, to);
      }
      List<IcsEvent> futures = overrides.stream().filter(IcsEvent::thisAndFuture)
          .sorted(Comparator.comparing(o -> o.recurrenceId().instant())).toList();
      for (IcsEvent master : masters) {
        if (master.cancelled() || master.start().dateOnly()) {
          continue;
        }
        try {
          expand(found, master, futures, replaced, from, to);
        } catch (RuntimeException e) {
          problems.accept("line " + master.line() + ", event " + uid + ": left out, its occurrences cannot be worked out: "
              + e.getMessage());
        }
      }
    });
    List<CalendarEvent> sorted = new ArrayList<>(found.values());
    sorted.sort(Comparator.comparing(CalendarEvent::start).thenComparing(CalendarEvent::id));
    return sorted;
  }

  private void expand(Map<String, CalendarEvent> found, IcsEvent master, List<IcsEvent> futures, Set<Instant> replaced,
      Instant from, Instant to) {
    ZoneRules rules = master.start().rules();
    LocalDateTime seed = master.start().local();
    IcsEvent.Length length = master.length() != null ? master.length() : IcsEvent.Length.ZERO;
    Duration shift = Duration.ZERO;
    for (IcsEvent future : futures) {
      Duration delta = delta(future, rules).abs();
      shift = delta.compareTo(shift) > 0 ? delta : shift;
    }
    LocalDateTime windowStart = IcsTime.local(from.minus(length.longest()).minus(shift).minus(MARGIN), rules);
    LocalDateTime windowEnd = IcsTime.local(to.plus(shift).plus(MARGIN), rules);

    // Each start on the wall clock, with its own end when an RDATE is a PERIOD.
    TreeMap<LocalDateTime, Instant> starts = new TreeMap<>();
    if (!seed.isBefore(windowStart) && seed.isBefore(windowEnd)) {
      starts.put(seed, null);
    }
    for (Recur<LocalDateTime> rule : master.rules()) {
      for (LocalDateTime start : rule.getDates(seed, windowStart, windowEnd, MAX_PER_RULE)) {
        starts.putIfAbsent(start, null);
      }
    }
    for (IcsEvent.RDate rdate : master.rdates()) {
      LocalDateTime start = rdate.start().dateOnly() ? rdate.start().local().toLocalDate().atTime(seed.toLocalTime())
          : rdate.start().localIn(rules);
      if (!start.isBefore(windowStart) && start.isBefore(windowEnd)) {
        starts.put(start, rdate.end());
      }
    }
    Set<Instant> excluded = new HashSet<>();
    Set<LocalDate> excludedDays = new HashSet<>();
    for (IcsTime exdate : master.exdates()) {
      if (exdate.dateOnly()) {
        excludedDays.add(exdate.local().toLocalDate());
      } else {
        excluded.add(exdate.instant());
      }
    }
    starts.forEach((local, explicitEnd) -> {
      Instant original = IcsTime.instant(local, rules);
      if (excluded.contains(original) || excludedDays.contains(local.toLocalDate()) || replaced.contains(original)) {
        return;
      }
      IcsEvent source = master;
      LocalDateTime start = local;
      IcsEvent.Length occurrenceLength = length;
      Instant end = explicitEnd;
      IcsEvent future = latestBefore(futures, original);
      if (future != null) {
        if (future.cancelled()) {
          return;
        }
        source = future;
        start = local.plus(delta(future, rules));
        occurrenceLength = future.length() != null ? future.length() : length;
        end = null;
      }
      Instant startInstant = IcsTime.instant(start, rules);
      add(found, source, master.uid() + "@" + original, startInstant,
          end != null ? end : occurrenceLength.end(start, rules), from, to);
    });
  }

  /** How far a THISANDFUTURE override moves its occurrences, on the series' wall clock. */
  private static Duration delta(IcsEvent future, ZoneRules rules) {
    IcsTime moved = future.start() != null ? future.start() : future.recurrenceId();
    return Duration.between(future.recurrenceId().localIn(rules), moved.localIn(rules));
  }

  private static IcsEvent latestBefore(List<IcsEvent> futures, Instant original) {
    IcsEvent latest = null;
    for (IcsEvent future : futures) {
      if (future.recurrenceId().instant().isBefore(original)) {
        latest = future;
      }
    }
    return latest;
  }

  private void add(Map<String, CalendarEvent> found, IcsEvent event, String id, Instant start, Instant end,
      Instant from, Instant to) {
    Instant last = end.isBefore(start) ? start : end;
    if (!start.isBefore(to) || !(last.isAfter(from) || (last.equals(start) && !start.isBefore(from)))) {
      return;
    }
    boolean session = sessions.matcher(event.summary()).find()
        || event.categories().stream().anyMatch(category -> sessions.matcher(category).find());
    if (!session && event.transparent()) {
      return;
    }
    found.putIfAbsent(id, new CalendarEvent(person, id, event.summary(), start, last,
        session ? CalendarEvent.Kind.THERAPY : CalendarEvent.Kind.BUSY));
  }
}
