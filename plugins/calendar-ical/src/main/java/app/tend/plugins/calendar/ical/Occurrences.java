package app.tend.plugins.calendar.ical;

import app.tend.api.message.CalendarEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * Turns an iCalendar into the occurrences in a window: recurring events expanded (RRULE, RDATE, EXDATE,
 * by ical4j), moved or changed occurrences (RECURRENCE-ID) put in place of the ones they replace,
 * cancelled ones left out, times in their own time zones. All-day events are left out: they mark days,
 * not busy hours. Transparent (free) events are left out unless they are sessions.
 */
final class Occurrences {

  private final String person;
  private final Pattern sessions;
  private final ZoneId floating;

  Occurrences(String person, Pattern sessions, ZoneId floating) {
    this.person = person;
    this.sessions = sessions;
    this.floating = floating;
  }

  /** Every occurrence overlapping {@code [from, to)}, sorted by start. */
  List<CalendarEvent> between(Calendar calendar, Instant from, Instant to) {
    Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
    for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
      String uid = event.getUid().map(Property::getValue).orElse("no-uid-" + byUid.size());
      byUid.computeIfAbsent(uid, u -> new ArrayList<>()).add(event);
    }
    List<CalendarEvent> found = new ArrayList<>();
    byUid.forEach((uid, events) -> {
      Set<Instant> replaced = new HashSet<>();
      for (VEvent override : events) {
        Optional<Instant> recurrenceId = override.getProperty(Property.RECURRENCE_ID).map(p -> instant(((DateProperty<?>) p).getDate()));
        if (recurrenceId.isEmpty()) {
          continue;
        }
        replaced.add(recurrenceId.get());
        Optional<Instant> start = override.getDateTimeStart() == null ? Optional.empty()
            : Optional.ofNullable(instant(override.getDateTimeStart().getDate()));
        Optional<Instant> end = override.getEndDate(true).map(e -> instant(e.getDate()));
        if (start.isPresent() && end.isPresent() && !cancelled(override) && overlaps(start.get(), end.get(), from, to)) {
          add(found, override, uid + "@" + recurrenceId.get(), start.get(), end.get());
        }
      }
      for (VEvent master : events) {
        if (master.getProperty(Property.RECURRENCE_ID).isPresent() || cancelled(master)) {
          continue;
        }
        Temporal first = master.getDateTimeStart() == null ? null : master.getDateTimeStart().getDate();
        if (first == null || first instanceof LocalDate) {
          continue;
        }
        for (Period<Temporal> occurrence : master.<Temporal>calculateRecurrenceSet(window(first, from, to))) {
          Instant start = instant(occurrence.getStart());
          Instant end = instant(occurrence.getEnd());
          if (start == null || end == null || replaced.contains(start) || !overlaps(start, end, from, to)) {
            continue;
          }
          add(found, master, uid + "@" + start, start, end);
        }
      }
    });
    found.sort(Comparator.comparing(CalendarEvent::start).thenComparing(CalendarEvent::id));
    return found;
  }

  private void add(List<CalendarEvent> found, VEvent event, String id, Instant start, Instant end) {
    String summary = event.getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
    boolean session = sessions.matcher(summary).find() || event.<Categories>getProperties(Property.CATEGORIES).stream()
        .flatMap(c -> c.getCategories().getTexts().stream())
        .anyMatch(category -> sessions.matcher(category).find());
    boolean free = event.getProperty(Property.TRANSP).map(Property::getValue).filter("TRANSPARENT"::equalsIgnoreCase).isPresent();
    if (!session && free) {
      return;
    }
    found.add(new CalendarEvent(person, id, summary, start, end.isBefore(start) ? start : end,
        session ? CalendarEvent.Kind.THERAPY : CalendarEvent.Kind.BUSY));
  }

  /** The window in the same kind of time as the event's start, which ical4j compares it with. */
  private Period<? extends Temporal> window(Temporal first, Instant from, Instant to) {
    if (first instanceof LocalDateTime) {
      return new Period<>(LocalDateTime.ofInstant(from, floating), LocalDateTime.ofInstant(to, floating));
    }
    if (first instanceof ZonedDateTime zoned) {
      return new Period<>(from.atZone(zoned.getZone()), to.atZone(zoned.getZone()));
    }
    return new Period<>(from.atZone(ZoneOffset.UTC), to.atZone(ZoneOffset.UTC));
  }

  private static boolean cancelled(VEvent event) {
    return event.getProperty(Property.STATUS).map(Property::getValue).filter("CANCELLED"::equalsIgnoreCase).isPresent();
  }

  private static boolean overlaps(Instant start, Instant end, Instant from, Instant to) {
    return start.isBefore(to) && end.isAfter(from);
  }

  /** The instant of an iCalendar time; null for a date without a time (all day). */
  private Instant instant(Temporal time) {
    if (time instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (time instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (time instanceof Instant instant) {
      return instant;
    }
    if (time instanceof LocalDateTime local) {
      return local.atZone(floating).toInstant();
    }
    if (time instanceof LocalDate) {
      return null;
    }
    throw new IllegalArgumentException("unsupported iCalendar time " + time);
  }
}
