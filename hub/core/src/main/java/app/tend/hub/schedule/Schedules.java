package app.tend.hub.schedule;

import app.tend.api.message.CalendarEvent;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.ScheduleStatus.Session;
import app.tend.api.message.SessionEvent;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.ScheduleConfig;
import app.tend.hub.store.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every person's {@link Timeline}, and what changed since the last look: the statuses and session
 * events to publish. Synchronous and clock-free (callers pass {@code now}); owned by one event loop.
 */
public final class Schedules {

  /** What to publish after a change. */
  public record Changes(List<ScheduleStatus> statuses, List<SessionEvent> sessions) {
    static Changes none() {
      return new Changes(List.of(), List.of());
    }
  }

  /** The {@code source} of sessions added through the API. */
  public static final String API = "api";

  /** The {@code source} of sessions the schedule made up itself (from calendars it keeps the plugin's id). */
  static final String CALENDAR = "calendar";

  private final Function<String, PersonConfig> persons;
  private final ScheduleConfig config;
  private final Set<String> configured;
  private final Map<String, Timeline> timelines = new LinkedHashMap<>();
  private final Map<String, ScheduleStatus> published = new HashMap<>();
  private final Map<String, Session> running = new HashMap<>();
  private final Map<String, String> sources = new HashMap<>();

  /**
   * @param configured the persons in the config, who always have a schedule
   * @param persons every person's settings (defaults for those not configured)
   */
  public Schedules(Collection<String> configured, Function<String, PersonConfig> persons, ScheduleConfig config) {
    this.persons = persons;
    this.config = config;
    this.configured = Set.copyOf(configured);
    configured.forEach(this::timeline);
  }

  /** Replaces every calendar event; persons who have none get an empty calendar. */
  public void setEvents(List<CalendarEvent> events, Map<String, String> sourceOfEvent) {
    Map<String, List<CalendarEvent>> byPerson = events.stream().collect(Collectors.groupingBy(CalendarEvent::person));
    byPerson.keySet().forEach(this::timeline);
    timelines.forEach((person, timeline) -> timeline.setEvents(byPerson.getOrDefault(person, List.of())));
    sources.putAll(sourceOfEvent);
  }

  /** Takes in a session from the store (after a restart), so sessions said by hand and early ends are kept. */
  public void remember(StoredSession session) {
    if (session.startedAt() == null && session.endedAt() == null) {
      return;
    }
    Instant start = session.startedAt() != null ? session.startedAt() : session.endedAt();
    timeline(session.person()).remember(new Timeline.Fact(session.id(), session.summary(), start, session.endedAt()));
    sources.put(session.id(), session.source());
  }

  /** "My session is starting": starts the session due now, or one of the person's own. */
  public Changes startedByHand(String person, String source, Instant now) {
    Timeline timeline = timeline(person);
    if (timeline.running(now).isPresent()) {
      return evaluate(now);
    }
    Optional<Session> due = timeline.next(now)
        .filter(s -> !now.isBefore(s.start().minus(Duration.ofMinutes(config.beforeSessionMinutes()))));
    if (due.isPresent()) {
      timeline.remember(new Timeline.Fact(due.get().id(), due.get().summary(), now, due.get().end()));
    } else {
      String id = "manual-" + now.getEpochSecond();
      timeline.remember(new Timeline.Fact(id, "Therapy session", now, null));
      sources.put(id, source);
    }
    return evaluate(now);
  }

  /** "I'm back from therapy": ends the running session now, or records one that just ended. */
  public Changes overByHand(String person, String source, Instant now) {
    Timeline timeline = timeline(person);
    Optional<Session> current = timeline.running(now);
    if (current.isPresent()) {
      timeline.remember(new Timeline.Fact(current.get().id(), current.get().summary(), current.get().start(), now));
      return evaluate(now);
    }
    if (timeline.stateAt(now).state() == ScheduleState.DECOMPRESS) {
      return evaluate(now);
    }
    String id = "manual-" + now.getEpochSecond();
    timeline.remember(new Timeline.Fact(id, "Therapy session", now, now));
    sources.put(id, source);
    Changes changes = evaluate(now);
    List<SessionEvent> events = new ArrayList<>(changes.sessions());
    events.add(new SessionEvent(person, id, SessionEvent.Type.ENDED, now, "Therapy session", source));
    return new Changes(changes.statuses(), events);
  }

  /**
   * Starts a planned session by hand now, ahead of its planned start; its planned end stays.
   *
   * @param person the owner, or null to find the session among everyone's
   * @throws SessionRefusedException when no such session is known, the id is ambiguous, the session is
   *     running or over, or another session of the person is running
   */
  public Changes startById(String person, String id, Instant now) {
    Located found = locate(person, id);
    Session session = found.session();
    refuseUnlessPlanned(found, now);
    Optional<Session> other = found.timeline().running(now);
    if (other.isPresent()) {
      throw new SessionRefusedException(SessionRefusedException.Reason.CONFLICT,
          "session '" + other.get().id() + "' of " + found.person() + " is running; end it first");
    }
    found.timeline().remember(new Timeline.Fact(session.id(), session.summary(), now, session.end()));
    return evaluate(now);
  }

