package app.tend.hub.schedule;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.CalendarEvent;
import app.tend.api.message.Intent;
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
      List<CalendarEvent> events = new ArrayList<>();
      Map<String, String> sourceOf = new HashMap<>();
      lastBySource.forEach((source, list) -> {
        events.addAll(list);
        list.forEach(e -> sourceOf.put(e.id(), source));
      });
      schedules.setEvents(events, sourceOf);
      tick();
      return Future.succeededFuture();
    });
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
