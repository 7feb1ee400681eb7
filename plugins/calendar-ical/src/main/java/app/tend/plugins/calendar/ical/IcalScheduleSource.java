package app.tend.plugins.calendar.ical;

import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.ScheduleSource;
import app.tend.api.message.CalendarEvent;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configured person's calendar as a {@link ScheduleSource}: read at start and every
 * {@code pollMinutes}, parsed with ical4j on a worker thread, expanded into occurrences when the
 * schedule asks. A calendar that cannot be read keeps its last good content.
 */
@Extension
public final class IcalScheduleSource implements ScheduleSource {

  private static final Logger log = LoggerFactory.getLogger(IcalScheduleSource.class);

  /** One person's calendar: where it comes from, how to read it, and the last good parse. */
  private static final class Feed {
    final String person;
    final CalendarFetcher fetcher;
    final Occurrences occurrences;
    volatile Calendar calendar;

    Feed(String person, CalendarFetcher fetcher, Occurrences occurrences) {
      this.person = person;
      this.fetcher = fetcher;
      this.occurrences = occurrences;
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
    config.calendars().forEach((person, calendar) -> feeds.put(person, new Feed(person,
        new CalendarFetcher(context.vertx(), http, calendar.source()),
        new Occurrences(person, calendar.pattern(), calendar.zoneId()))));
    List<Future<Void>> first = new ArrayList<>();
    for (Feed feed : feeds.values()) {
      Future<Void> read = poll(feed);
      // A missing file is a setup mistake: say so at start. A server that is down may come back.
      first.add(config.calendars().get(feed.person).remote() ? read.recover(e -> Future.succeededFuture()) : read);
    }
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
        all.addAll(feed.occurrences.between(feed.calendar, from, to));
      }
      return all;
    });
  }

  /** Reads every calendar again now (as the periodic poll does); completes when done. */
  Future<Void> pollAll() {
    return Future.all(feeds.values().stream().map(this::poll).toList()).mapEmpty();
  }

  private Future<Void> poll(Feed feed) {
    return feed.fetcher.fetch()
        .compose(content -> content.isEmpty() ? Future.succeededFuture(Optional.<Calendar>empty())
            : context.vertx().executeBlocking(() -> Optional.of(new CalendarBuilder().build(new ByteArrayInputStream(content.get())))))
        .<Void>map(parsed -> {
          context.meters().counter(Meters.CALENDAR_FETCHES, "result", parsed.isPresent() ? "changed" : "unchanged").increment();
          parsed.ifPresent(calendar -> {
            feed.calendar = calendar;
            log.info("Calendar of {} read from {}", feed.person, feed.fetcher.label());
          });
          return null;
        })
        .onFailure(e -> {
          context.meters().counter(Meters.CALENDAR_FETCHES, "result", "failed").increment();
          log.warn("Calendar of {} from {} could not be read{}: {}", feed.person, feed.fetcher.label(),
              feed.calendar == null ? "" : " (keeping the last one read)", e.getMessage());
        });
  }
}