  /**
   * Ends a running session by hand now.
   *
   * @param person the owner, or null to find the session among everyone's
   * @throws SessionRefusedException when no such session is known, the id is ambiguous or it is not running
   */
  public Changes endById(String person, String id, Instant now) {
    Located found = locate(person, id);
    Session session = found.session();
    if (now.isBefore(session.start())) {
      throw new SessionRefusedException(SessionRefusedException.Reason.CONFLICT,
          "session '" + id + "' has not started (it starts at " + session.start() + ")");
    }
    if (!now.isBefore(session.end())) {
      throw new SessionRefusedException(SessionRefusedException.Reason.CONFLICT,
          "session '" + id + "' is already over (it ended at " + session.end() + ")");
    }
    found.timeline().remember(new Timeline.Fact(session.id(), session.summary(), session.start(), now));
    return evaluate(now);
  }

  /** A person's sessions as the schedule sees them now: calendars, sessions added and what was said by hand. */
  public List<ScheduledSession> sessions(String person) {
    return timeline(person).sessions().stream().map(s -> view(person, s)).toList();
  }

  private ScheduledSession view(String person, Session s) {
    return new ScheduledSession(person, s.id(), s.summary(), sources.getOrDefault(s.id(), CALENDAR), s.start(), s.end());
  }

  /**
   * The session with this id.
   *
   * @param person the owner, or null to look among everyone's
   * @throws SessionRefusedException when it is unknown or the id is ambiguous
   */
  public ScheduledSession find(String person, String id) {
    Located found = locate(person, id);
    return view(found.person(), found.session());
  }

  private record Located(String person, Timeline timeline, Session session) {}

  private Located locate(String person, String id) {
    List<Located> found = new ArrayList<>();
    timelines.forEach((owner, timeline) -> {
      if (person == null || person.equals(owner)) {
        timeline.sessions().stream().filter(s -> s.id().equals(id)).findFirst()
            .ifPresent(s -> found.add(new Located(owner, timeline, s)));
      }
    });
    if (found.isEmpty()) {
      throw new SessionRefusedException(SessionRefusedException.Reason.UNKNOWN,
          "no session '" + id + "'" + (person == null ? "" : " of " + person) + " in the schedule");
    }
    if (found.size() > 1) {
      throw new SessionRefusedException(SessionRefusedException.Reason.AMBIGUOUS, "session '" + id + "' is in the schedules of "
          + found.stream().map(Located::person).toList() + "; name the person");
    }
    return found.get(0);
  }

  private static void refuseUnlessPlanned(Located found, Instant now) {
    Session session = found.session();
    if (!now.isBefore(session.end())) {
      throw new SessionRefusedException(SessionRefusedException.Reason.CONFLICT,
          "session '" + session.id() + "' is already over (it ended at " + session.end() + ")");
    }
    if (!now.isBefore(session.start())) {
      throw new SessionRefusedException(SessionRefusedException.Reason.CONFLICT,
          "session '" + session.id() + "' is already running (since " + session.start() + ")");
    }
  }

  /**
   * Forgets what a person said about their sessions (their data was erased); their calendar stays. Someone not in
   * the config with no calendar events left has no schedule any more, so nothing is published about them.
   */
  public void forget(String person, boolean inACalendar) {
    Timeline timeline = timelines.get(person);
    if (timeline != null) {
      timeline.forgetFacts();
    }
    if (!configured.contains(person) && !inACalendar) {
      timelines.remove(person);
      published.remove(person);
      running.remove(person);
    }
  }

  /** Looks at every person at {@code now}: the statuses that changed and the sessions that started or ended. */
  public Changes evaluate(Instant now) {
    List<ScheduleStatus> statuses = new ArrayList<>();
    List<SessionEvent> events = new ArrayList<>();
    timelines.forEach((person, timeline) -> {
      ScheduleStatus status = timeline.stateAt(now);
      Session current = status.state() == ScheduleState.IN_SESSION ? status.session() : null;
      Session previous = running.get(person);
      if (previous != null && (current == null || !current.id().equals(previous.id()))) {
        Instant end = timeline.sessions().stream().filter(s -> s.id().equals(previous.id())).map(Session::end)
            .filter(e -> !e.isAfter(now)).findFirst().orElse(now);
        events.add(event(person, previous, SessionEvent.Type.ENDED, end));
      }
      if (current != null && (previous == null || !current.id().equals(previous.id()))) {
        events.add(event(person, current, SessionEvent.Type.STARTED, current.start()));
      }
      if (current == null) {
        running.remove(person);
      } else {
        running.put(person, current);
      }
      if (changed(published.get(person), status)) {
        published.put(person, status);
        statuses.add(status);
      }
    });
    return new Changes(statuses, events);
  }

  /** A person's status at {@code now}. */
  public ScheduleStatus status(String person, Instant now) {
    return timeline(person).stateAt(now);
  }

  /** Every person with a schedule. */
  public List<String> persons() {
    return List.copyOf(timelines.keySet());
  }

  private SessionEvent event(String person, Session session, SessionEvent.Type type, Instant time) {
    return new SessionEvent(person, session.id(), type, time, session.summary(), sources.getOrDefault(session.id(), CALENDAR));
  }

  private static boolean changed(ScheduleStatus before, ScheduleStatus now) {
    return before == null
        || before.state() != now.state()
        || before.quietHours() != now.quietHours()
        || !Objects.equals(before.session() == null ? null : before.session().id(), now.session() == null ? null : now.session().id())
        || !Objects.equals(before.next() == null ? null : before.next().start(), now.next() == null ? null : now.next().start());
  }

  private Timeline timeline(String person) {
    return timelines.computeIfAbsent(person, id -> {
      PersonConfig settings = persons.apply(id);
      return new Timeline(id, settings.zoneId(), settings.quiet(),
          Duration.ofMinutes(config.beforeSessionMinutes()), Duration.ofMinutes(config.decompressMinutes()),
          Duration.ofMinutes(config.manualSessionMinutes()));
    });
  }
}
