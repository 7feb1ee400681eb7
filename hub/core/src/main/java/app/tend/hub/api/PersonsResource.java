package app.tend.hub.api;

import app.tend.api.message.PracticeSkipped;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.hub.coach.CoachVerticle;
import app.tend.hub.schedule.ScheduleService;
import app.tend.hub.schedule.ScheduledSession;
import app.tend.hub.store.Store;
import app.tend.hub.stress.StressService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/persons}: who the hub knows, each person's situation now, and their data: export it, or
 * erase it.
 */
public final class PersonsResource implements ApiResource {

  /**
   * A person's situation now, for the dashboard.
   *
   * @param stress the newest stress state, or null
   * @param schedule where they are in the rhythm of their therapy
   * @param nextSession the next session that has not started, or null
   * @param suggestion the suggestion on the table, or null
   * @param practiceSkipped the practice reminder the coach last let go, and why, or null
   */
  record Now(String person, StressState stress, ScheduleStatus schedule, ScheduledSession nextSession, Suggestion suggestion,
      PracticeSkipped practiceSkipped) {}

  /** What {@code DELETE /api/persons/{person}} erased: rows per table. */
  record Erased(String person, Map<String, Integer> erased) {}

  private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final PersonDirectory persons;
  private final LatestState latest;
  private final ScheduleService schedule;
  private final CoachVerticle coach;
  private final StressService stress;
  private final Store store;
  private final Clock clock;

  PersonsResource(Vertx vertx, PersonDirectory persons, LatestState latest, ScheduleService schedule, CoachVerticle coach,
      StressService stress, Store store, Clock clock) {
    this.vertx = vertx;
    this.persons = persons;
    this.latest = latest;
    this.schedule = schedule;
    this.coach = coach;
    this.stress = stress;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("listPersons").addHandler(ctx -> Replies.json(ctx, 200, persons.all()));
    operations.route("getNow").addHandler(this::now);
    operations.route("exportPerson").addHandler(this::export);
    operations.route("erasePerson").addHandler(this::erase);
  }

  private void now(RoutingContext ctx) {
    String person = Requests.path(ctx, "person");
    Future<Now> now = persons.known(person)
        .compose(known -> Future.all(
            latest.schedule(person).map(Future::succeededFuture).orElseGet(() -> schedule.status(person)),
            schedule.sessions(person)))
        .map(both -> {
          Instant at = clock.instant();
          ScheduledSession next = both.<List<ScheduledSession>>resultAt(1).stream()
              .filter(s -> s.start().isAfter(at)).findFirst().orElse(null);
          return new Now(person, latest.stress(person).orElse(null), both.resultAt(0), next,
              latest.suggestion(person).orElse(null), latest.practiceSkipped(person).orElse(null));
        });
    Replies.json(ctx, 200, now);
  }

  private void export(RoutingContext ctx) {
    String person = Requests.path(ctx, "person");
    boolean csv = Requests.query(ctx, "format").orElse("json").equals("csv");
    Instant at = clock.instant();
    persons.known(person)
        .compose(known -> PersonExport.read(store, person, at))
        .compose(data -> vertx.executeBlocking(() -> csv ? PersonExport.csvZip(data) : PersonExport.json(data)))
        .onSuccess(bytes -> ctx.response()
            .putHeader("Content-Type", csv ? "application/zip" : "application/json; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"tend-" + person + "-" + FILE_STAMP.format(at)
                + (csv ? ".zip" : ".json") + "\"")
            .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  private void erase(RoutingContext ctx) {
    String person = Requests.path(ctx, "person");
    String confirm = Requests.query(ctx, "confirm").orElse("");
    if (!confirm.equals(person)) {
      throw ApiProblem.badRequest("query parameter confirm: must repeat the person's id (?confirm=" + person
          + ") to erase everything stored about " + person + "; this cannot be undone");
    }
    Future<Erased> erased = persons.known(person)
        .compose(known -> coach.forget(person))
        .compose(forgotten -> schedule.forget(person))
        .compose(forgotten -> stress.forget(person))
        .compose(forgotten -> {
          latest.forget(person);
          return store.erase(person);
        })
        .map(counts -> new Erased(person, counts));
    Replies.json(ctx, 200, erased);
  }
}
