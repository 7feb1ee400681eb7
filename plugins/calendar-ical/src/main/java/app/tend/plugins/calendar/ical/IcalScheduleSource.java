package app.tend.plugins.calendar.ical;

import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.ScheduleSource;
import app.tend.api.message.CalendarEvent;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configured person's calendar as a {@link ScheduleSource}: read at start and every
 * {@code pollMinutes}, parsed on a worker thread, expanded into occurrences when the schedule asks. Each
 * calendar stands alone: one that cannot be read (missing file, server down, not a calendar) is logged and
 * counted, keeps its last good content, is tried again at the next poll, and never touches another person's.
 * Within a calendar, an event that cannot be read is skipped with a warning naming the source, line and UID.
 */
@Extension
public final class IcalScheduleSource implements ScheduleSource {

  private static final Logger log = LoggerFactory.getLogger(IcalScheduleSource.class);

  /** One person's calendar: where it comes from, how to read it, and the last good read. */
  private static final class Feed {
    final String person;
    final PersonCalendar settings;
    final CalendarFetcher fetcher;
    final Occurrences occurrences;
    volatile CalendarReader.Calendar calendar;
    /** Expansion problems already logged for the calendar read last, so each is logged once. */
    final Set<String> reported = ConcurrentHashMap.newKeySet();

    Feed(String person, PersonCalendar settings, CalendarFetcher fetcher) {
      this.person = person;
      this.settings = settings;
      this.fetcher = fetcher;
      this.occurrences = new Occurrences(person, settings.pattern());
    }
  }

  private final PluginContext context;
  private final CalendarIcalConfig config;
  private final Map<String, Feed> feeds = new LinkedHashMap<>();
  private HttpClient http;
  private long timer = -1;

  public IcalScheduleSource(PluginContext context) {
    this.context = context;
    this.config = context.config(CalendarIcalConfig.class);
  }

  @Override
  public Future<Void> start() {
    http = context.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(false));
    config.calendars().forEach((person, calendar) -> feeds.put(person,
        new Feed(person, calendar, new CalendarFetcher(context.vertx(), http, calendar.source()))));
    // Every first read is awaited, but none can fail the start: a bad calendar is one person's problem.
    List<Future<Void>> first = feeds.values().stream()
        .map(feed -> poll(feed).recover(e -> Future.<Void>succeededFuture())).toList();
    return Future.all(first).<Void>mapEmpty().onSuccess(ignored -> timer = context.vertx().setPeriodic(
        Duration.ofMinutes(config.pollMinutes()).toMillis(), id -> feeds.values().forEach(this::poll)));
  }

  @Override
  public Future<Void> stop() {
    if (timer >= 0) {
      context.vertx().cancelTimer(timer);
    }
    return http == null ? Future.succeededFuture() : http.close();
  }

  @Override
  public Future<List<CalendarEvent>> events(Instant from, Instant to) {
    List<Feed> ready = feeds.values().stream().filter(f -> f.calendar != null).toList();
    return context.vertx().executeBlocking(() -> {
      List<CalendarEvent> all = new ArrayList<>();
      for (Feed feed : ready) {
        CalendarReader.Calendar calendar = feed.calendar;
        try {
          all.addAll(feed.occurrences.between(calendar, from, to, problem -> {
            if (feed.reported.add(problem)) {
              log.warn("Calendar of {} ({}) {}", feed.person, feed.fetcher.label(), problem);
            }
          }));
        } catch (RuntimeException e) {
          if (feed.reported.add(String.valueOf(e))) {
            log.warn("Calendar of {} ({}) could not be expanded; it is left out", feed.person, feed.fetcher.label(), e);
          }
        }
      }
      return all;
    });
  }

  /** Reads every calendar again now (as the periodic poll does); completes when done, never fails. */
  Future<Void> pollAll() {
    return Future.all(feeds.values().stream().map(feed -> poll(feed).recover(e -> Future.<Void>succeededFuture())).toList())
        .mapEmpty();
  }

  private Future<Void> poll(Feed feed) {
    ZoneId floating = feed.settings.zoneId();
    return feed.fetcher.fetch()
        .compose(fetched -> fetched.isEmpty() ? Future.succeededFuture(Optional.<Read>empty())
            : context.vertx().executeBlocking(() -> Optional.of(new Read(fetched.get(),
                CalendarReader.read(fetched.get().content(), floating)))))
        .<Void>map(read -> {
          context.meters().counter(Meters.CALENDAR_FETCHES, "result", read.isPresent() ? "changed" : "unchanged").increment();
          read.ifPresent(r -> {
            feed.fetcher.accept(r.fetched());
            feed.calendar = r.calendar();
            feed.reported.clear();
            r.calendar().problems()
                .forEach(problem -> log.warn("Calendar of {} ({}) {}", feed.person, feed.fetcher.label(), problem));
            if (r.calendar().skipped() > 0) {
              context.meters().counter(Meters.CALENDAR_EVENTS_SKIPPED).increment(r.calendar().skipped());
            }
            log.info("Calendar of {} read from {}: {} events{}", feed.person, feed.fetcher.label(),
                r.calendar().events().size(),
                r.calendar().skipped() == 0 ? "" : ", " + r.calendar().skipped() + " skipped");
          });
          return null;
        })
        .onFailure(e -> {
          context.meters().counter(Meters.CALENDAR_FETCHES, "result", "failed").increment();
          log.warn("Calendar of {} (plugins.{}.calendars.{}.source) could not be read from {}: {}; {}", feed.person,
              context.pluginId(), feed.person, feed.fetcher.label(), message(e),
              feed.calendar == null ? "tried again at the next poll"
                  : "keeping the last one read, tried again at the next poll");
        });
  }

  /** A fetched version and what was read from it. */
  private record Read(CalendarFetcher.Fetched fetched, CalendarReader.Calendar calendar) {}

  private static String message(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
