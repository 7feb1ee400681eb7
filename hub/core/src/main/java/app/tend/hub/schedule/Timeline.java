package app.tend.hub.schedule;

import app.tend.api.DailyWindow;
import app.tend.api.message.CalendarEvent;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.ScheduleStatus.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One person's schedule: calendar events plus what the person said ("my session is starting", "I'm
 * back"), and the state that follows at any instant. Not thread-safe; owned by {@link Schedules}.
 */
final class Timeline {

  /**
   * A session as it actually went, where it differs from the calendar or is not in it. A null end means
   * not ended yet: the calendar's end, or the manual session length for a session only said by hand.
   */
  record Fact(String id, String summary, Instant start, Instant end) {}

  private final String person;
  private final ZoneId zone;
  private final Optional<DailyWindow> quiet;
  private final Duration before;
  private final Duration decompress;
  private final Duration manual;
  private List<CalendarEvent> events = List.of();
  private final Map<String, Fact> facts = new LinkedHashMap<>();

  Timeline(String person, ZoneId zone, Optional<DailyWindow> quiet, Duration before, Duration decompress, Duration manual) {
    this.person = person;
    this.zone = zone;
    this.quiet = quiet;
    this.before = before;
    this.decompress = decompress;
    this.manual = manual;
  }

  void setEvents(List<CalendarEvent> calendar) {
    this.events = calendar.stream().filter(e -> e.end().isAfter(e.start())).sorted(Comparator.comparing(CalendarEvent::start)).toList();
  }

  /** Records how a session actually went; replaces an earlier fact of the same id. */
  void remember(Fact fact) {
    facts.put(fact.id(), fact);
  }

  /** Forgets how sessions actually went (the person's data was erased); the calendar stays. */
  void forgetFacts() {
    facts.clear();
  }

  Optional<Fact> fact(String id) {
    return Optional.ofNullable(facts.get(id));
  }

  /** Every session: the calendar's therapy events, corrected by the facts, plus sessions only the facts know. */
  List<Session> sessions() {
    List<Session> all = new ArrayList<>();
    for (CalendarEvent event : events) {
      if (event.kind() != CalendarEvent.Kind.THERAPY) {
        continue;
      }
      Fact fact = facts.get(event.id());
      Instant start = fact != null ? fact.start() : event.start();
      Instant end = fact != null && fact.end() != null ? fact.end() : event.end();
      all.add(new Session(event.id(), event.summary(), start, end.isBefore(start) ? start : end));
    }
    for (Fact fact : facts.values()) {
      boolean inCalendar = events.stream().anyMatch(e -> e.id().equals(fact.id()));
      if (!inCalendar) {
        Instant end = fact.end() != null ? fact.end() : fact.start().plus(manual);
        all.add(new Session(fact.id(), fact.summary(), fact.start(), end.isBefore(fact.start()) ? fact.start() : end));
      }
    }
    all.sort(Comparator.comparing(Session::start));
    return all;
  }

  /** The session running at {@code now}, if any. */
  Optional<Session> running(Instant now) {
    return sessions().stream().filter(s -> !now.isBefore(s.start()) && now.isBefore(s.end())).findFirst();
  }

  /** The next session starting after {@code now}, if any. */
  Optional<Session> next(Instant now) {
    return sessions().stream().filter(s -> s.start().isAfter(now)).findFirst();
  }

  /**
   * The state at {@code now}; see {@link ScheduleState} for which wins when several apply. Its {@code until} is
   * when a state that wins over it begins, if that comes before its own end (a busy event cuts the window after a
   * session short).
   */
  ScheduleStatus stateAt(Instant now) {
    boolean quietNow = quiet.map(w -> w.contains(now.atZone(zone).toLocalTime())).orElse(false);
    List<Session> sessions = sessions();
    Optional<Session> running = sessions.stream().filter(s -> !now.isBefore(s.start()) && now.isBefore(s.end())).findFirst();
    if (running.isPresent()) {
      return status(ScheduleState.IN_SESSION, quietNow, running.get(), running.get().end(), now);
    }
    Optional<Session> upcoming = sessions.stream().filter(s -> s.start().isAfter(now)).findFirst();
    Instant sessionStart = upcoming.map(Session::start).orElse(null);
    Optional<CalendarEvent> busy = events.stream()
        .filter(e -> e.kind() == CalendarEvent.Kind.BUSY && !now.isBefore(e.start()) && now.isBefore(e.end()))
        .max(Comparator.comparing(CalendarEvent::end));
    if (busy.isPresent()) {
      return status(ScheduleState.BUSY, quietNow, null, sooner(busy.get().end(), sessionStart), now);
    }
    Instant busyStart = events.stream()
        .filter(e -> e.kind() == CalendarEvent.Kind.BUSY && e.start().isAfter(now))
        .map(CalendarEvent::start).min(Comparator.naturalOrder()).orElse(null);
    Instant cut = sooner(busyStart, sessionStart);
    Optional<Session> ended = sessions.stream()
        .filter(s -> !now.isBefore(s.end()) && now.isBefore(s.end().plus(decompress)))
        .max(Comparator.comparing(Session::end));
    if (ended.isPresent()) {
      return status(ScheduleState.DECOMPRESS, quietNow, ended.get(), sooner(ended.get().end().plus(decompress), cut), now);
    }
    if (upcoming.isPresent() && !now.isBefore(upcoming.get().start().minus(before))) {
      return status(ScheduleState.BEFORE_SESSION, quietNow, upcoming.get(), sooner(upcoming.get().start(), busyStart), now);
    }
    Instant beforeSession = upcoming.map(s -> s.start().minus(before)).orElse(null);
    if (quietNow) {
      return status(ScheduleState.QUIET_HOURS, true, null, sooner(quietEnd(now), sooner(busyStart, beforeSession)), now);
    }
    Instant until = sooner(sooner(beforeSession, quietStart(now)), busyStart);
    return status(ScheduleState.BETWEEN, false, null, until, now);
  }

  /** The earlier of two times, either of which may be null (never). */
  private static Instant sooner(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private ScheduleStatus status(ScheduleState state, boolean quietNow, Session session, Instant until, Instant now) {
    return new ScheduleStatus(person, state, quietNow, session, until, now, next(now).orElse(null));
  }

  private Instant quietEnd(Instant now) {
    return quiet.map(w -> nextLocal(now, w.to())).orElse(null);
  }

  private Instant quietStart(Instant now) {
    return quiet.map(w -> nextLocal(now, w.from())).orElse(null);
  }

  /** The next instant after {@code now} at which the local time is {@code time}. */
  private Instant nextLocal(Instant now, LocalTime time) {
    ZonedDateTime local = now.atZone(zone);
    LocalDate day = local.toLocalDate();
    ZonedDateTime candidate = ZonedDateTime.of(day, time, zone);
    if (!candidate.toInstant().isAfter(now)) {
      candidate = ZonedDateTime.of(day.plusDays(1), time, zone);
    }
    return candidate.toInstant();
  }
}
