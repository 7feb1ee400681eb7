package app.tend.hub.schedule;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.CalendarEvent;
import app.tend.api.message.Intent;
import app.tend.api.message.ScheduleStatus;
import app.tend.hub.config.ScheduleConfig;
import app.tend.hub.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule stage: knows, for every person, whether they are before, in or after a therapy session,
 * busy, in quiet hours or between sessions. Fed by the calendars ({@link CalendarFeed}) and by what the
 * person says ({@code SESSION_STARTED} and {@code SESSION_OVER} intents); publishes
 * {@link app.tend.api.message.ScheduleStatus} changes and {@link app.tend.api.message.SessionEvent}s.
 *
 * <p>Looks at the clock every {@value #TICK_SECONDS} seconds, so a session that starts or ends in the
 * calendar is noticed within that time.
 */
public final class ScheduleService extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);
  static final int TICK_SECONDS = 20;

  private final Schedules schedules;
  private final CalendarFeed feed;
  private final Store store;
  private final Clock clock;
  private final ScheduleConfig config;
  private final MeterRegistry meters;
  private final Map<String, List<CalendarEvent>> lastBySource = new HashMap<>();
  private final List<CalendarEvent> added = new ArrayList<>();

  public ScheduleService(Schedules schedules, CalendarFeed feed, Store store, Clock clock, ScheduleConfig config,
      MeterRegistry meters) {
    this.schedules = schedules;
    this.feed = feed;
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    Instant now = clock.instant();
    Instant since = now.minus(Duration.ofMinutes(config.decompressMinutes() + config.manualSessionMinutes()));
    List<Future<Void>> loads = new ArrayList<>();
    for (String person : schedules.persons()) {
      loads.add(store.sessions(person, since, now.plusSeconds(1)).map(sessions -> {
        sessions.forEach(schedules::remember);
        return null;
      }));
    }
    loads.add(store.addedSessions(now.minus(Duration.ofMinutes(config.decompressMinutes())).minus(Duration.ofDays(1)))
        .map(sessions -> {
          added.addAll(sessions);
          return null;
        }));
    return Future.all(loads).compose(loaded -> {
      vertx.eventBus().<Intent>consumer(Addresses.INTENTS.name(), message -> onIntent(message.body()));
      vertx.setPeriodic(TICK_SECONDS * 1000L, id -> tick());
      vertx.setPeriodic(Duration.ofMinutes(config.refreshMinutes()).toMillis(), id -> load());
      return load();
    });
  }

  /** Asks the calendars again, then looks at the clock; runs on this service's event loop. */
  public Future<Void> refresh() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> load().onComplete(done));
    return done.future();
  }

  private Future<Void> load() {
    Instant now = clock.instant();
    Instant from = now.minus(Duration.ofMinutes(config.decompressMinutes())).minus(Duration.ofDays(1));
    Instant to = now.plus(Duration.ofDays(config.horizonDays()));
    Map<String, Future<List<CalendarEvent>>> asked = feed.events(from, to);
    List<Future<List<CalendarEvent>>> answers = new ArrayList<>(asked.values());
    return Future.join(answers).<Void>transform(ignored -> {
      lastBySource.keySet().retainAll(asked.keySet());
      asked.forEach((source, answer) -> {
        if (answer.succeeded()) {
          lastBySource.put(source, answer.result());
        } else {
          meters.counter(Meters.SCHEDULE_SOURCE_FAILED, Meters.TAG_PLUGIN, source).increment();
          log.warn("Calendar {} failed, keeping its last events: {}", source, answer.cause().getMessage());
        }
      });
      setEvents();
      return Future.succeededFuture();
    });
  }

  private void setEvents() {
    List<CalendarEvent> events = new ArrayList<>(added);
    Map<String, String> sourceOf = new HashMap<>();
    added.forEach(e -> sourceOf.put(e.id(), Schedules.API));
    lastBySource.forEach((source, list) -> {
      events.addAll(list);
      list.forEach(e -> sourceOf.put(e.id(), source));
    });
    schedules.setEvents(events, sourceOf);
    tick();
  }

  /** A person's sessions as the schedule sees them now, by start. */
  public Future<List<ScheduledSession>> sessions(String person) {
    return onContext(() -> schedules.sessions(person));
  }

  /** A person's schedule status now. */
  public Future<ScheduleStatus> status(String person) {
    return onContext(() -> schedules.status(person, clock.instant()));
  }

  /**
   * Adds a therapy session (as if from a calendar, with source {@code api}); stored first, so it survives
   * a restart.
   */
  public Future<ScheduledSession> add(String person, String summary, Instant start, Instant end) {
    CalendarEvent session = new CalendarEvent(person, "api-" + UUID.randomUUID(), summary, start, end,
        CalendarEvent.Kind.THERAPY);
    return store.saveAddedSession(session, clock.instant()).compose(saved -> onContext(() -> {
      added.add(session);
      setEvents();
      log.info("Session {} of {} added: {} to {}", session.id(), person, start, end);
      return new ScheduledSession(person, session.id(), session.summary(), Schedules.API, start, end);
    }));
  }

  /**
   * Starts a planned session now, by hand.
   *
   * @param person the owner, or null to find it among everyone's
   * @return the session as it now is; fails with {@link SessionRefusedException} saying why not
   */
  public Future<ScheduledSession> start(String person, String id) {
    return byHand(person, id, (owner, now) -> schedules.startById(owner, id, now));
  }

  /**
   * Ends a running session now, by hand.
   *
   * @param person the owner, or null to find it among everyone's
   * @return the session as it now is; fails with {@link SessionRefusedException} saying why not
   */
  public Future<ScheduledSession> end(String person, String id) {
    return byHand(person, id, (owner, now) -> schedules.endById(owner, id, now));
  }

  private Future<ScheduledSession> byHand(String person, String id, BiFunction<String, Instant, Schedules.Changes> change) {
    return onContext(() -> {
      String owner = schedules.find(person, id).person();
      publish(change.apply(owner, clock.instant()));
      return schedules.find(owner, id);
    });
  }

  /** Forgets a person's added sessions and what they said by hand (their stored data is being erased). */
  public Future<Void> forget(String person) {
    return onContext(() -> {
      added.removeIf(e -> e.person().equals(person));
      schedules.forget(person, lastBySource.values().stream().flatMap(List::stream).anyMatch(e -> e.person().equals(person)));
      setEvents();
      return null;
    });
  }

  /** Runs {@code work} on this service's event loop, which owns the schedules. */
  private <T> Future<T> onContext(Supplier<T> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(ignored -> {
      try {
        done.complete(work.get());
      } catch (RuntimeException e) {
        done.fail(e);
      }
    });
    return done.future();
  }

  private void onIntent(Intent intent) {
    Instant now = clock.instant();
    switch (intent.kind()) {
      case SESSION_STARTED -> publish(schedules.startedByHand(intent.person(), intent.source(), now));
      case SESSION_OVER -> publish(schedules.overByHand(intent.person(), intent.source(), now));
      default -> { }
    }
  }

  private void tick() {
    publish(schedules.evaluate(clock.instant()));
  }

  private void publish(Schedules.Changes changes) {
    changes.sessions().forEach(event -> {
      log.info("Session {} of {} {} at {}", event.sessionId(), event.person(), event.type(), event.time());
      vertx.eventBus().publish(Addresses.SESSIONS.name(), event);
    });
    changes.statuses().forEach(status -> vertx.eventBus().publish(Addresses.SCHEDULE.name(), status));
  }
}
