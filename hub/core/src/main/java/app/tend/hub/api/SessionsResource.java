package app.tend.hub.api;

import app.tend.hub.config.ScheduleConfig;
import app.tend.hub.schedule.ScheduleService;
import app.tend.hub.schedule.ScheduledSession;
import app.tend.hub.store.Store;
import app.tend.hub.store.StoredSession;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/sessions}: a person's therapy sessions (planned, running and past), adding one, and
 * starting or ending one by hand.
 */
public final class SessionsResource implements ApiResource {

  /**
   * A session as the API shows it.
   *
   * @param end when it ends or ended; null for a past session whose end was never seen
   * @param state {@code planned}, {@code running} or {@code ended}
   */
  record Session(String id, String person, String summary, String source, Instant start, Instant end, String state) {}

  private final PersonDirectory persons;
  private final ScheduleService schedule;
  private final Store store;
  private final Clock clock;
  private final ScheduleConfig config;

  SessionsResource(PersonDirectory persons, ScheduleService schedule, Store store, Clock clock, ScheduleConfig config) {
    this.persons = persons;
    this.schedule = schedule;
    this.store = store;
    this.clock = clock;
    this.config = config;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("listSessions").addHandler(this::list);
    operations.route("addSession").addHandler(this::add);
    operations.route("startSession").addHandler(ctx -> byHand(ctx, true));
    operations.route("endSession").addHandler(ctx -> byHand(ctx, false));
  }

  private void list(RoutingContext ctx) {
    String person = Requests.query(ctx, "person").orElseThrow();
    Instant now = clock.instant();
    Instant from = Requests.queryInstant(ctx, "from").orElse(now.minus(Duration.ofDays(7)));
    Instant to = Requests.queryInstant(ctx, "to").orElse(now.plus(Duration.ofDays(config.horizonDays())));
    if (!from.isBefore(to)) {
      throw ApiProblem.badRequest("query parameter from (" + from + ") must be before to (" + to + ")");
    }
    Future<List<Session>> sessions = persons.known(person)
        .compose(known -> Future.all(store.sessions(person, from, to), schedule.sessions(person)))
        .map(both -> merge(both.resultAt(0), both.resultAt(1), from, to));
    Replies.json(ctx, 200, sessions);
  }

  /** The schedule's view of each session wins; the store adds the past ones the schedule no longer holds. */
  private List<Session> merge(List<StoredSession> stored, List<ScheduledSession> scheduled, Instant from, Instant to) {
    Instant now = clock.instant();
    Map<String, Session> byId = new LinkedHashMap<>();
    for (StoredSession s : stored) {
      Instant start = s.startedAt() != null ? s.startedAt() : s.endedAt();
      byId.put(s.id(), new Session(s.id(), s.person(), s.summary(), s.source(), start, s.endedAt(),
          s.endedAt() == null ? "running" : "ended"));
    }
    for (ScheduledSession s : scheduled) {
      if (s.end().isAfter(from) && s.start().isBefore(to)) {
        byId.put(s.id(), view(s, now));
      }
    }
    List<Session> sorted = new ArrayList<>(byId.values());
    sorted.sort(Comparator.comparing(Session::start).thenComparing(Session::id));
    return sorted;
  }

  private static Session view(ScheduledSession s, Instant now) {
    String state = now.isBefore(s.start()) ? "planned" : now.isBefore(s.end()) ? "running" : "ended";
    return new Session(s.id(), s.person(), s.summary(), s.source(), s.start(), s.end(), state);
  }

  private void add(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String person = body.getString("person");
    Instant start = Requests.instant("body field start", body.getString("start"));
    Instant end = body.getString("end") == null ? start.plus(Duration.ofMinutes(config.manualSessionMinutes()))
        : Requests.instant("body field end", body.getString("end"));
    if (!end.isAfter(start)) {
      throw ApiProblem.badRequest("body field end (" + end + ") must be after start (" + start + ")");
    }
    String summary = body.getString("summary", "Therapy session");
    Future<Session> added = persons.knownField(person, "person")
        .compose(known -> schedule.add(person, summary, start, end))
        .map(s -> view(s, clock.instant()));
    Replies.json(ctx, 201, added);
  }

  private void byHand(RoutingContext ctx, boolean start) {
    String id = Requests.path(ctx, "id");
    String person = Requests.query(ctx, "person").orElse(null);
    Future<ScheduledSession> done = start ? schedule.start(person, id) : schedule.end(person, id);
    Replies.json(ctx, 200, done.map(s -> view(s, clock.instant())));
  }
}
